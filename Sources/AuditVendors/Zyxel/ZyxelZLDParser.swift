import AuditCore

/// Step one of reading a Zyxel ZLD `startup-config.conf` / `show running-config`: lines to a
/// command tree, with no security meaning yet.
///
/// ZLD writes a configuration the way its CLI takes it: a top-level command, then the
/// sub-commands of its mode indented by one space (`interface ge1`, ` type external`), with `!`
/// lines between blocks and `exit` where a mode is left explicitly. Indentation alone gives the
/// structure: a line belongs to the nearest earlier line with less indentation.
public struct ZyxelZLDConfig: Sendable {
    public let source: ConfigSource
    public var commands: [ZLDCommand]
    /// Indices of top-level commands.
    public var topLevel: [Int]
    public var diagnostics: [Diagnostic]

    public var file: String { source.path }
}

public struct ZLDCommand: Sendable {
    public var line: Int
    public var indent: Int
    public var raw: Substring
    public var words: [Substring]
    /// Index one past the last command of this command's mode.
    public var subtreeEnd: Int
}

public enum ZyxelZLDParser {
    public static func parse(path: String, text: String) -> ZyxelZLDConfig {
        var config = parse(ConfigSource(path: path, text: text))
        if let damage = LineBytes.binaryDamage(text, file: path) { config.diagnostics.insert(damage, at: 0) }
        return config
    }

    public static func parse(_ source: ConfigSource) -> ZyxelZLDConfig {
        var commands: [ZLDCommand] = []
        commands.reserveCapacity(source.lineCount)
        var topLevel: [Int] = []
        var open: [Int] = []
        var diagnostics: [Diagnostic] = []
        var unterminatedQuote: Int?
        for (offset, raw) in source.lines.enumerated() {
            let number = offset + 1
            let text = LineBytes.trimmed(raw)
            guard let first = text.utf8.first else { continue }
            // `!` separates blocks; `exit` leaves a mode. Both close what is open at their depth.
            if first == UInt8(ascii: "!") || text == "exit" || text == "end" {
                let indent = LineBytes.indentation(of: raw)
                while let top = open.last, commands[top].indent >= indent {
                    commands[top].subtreeEnd = commands.count
                    open.removeLast()
                }
                continue
            }
            // A captured prompt (`usg40# show running-config`, `Router(config)#`).
            if (text.hasSuffix("#") && !text.contains(" ")) || text.contains("# show ") { continue }
            let indent = LineBytes.indentation(of: raw)
            while let top = open.last, commands[top].indent >= indent {
                commands[top].subtreeEnd = commands.count
                open.removeLast()
            }
            if open.isEmpty { topLevel.append(commands.count) }
            let (words, closed) = ZLDText.words(text)
            if !closed, unterminatedQuote == nil { unterminatedQuote = number }
            commands.append(ZLDCommand(line: number, indent: indent, raw: raw, words: words, subtreeEnd: commands.count + 1))
            open.append(commands.count - 1)
        }
        for index in open { commands[index].subtreeEnd = commands.count }
        if commands.isEmpty {
            diagnostics.append(Diagnostic(.warning, code: "empty", "\(source.path) holds no ZLD commands",
                                          at: SourceSpan(file: source.path, start: max(1, source.lineCount))))
        }
        if let line = unterminatedQuote {
            diagnostics.append(Diagnostic(.warning, code: "truncated", "a quoted value is not closed; the file may be cut short",
                                          at: SourceSpan(file: source.path, start: line)))
        }
        return ZyxelZLDConfig(source: source, commands: commands, topLevel: topLevel, diagnostics: diagnostics)
    }
}

/// Byte helpers for ZLD lines.
enum ZLDText {
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { LineBytes.isBlank(byte) }




    /// Splits on blanks; a double-quoted value (`description "two words"`) is one word, quotes
    /// removed. Returns whether every quote was closed.
    static func words(_ text: Substring) -> ([Substring], Bool) {
        var result: [Substring] = []
        result.reserveCapacity(8)
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            while index != utf8.endIndex, isBlank(utf8[index]) { index = utf8.index(after: index) }
            guard index != utf8.endIndex else { break }
            if utf8[index] == UInt8(ascii: "\"") {
                let start = utf8.index(after: index)
                var end = start
                while end != utf8.endIndex, utf8[end] != UInt8(ascii: "\"") { end = utf8.index(after: end) }
                result.append(text[start..<end])
                guard end != utf8.endIndex else { return (result, false) }
                index = utf8.index(after: end)
                continue
            }
            let start = index
            while index != utf8.endIndex, !isBlank(utf8[index]) { index = utf8.index(after: index) }
            result.append(text[start..<index])
        }
        return (result, true)
    }



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

    static func port(_ word: Substring) -> Int? {
        guard let value = integer(word), value >= 0, value <= 65535 else { return nil }
        return value
    }

    /// Prefix length of a contiguous dotted netmask (255.255.255.0 -> 24); nil when not contiguous.
    static func prefixLength(netmask: Substring) -> Int? {
        guard case .v4(let mask)? = IPAddress(netmask) else { return nil }
        let inverted = ~mask
        guard inverted & (inverted &+ 1) == 0 else { return nil }
        return mask.nonzeroBitCount
    }
}
