import AuditCore

/// Lines to the `FortiOSConfig` tree.
///
/// FortiOS writes one command per line: `config PATH` opens a block that `end` closes, `edit NAME`
/// opens an entry that `next` closes, and `set`/`unset`/`append`/`select`/`unselect` change a key.
/// Values are words; a word in double (or single) quotes may hold blanks, `\"` and `\\` escapes
/// and line breaks (replacement-message HTML runs over hundreds of lines). `#` lines are comments
/// (the `#config-version=` header, oxidized hardware notes, Batfish test remarks).
public enum FortiOSParser {
    public static func parse(path: String, text: String) -> FortiOSConfig {
        var config = parse(ConfigSource(path: path, text: text))
        if let damage = binaryDamage(text, file: path) { config.diagnostics.insert(damage, at: 0) }
        return config
    }

    public static func parse(_ source: ConfigSource) -> FortiOSConfig {
        var reader = FortiReader(source: source)
        reader.read()
        return FortiOSConfig(source: source, blocks: reader.topLevel, strayCommands: reader.stray,
                             meaningfulLines: reader.meaningful, unknownLines: reader.unknown,
                             commentLines: reader.comments, diagnostics: reader.diagnostics)
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

/// The single pass that builds the tree. A stack holds the open blocks and entries.
private struct FortiReader {
    enum Frame {
        case block(FortiBlock)
        case entry(FortiEntry)
    }

    static let maximumDepth = 64

    let source: ConfigSource
    var topLevel: [FortiBlock] = []
    var stray: [FortiSetting] = []
    var meaningful: [Int] = []
    var unknown: [Int] = []
    var comments: [Int] = []
    var diagnostics: [Diagnostic] = []
    private var stack: [Frame] = []
    private var lineIndex = 0
    private var reportedDepth = false

    init(source: ConfigSource) {
        self.source = source
        meaningful.reserveCapacity(source.lineCount)
    }

    var file: String { source.path }

    mutating func read() {
        let lines = source.lines
        while lineIndex < lines.count {
            let number = lineIndex + 1
            let line = lines[lineIndex]
            guard let first = FortiText.firstNonBlank(line) else {
                lineIndex += 1
                continue
            }
            if first == UInt8(ascii: "#") {
                comments.append(number)
                lineIndex += 1
                continue
            }
            let command = FortiLexer.read(lines: lines, from: lineIndex)
            let endNumber = command.lastLineIndex + 1
            lineIndex = command.lastLineIndex + 1
            if command.unterminated {
                diagnostics.append(Diagnostic(.error, code: "truncated",
                                              "a quoted value opened on line \(number) is never closed",
                                              at: SourceSpan(file: file, start: number, end: endNumber)))
            }
            handle(command.words, line: number, endLine: endNumber)
        }
        closeAll(at: lines.count)
        if topLevel.isEmpty && stray.isEmpty {
            diagnostics.append(Diagnostic(.warning, code: "empty", "\(file) holds no FortiOS configuration blocks",
                                          at: SourceSpan(file: file, start: max(1, lines.count))))
        }
    }

    private mutating func markMeaningful(_ line: Int, _ endLine: Int) {
        for number in line...max(line, endLine) { meaningful.append(number) }
    }

    private mutating func handle(_ words: [FortiWord], line: Int, endLine: Int) {
        guard let verb = words.first?.text, !words[0].quoted else {
            markMeaningful(line, endLine)
            unknown.append(line)
            return
        }
        switch verb {
        case "config":
            markMeaningful(line, endLine)
            guard stack.count < Self.maximumDepth else {
                // FortiOS nests a handful of levels; this deep is damage (and would exhaust the stack).
                if !reportedDepth {
                    reportedDepth = true
                    diagnostics.append(Diagnostic(.error, code: "too-deep", "blocks nested more than \(Self.maximumDepth) deep",
                                                  at: SourceSpan(file: file, start: line)))
                }
                unknown.append(line)
                return
            }
            let path = words.dropFirst().map(\.text)
            if path.isEmpty {
                diagnostics.append(Diagnostic(.warning, code: "bad-value", "`config` without a path",
                                              at: SourceSpan(file: file, start: line)))
            }
            stack.append(.block(FortiBlock(path: path, key: path.joined(separator: " "), line: line, endLine: line,
                                           closed: false, settings: [], entries: [], blocks: [])))
        case "edit":
            markMeaningful(line, endLine)
            if case .entry? = stack.last {
                diagnostics.append(Diagnostic(.warning, code: "truncated", "`edit` before the previous entry's `next`",
                                              at: SourceSpan(file: file, start: line)))
                closeTop(at: line - 1)
            }
            guard case .block? = stack.last else {
                unknown.append(line)
                return
            }
            let name = words.count > 1 ? words[1] : FortiWord(text: "", quoted: false, line: line, range: 0..<0)
            if words.count < 2 {
                diagnostics.append(Diagnostic(.warning, code: "bad-value", "`edit` without a name",
                                              at: SourceSpan(file: file, start: line)))
            }
            stack.append(.entry(FortiEntry(name: name.text, nameWord: name, line: line, endLine: line,
                                           settings: [], blocks: [])))
        case "next":
            // Close a block left open inside the entry, then the entry.
            while case .block(let block)? = stack.last, stack.count >= 2 {
                if case .entry = stack[stack.count - 2] {
                    diagnostics.append(Diagnostic(.warning, code: "truncated",
                                                  "block `config \(block.key)` has no `end` before `next`",
                                                  at: SourceSpan(file: file, start: block.line, end: line)))
                    closeTop(at: line - 1)
                } else {
                    break
                }
            }
            if case .entry? = stack.last {
                closeTop(at: line)
            } else {
                diagnostics.append(Diagnostic(.info, code: "stray-next", "`next` outside an `edit` entry",
                                              at: SourceSpan(file: file, start: line)))
            }
        case "end":
            if case .entry? = stack.last { closeTop(at: line - 1) }
            if case .block? = stack.last {
                closeTop(at: line, closed: true)
            } else {
                diagnostics.append(Diagnostic(.info, code: "stray-end", "`end` outside a `config` block",
                                              at: SourceSpan(file: file, start: line)))
            }
        default:
            markMeaningful(line, endLine)
            let kind: FortiSetting.Verb
            switch verb {
            case "set": kind = .set
            case "unset": kind = .unset
            case "append": kind = .append
            case "select": kind = .select
            case "unselect": kind = .unselect
            case "delete": kind = .delete
            case "rename", "move", "purge", "clone", "clear":
                kind = .other
            default:
                unknown.append(line)
                return
            }
            let key = words.count > 1 ? words[1].text : ""
            if key.isEmpty && kind != .other && kind != .delete {
                diagnostics.append(Diagnostic(.warning, code: "bad-value", "`\(verb)` without a key",
                                              at: SourceSpan(file: file, start: line)))
            }
            let setting = FortiSetting(verb: kind, verbText: verb, key: key, values: Array(words.dropFirst(2)),
                                       line: line, endLine: endLine)
            switch stack.last {
            case .block(var block)?:
                stack.removeLast()
                block.settings.append(setting)
                stack.append(.block(block))
            case .entry(var entry)?:
                stack.removeLast()
                entry.settings.append(setting)
                stack.append(.entry(entry))
            case nil:
                stray.append(setting)
            }
        }
    }

    /// Pops the innermost frame and adds it to its parent.
    private mutating func closeTop(at line: Int, closed: Bool = false) {
        guard let frame = stack.popLast() else { return }
        switch frame {
        case .block(var block):
            block.endLine = max(block.line, line)
            block.closed = closed
            switch stack.last {
            case .block(var parent)?:
                stack.removeLast()
                parent.blocks.append(block)
                stack.append(.block(parent))
            case .entry(var parent)?:
                stack.removeLast()
                parent.blocks.append(block)
                stack.append(.entry(parent))
            case nil:
                topLevel.append(block)
            }
        case .entry(var entry):
            entry.endLine = max(entry.line, line)
            if case .block(var parent)? = stack.last {
                stack.removeLast()
                parent.entries.append(entry)
                stack.append(.block(parent))
            }
        }
    }

    private mutating func closeAll(at line: Int) {
        if !stack.isEmpty {
            let open: [String] = stack.map {
                switch $0 {
                case .block(let block): "config \(block.key) (line \(block.line))"
                case .entry(let entry): "edit \(entry.name) (line \(entry.line))"
                }
            }
            diagnostics.append(Diagnostic(.warning, code: "truncated",
                                          "the file ends inside \(open.joined(separator: ", ")): no `end` closes it, so it may be cut short",
                                          at: SourceSpan(file: file, start: max(1, line))))
        }
        while !stack.isEmpty { closeTop(at: line) }
    }
}

/// Splits one command into words, reading on over line breaks inside quotes.
enum FortiLexer {
    struct Command {
        var words: [FortiWord]
        var lastLineIndex: Int
        var unterminated: Bool
    }

    static func read(lines: [Substring], from start: Int) -> Command {
        // Fast path: the command ends on its line (every line but multi-line quoted values).
        if let words = lines[start].utf8.withContiguousStorageIfAvailable({ singleLine($0, line: start + 1) }), let words {
            return Command(words: words, lastLineIndex: start, unterminated: false)
        }
        return readSlow(lines: lines, from: start)
    }

    /// The words of one line, or nil when a quote stays open at its end.
    static func singleLine(_ bytes: UnsafeBufferPointer<UInt8>, line: Int) -> [FortiWord]? {
        var words: [FortiWord] = []
        words.reserveCapacity(6)
        var position = 0
        let count = bytes.count
        while true {
            while position < count, FortiText.isBlank(bytes[position]) { position += 1 }
            guard position < count else { return words }
            let start = position
            let opening = bytes[position]
            var escaped = false
            if opening == UInt8(ascii: "\"") || opening == UInt8(ascii: "'") {
                position += 1
                while position < count, bytes[position] != opening {
                    if bytes[position] == UInt8(ascii: "\\") { escaped = true; position += 1 }
                    position += 1
                }
                guard position < count else { return nil }
                position += 1
                let inner = UnsafeBufferPointer(rebasing: bytes[(start + 1)..<(position - 1)])
                words.append(FortiWord(text: escaped ? unescape(inner) : String(decoding: inner, as: UTF8.self), quoted: true,
                                       line: line, range: start..<position))
            } else {
                while position < count, !FortiText.isBlank(bytes[position]) {
                    if bytes[position] == UInt8(ascii: "\\") { escaped = true; position += 1 }
                    position += 1
                }
                position = min(position, count)
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<position])
                words.append(FortiWord(text: escaped ? unescape(slice) : String(decoding: slice, as: UTF8.self), quoted: false,
                                       line: line, range: start..<position))
            }
        }
    }

