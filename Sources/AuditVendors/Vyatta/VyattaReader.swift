import AuditCore

/// Reads `config.boot` (curly-brace hierarchy) and `set` command lines (`show configuration
/// commands`) into a `VyattaTree`. Both may even be mixed in one input; each line is read on its
/// own: a line starting with `set` is a full path from the root, any other line is a path relative
/// to the enclosing `{` block.
///
/// Comments: `/* ... */` (possibly over several lines, possibly before a node on the same line),
/// `//` lines (VyOS 1.3+ footer) and `#` lines (scripts). Values are bare words, `"double"`
/// quoted with backslash escapes (config.boot), or `'single'` quoted (set commands).
struct VyattaReader {
    /// Words of a script around `set` commands that carry no configuration.
    static let scriptWords: Set<Substring> = ["configure", "commit", "save", "exit", "end", "top", "discard", "compare",
                                              "commit-confirm", "confirm"]

    struct Token {
        var text: Substring
        var start: Int
        var end: Int
        var quoted: Bool
    }

    var document: VyattaDocument
    let fileIndex: Int32
    let path: String
    private var stack: [Int32] = []
    private var inComment = false
    private var commentStart = 0
    private var tokens: [Token] = []

    init(document: VyattaDocument, fileIndex: Int32, path: String) {
        self.document = document
        self.fileIndex = fileIndex
        self.path = path
        tokens.reserveCapacity(8)
    }

    /// Reads every line of `source` into the document.
    static func read(_ source: ConfigSource, into document: VyattaDocument, fileIndex: Int32) -> VyattaDocument {
        var reader = VyattaReader(document: document, fileIndex: fileIndex, path: source.path)
        for (index, line) in source.lines.enumerated() {
            reader.readLine(line, number: index + 1)
        }
        reader.finish(lastLine: source.lineCount)
        return reader.document
    }

    private mutating func finish(lastLine: Int) {
        if inComment {
            document.diagnostics.append(Diagnostic(.error, code: "truncated", "a /* comment */ is never closed",
                                                   at: SourceSpan(file: path, start: commentStart)))
        }
        if let open = stack.last {
            let line = document.tree[open].line
            document.diagnostics.append(Diagnostic(
                .error, code: "truncated",
                "\(stack.count) block(s) never closed (the innermost opened at line \(line)); the file looks truncated",
                at: SourceSpan(file: path, start: Int(line), end: max(Int(line), lastLine))))
        }
    }

    // MARK: - One line

    private mutating func readLine(_ line: Substring, number: Int) {
        var copy = line
        copy.withUTF8 { bytes in readLine(line, bytes, number: number) }
    }

