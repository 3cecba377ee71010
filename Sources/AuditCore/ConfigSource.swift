/// The text of one configuration file as it was read, split into lines once.
///
/// Parsers read lines from here; reporters quote evidence from here. Parsers record where secrets
/// sit on a line (`secretSpans`) so a quoted line can be masked unless the user asked to see
/// secrets: masking is done by position, never by searching for the secret's text.
public struct ConfigSource: Sendable {
    /// The path as the user gave it (or `host:command` for collected output).
    public let path: String
    /// Lines without their terminators; index 0 is line 1.
    public let lines: [Substring]

    public init(path: String, text: String) {
        self.path = path
        self.lines = ConfigSource.splitLines(text)
    }

    public var lineCount: Int { lines.count }

    /// Line `number` (1-based), or nil when out of range.
    public func line(_ number: Int) -> Substring? {
        number >= 1 && number <= lines.count ? lines[number - 1] : nil
    }

    /// Splits on LF, dropping a CR before it; a final line without LF is kept.
    static func splitLines(_ text: String) -> [Substring] {
        var result: [Substring] = []
        result.reserveCapacity(text.utf8.count / 32 + 1)
        var start = text.utf8.startIndex
        var index = start
        let utf8 = text.utf8
        while index != utf8.endIndex {
            if utf8[index] == UInt8(ascii: "\n") {
                var end = index
                if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") {
                    end = utf8.index(before: end)
                }
                result.append(text[start..<end])
                start = utf8.index(after: index)
            }
            index = utf8.index(after: index)
        }
        if start != utf8.endIndex {
            var end = utf8.endIndex
            if utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
            result.append(text[start..<end])
        }
        return result
    }
}

/// Where a secret sits on a line, so the line can be quoted with the secret masked.
public struct SecretSpan: Hashable, Sendable {
    public var file: String
    public var line: Int
    /// Offsets in UTF-8 bytes from the start of the line.
    public var range: Range<Int>

    public init(file: String, line: Int, range: Range<Int>) {
        self.file = file
        self.line = line
        self.range = range
    }
}
