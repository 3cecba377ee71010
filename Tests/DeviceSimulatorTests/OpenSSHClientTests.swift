import DeviceSimulator
import Foundation
import Testing
import TestSupport

/// The system's OpenSSH client against the simulator: password (through SSH_ASKPASS reading the
/// owner-only password file), the generated client key, and strict host-key checking against the
/// generated known_hosts.
struct OpenSSHClientTests {
    static let ssh = ["/usr/bin/ssh", "/usr/local/bin/ssh", "/bin/ssh"].first { FileManager.default.isExecutableFile(atPath: $0) }

    struct Run {
        var status: Int32
        var output: [UInt8]
        var errors: String
    }

    private func ssh(_ harness: SimulatorHarness, port: Int, key: Bool, command: String) throws -> Run {
        let askpass = harness.state.appendingPathComponent("askpass.sh")
        if !FileManager.default.fileExists(atPath: askpass.path) {
            try "#!/bin/sh\nexec cat '\(harness.state.appendingPathComponent("password").path)'\n".write(to: askpass, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: askpass.path)
        }
        var arguments = [
            "-F", "/dev/null", "-p", "\(port)",
            "-o", "UserKnownHostsFile=\(harness.state.appendingPathComponent("known_hosts").path)",
            "-o", "StrictHostKeyChecking=yes", "-o", "ConnectTimeout=5", "-o", "NumberOfPasswordPrompts=1",
        ]
        if key {
            arguments += ["-i", harness.state.appendingPathComponent("id_ed25519").path, "-o", "IdentitiesOnly=yes",
                          "-o", "PreferredAuthentications=publickey", "-o", "BatchMode=yes"]
        } else {
            arguments += ["-o", "PubkeyAuthentication=no", "-o", "PreferredAuthentications=password"]
        }
        var environment = ProcessInfo.processInfo.environment
        environment["SSH_ASKPASS"] = askpass.path
        environment["SSH_ASKPASS_REQUIRE"] = "force"
        environment["DISPLAY"] = environment["DISPLAY"] ?? ":0"
        let output = try Subprocess.run(Self.ssh!, arguments + ["admin@127.0.0.1", command], environment: environment)
        return Run(status: output.status, output: output.stdoutBytes, errors: output.stderr)
    }

    @Test func openSSHCollectsWithPasswordAndKeyAndRefusesAChangedKey() async throws {
        guard Self.ssh != nil else {
            print("skipped: no OpenSSH client (ssh) on this machine")
            return
        }
        try await SimulatorHarness.with(devices: 6, vendors: [.ciscoIOS, .openWrt], faults: "hostkey-changed=34%") { harness in
            let changed = try harness.ports(withFault: "hostkey-changed")
            #expect(changed.count == 2)
            for device in harness.simulator.devices {
                if changed.contains(device.port) {
                    let run = try ssh(harness, port: device.port, key: false, command: "show version")
                    #expect(run.status == 255)
                    #expect(run.errors.contains("REMOTE HOST IDENTIFICATION HAS CHANGED"))
                    #expect(run.output.isEmpty)
                    continue
                }
                let files = try SimulatorHarness.fixtureFiles(device.vendor.rawValue)
                let fixture = files[(device.index / 2) % files.count]
                for key in [false, true] {
                    if device.vendor == .ciscoIOS {
                        let run = try ssh(harness, port: device.port, key: key, command: "show running-config")
                        #expect(run.status == 0, "\(run.errors)")
                        #expect(unixLines(run.output).suffix(try SimulatorHarness.bytes(fixture).count).elementsEqual(try SimulatorHarness.bytes(fixture)))
                    } else {
                        let run = try ssh(harness, port: device.port, key: key, command: "cat /etc/config/firewall")
                        #expect(run.status == 0, "\(run.errors)")
                        #expect(run.output == (try SimulatorHarness.bytes(fixture.appendingPathComponent("firewall"))))
                    }
                }
            }
        }
    }
}
