import AuditCore

/// Step one of reading a DrayTek Vigor configuration: a telnet command script (the commands of
/// the Vigor User's Guide "Telnet Commands" part, one per line, as an installer keeps them or a
/// session log records them) to a list of commands. No security meaning yet.
///
/// A line may carry the CLI prompt (`> mngt rmtcfg disable`, `DrayTek> ...`); lines starting
/// with `%` are the router's answers and lines starting with `#` or `;` are comments. The
/// Vigor's own configuration backup (`.cfg`) is a binary file and is not this format.
public struct DrayTekScript: Sendable {
    public let source: ConfigSource
    public var commands: [DrayTekCommand]
    public var diagnostics: [Diagnostic]

    public var file: String { source.path }
}

public struct DrayTekCommand: Sendable {
    public var line: Int
    public var raw: Substring
    public var words: [Substring]
}

public enum DrayTekParser {
    public static func parse(path: String, text: String) -> DrayTekScript {
        let source = ConfigSource(path: path, text: text)
        var commands: [DrayTekCommand] = []
        var diagnostics: [Diagnostic] = []
        if let damage = LineBytes.binaryDamage(text, file: path) { diagnostics.append(damage) }
        for (offset, raw) in source.lines.enumerated() {
            var text = LineBytes.trimmed(raw)
            // Drop a prompt: `>`, `DrayTek>`, `Vigor2927>`.
            if let prompt = text.firstIndex(of: ">"), !text[..<prompt].contains(" ") {
                text = LineBytes.trimmed(text[text.index(after: prompt)...])
            }
            guard let first = text.utf8.first else { continue }
            if first == UInt8(ascii: "%") || first == UInt8(ascii: "#") || first == UInt8(ascii: ";") { continue }
            let (words, closed) = ZLDText.words(text)
            if !closed {
                diagnostics.append(Diagnostic(.warning, code: "truncated", "a quoted value is not closed",
                                              at: SourceSpan(file: path, start: offset + 1)))
            }
            commands.append(DrayTekCommand(line: offset + 1, raw: raw, words: words))
        }
        // A script written or saved whole ends with a line break; one that stops mid-line may
        // have lost the rest of its last command.
        if let last = commands.last, text.utf8.last != UInt8(ascii: "\n") {
            diagnostics.append(Diagnostic(.warning, code: "truncated",
                                          "the file does not end with a line break: the command on line \(last.line) may be cut short",
                                          at: SourceSpan(file: path, start: last.line)))
        }
        if commands.isEmpty {
            diagnostics.append(Diagnostic(.warning, code: "empty", "\(path) holds no Vigor telnet commands",
                                          at: SourceSpan(file: path, start: max(1, source.lineCount))))
        }
        return DrayTekScript(source: source, commands: commands, diagnostics: diagnostics)
    }
}
