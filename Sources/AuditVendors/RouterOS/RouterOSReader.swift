import AuditCore

/// Reads RouterOS export syntax into statements, without any security meaning.
///
/// - `# ...` lines are comments; the export header (`# ... by RouterOS 6.49.6`, `# model = ...`,
///   oxidized's `# version: 7.10.1`) gives the firmware and model.
/// - A line ending in an odd number of backslashes continues on the next line, whose leading
///   blanks are dropped (the export wraps long lines that way, even inside quoted values). A line
///   that ends inside a quoted value continues on the next line when that line is indented.
/// - `/ip firewall filter` (or `/ip/firewall/filter`) alone makes that menu current; a path
///   followed by a command (`/ip address add ...`) runs the command there and leaves the current
///   menu as it was, as the RouterOS console does.
/// - A command is `add`, `set`, `remove`, ... with an optional `[ find ... ]` selector, item
///   names and flags, and `key=value` arguments (values quoted with `"` and `\` escapes).
/// - `:local`, `:foreach` and other script commands, and `[user@host] >` prompts of a captured
///   session, are recognised and carry no configuration.
enum RouterOSReader {
    /// Commands that end a path: none of them is also the name of a menu.
    static let commands: Set<String> = [
        "add", "set", "remove", "enable", "disable", "unset", "move", "comment", "print", "export",
        "edit", "reset", "find", "import", "reset-counters", "reset-counters-all",
    ]

