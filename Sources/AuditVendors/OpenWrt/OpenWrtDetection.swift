import AuditCore

/// Recognises OpenWrt input by content: UCI `config TYPE` sections with `option`/`list` lines
/// (single files and `uci export` dumps), `uci show` lines, or `/etc/shadow` alone (scored
/// moderately, so a lone shadow file is still audited as OpenWrt but never outvotes a real
/// configuration of another vendor).
///
/// Scans bytes without building strings; only the first `maximumLines` lines are looked at.
enum OpenWrtDetection {
    static let maximumLines = 5000

    static func score(_ text: String) -> DetectionScore {
        var text = text
        let counts = text.withUTF8 { count(in: $0) }
        return score(counts)
    }

    struct Counts {
        var meaningful = 0
        var config = 0
        var option = 0
        var package = 0
        var showSection = 0
        var showOption = 0
        var shadow = 0
    }

    static func score(_ counts: Counts) -> DetectionScore {
        guard counts.meaningful > 0 else { return .none }
        let uci = counts.config + counts.option + counts.package
        if counts.config > 0 && counts.option > 0 {
            let value = 50 + 45 * min(uci, counts.meaningful) / counts.meaningful
            return DetectionScore(value, "UCI sections: \(counts.config) config and \(counts.option) option/list lines")
        }
        let show = counts.showSection + counts.showOption
        if counts.showOption > 0 && show * 2 >= counts.meaningful {
            let value = 50 + 40 * show / counts.meaningful
            return DetectionScore(value, "uci show output: \(show) package.section.option lines")
        }
        if counts.shadow > 0 && counts.shadow * 10 >= counts.meaningful * 8 {
            return DetectionScore(30, "/etc/shadow lines (user:hash:...), as collected from an OpenWrt device")
        }
        if counts.config > 0 {
            return DetectionScore(min(10, counts.config), "config lines without option or list lines")
        }
        return .none
    }

    static func count(in bytes: UnsafeBufferPointer<UInt8>) -> Counts {
        var counts = Counts()
        var start = 0
        var lines = 0
        while start < bytes.count && lines < maximumLines {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            classify(bytes, start, end, into: &counts)
            lines += 1
            start = end + 1
        }
        return counts
    }

    private static func classify(_ bytes: UnsafeBufferPointer<UInt8>, _ lineStart: Int, _ end: Int, into counts: inout Counts) {
        var index = lineStart
        while index < end && UCILexer.isBlank(bytes[index]) { index += 1 }
        guard index < end, bytes[index] != UInt8(ascii: "#") else { return }
        counts.meaningful += 1
        let wordStart = index
        while index < end && !UCILexer.isBlank(bytes[index]) { index += 1 }
        let keyword = UnsafeBufferPointer(rebasing: bytes[wordStart..<index])
        while index < end && UCILexer.isBlank(bytes[index]) { index += 1 }
        let hasName = index < end && nameFollows(bytes, index, end)
        if hasName && keyword.elementsEqual("config".utf8) { counts.config += 1; return }
        if hasName && (keyword.elementsEqual("option".utf8) || keyword.elementsEqual("list".utf8)) { counts.option += 1; return }
        if hasName && keyword.elementsEqual("package".utf8) { counts.package += 1; return }
        if let isOption = showLine(bytes, wordStart, end) {
            if isOption { counts.showOption += 1 } else { counts.showSection += 1 }
            return
        }
        if shadowLine(bytes, wordStart, end) { counts.shadow += 1 }
    }

    /// An identifier, bare or quoted, at `index`.
    private static func nameFollows(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int) -> Bool {
        var index = index
        if bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"") { index += 1 }
        return index < end && UCISyntax.isIdentifierByte(bytes[index])
    }

    /// `pkg.section=type` (false) or `pkg.section.option='value'` (true); nil otherwise.
    private static func showLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool? {
        var index = start
        func identifier() -> Bool {
            let from = index
            while index < end && UCISyntax.isIdentifierByte(bytes[index]) { index += 1 }
            return index > from
        }
        func consume(_ ascii: Unicode.Scalar) -> Bool {
            guard index < end, bytes[index] == UInt8(ascii: ascii) else { return false }
            index += 1
            return true
        }
        guard identifier(), consume(".") else { return nil }
        if consume("@") {
            guard identifier(), consume("[") else { return nil }
            _ = consume("-")
            guard identifier(), consume("]") else { return nil }
        } else if !identifier() {
            return nil
        }
        let isOption = consume(".")
        if isOption && !identifier() { return nil }
        guard consume("=") else { return nil }
        if isOption {
            return index < end && (bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\"")) ? true : nil
        }
        return identifier() ? false : nil
    }

    /// `name:hash:digits...` with 3 to 9 fields (the reader applies the full rule).
    private static func shadowLine(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        // Cheap rejection first (this runs on every line of every other vendor's file): a user
        // name has no blank and is followed by a colon, and the line has at least two colons.
        var index = start
        while index < end, bytes[index] != UInt8(ascii: ":") {
            if UCILexer.isBlank(bytes[index]) { return false }
            index += 1
        }
        guard index < end, bytes[(index + 1)..<end].contains(UInt8(ascii: ":")) else { return false }
        var line = Substring(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        if line.utf8.last == 0x0D { line = line.dropLast() }
        return OpenWrtShadowReader.entry(line, number: 0) != nil
    }
}
