import AuditCore

/// Reads the two text forms of a Junos configuration into the word tree:
///
/// - `show configuration` braces: `system { services { ssh; } }`, with `[ a b ]` lists,
///   `inactive:` prefixes, `#` and `/* */` comments and `## SECRET-DATA` trailers;
/// - `display set` lines: `set system services ssh`, plus `deactivate`, `activate` and `delete`.
///
/// Both may appear in one file. CLI noise (`user@host> show configuration`, `{master:0}`,
/// `[edit]`, `---(more)---`) is skipped. Works on the UTF-8 bytes; words are substrings of the
/// input, never copies.
struct JunosTextReader {
    /// Verbs of `display set` output and of pasted CLI sessions.
    static let controlVerbs: Set<Substring> = ["deactivate", "activate", "delete", "protect", "unprotect", "annotate"]
    static let unsupportedVerbs: Set<Substring> = ["insert", "rename", "copy", "edit", "top", "up", "exit", "replace", "load", "commit"]

    enum Kind { case word, quoted, open, close, semicolon, listOpen, listClose, newline, end }

    struct Token {
        var kind: Kind
        var lo: Int
        var hi: Int
        var line: Int32
        var column: Int32
    }

    let text: String
    let file: Int32
    let fileName: String

    static func read(_ text: String, file: Int32, name: String, into tree: inout JunosTree) {
        var contiguous = text
        contiguous.makeContiguousUTF8()
        let reader = JunosTextReader(text: contiguous, file: file, fileName: name)
        contiguous.utf8.withContiguousStorageIfAvailable { bytes in
            reader.parse(bytes, into: &tree)
        }
    }