    static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "\\"), i + 1 < bytes.count {
                result.append(bytes[i + 1])
                i += 2
            } else {
                result.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }

    static func readSlow(lines: [Substring], from start: Int) -> Command {
        var words: [FortiWord] = []
        var lineIndex = start
        var bytes = Array(lines[lineIndex].utf8)
        var position = 0
        while true {
            while position < bytes.count, FortiText.isBlank(bytes[position]) { position += 1 }
            guard position < bytes.count else { break }
            let wordStart = position
            let wordLine = lineIndex + 1
            let opening = bytes[position]
            if opening == UInt8(ascii: "\"") || opening == UInt8(ascii: "'") {
                // Quoted: runs to the matching unescaped quote, possibly lines later.
                position += 1
                var text: [UInt8] = []
                var closed = false
                var firstLineEnd = bytes.count
                var onFirstLine = true
                while !closed {
                    if position >= bytes.count {
                        guard lineIndex + 1 < lines.count else { break }
                        if onFirstLine { firstLineEnd = bytes.count }
                        onFirstLine = false
                        lineIndex += 1
                        bytes = Array(lines[lineIndex].utf8)
                        position = 0
                        text.append(UInt8(ascii: "\n"))
                        continue
                    }
                    let byte = bytes[position]
                    if byte == UInt8(ascii: "\\"), position + 1 < bytes.count {
                        text.append(bytes[position + 1])
                        position += 2
                    } else if byte == opening {
                        closed = true
                        position += 1
                    } else {
                        text.append(byte)
                        position += 1
                    }
                }
                let end = onFirstLine ? position : firstLineEnd
                words.append(FortiWord(text: String(decoding: text, as: UTF8.self), quoted: true, line: wordLine,
                                       range: wordStart..<end))
                if !closed {
                    return Command(words: words, lastLineIndex: lineIndex, unterminated: true)
                }
                // A quote glued to more text (`"a"b`) is rare; the rest reads as its own word.
            } else {
                var escaped = false
                while position < bytes.count, !FortiText.isBlank(bytes[position]) {
                    if bytes[position] == UInt8(ascii: "\\"), position + 1 < bytes.count {
                        escaped = true
                        position += 2
                    } else {
                        position += 1
                    }
                }
                let slice = bytes[wordStart..<position]
                let text: String
                if escaped {
                    var unescaped: [UInt8] = []
                    var i = slice.startIndex
                    while i < slice.endIndex {
                        if slice[i] == UInt8(ascii: "\\"), i + 1 < slice.endIndex {
                            unescaped.append(slice[i + 1])
                            i += 2
                        } else {
                            unescaped.append(slice[i])
                            i += 1
                        }
                    }
                    text = String(decoding: unescaped, as: UTF8.self)
                } else {
                    text = String(decoding: slice, as: UTF8.self)
                }
                words.append(FortiWord(text: text, quoted: false, line: wordLine, range: wordStart..<position))
            }
        }
        return Command(words: words, lastLineIndex: lineIndex, unterminated: false)
    }
}

