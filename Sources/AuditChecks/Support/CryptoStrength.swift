/// Which algorithm names are too weak to offer, and why. Names come as vendors write them,
/// lowercased; matching ignores punctuation so `3des-cbc`, `3des` and `3DES` read alike.
///
/// Sources: RFC 8247 (IKEv2 algorithms: DES, 3DES, Blowfish, MD5 and DH groups 1, 2, 5, 22-24 are
/// MUST NOT or SHOULD NOT), RFC 8221 (ESP), RFC 9142 (SSH key exchange: `diffie-hellman-group1-sha1`
/// and `diffie-hellman-group-exchange-sha1` MUST NOT, `diffie-hellman-group14-sha1` SHOULD NOT),
/// RFC 8758 (RC4 in SSH), RFC 8996 (TLS 1.0 and 1.1 deprecated), NIST SP 800-131A Rev. 2.
enum CryptoStrength {
    /// Letters and digits only: `3des-cbc` → `3descbc`.
    static func squash(_ name: String) -> String {
        String(name.lowercased().unicodeScalars.filter { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            .map(Character.init))
    }

    /// Why an IKE/IPsec or SSH cipher is weak, or nil.
    static func weakCipher(_ name: String) -> String? {
        let squashed = squash(name)
        if squashed.hasPrefix("3des") || squashed.hasPrefix("tripledes") || squashed.hasPrefix("desede") {
            return "3des (64-bit block)"
        }
        if squashed.hasPrefix("des") { return "des (56-bit key)" }
        if squashed.hasPrefix("blowfish") { return "blowfish (legacy cipher, 64-bit block)" }
        if squashed.hasPrefix("cast") { return "cast (legacy cipher, 64-bit block)" }
        if squashed.hasPrefix("arcfour") || squashed.hasPrefix("rc4") { return "rc4 (broken stream cipher)" }
        if squashed.hasPrefix("idea") { return "idea (legacy cipher, 64-bit block)" }
        if squashed == "null" || squashed == "espnull" || squashed == "none" { return "null (no encryption)" }
        return nil
    }

    /// Why an integrity (hash, HMAC, PRF) algorithm is weak, or nil.
    static func weakIntegrity(_ name: String) -> String? {
        let squashed = squash(name)
        if squashed.contains("md5") { return "md5" }
        return nil
    }

    /// Why a Diffie-Hellman group is weak, or nil (IANA numbers).
    static func weakGroup(_ group: Int) -> String? {
        switch group {
        case 1: "dh group 1 (768-bit modp)"
        case 2: "dh group 2 (1024-bit modp)"
        case 5: "dh group 5 (1536-bit modp)"
        case 22: "dh group 22 (1024-bit modp with small subgroup)"
        case 23, 24: "dh group \(group) (2048-bit modp with small subgroup)"
        default: nil
        }
    }

    /// Why an SSH cipher is weak: the IKE list plus CBC modes (plaintext recovery, CVE-2008-5161).
    static func weakSSHCipher(_ name: String) -> String? {
        if let reason = weakCipher(name) { return reason }
        return name.lowercased().contains("cbc") ? "cbc mode" : nil
    }

    /// Why an SSH key-exchange method is weak, or nil.
    static func weakKeyExchange(_ name: String) -> String? {
        let lower = name.lowercased()
        if lower.hasPrefix("diffie-hellman-group1-") { return "1024-bit group with sha1" }
        if lower.hasPrefix("diffie-hellman-group-exchange-sha1") { return "sha1 group exchange" }
        if lower.hasPrefix("diffie-hellman-group14-sha1") { return "sha1" }
        if lower.hasPrefix("rsa1024") { return "1024-bit rsa" }
        return nil
    }

    /// Why an SSH MAC is weak, or nil.
    static func weakMAC(_ name: String) -> String? {
        let lower = name.lowercased()
        if lower.contains("md5") { return "md5" }
        if lower.hasSuffix("-96") || lower.contains("-96@") { return "truncated to 96 bits" }
        if lower.hasPrefix("umac-64") { return "64-bit tag" }
        return nil
    }

    /// Why an SSH host-key algorithm is weak, or nil.
    static func weakHostKey(_ name: String) -> String? {
        let lower = name.lowercased()
        if lower.hasPrefix("ssh-dss") { return "dsa (1024-bit)" }
        return nil
    }

    /// Why a TLS/SSL protocol version is weak, or nil (`sslv3`, `tls1.0`, `tlsv1-1`, `TLSv1`).
    static func weakTLSVersion(_ name: String) -> String? {
        let squashed = squash(name)
        if squashed.hasPrefix("ssl") { return "ssl (broken)" }
        if ["tls1", "tlsv1", "tls10", "tlsv10"].contains(squashed) { return "tls 1.0 (deprecated by rfc 8996)" }
        if ["tls11", "tlsv11"].contains(squashed) { return "tls 1.1 (deprecated by rfc 8996)" }
        return nil
    }
}
