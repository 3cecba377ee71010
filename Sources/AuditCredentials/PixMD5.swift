/// Cisco PIX-MD5 and ASA-MD5 password hashes (`enable password X encrypted`, `passwd X
/// encrypted`, `username U password X encrypted`): MD5 of the password (for ASA user passwords,
/// followed by the first four characters of the user name) NUL-padded to 16 bytes, or to 32 when
/// longer; of each 4-byte group of the digest the first three bytes, little-endian, written as
/// four characters of the crypt alphabet. No salt beyond the user name, one MD5: fast to crack.
enum PixMD5 {
    static let alphabet = Array("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    static func hash(_ password: String, user: String?) -> String {
        var bytes = Array(password.utf8)
        if let user { bytes += Array(user.utf8.prefix(4)) }
        let length = bytes.count <= 16 ? 16 : 32
        bytes = Array(bytes.prefix(length)) + Array(repeating: 0, count: max(0, length - bytes.count))
        let digest = Digest.md5(bytes)
        var out: [UInt8] = []
        out.reserveCapacity(16)
        for group in stride(from: 0, to: 16, by: 4) {
            var value = UInt32(digest[group]) | UInt32(digest[group + 1]) << 8 | UInt32(digest[group + 2]) << 16
            for _ in 0..<4 {
                out.append(alphabet[Int(value & 0x3F)])
                value >>= 6
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Why a stored value cannot be a PIX-MD5 hash, or nil.
    static func problem(_ stored: String) -> String? {
        guard stored.utf8.count == 16, stored.utf8.allSatisfy({ alphabet.contains($0) }) else {
            return "a PIX/ASA MD5 hash is 16 characters of ./0-9A-Za-z"
        }
        return nil
    }
}
