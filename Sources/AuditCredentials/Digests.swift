import COpenSSL

/// One-shot digests and key derivations from OpenSSL's libcrypto, on byte arrays.
enum Digest {
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        _ = ra_sha256(bytes, bytes.count, &out)
        return out
    }

    static func sha1(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 20)
        _ = ra_sha1(bytes, bytes.count, &out)
        return out
    }

    static func md5(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 16)
        _ = ra_md5(bytes, bytes.count, &out)
        return out
    }

    static func pbkdf2SHA256(password: [UInt8], salt: [UInt8], iterations: Int, length: Int) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: length)
        _ = ra_pbkdf2_hmac_sha256(password, password.count, salt, salt.count, UInt32(iterations), &out, length)
        return out
    }

    static func scrypt(password: [UInt8], salt: [UInt8], n: UInt64, r: UInt64, p: UInt64, length: Int) -> [UInt8]? {
        var out = [UInt8](repeating: 0, count: length)
        return ra_scrypt(password, password.count, salt, salt.count, n, r, p, &out, length) == 1 ? out : nil
    }

    static func aes128CBCDecrypt(key: [UInt8], iv: [UInt8], _ data: [UInt8]) -> [UInt8]? {
        guard key.count == 16, iv.count == 16, data.count % 16 == 0 else { return nil }
        var out = [UInt8](repeating: 0, count: data.count + 16)
        guard ra_aes128_cbc_decrypt(key, iv, data, data.count, &out) == 1 else { return nil }
        return Array(out.prefix(data.count))
    }

    static func aes128CBCEncrypt(key: [UInt8], iv: [UInt8], _ data: [UInt8]) -> [UInt8]? {
        guard key.count == 16, iv.count == 16, data.count % 16 == 0 else { return nil }
        var out = [UInt8](repeating: 0, count: data.count + 16)
        guard ra_aes128_cbc_encrypt(key, iv, data, data.count, &out) == 1 else { return nil }
        return Array(out.prefix(data.count))
    }
}

/// Base64 with a choice of alphabet: the standard one (FortiOS) and the crypt alphabet Cisco
/// uses for types 4, 8 and 9 (`./0-9A-Za-z`, no padding).
enum Base64 {
    static let standard = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    static let crypt = Array("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func encode(_ bytes: [UInt8], alphabet: [UInt8], pad: Bool) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = UInt32(bytes[i])
            let b1 = i + 1 < bytes.count ? UInt32(bytes[i + 1]) : 0
            let b2 = i + 2 < bytes.count ? UInt32(bytes[i + 2]) : 0
            let group = b0 << 16 | b1 << 8 | b2
            let chars = min(4, (bytes.count - i) * 4 / 3 + ((bytes.count - i) % 3 == 0 ? 0 : 1))
            for k in 0..<4 {
                if k < chars {
                    out.append(alphabet[Int(group >> (18 - 6 * UInt32(k)) & 63)])
                } else if pad {
                    out.append(UInt8(ascii: "="))
                }
            }
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes, ignoring `=` padding; nil on a character outside the alphabet.
    static func decode(_ text: some StringProtocol, alphabet: [UInt8]) -> [UInt8]? {
        var index = [Int16](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { index[Int(c)] = Int16(i) }
        var out: [UInt8] = []
        var buffer: UInt32 = 0
        var bits = 0
        for c in text.utf8 where c != UInt8(ascii: "=") {
            let v = index[Int(c)]
            guard v >= 0 else { return nil }
            buffer = buffer << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        return out
    }
}
