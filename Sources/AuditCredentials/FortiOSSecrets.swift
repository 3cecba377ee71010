/// FortiOS secrets: `ENC <base64>` with a fixed AES key (reversible, CVE-2019-6693), and the admin
/// password hashes `SH2` (salted SHA-256) and `AK1` (salted SHA-1), both mixing in a fixed constant.
public enum FortiOSSecrets {
    /// The AES-128 key compiled into FortiOS for `ENC` values (public since CVE-2019-6693).
    static let encKey: [UInt8] = Array("Mary had a littl".utf8)
    /// The constant FortiOS appends to salt and password before hashing admin passwords.
    static let magic: [UInt8] = [
        0xa3, 0x88, 0xba, 0x2e, 0x42, 0x4c, 0xb0, 0x4a, 0x53, 0x79, 0x30, 0xc1,
        0x31, 0x07, 0xcc, 0x3f, 0xa1, 0x32, 0x90, 0x29, 0xa9, 0x81, 0x5b, 0x70,
    ]

    public enum DecodeError: Error, Equatable, CustomStringConvertible {
        case badBase64, badLength

        public var description: String {
            switch self {
            case .badBase64: "ENC value is not valid base64"
            case .badLength: "ENC value has the wrong length for AES blocks"
            }
        }
    }

    /// Decodes an `ENC` value: 4 bytes of IV followed by AES-128-CBC blocks (IV padded with zeros).
    public static func decodeENC(_ value: String) -> Result<String, DecodeError> {
        let text = value.hasPrefix("ENC ") ? value.dropFirst(4) : Substring(value)
        guard let bytes = Base64.decode(text, alphabet: Base64.standard) else { return .failure(.badBase64) }
        guard bytes.count > 4, (bytes.count - 4) % 16 == 0 else { return .failure(.badLength) }
        let iv = Array(bytes.prefix(4)) + [UInt8](repeating: 0, count: 12)
        guard let plain = Digest.aes128CBCDecrypt(key: encKey, iv: iv, Array(bytes.dropFirst(4))) else {
            return .failure(.badLength)
        }
        return .success(String(decoding: plain.prefix { $0 != 0 }, as: UTF8.self))
    }

    /// Encodes like FortiOS, for fixtures and round-trip tests.
    public static func encodeENC(_ plain: String, ivPrefix: [UInt8] = [1, 2, 3, 4]) -> String {
        var bytes = Array(plain.utf8)
        bytes += [UInt8](repeating: 0, count: 16 - bytes.count % 16)
        let iv = ivPrefix + [UInt8](repeating: 0, count: 12)
        let cipher = Digest.aes128CBCEncrypt(key: encKey, iv: iv, bytes) ?? []
        return Base64.encode(ivPrefix + cipher, alphabet: Base64.standard, pad: true)
    }

    public enum HashKind: Sendable { case sh2, ak1 }

    /// Salt and digest of an `SH2`/`AK1` value; nil when damaged.
    static func split(_ stored: String, kind: HashKind) -> (salt: [UInt8], digest: [UInt8])? {
        let prefix = kind == .sh2 ? "SH2" : "AK1"
        let digestLength = kind == .sh2 ? 32 : 20
        guard stored.hasPrefix(prefix), let bytes = Base64.decode(stored.dropFirst(3), alphabet: Base64.standard),
              bytes.count == 12 + digestLength else { return nil }
        return (Array(bytes.prefix(12)), Array(bytes.dropFirst(12)))
    }

    public static func problem(_ stored: String, kind: HashKind) -> String? {
        split(stored, kind: kind) == nil ? "\(kind == .sh2 ? "SH2" : "AK1") hash is damaged (bad base64 or length)" : nil
    }

    /// The `SH2` value FortiOS stores for a password and a 12-byte salt (what `set password`
    /// leaves in the configuration); for proving fix scripts.
    public static func hashSH2(_ password: String, salt: [UInt8]) -> String {
        "SH2" + Base64.encode(salt + Digest.sha256(salt + Array(password.utf8) + magic), alphabet: Base64.standard, pad: true)
    }

    public static func matches(_ password: String, stored: String, kind: HashKind) -> Bool {
        guard let (salt, digest) = split(stored, kind: kind) else { return false }
        let input = salt + Array(password.utf8) + magic
        return (kind == .sh2 ? Digest.sha256(input) : Digest.sha1(input)) == digest
    }
}

/// MikroTik RouterOS before 6.45.1 kept passwords in `/rw/store/user.dat` XOR-ed with
/// MD5(username + a fixed string): reversible by anyone holding the file.
public enum MikroTikUserDat {
    public static func decode(_ encrypted: [UInt8], user: String) -> String {
        let key = Digest.md5(Array((user + "283i4jfkai3389").utf8))
        let plain = encrypted.enumerated().map { $0.element ^ key[$0.offset % key.count] }
        return String(decoding: plain.prefix { $0 != 0 }, as: UTF8.self)
    }
}