/// Small byte helpers for FortiOS lines.
enum FortiText {
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }

    static func firstNonBlank(_ line: Substring) -> UInt8? {
        for byte in line.utf8 where !isBlank(byte) { return byte }
        return nil
    }

    /// Decimal integer without sign; nil for anything else.
    static func integer(_ text: some StringProtocol) -> Int? {
        var value = 0
        var digits = 0
        for byte in text.utf8 {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value &* 10 &+ Int(byte - 48)
            digits += 1
            if digits > 10 { return nil }
        }
        return digits == 0 ? nil : value
    }

    /// Prefix length of a contiguous dotted netmask (255.255.255.0 -> 24); nil when not contiguous.
    static func prefixLength(netmask: UInt32) -> Int? {
        let inverted = ~netmask
        guard inverted & (inverted &+ 1) == 0 else { return nil }
        return netmask.nonzeroBitCount
    }

    /// `a.b.c.d m.m.m.m`, `a.b.c.d/len` or `a.b.c.d` (host) as one prefix; the network bits are kept
    /// as written (an interface address stays an address).
    static func prefix(_ words: [String]) -> IPPrefix? {
        guard let first = words.first else { return nil }
        if first.contains("/") { return IPPrefix(first) }
        if words.count >= 2, case .v4(let mask)? = IPAddress(words[1]), let length = prefixLength(netmask: mask),
           let address = IPAddress(first) {
            return IPPrefix(address, length: length)
        }
        return IPPrefix(first)
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
}

extension FortiText {
    /// Without leading and trailing blanks.
    static func trimmed(_ text: Substring) -> Substring {
        var result = text
        while let first = result.utf8.first, isBlank(first) { result = result.dropFirst() }
        while let last = result.utf8.last, isBlank(last) { result = result.dropLast() }
        return result
    }
}
