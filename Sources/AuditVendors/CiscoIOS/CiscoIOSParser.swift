import AuditCore

/// Step one of reading an IOS configuration: lines to a command tree (see `CiscoIOSConfig`).
///
/// IOS prints a block's children indented by one more space than the block, so indentation alone
/// gives the structure: a line belongs to the nearest earlier line with less indentation. Comments
/// (`!`), blank lines and `exit`-style lines are structure, not commands. Banners and macro bodies
/// are free text between delimiters and are taken out before anything reads them as commands.
public enum CiscoIOSParser {
    public static func parse(path: String, text: String, dialect: CiscoDialect = .ios) -> CiscoIOSConfig {
        parse(ConfigSource(path: path, text: text), text: text, dialect: dialect)
    }

    public static func parse(_ source: ConfigSource, text: String? = nil, dialect: CiscoDialect = .ios) -> CiscoIOSConfig {
        var reader = TreeReader(source: source, dialect: dialect)
        reader.read()
        if let text, let damage = binaryDamage(text, file: source.path) {
            reader.diagnostics.insert(damage, at: 0)
        }
        return CiscoIOSConfig(source: source, commands: reader.commands, banners: reader.banners,
                              textBlockLines: reader.textBlockLines, endLine: reader.endLine,
                              diagnostics: reader.diagnostics)
    }

    /// An `error` when the text looks like binary data: NUL bytes or many control characters.
    static func binaryDamage(_ text: String, file: String) -> Diagnostic? {
        // Tab, LF, CR and ETX (the `^C` banner delimiter typed raw) are normal in a config.
        func count(_ bytes: some Sequence<UInt8>) -> (control: Int, nul: Bool) {
            var control = 0
            var nul = false
            for byte in bytes where byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x03 {
                control += 1
                nul = nul || byte == 0
            }
            return (control, nul)
        }
        let total = text.utf8.count
        let found = text.utf8.withContiguousStorageIfAvailable { count($0) } ?? count(text.utf8)
        guard total > 0, found.control > 0, found.control * 100 >= total || found.nul else { return nil }
        return Diagnostic(.error, code: "binary",
                          "\(file) contains binary data (\(found.control) control bytes in \(total)); only text lines were read",
                          at: SourceSpan(file: file, start: 1))
    }
}

/// The single pass that builds the tree. A stack holds the open blocks; a line closes every open
/// block indented as much as or more than itself, then opens its own.
private struct TreeReader {
    let source: ConfigSource
    var commands: [CiscoCommand] = []
    var banners: [CiscoBanner] = []
    var textBlockLines = 0
    var endLine: Int?
    var diagnostics: [Diagnostic] = []
    private var open: [Int] = []
    /// Banners differ: IOS delimits them, the ASA writes one `banner KIND TEXT` line per line of
    /// text, EOS ends the text with a line `EOF`.
    let dialect: CiscoDialect

    init(source: ConfigSource, dialect: CiscoDialect = .ios) {
        self.source = source
        self.dialect = dialect
        commands.reserveCapacity(source.lineCount)
    }

    mutating func read() {
        let lines = source.lines
        var index = 0
        while index < lines.count {
            let raw = lines[index]
            let number = index + 1
            index += 1
            let text = CiscoText.trimmed(raw)
            guard let first = text.utf8.first, first != UInt8(ascii: "!") else { continue }
            if isStructure(text) {
                if text == "end" {
                    endLine = number
                    closeAll()
                }
                continue
            }
            let indent = CiscoText.indentation(of: raw)
            let words = CiscoText.words(text)
            if indent == 0, words[0] == "banner" {
                closeAll()
                index = readBanner(words: words, text: text, startIndex: index - 1)
                continue
            }
            if indent == 0, words.count >= 2, words[0] == "macro", words[1] == "name" {
                closeAll()
                index = readMacro(startIndex: index - 1)
                continue
            }
            while let top = open.last, commands[top].indent >= indent {
                commands[top].subtreeEnd = commands.count
                open.removeLast()
            }
            commands.append(CiscoCommand(line: number, indent: indent, depth: open.count, raw: raw, text: text,
                                         words: words, subtreeEnd: commands.count + 1))
            open.append(commands.count - 1)
        }
        closeAll()
        if commands.isEmpty && banners.isEmpty {
            diagnostics.append(Diagnostic(.warning, code: "empty", "\(source.path) holds no configuration commands",
                                          at: SourceSpan(file: source.path, start: max(1, source.lineCount))))
        } else if endLine == nil {
            diagnostics.append(Diagnostic(.warning, code: "truncated",
                                          "no `end` line: IOS ends every running-config with one, so this one may be cut short",
                                          at: SourceSpan(file: source.path, start: max(1, source.lineCount))))
        }
    }

    private mutating func closeAll() {
        for top in open { commands[top].subtreeEnd = commands.count }
        open.removeAll(keepingCapacity: true)
    }

