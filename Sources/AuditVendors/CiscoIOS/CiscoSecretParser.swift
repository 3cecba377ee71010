import AuditCore

/// A secret value read from a command: how it is stored, and where it sits on the line so
/// reports can mask it.
public struct CiscoSecretValue: Sendable, Hashable {
    public var form: SecretForm
    /// The IOS encryption type as written (`7` in `password 7 ...`), nil when none was written.
    public var type: Int?
    /// UTF-8 byte offsets of the value within the line.
    public var range: Range<Int>
    /// Index of the first word after the value.
    public var nextWord: Int
}

/// Reads `[TYPE] VALUE` after keywords such as `password`, `secret`, `key`, `server-key`.
///
/// IOS types: 0 (or none) cleartext, 7 reversible (Vigenère with a public key), 4 SHA-256 without
/// salt, 5 MD5-crypt, 8 PBKDF2-SHA256, 9 scrypt, 6 AES under the device's master key (not
/// recoverable from the configuration alone, so opaque).
public enum CiscoSecretParser {
    public static func form(type: Int?, value: Substring) -> SecretForm {
        switch type {
        case nil, 0?:
            return value.isEmpty ? .empty : .cleartext(String(value))
        case 7?:
            return .reversible(scheme: .ciscoType7, encoded: String(value))
        case 4?:
            return .hashed(scheme: .ciscoType4, encoded: String(value))
        case 5?:
            return .hashed(scheme: .md5crypt, encoded: String(value))
        case 8?:
            return .hashed(scheme: .ciscoType8, encoded: String(value))
        case 9?:
            return .hashed(scheme: .ciscoType9, encoded: String(value))
        case 6?:
            return .opaque(scheme: "cisco-type6", encoded: String(value))
        case let other?:
            return .opaque(scheme: "cisco-type\(other)", encoded: String(value))
        }
    }

    /// Reads the secret whose first word (the type or the value) is `words[index]`.
    ///
    /// - Parameters:
    ///   - restOfLine: a cleartext value runs to the end of the line (IOS keeps spaces in
    ///     `username ... password 0 two words`), or up to the first of `stopWords`.
    ///   - typeAfterValue: the type follows the value (`ntp authentication-key 1 md5 VALUE 7`).
    public static func read(_ command: CiscoCommand, at index: Int, restOfLine: Bool = false,
                            stopWords: Set<Substring> = [], typeAfterValue: Bool = false) -> CiscoSecretValue? {
        let words = command.words
        guard index < words.count else { return nil }
        var valueIndex = index
        var type: Int?
        if typeAfterValue {
            if let last = words[safe: index + 1], last.utf8.count == 1, let digit = CiscoText.integer(last) { type = digit }
        } else if index + 1 < words.count, words[index].utf8.count == 1, let digit = CiscoText.integer(words[index]) {
            type = digit
            valueIndex = index + 1
        }
        let first = words[valueIndex]
        var last = first
        var next = valueIndex + 1
        let cleartext = type == nil || type == 0
        if restOfLine && cleartext && !typeAfterValue {
            while next < words.count, !stopWords.contains(words[next]) {
                last = words[next]
                next += 1
            }
        }
        if typeAfterValue, type != nil { next += 1 }
        let range = CiscoText.byteRange(from: first, to: last, in: command.raw)
        let value = command.raw[first.startIndex..<last.endIndex]
        return CiscoSecretValue(form: form(type: type, value: value), type: type, range: range, nextWord: next)
    }
}
