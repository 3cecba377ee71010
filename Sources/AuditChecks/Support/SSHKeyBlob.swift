/// Reads what a check needs from an SSH public-key blob (RFC 4253 §6.6): base64 of
/// `string type, mpint e, mpint n` for RSA.
enum SSHKeyBlob {
    /// The RSA modulus length in bits, or nil when the blob is not a readable RSA key.
    static func rsaModulusBits(_ base64: String) -> Int? {
        guard let bytes = decode(base64) else { return nil }
        var position = 0
        func field() -> ArraySlice<UInt8>? {
            guard position + 4 <= bytes.count else { return nil }
            let length = bytes[position..<(position + 4)].reduce(0) { $0 << 8 | Int($1) }
            position += 4
            guard length >= 0, position + length <= bytes.count else { return nil }
            defer { position += length }
            return bytes[position..<(position + length)]
        }
        guard let type = field(), String(decoding: type, as: UTF8.self) == "ssh-rsa", field() != nil,
              let modulus = field() else { return nil }
        let significant = modulus.drop { $0 == 0 }
        guard let first = significant.first else { return nil }
        return significant.count * 8 - first.leadingZeroBitCount
    }

    /// Standard base64 (with or without padding); nil on any other character.
    static func decode(_ text: String) -> [UInt8]? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): values.append(byte - UInt8(ascii: "A"))
            case UInt8(ascii: "a")...UInt8(ascii: "z"): values.append(byte - UInt8(ascii: "a") + 26)
            case UInt8(ascii: "0")...UInt8(ascii: "9"): values.append(byte - UInt8(ascii: "0") + 52)
            case UInt8(ascii: "+"): values.append(62)
            case UInt8(ascii: "/"): values.append(63)
            case UInt8(ascii: "="): continue
            default: return nil
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 3 / 4)
        var buffer = 0
        var bits = 0
        for value in values {
            buffer = (buffer << 6 | Int(value)) & 0xFFFFFF
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8((buffer >> bits) & 0xFF))
            }
        }
        return out
    }
}
