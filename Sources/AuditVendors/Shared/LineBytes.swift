import AuditCore

/// Byte-level helpers for line-oriented CLI configurations (VRP, ZLD): blanks, indentation,
/// trimming, word ranges and binary-damage detection, shared so each parser stays about syntax.
enum LineBytes {
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }

    static func indentation(of line: Substring) -> Int {
        var count = 0
        for byte in line.utf8 {
            guard isBlank(byte) else { break }
            count += 1
        }
        return count
    }

    static func trimmed(_ line: Substring) -> Substring {
        let utf8 = line.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start != end, isBlank(utf8[start]) { start = utf8.index(after: start) }
        while end != start {
            let before = utf8.index(before: end)
            guard isBlank(utf8[before]) || utf8[before] == UInt8(ascii: "\r") else { break }
            end = before
        }
        return line[start..<end]
    }

    /// Byte range of `word` inside `line` (both slices of one string).
    static func range(of word: Substring, in line: Substring) -> Range<Int> {
        let lower = line.utf8.distance(from: line.utf8.startIndex, to: word.utf8.startIndex)
        return lower..<(lower + word.utf8.count)
    }

    /// An `error` when the text looks like binary data: NUL bytes or many control characters.
    static func binaryDamage(_ text: String, file: String) -> Diagnostic? {
        var control = 0
        var nul = false
        for byte in text.utf8 where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D {
            control += 1
            if byte == 0 { nul = true }
        }
        let total = text.utf8.count
        guard total > 0, control > 0, control * 100 >= total || nul else { return nil }
        return Diagnostic(.error, code: "binary",
                          "\(file) contains binary data (\(control) control bytes in \(total)); only text lines were read",
                          at: SourceSpan(file: file, start: 1))
    }
}
