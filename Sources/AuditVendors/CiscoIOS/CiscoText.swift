import AuditCore

/// Small, allocation-free helpers for reading IOS lines. The parser runs on every line of every
/// configuration, so these work on UTF-8 bytes and `Substring` slices instead of regexes.
enum CiscoText {
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let quote = UInt8(ascii: "\"")

    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }

    /// Leading whitespace width (a tab counts as one column: IOS never writes tabs, hand edits might).
    static func indentation(of line: Substring) -> Int {
        var count = 0
        for byte in line.utf8 {
            guard isBlank(byte) else { break }
            count += 1
        }
        return count
    }

    /// The line without leading and trailing blanks (and without a stray CR).
    static func trimmed(_ line: Substring) -> Substring {
        let utf8 = line.utf8
        var start = utf8.startIndex
        var end = utf8.endIndex
        while start != end, isBlank(utf8[start]) { start = utf8.index(after: start) }
        while end != start {
            let before = utf8.index(before: end)
            let byte = utf8[before]
            guard isBlank(byte) || byte == UInt8(ascii: "\r") else { break }
            end = before
        }
        return line[start..<end]
    }

    /// Splits on blanks. A word that opens with a double quote runs to the closing quote, so
    /// `ap profile "spaces profile"` has three words; the quotes stay part of the word.
    static func words(_ text: Substring) -> [Substring] {
        var result: [Substring] = []
        result.reserveCapacity(8)
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            while index != utf8.endIndex, isBlank(utf8[index]) { index = utf8.index(after: index) }
            guard index != utf8.endIndex else { break }
            let start = index
            if utf8[index] == quote {
                index = utf8.index(after: index)
                while index != utf8.endIndex, utf8[index] != quote { index = utf8.index(after: index) }
                if index != utf8.endIndex { index = utf8.index(after: index) }
            }
            while index != utf8.endIndex, !isBlank(utf8[index]) { index = utf8.index(after: index) }
            result.append(text[start..<index])
        }
        return result
    }

    /// A name as written, without surrounding double quotes.
    static func unquoted(_ word: Substring) -> Substring {
        let utf8 = word.utf8
        guard utf8.count >= 2, utf8.first == quote, utf8.last == quote else { return word }
        return word.dropFirst().dropLast()
    }

    /// Byte offset of `part` inside `line` (both slices of the same string).
    static func offset(of part: Substring, in line: Substring) -> Int {
        line.utf8.distance(from: line.utf8.startIndex, to: part.utf8.startIndex)
    }

    /// Byte range from the start of `first` to the end of `last` inside `line`.
    static func byteRange(from first: Substring, to last: Substring, in line: Substring) -> Range<Int> {
        let lower = offset(of: first, in: line)
        let upper = line.utf8.distance(from: line.utf8.startIndex, to: last.utf8.endIndex)
        return lower..<max(lower, upper)
    }

    /// The text from `word` to the end of `line` (a cleartext password with spaces, a description).
    static func rest(of line: Substring, from word: Substring) -> Substring {
        line[word.startIndex...]
    }

    /// Decimal integer without sign; nil for anything else (fast path for ACL numbers and ports).
    static func integer(_ word: Substring) -> Int? {
        var value = 0
        var digits = 0
        for byte in word.utf8 {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value &* 10 &+ Int(byte - 48)
            digits += 1
            if digits > 10 { return nil }
        }
        return digits == 0 ? nil : value
    }

    /// A dotted-quad IPv4 address as a 32-bit value.
    static func ipv4(_ word: Substring) -> UInt32? {
        guard case .v4(let value)? = IPAddress(word) else { return nil }
        return value
    }

    /// Prefix length of a contiguous dotted netmask (255.255.255.0 -> 24); nil when not contiguous.
    static func prefixLength(netmask: UInt32) -> Int? {
        let inverted = ~netmask
        guard inverted & (inverted &+ 1) == 0 else { return nil }
        return netmask.nonzeroBitCount
    }
}

extension Array where Element == Substring {
    /// Element at `index`, or nil past the end: commands are often shorter than the grammar allows.
    @inline(__always)
    subscript(safe index: Int) -> Substring? {
        index >= 0 && index < count ? self[index] : nil
    }
}
