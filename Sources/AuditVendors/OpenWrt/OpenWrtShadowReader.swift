import AuditCore

/// One `/etc/shadow` line: `name:hash:lastchange:min:max:warn:inactive:expire:`.
struct OpenWrtShadowEntry: Sendable, Hashable {
    var name: String
    /// The second field as written (empty, `*`, `!`, `!$6$...`, `$1$...`).
    var hash: String
    /// UTF-8 byte offsets of the hash field within the line.
    var hashRange: Range<Int>
    var line: Int
}

/// What an `/etc/shadow` input held.
struct OpenWrtShadowFile: Sendable {
    var file: String
    var entries: [OpenWrtShadowEntry] = []
    var meaningfulLines = 0
    var unreadableLines: [UCIUnreadableLine] = []
}

/// Recognises and reads `/etc/shadow` by content (the file name is never evidence).
enum OpenWrtShadowReader {
    /// True when most meaningful lines are shadow lines: the input is a shadow file, not UCI.
    static func looksLikeShadow(_ source: ConfigSource) -> Bool {
        var meaningful = 0
        var shadowLines = 0
        for line in source.lines {
            guard let first = line.utf8.first(where: { !UCILexer.isBlank($0) }), first != UInt8(ascii: "#") else { continue }
            meaningful += 1
            if entry(line, number: 0) != nil { shadowLines += 1 }
        }
        return shadowLines > 0 && shadowLines * 10 >= meaningful * 8
    }

    static func read(_ source: ConfigSource) -> OpenWrtShadowFile {
        var file = OpenWrtShadowFile(file: source.path)
        for (offset, line) in source.lines.enumerated() {
            guard let first = line.utf8.first(where: { !UCILexer.isBlank($0) }), first != UInt8(ascii: "#") else { continue }
            file.meaningfulLines += 1
            if let entry = entry(line, number: offset + 1) {
                file.entries.append(entry)
            } else {
                file.unreadableLines.append(UCIUnreadableLine(line: offset + 1, reason: "not an /etc/shadow line"))
            }
        }
        return file
    }

    /// A shadow line has 3 to 9 colon-separated fields, a user name first and a number (or
    /// nothing) third. Seven fields with a path in the sixth is `/etc/passwd`, which is not read.
    static func entry(_ line: Substring, number: Int) -> OpenWrtShadowEntry? {
        let fields = line.split(separator: ":", maxSplits: 9, omittingEmptySubsequences: false)
        guard fields.count >= 3, fields.count <= 9, isUserName(fields[0]),
              fields[2].utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        if fields.count == 7, fields[5].hasPrefix("/") { return nil }
        let hash = fields[1]
        let start = line.utf8.distance(from: line.utf8.startIndex, to: hash.startIndex)
        let length = hash.utf8.count
        return OpenWrtShadowEntry(name: String(fields[0]), hash: String(hash), hashRange: start..<(start + length), line: number)
    }

    /// POSIX-ish user names: letters, digits, `_`, `.`, `-`, an optional trailing `$`.
    private static func isUserName(_ text: Substring) -> Bool {
        guard !text.isEmpty, text.utf8.count <= 32 else { return false }
        var bytes = text.utf8[...]
        if bytes.last == UInt8(ascii: "$") { bytes = bytes.dropLast() }
        guard let first = bytes.first, first != UInt8(ascii: "-") else { return false }
        return bytes.allSatisfy { UCISyntax.isIdentifierByte($0) || $0 == UInt8(ascii: ".") }
    }
}
