/// Junos `$9$` secrets: an obfuscation with a public alphabet (the algorithm of Crypt::Juniper).
/// Each plaintext byte becomes 1 to 4 characters whose distances in a fixed alphabet, weighted by
/// a repeating table, add up to the byte; a random salt character and 0-3 filler characters lead.
public enum JunosType9 {
    static let families = ["QzF3n6/9CAtpu0O", "B1IREhcSyrleKvMW8LXx", "7N-dVbwsY2g4oaJZGUDj", "iHkq.mPf5T"]
    static let alphabet: [UInt8] = Array(families.joined().utf8)
    static let position: [Int] = {
        var table = [Int](repeating: -1, count: 256)
        for (i, c) in alphabet.enumerated() { table[Int(c)] = i }
        return table
    }()
    /// How many filler characters follow the salt character, by the salt's family.
    static let extra: [Int] = {
        var table = [Int](repeating: -1, count: 256)
        for (family, chars) in families.enumerated() {
            for c in chars.utf8 { table[Int(c)] = 3 - family }
        }
        return table
    }()
    static let encoding: [[Int]] = [[1, 4, 32], [1, 16, 32], [1, 8, 32], [1, 64], [1, 32], [1, 4, 16, 128], [1, 32, 64]]

    public enum DecodeError: Error, Equatable, CustomStringConvertible {
        case notType9, badCharacter, truncated

        public var description: String {
            switch self {
            case .notType9: "value does not start with $9$"
            case .badCharacter: "$9$ value contains a character outside its alphabet"
            case .truncated: "$9$ value is truncated"
            }
        }
    }

    public static func decode(_ encoded: some StringProtocol) -> Result<String, DecodeError> {
        guard encoded.hasPrefix("$9$") else { return .failure(.notType9) }
        let chars = Array(encoded.utf8.dropFirst(3))
        guard let first = chars.first else { return .failure(.truncated) }
        guard position[Int(first)] >= 0 else { return .failure(.badCharacter) }
        var index = 1 + extra[Int(first)]
        guard index <= chars.count else { return .failure(.truncated) }
        var previous = first
        var plain: [UInt8] = []
        while index < chars.count {
            let weights = encoding[plain.count % encoding.count]
            guard index + weights.count <= chars.count else { return .failure(.truncated) }
            var value = 0
            for (k, weight) in weights.enumerated() {
                let c = chars[index + k]
                guard position[Int(c)] >= 0 else { return .failure(.badCharacter) }
                let gap = ((position[Int(c)] - position[Int(previous)]) % alphabet.count + alphabet.count) % alphabet.count - 1
                value += gap * weight
                previous = c
            }
            plain.append(UInt8(truncatingIfNeeded: value % 256))
            index += weights.count
        }
        return .success(String(decoding: plain, as: UTF8.self))
    }

    /// Encodes with a given salt and filler, for fixtures and round-trip tests.
    public static func encode(_ plain: String, salt: Character = "Q", filler: String = "zF3") -> String {
        let saltByte = salt.asciiValue ?? UInt8(ascii: "Q")
        var out: [UInt8] = Array("$9$".utf8) + [saltByte] + Array(filler.utf8.prefix(max(0, extra[Int(saltByte)])))
        // Gaps are measured from the salt character: the filler after it is skipped, not chained.
        var previous = saltByte
        for (i, byte) in plain.utf8.enumerated() {
            let weights = encoding[i % encoding.count]
            var remaining = Int(byte)
            var gaps = [Int](repeating: 0, count: weights.count)
            for k in stride(from: weights.count - 1, through: 0, by: -1) {
                gaps[k] = remaining / weights[k]
                remaining %= weights[k]
            }
            for gap in gaps {
                let c = alphabet[(gap + position[Int(previous)] + 1) % alphabet.count]
                out.append(c)
                previous = c
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
