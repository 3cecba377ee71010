import AuditCore

/// Step one of reading a Huawei VRP `display current-configuration`: lines to a command tree.
///
/// VRP prints a view's commands indented one space more than the view (`interface X`, then
/// ` ip address ...`; `bgp 65000`, ` ipv4-family unicast`, `  peer ... enable`), separates views
/// with `#` lines (also indented inside `bgp`), and ends with `return`. Indentation alone gives
/// the structure: a line belongs to the nearest earlier line with less indentation. `#` and `!`
/// lines are comments or separators (`!Software Version V200R010C00SPC600` is kept for the version).
public struct HuaweiVRPConfig: Sendable {
    public let source: ConfigSource
    public var commands: [HuaweiCommand]
    /// Indices of top-level commands.
    public var topLevel: [Int]
    /// The `return` line, when there is one (VRP always ends the display with it).
    public var returnLine: Int?
    /// `!Software Version V200R010C00SPC600` and similar comment lines, by line number.
    public var versionLine: (line: Int, text: Substring)?
    public var diagnostics: [Diagnostic]

    public var file: String { source.path }
}

public struct HuaweiCommand: Sendable {
    public var line: Int
    public var indent: Int
    public var raw: Substring
    public var words: [Substring]
    /// Index one past the last command of this command's view.
    public var subtreeEnd: Int
}

public enum HuaweiVRPParser {
    public static func parse(path: String, text: String) -> HuaweiVRPConfig {
        var config = parse(ConfigSource(path: path, text: text))
        if let damage = LineBytes.binaryDamage(text, file: path) { config.diagnostics.insert(damage, at: 0) }
        return config
    }

    public static func parse(_ source: ConfigSource) -> HuaweiVRPConfig {
        var commands: [HuaweiCommand] = []
        commands.reserveCapacity(source.lineCount)
        var topLevel: [Int] = []
        var open: [Int] = []
        var returnLine: Int?
        var versionLine: (Int, Substring)?
        var diagnostics: [Diagnostic] = []
        for (offset, raw) in source.lines.enumerated() {
            let number = offset + 1
            let text = LineBytes.trimmed(raw)
            guard let first = text.utf8.first else { continue }
            if first == UInt8(ascii: "#") || first == UInt8(ascii: "!") {
                if versionLine == nil, text.contains("Software Version") { versionLine = (number, text) }
                // A `#` separator ends every view opened at its indentation or deeper: global
                // commands after it are printed one space in, like the commands of a view.
                if first == UInt8(ascii: "#") {
                    let indent = LineBytes.indentation(of: raw)
                    while let top = open.last, commands[top].indent >= indent {
                        commands[top].subtreeEnd = commands.count
                        open.removeLast()
                    }
                }
                continue
            }
            if text == "return" {
                returnLine = number
                for index in open { commands[index].subtreeEnd = commands.count }
                open.removeAll()
                continue
            }
            if text == "quit" { continue }
            // A captured prompt (`<AR1220>display current-configuration`, `[AR1220]`).
            if first == UInt8(ascii: "<") || first == UInt8(ascii: "["), text.contains(">") || text.hasSuffix("]") { continue }
            let indent = LineBytes.indentation(of: raw)
            while let top = open.last, commands[top].indent >= indent {
                commands[top].subtreeEnd = commands.count
                open.removeLast()
            }
            if open.isEmpty { topLevel.append(commands.count) }
            // A command indented under nothing (` sysname X` after `#`) is a top-level command.
            commands.append(HuaweiCommand(line: number, indent: indent, raw: raw, words: HuaweiText.words(text),
                                          subtreeEnd: commands.count + 1))
            open.append(commands.count - 1)
        }
        for index in open { commands[index].subtreeEnd = commands.count }
        if commands.isEmpty {
            diagnostics.append(Diagnostic(.warning, code: "empty", "\(source.path) holds no VRP commands",
                                          at: SourceSpan(file: source.path, start: max(1, source.lineCount))))
        } else if returnLine == nil {
            diagnostics.append(Diagnostic(.warning, code: "truncated",
                                          "no `return` line: VRP ends every display current-configuration with one, so this one may be cut short",
                                          at: SourceSpan(file: source.path, start: max(1, source.lineCount))))
        }
        return HuaweiVRPConfig(source: source, commands: commands, topLevel: topLevel, returnLine: returnLine,
                               versionLine: versionLine, diagnostics: diagnostics)
    }
}

/// Byte helpers for VRP lines.
enum HuaweiText {
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool { LineBytes.isBlank(byte) }




    /// Splits on blanks. VRP has no quoting in commands that matter here; a description keeps its
    /// words apart.
    static func words(_ text: Substring) -> [Substring] {
        var result: [Substring] = []
        result.reserveCapacity(8)
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index != utf8.endIndex {
            while index != utf8.endIndex, isBlank(utf8[index]) { index = utf8.index(after: index) }
            guard index != utf8.endIndex else { break }
            let start = index
            while index != utf8.endIndex, !isBlank(utf8[index]) { index = utf8.index(after: index) }
            result.append(text[start..<index])
        }
        return result
    }



    /// Prefix length of a contiguous dotted netmask (255.255.255.0 -> 24); nil when not contiguous.
    static func prefixLength(netmask: UInt32) -> Int? {
        let inverted = ~netmask
        guard inverted & (inverted &+ 1) == 0 else { return nil }
        return netmask.nonzeroBitCount
    }

    /// The network a prefix names (host bits cleared).
    static func network(_ prefix: IPPrefix) -> IPPrefix {
        switch prefix.address {
        case .v4(let a):
            let mask: UInt32 = prefix.length == 0 ? 0 : ~UInt32(0) << (32 - prefix.length)
            return IPPrefix(.v4(a & mask), length: prefix.length)
        case .v6(let a):
            let mask: UInt128 = prefix.length == 0 ? 0 : ~UInt128(0) << (128 - prefix.length)
            return IPPrefix(.v6(a & mask), length: prefix.length)
        }
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
}
