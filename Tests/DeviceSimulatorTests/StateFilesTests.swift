import Crypto
import DeviceSimulator
import Foundation
import NIOSSH
import Testing

/// The state folder other tools read: formats, permissions, and keys that survive a restart.
struct StateFilesTests {
    private func mode(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func filesAreCompleteAndSecretsOwnerOnly() async throws {
        try await SimulatorHarness.with(devices: 30, faults: "refuse=10%,hang=10%") { harness in
            let state = harness.state
            #expect(try mode(state.appendingPathComponent("password")) == 0o600)
            #expect(try mode(state.appendingPathComponent("id_ed25519")) == 0o600)
            let password = harness.password
            #expect(password.count >= 16)
            #expect(!password.contains("\n"))

            let knownHosts = try String(contentsOf: state.appendingPathComponent("known_hosts"), encoding: .utf8)
            let lines = knownHosts.split(separator: "\n")
            #expect(lines.count == 30)
            for (line, device) in zip(lines, harness.simulator.devices) {
                #expect(line.hasPrefix("[127.0.0.1]:\(device.port) ssh-ed25519 AAAA"))
                _ = try NIOSSHPublicKey(openSSHPublicKey: String(line.split(separator: " ", maxSplits: 1)[1]))
            }

            let inventory = try String(contentsOf: state.appendingPathComponent("inventory.yaml"), encoding: .utf8)
            #expect(inventory.hasPrefix("defaults:\n  user: admin\n  password-file: \(state.standardizedFileURL.path)/password\n"))
            #expect(inventory.contains("  known-hosts: \(state.standardizedFileURL.path)/known_hosts\n  host-key-policy: strict\ndevices:\n"))
            #expect(!inventory.contains(password))
            let names = inventory.split(separator: "\n").filter { $0.hasPrefix("  - name: sim-") }
            #expect(names.count == 30)
            #expect(inventory.contains("  - name: sim-00001\n    address: 127.0.0.1\n    port: \(harness.simulator.devices[0].port)\n    vendor: cisco-ios\n"))

            let faults = try String(contentsOf: state.appendingPathComponent("faults.tsv"), encoding: .utf8).split(separator: "\n")
            #expect(faults.first == "name\tport\tfault")
            #expect(faults.count == 31)
            #expect(try harness.ports(withFault: "refuse").count == 3)
            #expect(try harness.ports(withFault: "hang").count == 3)
            #expect(try harness.ports(withFault: "none").count == 24)
        }
    }

    /// Same seed, same host keys and password after a restart; another seed, other keys.
    @Test func restartWithTheSameSeedKeepsKeys() async throws {
        func keysAndPassword(seed: String) async throws -> ([Substring], String) {
            try await SimulatorHarness.with(devices: 5, seed: seed) { harness in
                let text = try String(contentsOf: harness.state.appendingPathComponent("known_hosts"), encoding: .utf8)
                return (text.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 1)[1] }, harness.password)
            }
        }
        let first = try await keysAndPassword(seed: "alpha")
        let again = try await keysAndPassword(seed: "alpha")
        let other = try await keysAndPassword(seed: "beta")
        #expect(first.0 == again.0)
        #expect(first.1 == again.1)
        #expect(Set(first.0).isDisjoint(with: Set(other.0)))
        #expect(first.1 != other.1)
        #expect(Set(first.0).count == 5)
    }

    /// Public-key authentication with a key given to the simulator, as an authorized_keys entry.
    @Test func publicKeyAuthentication() async throws {
        let key = NIOSSHPrivateKey(ed25519Key: Curve25519.Signing.PrivateKey())
        let stranger = NIOSSHPrivateKey(ed25519Key: Curve25519.Signing.PrivateKey())
        try await SimulatorHarness.with(devices: 1, vendors: [.routerOS], authorizedKeys: [key.publicKey]) { harness in
            let port = harness.simulator.devices[0].port
            let client = try await harness.connect(port: port, credential: .key(key))
            let result = try await client.exec("/export")
            await client.close()
            let fixture = try SimulatorHarness.bytes(try SimulatorHarness.fixtureFiles("routeros")[0])
            #expect(unixLines(result.output) == fixture)
            await #expect(throws: SimpleSSHClient.Failure.authenticationFailed) {
                _ = try await harness.connect(port: port, credential: .key(stranger)).exec("/export")
            }
        }
    }
}