    /// The input between two UTF-8 offsets. Offsets always fall on ASCII delimiters, so the
    /// slice is valid text; slicing the UTF-8 view skips Character index validation.
    func substring(_ lo: Int, _ hi: Int) -> Substring {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lo)
        return Substring(utf8[start..<utf8.index(start, offsetBy: hi - lo)])
    }

    func diagnose(_ tree: inout JunosTree, _ level: Diagnostic.Level, _ code: String, _ message: String, line: Int32) {
        tree.diagnostics.append(Diagnostic(level, code: code, message, at: SourceSpan(file: fileName, start: Int(max(1, line)))))
    }

    // MARK: - Lexer

    struct Lexer {
        let bytes: UnsafeBufferPointer<UInt8>
        var position = 0
        var line: Int32 = 1
        var lineStart = 0
        var unterminatedQuote: Int32?
        var unterminatedComment: Int32?

        static func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0C || byte == 0x0B }

        func byte(at index: Int) -> UInt8? { index < bytes.count ? bytes[index] : nil }

        func isBoundary(_ index: Int) -> Bool {
            guard let next = byte(at: index) else { return true }
            return Lexer.isSpace(next) || next == 0x0A || next == UInt8(ascii: ";")
        }

        /// Skips a line of CLI noise when the current line is one; true when it did.
        mutating func skipNoiseLine() -> Bool {
            var start = position
            while start < bytes.count, Lexer.isSpace(bytes[start]) { start += 1 }
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            var last = end
            while last > start, Lexer.isSpace(bytes[last - 1]) { last -= 1 }
            guard last > start else { return false }
            let line = bytes[start..<last]
            var noise = false
            if line.first == UInt8(ascii: "{"), line.last == UInt8(ascii: "}"), line.contains(UInt8(ascii: ":")),
               !line.contains(0x20) {
                noise = true // {master:0}, {primary:node0}
            } else if line.starts(with: "[edit".utf8), line.last == UInt8(ascii: "]") {
                noise = true
            } else if line.starts(with: "---(more".utf8) {
                noise = true
            } else {
                // user@host> show configuration | display set
                var wordEnd = start
                while wordEnd < last, !Lexer.isSpace(bytes[wordEnd]) { wordEnd += 1 }
                let first = bytes[start..<wordEnd]
                if first.contains(UInt8(ascii: "@")), let final = first.last,
                   final == UInt8(ascii: ">") || final == UInt8(ascii: "#") || final == UInt8(ascii: "%") {
                    noise = true
                }
            }
            guard noise else { return false }
            position = end
            return true
        }

        mutating func next() -> Token {
            while position < bytes.count {
                let byte = bytes[position]
                if Lexer.isSpace(byte) {
                    position += 1
                    continue
                }
                let column = Int32(position - lineStart)
                switch byte {
                case 0x0A:
                    let token = Token(kind: .newline, lo: position, hi: position, line: line, column: column)
                    position += 1
                    line += 1
                    lineStart = position
                    return token
                case UInt8(ascii: "#"):
                    while position < bytes.count, bytes[position] != 0x0A { position += 1 }
                    continue
                case UInt8(ascii: "/") where self.byte(at: position + 1) == UInt8(ascii: "*"):
                    let startLine = line
                    position += 2
                    var closed = false
                    while position < bytes.count {
                        if bytes[position] == UInt8(ascii: "*"), self.byte(at: position + 1) == UInt8(ascii: "/") {
                            position += 2
                            closed = true
                            break
                        }
                        if bytes[position] == 0x0A {
                            line += 1
                            lineStart = position + 1
                        }
                        position += 1
                    }
                    if !closed { unterminatedComment = startLine }
                    continue
                case UInt8(ascii: "\""):
                    let startLine = line
                    let lo = position + 1
                    position = lo
                    var closed = false
                    while position < bytes.count {
                        let current = bytes[position]
                        if current == UInt8(ascii: "\\") {
                            position += 2
                            continue
                        }
                        if current == UInt8(ascii: "\"") {
                            closed = true
                            break
                        }
                        if current == 0x0A {
                            line += 1
                            lineStart = position + 1
                        }
                        position += 1
                    }
                    position = min(position, bytes.count)
                    let hi = position
                    if closed { position += 1 } else { unterminatedQuote = startLine }
                    return Token(kind: .quoted, lo: lo, hi: hi, line: startLine, column: column + 1)
                case UInt8(ascii: "{"):
                    position += 1
                    return Token(kind: .open, lo: position - 1, hi: position, line: line, column: column)
                case UInt8(ascii: "}"):
                    position += 1
                    return Token(kind: .close, lo: position - 1, hi: position, line: line, column: column)
                case UInt8(ascii: ";"):
                    position += 1
                    return Token(kind: .semicolon, lo: position - 1, hi: position, line: line, column: column)
                case UInt8(ascii: "[") where isBoundary(position + 1):
                    position += 1
                    return Token(kind: .listOpen, lo: position - 1, hi: position, line: line, column: column)
                case UInt8(ascii: "]") where isBoundary(position + 1):
                    position += 1
                    return Token(kind: .listClose, lo: position - 1, hi: position, line: line, column: column)
                default:
                    let lo = position
                    while position < bytes.count {
                        let current = bytes[position]
                        if Lexer.isSpace(current) || current == 0x0A || current == UInt8(ascii: ";")
                            || current == UInt8(ascii: "{") || current == UInt8(ascii: "}") || current == UInt8(ascii: "\"") {
                            break
                        }
                        if current == UInt8(ascii: "]"), isBoundary(position + 1), position > lo { break }
                        position += 1
                    }
                    return Token(kind: .word, lo: lo, hi: position, line: line, column: column)
                }
            }
            return Token(kind: .end, lo: position, hi: position, line: line, column: 0)
        }
    }

    // MARK: - Parser

    func parse(_ bytes: UnsafeBufferPointer<UInt8>, into tree: inout JunosTree) {
        var lexer = Lexer(bytes: bytes)
        var stack: [Int32] = [JunosTree.root]
        var pending: [Token] = []
        var listStart: Int?
        var listEnd: Int?
        var verb: Substring?
        var verbLine: Int32 = 0
        var atLineStart = true

        func word(_ token: Token) -> Substring { substring(token.lo, token.hi) }

        func insert(_ tokens: ArraySlice<Token>, under parent: Int32, tree: inout JunosTree) -> Int32 {
            var node = parent
            for token in tokens {
                node = tree.child(of: node, word: word(token), file: file, line: token.line, column: token.column,
                                  length: Int32(token.hi - token.lo))
            }
            return node
        }

        /// Leading `inactive:`, `protect:` and similar markers of a brace statement.
        func modifiers(_ tokens: inout ArraySlice<Token>) -> Bool {
            var inactive = false
            while let first = tokens.first, first.kind == .word {
                let text = word(first)
                guard text.hasSuffix(":"), ["inactive:", "protect:", "replace:", "delete:", "active:"].contains(text) else { break }
                if text == "inactive:" || text == "delete:" { inactive = true }
                tokens = tokens.dropFirst()
            }
            return inactive
        }

        /// Inserts a statement's words (and each `[ list ]` item) under `parent`, recording one
        /// statement per terminal word.
        func store(_ tokens: [Token], under parent: Int32, inactive: Bool, tree: inout JunosTree) {
            var all = tokens[...]
            let markInactive = inactive || modifiers(&all)
            guard let first = all.first else { return }
            let line = first.line
            let offset = tokens.count - all.count
            if let start = listStart, start >= offset {
                let prefixEnd = start
                let itemsEnd = min(listEnd ?? tokens.count, tokens.count)
                let prefix = insert(tokens[offset..<prefixEnd], under: parent, tree: &tree)
                if markInactive { tree.nodes[Int(prefix)].inactive = true }
                if prefixEnd == itemsEnd {
                    tree.statements.append(JunosStatement(file: file, line: line, node: prefix))
                }
                for item in tokens[prefixEnd..<itemsEnd] {
                    let node = insert([item][...], under: prefix, tree: &tree)
                    tree.statements.append(JunosStatement(file: file, line: item.line, node: node))
                }
            } else {
                let node = insert(all, under: parent, tree: &tree)
                if markInactive { tree.nodes[Int(node)].inactive = true }
                tree.statements.append(JunosStatement(file: file, line: line, node: node))
            }
        }

        func finishSetLine(tree: inout JunosTree) {
            defer {
                verb = nil
                pending.removeAll(keepingCapacity: true)
                listStart = nil
                listEnd = nil
            }
            guard let current = verb else { return }
            if pending.isEmpty {
                diagnose(&tree, .warning, "bad-syntax", "'\(current)' without a configuration path", line: verbLine)
                tree.statements.append(JunosStatement(file: file, line: verbLine, node: -2))
                return
            }
            switch current {
            case "set":
                store(pending, under: JunosTree.root, inactive: false, tree: &tree)
            case "deactivate", "delete":
                let node = insert(pending[...], under: JunosTree.root, tree: &tree)
                tree.nodes[Int(node)].inactive = true
                tree.statements.append(JunosStatement(file: file, line: verbLine, node: -1))
                if current == "delete" {
                    diagnose(&tree, .info, "deleted", "'delete' removes '\(pending.prefix(4).map { word($0) }.joined(separator: " "))'; "
                             + "it is ignored", line: verbLine)
                }
            case "activate":
                let node = insert(pending[...], under: JunosTree.root, tree: &tree)
                tree.nodes[Int(node)].inactive = false
                tree.statements.append(JunosStatement(file: file, line: verbLine, node: -1))
            case "protect", "unprotect", "annotate":
                tree.statements.append(JunosStatement(file: file, line: verbLine, node: -1))
            default:
                diagnose(&tree, .warning, "not-modelled", "'\(current)' lines are not applied; the audit may not match the device",
                         line: verbLine)
                tree.statements.append(JunosStatement(file: file, line: verbLine, node: -2))
            }
        }

        func finishStatement(tree: inout JunosTree) {
            if !pending.isEmpty { store(pending, under: stack[stack.count - 1], inactive: false, tree: &tree) }
            pending.removeAll(keepingCapacity: true)
            listStart = nil
            listEnd = nil
        }

        while true {
            if atLineStart && pending.isEmpty && verb == nil && stack.count == 1 && lexer.skipNoiseLine() {
                tree.ignoredLines += 1
            }
            let token = lexer.next()
            switch token.kind {
            case .end:
                if verb != nil {
                    finishSetLine(tree: &tree)
                } else if !pending.isEmpty {
                    diagnose(&tree, .error, "truncated", "the file ends inside a statement (no ';')", line: token.line)
                    finishStatement(tree: &tree)
                }
                if stack.count > 1 {
                    let open = stack.dropFirst().map { String(tree.word($0)) }
                    diagnose(&tree, .error, "truncated",
                             "the file ends with \(open.count) block(s) not closed (inside '\(open.joined(separator: " "))')",
                             line: max(1, token.line - (token.column == 0 ? 1 : 0)))
                }
                if let line = lexer.unterminatedQuote {
                    diagnose(&tree, .error, "truncated", "a quoted string is not closed", line: line)
                }
                if let line = lexer.unterminatedComment {
                    diagnose(&tree, .error, "truncated", "a /* comment */ is not closed", line: line)
                }
                return
            case .newline:
                if verb != nil {
                    finishSetLine(tree: &tree)
                } else if !pending.isEmpty {
                    diagnose(&tree, .warning, "bad-syntax", "statement without ';' at the end of the line", line: pending[0].line)
                    finishStatement(tree: &tree)
                }
                atLineStart = true
            case .word, .quoted:
                if atLineStart && pending.isEmpty && verb == nil && stack.count == 1 && token.kind == .word {
                    let text = word(token)
                    if text == "set" || Self.controlVerbs.contains(text) || Self.unsupportedVerbs.contains(text) {
                        verb = text
                        verbLine = token.line
                        atLineStart = false
                        continue
                    }
                }
                atLineStart = false
                pending.append(token)
            case .listOpen:
                atLineStart = false
                if listStart != nil {
                    diagnose(&tree, .warning, "bad-syntax", "nested '[' list", line: token.line)
                } else {
                    listStart = pending.count
                }
            case .listClose:
                if listStart == nil {
                    diagnose(&tree, .warning, "bad-syntax", "']' without '['", line: token.line)
                } else {
                    listEnd = pending.count
                }
            case .semicolon:
                atLineStart = false
                if verb != nil {
                    diagnose(&tree, .warning, "bad-syntax", "';' inside a set line", line: token.line)
                    continue
                }
                if pending.isEmpty { continue }
                if listStart != nil && listEnd == nil {
                    diagnose(&tree, .warning, "bad-syntax", "'[' list not closed before ';'", line: token.line)
                }
                finishStatement(tree: &tree)
            case .open:
                atLineStart = false
                if verb != nil {
                    diagnose(&tree, .warning, "bad-syntax", "'{' inside a set line", line: token.line)
                    continue
                }
                var header = pending[...]
                let inactive = modifiers(&header)
                if header.isEmpty {
                    diagnose(&tree, .warning, "bad-syntax", "a block without a name", line: token.line)
                    stack.append(stack[stack.count - 1])
                } else {
                    let node = insert(header, under: stack[stack.count - 1], tree: &tree)
                    if inactive { tree.nodes[Int(node)].inactive = true }
                    stack.append(node)
                }
                pending.removeAll(keepingCapacity: true)
                listStart = nil
                listEnd = nil
            case .close:
                atLineStart = false
                if verb != nil {
                    diagnose(&tree, .warning, "bad-syntax", "'}' inside a set line", line: token.line)
                    continue
                }
                if !pending.isEmpty {
                    diagnose(&tree, .warning, "bad-syntax", "statement without ';' before '}'", line: pending[0].line)
                    finishStatement(tree: &tree)
                }
                if stack.count == 1 {
                    diagnose(&tree, .error, "bad-syntax", "'}' closes a block that was never opened", line: token.line)
                } else {
                    stack.removeLast()
                }
            }
        }
    }
}
