import Synchronization

/// The lines of a detection scan as byte ranges of the file's UTF-8, trimmed of blanks, without
/// building a string per line. Detection runs every vendor's detector on every input, so the
/// detectors that look at line prefixes share this walk instead of splitting `String`s (Unicode-aware
/// `hasPrefix` on every line cost more than parsing the whole file once did).
struct DetectionLine {
    let bytes: UnsafeBufferPointer<UInt8>
    /// Trimmed content: `bytes[start..<end]`, never empty.
    let start: Int
    let end: Int
    /// The line starts with a blank (an IOS sub-command, a UCI option).
    let isIndented: Bool

    @inline(__always) func has(_ prefix: StaticString) -> Bool { DetectionBytes.has(bytes, start, end, prefix) }
    @inline(__always) func equals(_ text: StaticString) -> Bool { DetectionBytes.equals(bytes, start, end, text) }
    func contains(_ needle: StaticString) -> Bool { DetectionBytes.contains(bytes, start, end, needle) }

    func hasSuffix(_ suffix: StaticString) -> Bool {
        let count = suffix.utf8CodeUnitCount
        return end - start >= count && DetectionBytes.has(bytes, end - count, end, suffix)
    }

    var first: UInt8 { bytes[start] }
    var last: UInt8 { bytes[end - 1] }

    /// Blank-separated words as byte ranges (only for the few lines a detector looks at closely).
    func words() -> [Range<Int>] {
        var words: [Range<Int>] = []
        var index = start
        while index < end {
            while index < end, DetectionLines.isBlank(bytes[index]) { index += 1 }
            let from = index
            while index < end, !DetectionLines.isBlank(bytes[index]) { index += 1 }
            if index > from { words.append(from..<index) }
        }
        return words
    }

    func word(_ range: Range<Int>, equals text: StaticString) -> Bool {
        DetectionBytes.equals(bytes, range.lowerBound, range.upperBound, text)
    }
}

enum DetectionLines {
    @inline(__always) static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }

    /// Trimmed line bounds of one text, found once: every detector of an input walks the same
    /// lines, one after the other, so the last text's lines are kept (String equality is a
    /// pointer comparison for the same text).
    private struct LineIndex: Sendable {
        var text: String
        var limit: Int
        var lines: [(start: Int32, end: Int32, indented: Bool)]
    }
    private static let lastIndex = Mutex<LineIndex?>(nil)

    private static func lineIndex(_ text: String, limit: Int) -> LineIndex {
        if let known = lastIndex.withLock({ $0 }), known.limit == limit, known.text == text { return known }
        var copy = text
        let lines = copy.withUTF8 { bytes in
            var lines: [(start: Int32, end: Int32, indented: Bool)] = []
            let stop = min(bytes.count, limit)
            var lineStart = 0
            while lineStart < stop {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
                var start = lineStart
                var end = lineEnd
                while start < end, isBlank(bytes[start]) { start += 1 }
                while end > start, isBlank(bytes[end - 1]) { end -= 1 }
                if start < end { lines.append((Int32(start), Int32(end), start > lineStart)) }
                lineStart = lineEnd + 1
            }
            return lines
        }
        let index = LineIndex(text: text, limit: limit, lines: lines)
        lastIndex.withLock { $0 = index }
        return index
    }

    /// Calls `body` for each non-blank line that starts within the first `limit` bytes; `body`
    /// returns false to stop early.
    static func scan(_ text: String, limit: Int = 64 * 1024, _ body: (DetectionLine) -> Bool) {
        let index = lineIndex(text, limit: limit)
        var text = text
        text.withUTF8 { bytes in
            for line in index.lines {
                let detectionLine = DetectionLine(bytes: bytes, start: Int(line.start), end: Int(line.end), isIndented: line.indented)
                if !body(detectionLine) { return }
            }
        }
    }
}