    private mutating func readLine(_ line: Substring, _ bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        var index = 0
        if inComment {
            guard let close = Self.find(bytes, "*/", from: 0) else { return }
            inComment = false
            index = close + 2
        }
        index = Self.skipBlanks(bytes, index)
        // Comments before any content.
        while index < bytes.count, bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
            scanFooter(line, bytes, number: number)
            guard let close = Self.find(bytes, "*/", from: index + 2) else {
                inComment = true
                commentStart = number
                return
            }
            index = Self.skipBlanks(bytes, close + 2)
        }
        guard index < bytes.count else { return }
        if bytes[index] == UInt8(ascii: "#") { return }
        if bytes[index] == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
            scanFooter(line, bytes, number: number)
            return
        }
        tokenize(line, bytes, from: index, number: number)
        guard !tokens.isEmpty else { return }

        if tokens[0].text == "set", !tokens[0].quoted, stack.isEmpty {
            readSetLine(number: number)
            return
        }
        if tokens.count == 1, !tokens[0].quoted, stack.isEmpty, Self.scriptWords.contains(tokens[0].text) { return }
        readBlockLine(number: number)
    }

    /// `set a b c 'value'`: a path from the root.
    private mutating func readSetLine(number: Int) {
        guard tokens.count > 1 else {
            document.diagnostics.append(Diagnostic(.warning, code: "bad-value", "a set command without a path",
                                                   at: SourceSpan(file: path, start: number)))
            return
        }
        var node = VyattaTree.root
        for token in tokens.dropFirst() {
            node = document.tree.child(of: node, token.text, file: fileIndex, line: Int32(number), bytes: token.start..<token.end)
        }
        document.lines.append(VyattaLine(file: fileIndex, line: Int32(number), node: node))
    }

    /// `word [value] [{]`, `}` or `word value { }` inside the current block.
    private mutating func readBlockLine(number: Int) {
        var node = stack.last ?? VyattaTree.root
        var wrote = false
        for token in tokens {
            if !token.quoted, token.text == "{" {
                stack.append(node)
                continue
            }
            if !token.quoted, token.text == "}" {
                if stack.popLast() == nil {
                    document.diagnostics.append(Diagnostic(.error, code: "mismatched-brace",
                                                           "a closing brace without an open block",
                                                           at: SourceSpan(file: path, start: number)))
                }
                node = stack.last ?? VyattaTree.root
                continue
            }
            node = document.tree.child(of: node, token.text, file: fileIndex, line: Int32(number), bytes: token.start..<token.end)
            wrote = true
        }
        if wrote { document.lines.append(VyattaLine(file: fileIndex, line: Int32(number), node: node)) }
    }

    // MARK: - Tokens

    private mutating func tokenize(_ line: Substring, _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, number: Int) {
        tokens.removeAll(keepingCapacity: true)
        var index = start
        let base = line.utf8.startIndex
        func slice(_ from: Int, _ to: Int) -> Substring {
            let utf8 = line.utf8
            let lower = utf8.index(base, offsetBy: from)
            let upper = utf8.index(lower, offsetBy: to - from)
            return Substring(line.utf8[lower..<upper])
        }
        while index < bytes.count {
            index = Self.skipBlanks(bytes, index)
            guard index < bytes.count else { break }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                let quote = byte
                let from = index + 1
                var end = from
                var escaped = false
                var closed = false
                while end < bytes.count {
                    let b = bytes[end]
                    if quote == UInt8(ascii: "\""), b == UInt8(ascii: "\\"), end + 1 < bytes.count {
                        escaped = true
                        end += 2
                        continue
                    }
                    if b == quote { closed = true; break }
                    end += 1
                }
                if !closed {
                    document.diagnostics.append(Diagnostic(.error, code: "truncated", "a quoted value is never closed",
                                                           at: SourceSpan(file: path, start: number)))
                }
                var text = slice(from, end)
                if escaped { text = Substring(Self.unescape(text)) }
                tokens.append(Token(text: text, start: from, end: end, quoted: true))
                index = closed ? end + 1 : end
                continue
            }
            if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                // A trailing comment: the rest of the line, or up to its end.
                if let close = Self.find(bytes, "*/", from: index + 2) {
                    index = close + 2
                    continue
                }
                inComment = true
                commentStart = number
                break
            }
            let from = index
            while index < bytes.count, !Self.isBlank(bytes[index]) { index += 1 }
            var end = index
            // `word{` without a space: split the brace off.
            if end - from > 1, bytes[end - 1] == UInt8(ascii: "{") || bytes[end - 1] == UInt8(ascii: "}") {
                end -= 1
                tokens.append(Token(text: slice(from, end), start: from, end: end, quoted: false))
                tokens.append(Token(text: slice(end, end + 1), start: end, end: end + 1, quoted: false))
                continue
            }
            tokens.append(Token(text: slice(from, end), start: from, end: end, quoted: false))
        }
    }

    static func unescape(_ text: Substring) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "n": result.append("\n")
                case "t": result.append("\t")
                default: result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// The version footer and release line (in comments) say which product and release wrote the file.
    private mutating func scanFooter(_ line: Substring, _ bytes: UnsafeBufferPointer<UInt8>, number: Int) {
        if Self.find(bytes, "vyatta-config-version:", from: 0) != nil || Self.find(bytes, "vyos-config-version:", from: 0) != nil {
            document.versionFooter = String(line)
            return
        }
        if let found = Self.find(bytes, "Release version:", from: 0) {
            let start = Self.skipBlanks(bytes, found + "Release version:".utf8.count)
            var end = start
            while end < bytes.count, !Self.isBlank(bytes[end]), bytes[end] != UInt8(ascii: "*") { end += 1 }
            let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
            if !text.isEmpty { document.release = (text, fileIndex, Int32(number)) }
        }
    }

    // MARK: - Bytes

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0D || byte == 0x0B || byte == 0x0C
    }

    static func skipBlanks(_ bytes: UnsafeBufferPointer<UInt8>, _ from: Int) -> Int {
        var index = from
        while index < bytes.count, isBlank(bytes[index]) { index += 1 }
        return index
    }

    /// The offset of `needle` in `bytes` at or after `from`.
    static func find(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString, from: Int) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard count > 0, bytes.count >= count else { return nil }
        return needle.withUTF8Buffer { pattern -> Int? in
            var index = from
            let first = pattern[0]
            while index + count <= bytes.count {
                if bytes[index] == first {
                    var match = true
                    for offset in 1..<count where bytes[index + offset] != pattern[offset] {
                        match = false
                        break
                    }
                    if match { return index }
                }
                index += 1
            }
            return nil
        }
    }
}