    /// Lines that only mark structure: leaving a submode, the end of the config, `show run` headers.
    private func isStructure(_ text: Substring) -> Bool {
        switch text.utf8.first {
        case UInt8(ascii: "e"):
            return text == "end" || text == "exit" || text.hasPrefix("exit-")
        case UInt8(ascii: "q"):
            return text == "quit"
        case UInt8(ascii: "B"):
            return text.hasPrefix("Building configuration")
        case UInt8(ascii: "C"):
            return text.hasPrefix("Current configuration")
        default:
            return false
        }
    }

    /// `banner KIND <d>text<d>`: the text runs from the first delimiter to the next one, possibly
    /// many lines later. IOS shows the ETX delimiter as the two characters `^C`.
    private mutating func readBanner(words: [Substring], text: Substring, startIndex: Int) -> Int {
        let start = startIndex + 1
        let knownKinds: Set<Substring> = ["motd", "login", "exec", "incoming", "slip-ppp", "prompt-timeout", "config-save", "asdm"]
        let kind = words.count > 1 && knownKinds.contains(words[1]) ? words[1] : "motd"
        switch dialect {
        case .ios:
            break
        case .asa:
            banners.append(CiscoBanner(kind: String(kind), delimiter: "", startLine: start, endLine: start, terminated: true))
            return startIndex + 1
        case .eos:
            let lines = source.lines
            var index = startIndex + 1
            while index < lines.count, CiscoText.trimmed(lines[index]) != "EOF" { index += 1 }
            let terminated = index < lines.count
            banners.append(CiscoBanner(kind: String(kind), delimiter: "EOF", startLine: start,
                                       endLine: terminated ? index + 1 : max(start, lines.count), terminated: terminated))
            if !terminated {
                diagnostics.append(Diagnostic(.error, code: "truncated",
                                              "banner \(kind) is never closed with EOF; the rest of the file was read as its text",
                                              at: SourceSpan(file: source.path, start: start, end: lines.count)))
            }
            return min(index + 1, lines.count)
        }
        let afterKind = words.count > 1 && knownKinds.contains(words[1]) ? words[1].endIndex : words[0].endIndex
        let remainder = CiscoText.trimmed(text[afterKind...])
        guard !remainder.isEmpty else {
            banners.append(CiscoBanner(kind: String(kind), delimiter: "", startLine: start, endLine: start, terminated: true))
            return startIndex + 1
        }
        let delimiter: Substring
        if remainder.utf8.first == UInt8(ascii: "^"), remainder.count >= 2 {
            delimiter = remainder.prefix(2)
        } else {
            delimiter = remainder.prefix(1)
        }
        let afterOpening = remainder[delimiter.endIndex...]
        if Self.find(delimiter, in: afterOpening) {
            banners.append(CiscoBanner(kind: String(kind), delimiter: String(delimiter), startLine: start,
                                       endLine: start, terminated: true))
            return startIndex + 1
        }
        let lines = source.lines
        var index = startIndex + 1
        while index < lines.count {
            if Self.find(delimiter, in: lines[index]) {
                banners.append(CiscoBanner(kind: String(kind), delimiter: String(delimiter), startLine: start,
                                           endLine: index + 1, terminated: true))
                return index + 1
            }
            index += 1
        }
        banners.append(CiscoBanner(kind: String(kind), delimiter: String(delimiter), startLine: start,
                                   endLine: max(start, lines.count), terminated: false))
        diagnostics.append(Diagnostic(.error, code: "truncated",
                                      "banner \(kind) opened with \(delimiter) is never closed; the rest of the file was read as its text",
                                      at: SourceSpan(file: source.path, start: start, end: lines.count)))
        return lines.count
    }

    /// `macro name NAME` bodies are unindented command text ending with a lone `@`.
    private mutating func readMacro(startIndex: Int) -> Int {
        let lines = source.lines
        var index = startIndex + 1
        while index < lines.count {
            if CiscoText.trimmed(lines[index]) == "@" {
                textBlockLines += index - startIndex + 1
                return index + 1
            }
            index += 1
        }
        textBlockLines += lines.count - startIndex
        diagnostics.append(Diagnostic(.error, code: "truncated", "macro body is never closed with `@`",
                                      at: SourceSpan(file: source.path, start: startIndex + 1, end: lines.count)))
        return lines.count
    }

    /// Byte search of a short needle (a banner delimiter) in a line.
    static func find(_ needle: Substring, in haystack: Substring) -> Bool {
        let n = Array(needle.utf8)
        guard let first = n.first else { return false }
        let h = haystack.utf8
        var index = h.startIndex
        while index != h.endIndex {
            if h[index] == first {
                var probe = h.index(after: index)
                var matched = 1
                while matched < n.count, probe != h.endIndex, h[probe] == n[matched] {
                    matched += 1
                    probe = h.index(after: probe)
                }
                if matched == n.count { return true }
            }
            index = h.index(after: index)
        }
        return false
    }
}
