/// One word of a UCI line, quotes removed.
struct UCIToken: Sendable, Hashable {
    var text: String
    /// UTF-8 byte offsets of the word's content within the line (inside any quotes).
    var byteRange: Range<Int>
}

/// The words of one line and whether a quote was left open.
struct UCILineTokens: Sendable {
    var tokens: [UCIToken] = []
    /// A `'` or `"` was opened and the line ended first (a truncated or hand-damaged file).
    var unterminatedQuote = false
}

/// Splits a line the way libuci does: words separated by blanks; `'...'` is literal; `"..."` and
/// bare words take backslash escapes; adjacent pieces join into one word (`'it'\''s'` is `it's`,
/// which is how `uci show` prints a quote). A `#` at the start of a word begins a comment.
///
/// Works on the line's UTF-8 bytes without copying; a word is copied into a `String` once.
enum UCILexer {
    static func tokenize(_ line: Substring) -> UCILineTokens {
        if let result = line.utf8.withContiguousStorageIfAvailable({ tokenize(bytes: $0) }) {
            return result
        }
        return Array(line.utf8).withUnsafeBufferPointer { tokenize(bytes: $0) }
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    private static let singleQuote = UInt8(ascii: "'")
    private static let doubleQuote = UInt8(ascii: "\"")
    private static let backslash = UInt8(ascii: "\\")
    private static let hash = UInt8(ascii: "#")

    private static func tokenize(bytes: UnsafeBufferPointer<UInt8>) -> UCILineTokens {
        var result = UCILineTokens()
        var index = 0
        let count = bytes.count
        while index < count {
            while index < count && isBlank(bytes[index]) { index += 1 }
            guard index < count, bytes[index] != hash else { break }
            let (token, next, open) = word(in: bytes, from: index)
            result.tokens.append(token)
            if open { result.unterminatedQuote = true }
            index = next
        }
        return result
    }

    /// Reads one word starting at `start`; returns it, the index after it, and whether a quote
    /// was left open.
    private static func word(in bytes: UnsafeBufferPointer<UInt8>, from start: Int)
        -> (UCIToken, Int, Bool) {
        let count = bytes.count
        // Fast path: a bare word without quotes or escapes is a slice of the line.
        var end = start
        while end < count {
            let byte = bytes[end]
            if isBlank(byte) || byte == singleQuote || byte == doubleQuote || byte == backslash { break }
            end += 1
        }
        if end == count || isBlank(bytes[end]) {
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            return (UCIToken(text: text, byteRange: start..<end), end, false)
        }

        // Slow path: quotes or escapes; collect the content bytes.
        var content: [UInt8] = Array(bytes[start..<end])
        var firstContent: Int? = end > start ? start : nil
        var lastContentEnd = end
        var index = end
        var open = false
        func note(_ position: Int) {
            if firstContent == nil { firstContent = position }
            lastContentEnd = position + 1
        }
        scan: while index < count {
            let byte = bytes[index]
            switch byte {
            case _ where isBlank(byte):
                break scan
            case singleQuote:
                index += 1
                var closed = false
                while index < count {
                    if bytes[index] == singleQuote { closed = true; index += 1; break }
                    content.append(bytes[index]); note(index); index += 1
                }
                if !closed { open = true }
            case doubleQuote:
                index += 1
                var closed = false
                while index < count {
                    let inner = bytes[index]
                    if inner == doubleQuote { closed = true; index += 1; break }
                    if inner == backslash, index + 1 < count { index += 1 }
                    content.append(bytes[index]); note(index); index += 1
                }
                if !closed { open = true }
            case backslash:
                index += 1
                if index < count { content.append(bytes[index]); note(index); index += 1 }
            default:
                content.append(byte); note(index); index += 1
            }
        }
        let from = firstContent ?? start
        let range = from..<max(from, lastContentEnd)
        return (UCIToken(text: String(decoding: content, as: UTF8.self), byteRange: range), index, open)
    }
}
