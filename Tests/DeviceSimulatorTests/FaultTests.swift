import DeviceSimulator
import Foundation
import NIOCore
import NIOSSH
import Testing

/// Each injected fault behaves as `faults.tsv` declares, seen from a real SSH client.
struct FaultTests {
    static let spec = "hang=10%,refuse=10%,hostkey-changed=10%,drop-mid-output=10%,flood=10%,wrong-password=10%"

    @Test func everyFaultBehavesAsDeclared() async throws {
        try await SimulatorHarness.with(devices: 40, vendors: [.ciscoIOS], faults: Self.spec) { harness in
            for fault in ["hang", "refuse", "hostkey-changed", "drop-mid-output", "flood", "wrong-password"] {
                #expect(try harness.ports(withFault: fault).count == 4, "\(fault)")
            }
            let fixtures = try SimulatorHarness.fixtureFiles("cisco-ios").map(SimulatorHarness.bytes)
            func fullOutput(_ port: Int) -> [UInt8] {
                let device = harness.device(port: port)
                let fixture = fixtures[device.index % fixtures.count]
                return Array("Building configuration...\r\n\r\nCurrent configuration : \(fixture.count) bytes\r\n".utf8)
                    + Array(text(fixture).replacingOccurrences(of: "\n", with: "\r\n").utf8)
            }

            // hang: authenticates, then nothing (even devices) or half the output (odd), never the end.
            for port in try harness.ports(withFault: "hang") {
                let result = try await harness.exec(port: port, "show running-config", timeout: .milliseconds(1500))
                #expect(result.timedOut)
                #expect(result.exitStatus == nil)
                let full = fullOutput(port)
                #expect(result.output.count <= full.count / 2)
                #expect(full.starts(with: result.output))
                if harness.device(port: port).index % 2 == 0 { #expect(result.output.isEmpty) }
            }

            // refuse: nothing listening, or accepted and closed before the SSH banner.
            for port in try harness.ports(withFault: "refuse") {
                await #expect(throws: (any Error).self) { _ = try await harness.connect(port: port).exec("show version") }
            }

            // hostkey-changed: the key presented is not the one in known_hosts.
            for port in try harness.ports(withFault: "hostkey-changed") {
                let known = try harness.knownHostKey(port: port)
                do {
                    _ = try await harness.exec(port: port, "show version")
                    Issue.record("port \(port): connected despite a changed host key")
                } catch let SimpleSSHClient.Failure.hostKeyMismatch(presented) {
                    let presentedKey = try NIOSSHPublicKey(openSSHPublicKey: presented)
                    #expect(presentedKey != known)
                }
            }

            // wrong-password: the password in STATE/password is refused.
            for port in try harness.ports(withFault: "wrong-password") {
                await #expect(throws: SimpleSSHClient.Failure.authenticationFailed) {
                    _ = try await harness.exec(port: port, "show version")
                }
            }

            // drop-mid-output: part of the configuration, then the connection is gone.
            for port in try harness.ports(withFault: "drop-mid-output") {
                let result = try await harness.exec(port: port, "show running-config", timeout: .seconds(5))
                let full = fullOutput(port)
                #expect(!result.timedOut)
                #expect(result.exitStatus == nil)
                #expect(!result.output.isEmpty && result.output.count < full.count)
                #expect(full.starts(with: result.output))
            }

            // flood: output without end (the client stops reading at its limit).
            for port in try harness.ports(withFault: "flood") {
                let result = try await harness.exec(port: port, "show running-config", timeout: .seconds(10), limit: 1 << 20)
                #expect(result.output.count > 1 << 20)
                #expect(result.overLimit)
                #expect(!result.timedOut)
                #expect(result.output.starts(with: fullOutput(port)))
            }

            // The healthy devices answer in full.
            for port in try harness.ports(withFault: "none") {
                let result = try await harness.exec(port: port, "show running-config")
                #expect(result.output == fullOutput(port))
            }
        }
    }

    /// A hung device's shell shows nothing at all: no banner, no prompt.
    @Test func hungShellSendsNothing() async throws {
        try await SimulatorHarness.with(devices: 10, vendors: [.ciscoIOS], faults: "hang=100%") { harness in
            let device = try #require(harness.simulator.devices.first { $0.index % 2 == 0 })
            let client = try await harness.connect(port: device.port)
            let shell = try await client.shell(rows: 24)
            try await shell.send("\r")
            let (bytes, found) = await shell.read(until: ">", timeout: .seconds(1))
            #expect(!found)
            #expect(bytes.isEmpty)
            await client.close()
        }
    }
}
