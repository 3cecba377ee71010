import Crypto
import Foundation
import NIOSSH

/// The files other tools read to use the simulated fleet: `known_hosts`, `password`,
/// `inventory.yaml`, `faults.tsv`, and a client key pair (`id_ed25519`) the devices accept.
public enum StateFiles {
    public static func write(_ simulator: DeviceSimulator, to folder: URL) throws(SimulatorError) {
        let folder = folder.standardizedFileURL
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .state("\(folder.path): cannot create the state folder: \(error.localizedDescription)")
        }
        let configuration = simulator.configuration
        let host = configuration.bindAddress
        let devices = simulator.devices

        var knownHosts = ""
        for device in devices {
            let key = String(openSSHPublicKey: simulator.knownHostKey(device))
            knownHosts += "[\(host)]:\(device.port) \(key)\n"
        }
        try save(knownHosts, as: folder.appendingPathComponent("known_hosts"), mode: 0o644)
        // No line end: whatever reads it gets exactly the password.
        try save(simulator.secrets.password, as: folder.appendingPathComponent("password"), mode: 0o600)

        let address = host.contains(":") ? "\"\(host)\"" : host
        var inventory = """
            defaults:
              user: \(simulator.secrets.user)
              password-file: \(folder.appendingPathComponent("password").path)
              known-hosts: \(folder.appendingPathComponent("known_hosts").path)
              host-key-policy: strict
            devices:

            """
        for device in devices {
            inventory += "  - name: \(device.name)\n    address: \(address)\n    port: \(device.port)\n    vendor: \(device.vendor.rawValue)\n"
        }
        try save(inventory, as: folder.appendingPathComponent("inventory.yaml"), mode: 0o644)

        var faults = "name\tport\tfault\n"
        for device in devices {
            faults += "\(device.name)\t\(device.port)\t\(device.fault?.rawValue ?? "none")\n"
        }
        try save(faults, as: folder.appendingPathComponent("faults.tsv"), mode: 0o644)

        let clientKey = simulator.secrets.clientKey
        try save(OpenSSHKeyFile.privateKey(clientKey, comment: "routeraudit-devsim"), as: folder.appendingPathComponent("id_ed25519"), mode: 0o600)
        let publicKey = String(openSSHPublicKey: NIOSSHPrivateKey(ed25519Key: clientKey).publicKey)
        try save(publicKey + " routeraudit-devsim\n", as: folder.appendingPathComponent("id_ed25519.pub"), mode: 0o644)
    }

    /// Writes through a new file created with its final mode, so a secret is never readable by
    /// others, not even for a moment; an existing file is replaced by rename.
    public static func save(_ text: String, as url: URL, mode: mode_t) throws(SimulatorError) {
        let temporary = url.path + ".tmp-\(getpid())"
        unlink(temporary)
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode)
        guard descriptor >= 0 else { throw .state("\(url.path): cannot write: \(String(cString: strerror(errno)))") }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + written, bytes.count - written) }
            guard result > 0 else {
                close(descriptor)
                unlink(temporary)
                throw .state("\(url.path): cannot write: \(String(cString: strerror(errno)))")
            }
            written += result
        }
        fchmod(descriptor, mode)
        close(descriptor)
        guard rename(temporary, url.path) == 0 else {
            unlink(temporary)
            throw .state("\(url.path): cannot write: \(String(cString: strerror(errno)))")
        }
    }
}

/// OpenSSH's own private key format (`openssh-key-v1`, unencrypted) for an Ed25519 key, so
/// `ssh -i` and libssh can use the simulator's client key.
enum OpenSSHKeyFile {
    static func privateKey(_ key: Curve25519.Signing.PrivateKey, comment: String) -> String {
        let publicKey = Array(key.publicKey.rawRepresentation)
        let seed = Array(key.rawRepresentation)
        var publicBlob: [UInt8] = []
        append(string: Array("ssh-ed25519".utf8), to: &publicBlob)
        append(string: publicKey, to: &publicBlob)

        // The check integers only have to match each other; derive them from the key so the file
        // is the same on every run.
        let check = Array(SHA256.hash(data: seed).prefix(4))
        var privateBlob = check + check
        append(string: Array("ssh-ed25519".utf8), to: &privateBlob)
        append(string: publicKey, to: &privateBlob)
        append(string: seed + publicKey, to: &privateBlob)
        append(string: Array(comment.utf8), to: &privateBlob)
        var pad: UInt8 = 1
        while privateBlob.count % 8 != 0 {
            privateBlob.append(pad)
            pad += 1
        }

        var file = Array("openssh-key-v1".utf8) + [0]
        append(string: Array("none".utf8), to: &file)
        append(string: Array("none".utf8), to: &file)
        append(string: [], to: &file)
        file += [0, 0, 0, 1]
        append(string: publicBlob, to: &file)
        append(string: privateBlob, to: &file)

        let encoded = Data(file).base64EncodedString()
        var lines = ["-----BEGIN OPENSSH PRIVATE KEY-----"]
        var rest = Substring(encoded)
        while !rest.isEmpty {
            lines.append(String(rest.prefix(70)))
            rest = rest.dropFirst(70)
        }
        lines.append("-----END OPENSSH PRIVATE KEY-----")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func append(string bytes: [UInt8], to output: inout [UInt8]) {
        let count = UInt32(bytes.count)
        output += [UInt8(count >> 24), UInt8(count >> 16 & 0xFF), UInt8(count >> 8 & 0xFF), UInt8(count & 0xFF)]
        output += bytes
    }
}
