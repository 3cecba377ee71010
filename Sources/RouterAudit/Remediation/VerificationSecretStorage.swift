import AuditCredentials
import AuditRemediation

/// Stores new secrets the way the device would, for proving a fix: Cisco type 8/9 through the
/// credential engine's own digests. The salt comes from the secret, so applying a script twice
/// gives the same text and idempotence can be checked on the text.
struct VerificationSecretStorage: SecretStorage {
    static let alphabet = Array("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    func store(_ plain: String, scheme: String) -> String? {
        let salt = Self.salt(for: plain)
        switch scheme {
        case "cisco-type9":
            return CiscoHashes.digest(plain, salt: salt, format: .type9).map { "$9$\(String(decoding: salt, as: UTF8.self))$\($0)" }
        case "cisco-type8":
            return CiscoHashes.digest(plain, salt: salt, format: .type8).map { "$8$\(String(decoding: salt, as: UTF8.self))$\($0)" }
        case "fortios-sh2":
            return "ENC " + FortiOSSecrets.hashSH2(plain, salt: Array(salt.prefix(12)))
        case "sha512-crypt":
            return CryptHash.Verifier().hash(Array(plain.utf8), setting: "$6$\(String(decoding: salt.filter { $0 != UInt8(ascii: ".") }, as: UTF8.self))$")
        default:
            return nil
        }
    }

    static func salt(for plain: String) -> [UInt8] {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in plain.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return (0..<14).map { index in
            hash = hash &* 6_364_136_223_846_793_005 &+ UInt64(index) &+ 1_442_695_040_888_963_407
            return alphabet[Int(hash >> 58)]
        }
    }
}
