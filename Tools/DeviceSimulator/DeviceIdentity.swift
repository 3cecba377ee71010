import Crypto
import NIOSSH

/// The secrets and keys of the simulated fleet, all derived from the seed so that a restart with
/// the same seed presents the same host keys and accepts the same password.
public struct FleetSecrets: Sendable {
    public let seed: String
    /// The login user of every device.
    public let user: String
    /// The login password of every device (and the Cisco enable secret). Written only to the
    /// owner-only password file, never printed.
    public let password: String

    public init(seed: String, user: String = "admin") {
        self.seed = seed
        self.user = user
        password = Self.password(seed: seed, purpose: "password")
    }

    /// A password that a `wrong-password` device accepts instead of the real one; nobody is told.
    var decoyPassword: String { Self.password(seed: seed, purpose: "decoy password") }

    /// 20 letters and digits: strong enough, and safe in any file or shell quoting.
    static func password(seed: String, purpose: String) -> String {
        let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        var random = SeededRandom(seed: seed, purpose: purpose)
        return String((0..<20).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }

    /// The host key a device presents, and the one written to `known_hosts` for it. They differ
    /// only for a `hostkey-changed` device.
    public func hostKey(device index: Int, changed: Bool = false) -> NIOSSHPrivateKey {
        let purpose = changed ? "changed host key \(index)" : "host key \(index)"
        let bytes = derivedBytes(seed: seed, purpose: purpose)
        // 32 bytes are always a valid Ed25519 seed, so this cannot fail.
        let key = try! Curve25519.Signing.PrivateKey(rawRepresentation: bytes)
        return NIOSSHPrivateKey(ed25519Key: key)
    }

    /// A client key the simulator accepts for public-key authentication, so key-based collection
    /// can be tested without an authorized_keys file of one's own.
    public var clientKey: Curve25519.Signing.PrivateKey {
        try! Curve25519.Signing.PrivateKey(rawRepresentation: derivedBytes(seed: seed, purpose: "client key"))
    }
}