    static func read(_ source: ConfigSource) -> RouterOSDocument {
        var document = RouterOSDocument(file: source.path)
        let lines = source.lines
        var currentPath = ""
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let number = index + 1
            index += 1
            let start = firstNonBlank(line)
            guard start < line.utf8.count else { continue }
            let first = byte(line, start)
            if first == UInt8(ascii: "#") {
                readComment(line, start: start, number: number, into: &document)
                continue
            }
            if first == UInt8(ascii: "["), let host = promptHost(line, start: start) {
                document.promptHost = Sourced(host, .line(source.path, number))
                continue
            }
            // Gather one logical statement over continuation lines.
            var segments = [RouterOSSegment(line: number, logicalStart: 0, physicalStart: start,
                                            length: line.utf8.count - start)]
            var pieces: [Substring] = [suffix(line, from: start)]
            var scan = scanEnd(line, from: start, inQuote: false)
            var lastLine = number
            while scan.continues || scan.inQuote {
                if scan.continues {
                    pieces[pieces.count - 1] = prefix(pieces[pieces.count - 1], dropping: 1)
                    segments[segments.count - 1].length -= 1
                }
                guard index < lines.count else {
                    let message = scan.inQuote ? "the file ends inside a quoted value"
                        : "the last line ends with a continuation backslash"
                    document.diagnostics.append(Diagnostic(scan.inQuote ? .error : .warning, code: "truncated", message,
                                                           at: SourceSpan(file: source.path, start: lastLine)))
                    break
                }
                let next = lines[index]
                let nextStart = firstNonBlank(next)
                let nextIsBlank = nextStart >= next.utf8.count
                // An open quote without a backslash goes on only on an indented line.
                if !scan.continues && (nextStart == 0 || nextIsBlank) {
                    document.diagnostics.append(Diagnostic(.warning, code: "truncated",
                        "a quoted value is not closed on this line", at: SourceSpan(file: source.path, start: lastLine)))
                    break
                }
                index += 1
                lastLine = index
                let logicalStart = pieces.reduce(0) { $0 + $1.utf8.count }
                let piece = nextIsBlank ? Substring("") : suffix(next, from: nextStart)
                pieces.append(piece)
                segments.append(RouterOSSegment(line: lastLine, logicalStart: logicalStart, physicalStart: nextStart,
                                                length: piece.utf8.count))
                scan = nextIsBlank ? (false, scan.inQuote) : scanEnd(next, from: nextStart, inQuote: scan.inQuote)
            }
            let text = pieces.count == 1 ? pieces[0] : Substring(pieces.joined())
            document.meaningfulLines += lastLine - number + 1
            switch statement(text, currentPath: currentPath, file: source.path, firstLine: number,
                             lastLine: lastLine, segments: segments) {
            case .statement(let statement):
                if statement.isPathLine { currentPath = statement.path }
                document.statements.append(statement)
            case .script:
                document.statements.append(RouterOSStatement(
                    path: ":script", command: "", positional: [], properties: [], file: source.path,
                    firstLine: number, lastLine: lastLine, segments: segments))
            case .unreadable(let reason):
                for line in number...lastLine { document.unreadable[line] = reason }
            }
        }
        return document
    }

    // MARK: - Comments and prompts

    private static let byRouterOS = Array("by RouterOS ".utf8)
    private static let versionKeys = ["version:", "RouterOS Version:", "installed-version:"]
    private static let modelKeys = ["model =", "Model:", "board-name:"]

    private static func readComment(_ line: Substring, start: Int, number: Int, into document: inout RouterOSDocument) {
        let body = trimmed(suffix(line, from: start).dropFirst())
        let origin = Provenance.line(document.file, number)
        let bytes = Array(body.utf8)
        if let offset = bytes.withUnsafeBufferPointer({ firstOffset(of: byRouterOS, in: $0) }) {
            let rest = bytes[(offset + byRouterOS.count)...].prefix { $0 != 0x20 }
            if !rest.isEmpty { document.header.version = Sourced(String(decoding: rest, as: UTF8.self), origin) }
        } else if document.header.version == nil, let value = headerValue(body, keys: versionKeys) {
            let version = value.prefix { $0 != " " }
            if !version.isEmpty { document.header.version = Sourced(String(version), origin) }
        } else if document.header.model == nil, let value = headerValue(body, keys: modelKeys), !value.isEmpty {
            document.header.model = Sourced(String(value), origin)
        }
    }

    private static func headerValue(_ body: Substring, keys: [String]) -> Substring? {
        for key in keys where body.utf8.starts(with: key.utf8) {
            return trimmed(body.dropFirst(key.count))
        }
        return nil
    }

    /// Offset of the first occurrence of `needle` in `haystack`.
    static func firstOffset(of needle: [UInt8], in haystack: UnsafeBufferPointer<UInt8>) -> Int? {
        guard needle.count <= haystack.count, let first = needle.first else { return nil }
        var index = 0
        let last = haystack.count - needle.count
        outer: while index <= last {
            if haystack[index] == first {
                for offset in 1..<needle.count where haystack[index + offset] != needle[offset] {
                    index += 1
                    continue outer
                }
                return index
            }
            index += 1
        }
        return nil
    }

    /// `[admin@MikroTik] > /export`: the host name of the prompt.
    private static func promptHost(_ line: Substring, start: Int) -> String? {
        let body = suffix(line, from: start)
        guard let close = body.firstIndex(of: "]"), let at = body[..<close].firstIndex(of: "@") else { return nil }
        let rest = body[body.index(after: close)...].drop { $0 == " " }
        guard rest.hasPrefix(">") else { return nil }
        let host = body[body.index(after: at)..<close]
        return host.isEmpty ? nil : String(host)
    }

    // MARK: - Statements

    enum Outcome {
        case statement(RouterOSStatement)
        case script
        case unreadable(String)
    }

    static func statement(_ text: Substring, currentPath: String, file: String, firstLine: Int, lastLine: Int,
                          segments: [RouterOSSegment]) -> Outcome {
        var text = text
        let bytes = text.withUTF8 { Array($0) }
        var index = 0
        skipBlanks(bytes, &index)
        guard index < bytes.count else { return .unreadable("empty statement") }
        if bytes[index] == UInt8(ascii: ":") { return .script }
        var path = currentPath
        var command = ""
        if bytes[index] == UInt8(ascii: "/") {
            var words: [String] = []
            while index < bytes.count {
                skipBlanks(bytes, &index)
                guard index < bytes.count else { break }
                let wordStart = index
                while index < bytes.count && !isBlank(bytes[index]) { index += 1 }
                let word = String(decoding: bytes[wordStart..<index], as: UTF8.self)
                if words.isEmpty || word.hasPrefix("/") || !(commands.contains(word) || word.contains("=") || word.hasPrefix("[")) {
                    if word.contains("=") || word.hasPrefix("[") || word.hasPrefix("\"") {
                        return .unreadable("a path followed by arguments without a command")
                    }
                    for part in word.split(separator: "/") where !part.isEmpty {
                        guard part.utf8.allSatisfy(isPathByte) else { return .unreadable("'\(part)' is not a menu name") }
                        words.append(String(part))
                    }
                    if words.isEmpty && word != "/" { return .unreadable("'\(word)' is not a menu path") }
                } else {
                    command = word
                    break
                }
            }
            path = words.joined(separator: " ")
            if command.isEmpty {
                return .statement(RouterOSStatement(path: path, command: "", positional: [], properties: [], file: file,
                                                    firstLine: firstLine, lastLine: lastLine, segments: segments))
            }
        } else {
            let wordStart = index
            while index < bytes.count && !isBlank(bytes[index]) { index += 1 }
            let word = String(decoding: bytes[wordStart..<index], as: UTF8.self)
            guard commands.contains(word) else { return .unreadable("'\(word.prefix(40))' is not a RouterOS command") }
            command = word
        }
        var selector: RouterOSSelector?
        var positional: [String] = []
        var properties: [RouterOSProperty] = []
        properties.reserveCapacity(8)
        while index < bytes.count {
            skipBlanks(bytes, &index)
            guard index < bytes.count else { break }
            if bytes[index] == UInt8(ascii: "[") {
                let end = closingBracket(bytes, from: index)
                let inner = String(decoding: bytes[(index + 1)..<max(index + 1, end)], as: UTF8.self)
                if selector == nil {
                    selector = Self.selector(inner)
                } else {
                    positional.append("[\(inner)]")
                }
                index = min(bytes.count, end + 1)
                continue
            }
            if bytes[index] == UInt8(ascii: "\"") {
                let (value, _, next) = quoted(bytes, from: index + 1)
                positional.append(value)
                index = next
                continue
            }
            // A word: `key=value` or a bare name/flag.
            let wordStart = index
            while index < bytes.count && !isBlank(bytes[index]) && bytes[index] != UInt8(ascii: "=") { index += 1 }
            if index < bytes.count && bytes[index] == UInt8(ascii: "=") && index > wordStart {
                var key = String(decoding: bytes[wordStart..<index], as: UTF8.self)
                // RouterOS 7 shortens `security.a=1 security.b=2` to `security.a=1 .b=2`.
                if key.hasPrefix("."), let previous = properties.last?.key,
                   let dot = previous.lastIndex(of: "."), dot != previous.startIndex {
                    key = previous[..<dot] + key
                }
                index += 1
                if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                    let (value, range, next) = quoted(bytes, from: index + 1)
                    properties.append(RouterOSProperty(key: key, value: value, valueRange: range, quoted: true))
                    index = next
                } else if index < bytes.count && bytes[index] == UInt8(ascii: "[") {
                    let end = closingBracket(bytes, from: index)
                    let upper = min(bytes.count, end + 1)
                    properties.append(RouterOSProperty(
                        key: key, value: String(decoding: bytes[index..<upper], as: UTF8.self),
                        valueRange: index..<upper, quoted: false))
                    index = upper
                } else {
                    let valueStart = index
                    while index < bytes.count && !isBlank(bytes[index]) { index += 1 }
                    properties.append(RouterOSProperty(
                        key: key, value: unescape(bytes[valueStart..<index]), valueRange: valueStart..<index, quoted: false))
                }
            } else {
                while index < bytes.count && !isBlank(bytes[index]) { index += 1 }
                positional.append(String(decoding: bytes[wordStart..<index], as: UTF8.self))
            }
        }
        return .statement(RouterOSStatement(path: path, command: command, selector: selector, positional: positional,
                                            properties: properties, file: file, firstLine: firstLine, lastLine: lastLine,
                                            segments: segments))
    }

    /// `find default-name=ether1`, `find where name="x"`: the conditions of a selector.
    static func selector(_ inner: String) -> RouterOSSelector {
        var conditions: [(key: String, value: String)] = []
        let bytes = Array(inner.utf8)
        var index = 0
        while index < bytes.count {
            skipBlanks(bytes, &index)
            guard index < bytes.count else { break }
            let wordStart = index
            while index < bytes.count && !isBlank(bytes[index]) && bytes[index] != UInt8(ascii: "=") { index += 1 }
            let word = String(decoding: bytes[wordStart..<index], as: UTF8.self)
            if index < bytes.count && bytes[index] == UInt8(ascii: "=") {
                index += 1
                if index < bytes.count && bytes[index] == UInt8(ascii: "\"") {
                    let (value, _, next) = quoted(bytes, from: index + 1)
                    conditions.append((word, value))
                    index = next
                } else {
                    let valueStart = index
                    while index < bytes.count && !isBlank(bytes[index]) { index += 1 }
                    conditions.append((word, unescape(bytes[valueStart..<index])))
                }
            } else if word != "find" && word != "where" && !word.hasPrefix("/") {
                // `[ find default ]`, `[ find dynamic ]`: a bare flag means flag=yes.
                if !word.isEmpty { conditions.append((word, "yes")) }
            }
        }
        return RouterOSSelector(conditions: conditions, text: "[ \(trimmed(Substring(inner))) ]")
    }

    // MARK: - Bytes

    /// Reads a quoted value from just after its opening quote: the unescaped text, the range of
    /// the raw text, and the index after the closing quote (the end when it is missing).
    static func quoted(_ bytes: [UInt8], from start: Int) -> (String, Range<Int>, Int) {
        var index = start
        var escaped = false
        while index < bytes.count {
            let b = bytes[index]
            if escaped {
                escaped = false
            } else if b == UInt8(ascii: "\\") {
                escaped = true
            } else if b == UInt8(ascii: "\"") {
                break
            }
            index += 1
        }
        let end = min(index, bytes.count)
        return (unescape(bytes[start..<end]), start..<end, min(bytes.count, index + 1))
    }

    /// RouterOS escapes: `\"`, `\\`, `\n`, `\r`, `\t`, `\_` (space), `\$`, `\?`, and two hex digits.
    static func unescape(_ raw: ArraySlice<UInt8>) -> String {
        guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw, as: UTF8.self) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var index = raw.startIndex
        while index < raw.endIndex {
            let b = raw[index]
            guard b == UInt8(ascii: "\\"), index + 1 < raw.endIndex else {
                out.append(b)
                index += 1
                continue
            }
            let next = raw[index + 1]
            if index + 2 < raw.endIndex, let high = hexValue(next), let low = hexValue(raw[index + 2]) {
                out.append(high << 4 | low)
                index += 3
                continue
            }
            switch next {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "_"): out.append(0x20)
            default: out.append(next)
            }
            index += 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        default: nil
        }
    }

    /// Index of the `]` closing the `[` at `start`, skipping quoted text and nested brackets;
    /// the end of the text when it is missing.
    static func closingBracket(_ bytes: [UInt8], from start: Int) -> Int {
        var depth = 0
        var index = start
        var inQuote = false
        var escaped = false
        while index < bytes.count {
            let b = bytes[index]
            if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") {
                inQuote.toggle()
            } else if !inQuote {
                if b == UInt8(ascii: "[") { depth += 1 }
                if b == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 { return index }
                }
            }
            index += 1
        }
        return bytes.count
    }

    /// Whether a physical line ends with a continuation backslash, and whether it ends inside a
    /// quoted value, given the quote state it starts in.
    static func scanEnd(_ line: Substring, from start: Int, inQuote: Bool) -> (continues: Bool, inQuote: Bool) {
        var inQuote = inQuote
        var escaped = false
        let utf8 = line.utf8
        var offset = 0
        let count = utf8.count
        for b in utf8 {
            defer { offset += 1 }
            guard offset >= start else { continue }
            if escaped {
                escaped = false
            } else if b == UInt8(ascii: "\\") {
                if offset == count - 1 { return (true, inQuote) }
                escaped = true
            } else if b == UInt8(ascii: "\"") {
                inQuote.toggle()
            }
        }
        return (false, inQuote)
    }

    static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }

    static func isPathByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x2D || b == 0x5F || b == 0x2E
    }

    static func skipBlanks(_ bytes: [UInt8], _ index: inout Int) {
        while index < bytes.count && isBlank(bytes[index]) { index += 1 }
    }

    static func firstNonBlank(_ line: Substring) -> Int {
        var offset = 0
        for b in line.utf8 {
            if !isBlank(b) { return offset }
            offset += 1
        }
        return offset
    }

    static func byte(_ line: Substring, _ offset: Int) -> UInt8 {
        line.utf8[line.utf8.index(line.utf8.startIndex, offsetBy: offset)]
    }

    static func suffix(_ line: Substring, from offset: Int) -> Substring {
        let index = line.utf8.index(line.utf8.startIndex, offsetBy: offset)
        return line[index...]
    }

    static func prefix(_ text: Substring, dropping count: Int) -> Substring {
        guard count > 0, text.utf8.count >= count else { return text }
        let index = text.utf8.index(text.utf8.endIndex, offsetBy: -count)
        return text[..<index]
    }

    static func trimmed(_ text: Substring) -> Substring {
        var result = text
        while let first = result.utf8.first, isBlank(first) { result = result.dropFirst() }
        while let last = result.utf8.last, isBlank(last) { result = result.dropLast() }
        return result
    }
}
