/// Cisco "type 7" is a Vigenère-style XOR with a fixed public key: anyone can reverse it.
/// The first two digits are the decimal offset into the key; each following pair of hex digits is
/// one byte XOR-ed with the key byte at the running offset.
public enum CiscoType7 {
    // The translation table IOS uses (public since the 1990s).
    static let key: [UInt8] = Array("dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87".utf8)

    public enum DecodeError: Error, Equatable, CustomStringConvertible {
        case tooShort, oddLength, badOffset, badHex

        public var description: String {
            switch self {
            case .tooShort: "type 7 value is too short"
            case .oddLength: "type 7 value has an odd number of hex digits"
            case .badOffset: "type 7 value starts with an invalid key offset"
            case .badHex: "type 7 value contains a non-hex character"
            }
        }
    }

    public static func decode(_ encoded: some StringProtocol) -> Result<String, DecodeError> {
        let digits = Array(encoded.utf8)
        guard digits.count >= 2 else { return .failure(.tooShort) }
        guard digits.count % 2 == 0 else { return .failure(.oddLength) }
        guard let high = decimal(digits[0]), let low = decimal(digits[1]) else { return .failure(.badOffset) }
        var offset = high * 10 + low
        guard offset < key.count else { return .failure(.badOffset) }
        var plain: [UInt8] = []
        plain.reserveCapacity(digits.count / 2 - 1)
        var index = 2
        while index < digits.count {
            guard let h = hex(digits[index]), let l = hex(digits[index + 1]) else { return .failure(.badHex) }
            plain.append(UInt8(h << 4 | l) ^ key[offset % key.count])
            offset += 1
            index += 2
        }
        return .success(String(decoding: plain, as: UTF8.self))
    }

    /// Encodes with a given key offset (0...15, as IOS uses): for fixtures and fix scripts.
    public static func encode(_ plain: String, offset: Int = 2) -> String {
        var result = offset < 10 ? "0\(offset)" : "\(offset)"
        for (i, byte) in plain.utf8.enumerated() {
            let value = byte ^ key[(offset + i) % key.count]
            let text = String(value, radix: 16, uppercase: true)
            result += value < 16 ? "0" + text : text
        }
        return result
    }

    private static func decimal(_ byte: UInt8) -> Int? {
        byte >= 48 && byte <= 57 ? Int(byte - 48) : nil
    }

    private static func hex(_ byte: UInt8) -> Int? {
        switch byte {
        case 48...57: Int(byte - 48)
        case 65...70: Int(byte - 55)
        case 97...102: Int(byte - 87)
        default: nil
        }
    }
}
