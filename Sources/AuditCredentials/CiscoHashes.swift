/// Cisco IOS one-way secrets that are not in the crypt family libxcrypt knows:
/// type 4 (one unsalted SHA-256, broken by design), type 8 (PBKDF2-HMAC-SHA256, 20,000
/// iterations) and type 9 (scrypt N=16384, r=1, p=1). Types 8 and 9 carry a 14-character salt;
/// all three encode the 32-byte result in the crypt base64 alphabet (43 characters).
public enum CiscoHashes {
    public enum Format: Sendable {
        case type4, type8, type9
    }

    /// The stored form without its `$8$`/`$9$` marker, split into salt and digest; nil when damaged.
    public static func split(_ stored: String, format: Format) -> (salt: [UInt8], digest: String)? {
        switch format {
        case .type4:
            return validDigest(Substring(stored)) ? ([], stored) : nil
        case .type8, .type9:
            let body = stored.hasPrefix("$8$") || stored.hasPrefix("$9$") ? stored.dropFirst(3) : Substring(stored)
            let parts = body.split(separator: "$", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].utf8.count == 14, validDigest(parts[1]),
                  parts[0].utf8.allSatisfy({ Base64.crypt.contains($0) }) else { return nil }
            return (Array(parts[0].utf8), String(parts[1]))
        }
    }

    /// Why a stored value cannot be verified, or nil when it looks sound.
    public static func problem(_ stored: String, format: Format) -> String? {
        split(stored, format: format) == nil
            ? "\(format) hash is damaged (expected \(format == .type4 ? "" : "a 14-character salt and ")a 43-character digest in the crypt alphabet)"
            : nil
    }

    static func validDigest(_ digest: Substring) -> Bool {
        digest.utf8.count == 43 && digest.utf8.allSatisfy { Base64.crypt.contains($0) }
    }

    /// The digest string Cisco would store for this password and salt.
    public static func digest(_ password: String, salt: [UInt8], format: Format) -> String? {
        let bytes = Array(password.utf8)
        let raw: [UInt8]?
        switch format {
        case .type4: raw = Digest.sha256(bytes)
        case .type8: raw = Digest.pbkdf2SHA256(password: bytes, salt: salt, iterations: 20_000, length: 32)
        case .type9: raw = Digest.scrypt(password: bytes, salt: salt, n: 16_384, r: 1, p: 1, length: 32)
        }
        return raw.map { Base64.encode($0, alphabet: Base64.crypt, pad: false) }
    }

    public static func matches(_ password: String, stored: String, format: Format) -> Bool {
        guard let (salt, digest) = split(stored, format: format) else { return false }
        return Self.digest(password, salt: salt, format: format) == digest
    }
}
