import AuditCore

/// Reads a UniFi Security Gateway `config.gateway.json` (an EdgeOS configuration tree written as
/// JSON) into a `VyattaTree`: an object member is a node named after its key; a string, number or
/// boolean value is a value child; an array gives one child per element (values, or objects whose
/// members merge into the key's node). So `"listen-on": ["eth1"]` reads like `listen-on eth1`.
///
/// Tolerant and small: no Foundation, trailing commas and comments are accepted, and on a syntax
/// error the reader keeps what it read and says where it stopped.
struct VyattaJSONReader {
    static let maximumDepth = 128

    private let bytes: [UInt8]
    private var index = 0
    private var line: Int32 = 1
    private var lineStart = 0
    private let fileIndex: Int32
    private let path: String
    var document: VyattaDocument
    private var failed = false

    init(text: String, document: VyattaDocument, fileIndex: Int32, path: String) {
        bytes = Array(text.utf8)
        self.document = document
        self.fileIndex = fileIndex
        self.path = path
    }

    static func read(_ input: ConfigInput, into document: VyattaDocument, fileIndex: Int32) -> VyattaDocument {
        var reader = VyattaJSONReader(text: input.text, document: document, fileIndex: fileIndex, path: input.path)
        reader.document.isOverlay = true
        reader.skipSpace()
        if reader.index < reader.bytes.count, reader.bytes[reader.index] == UInt8(ascii: "{") {
            reader.readObject(into: VyattaTree.root, depth: 0)
        } else {
            reader.fail("a config.gateway.json starts with '{'")
        }
        reader.skipSpace()
        if !reader.failed, reader.index < reader.bytes.count {
            reader.fail("text after the end of the JSON object")
        }
        return reader.document
    }

    /// True when the text looks like a JSON object (first non-blank byte `{`).
    static func looksLikeJSON(_ text: String) -> Bool {
        for byte in text.utf8 {
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0A || byte == 0x0D || byte == 0xEF
                || byte == 0xBB || byte == 0xBF { continue }
            return byte == UInt8(ascii: "{")
        }
        return false
    }

    // MARK: - Grammar

    private mutating func readObject(into node: Int32, depth: Int) {
        guard depth < Self.maximumDepth else { return fail("nested deeper than \(Self.maximumDepth) levels") }
        index += 1 // {
        while !failed {
            skipSpace()
            guard index < bytes.count else { return fail("the JSON object is never closed (truncated?)") }
            if bytes[index] == UInt8(ascii: "}") { index += 1; return }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "\"") else { return fail("expected a quoted key") }
            let keyLine = line
            guard let key = readString() else { return }
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return fail("expected ':' after a key") }
            index += 1
            let keyNode = document.tree.child(of: node, key.text, file: fileIndex, line: keyLine, bytes: key.range)
            noteLine(keyLine, keyNode)
            readValue(into: keyNode, depth: depth + 1)
        }
    }

    private mutating func readValue(into node: Int32, depth: Int) {
        skipSpace()
        guard index < bytes.count else { return fail("a value is missing (truncated?)") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            readObject(into: node, depth: depth)
        case UInt8(ascii: "["):
            readArray(into: node, depth: depth)
        case UInt8(ascii: "\""):
            let valueLine = line
            guard let value = readString() else { return }
            let child = document.tree.child(of: node, value.text, file: fileIndex, line: valueLine, bytes: value.range)
            noteLine(valueLine, child)
        default:
            let valueLine = line
            let start = index
            while index < bytes.count, !isDelimiter(bytes[index]) { index += 1 }
            guard index > start else { return fail("unexpected '\(Character(Unicode.Scalar(bytes[start])))'") }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            if text == "null" { return }
            let range = (start - lineStart)..<(index - lineStart)
            let child = document.tree.child(of: node, Substring(text), file: fileIndex, line: valueLine, bytes: range)
            noteLine(valueLine, child)
        }
    }

    private mutating func readArray(into node: Int32, depth: Int) {
        guard depth < Self.maximumDepth else { return fail("nested deeper than \(Self.maximumDepth) levels") }
        index += 1 // [
        while !failed {
            skipSpace()
            guard index < bytes.count else { return fail("the JSON array is never closed (truncated?)") }
            if bytes[index] == UInt8(ascii: "]") { index += 1; return }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            readValue(into: node, depth: depth + 1)
        }
    }

    /// A string at `index` (which is a quote): its text, unescaped, and its byte range on its line.
    private mutating func readString() -> (text: Substring, range: Range<Int>)? {
        index += 1
        let start = index
        var escaped = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\\") { escaped = true; index += 2; continue }
            if byte == UInt8(ascii: "\"") { break }
            if byte == 0x0A { fail("a string runs past the end of its line"); return nil }
            index += 1
        }
        guard index < bytes.count else { fail("a string is never closed (truncated?)"); return nil }
        let end = min(index, bytes.count)
        index += 1
        let raw = String(decoding: bytes[start..<end], as: UTF8.self)
        let text = escaped ? Self.unescape(raw) : raw
        return (Substring(text), (start - lineStart)..<(end - lineStart))
    }

    static func unescape(_ raw: String) -> String {
        var result = ""
        var iterator = raw.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "\\", let next = iterator.next() else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch next {
            case "n": result.append("\n")
            case "t": result.append("\t")
            case "r": result.append("\r")
            case "b", "f": break
            case "u":
                var hex = ""
                for _ in 0..<4 { if let h = iterator.next() { hex.unicodeScalars.append(h) } }
                if let code = UInt32(hex, radix: 16), let decoded = Unicode.Scalar(code) {
                    result.unicodeScalars.append(decoded)
                }
            default: result.unicodeScalars.append(next)
            }
        }
        return result
    }

    /// A line carries the deepest node written on it (for coverage), once.
    private mutating func noteLine(_ number: Int32, _ node: Int32) {
        if let last = document.lines.last, last.file == fileIndex, last.line == number {
            document.lines[document.lines.count - 1].node = node
        } else {
            document.lines.append(VyattaLine(file: fileIndex, line: number, node: node))
        }
    }

    private func isDelimiter(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") || byte == UInt8(ascii: " ")
            || byte == UInt8(ascii: "\t") || byte == 0x0A || byte == 0x0D
    }

    /// Skips blanks, newlines (counting them) and `//` or `/* */` comments.
    private mutating func skipSpace() {
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                index += 1
                line += 1
                lineStart = index
            } else if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == 0x0D {
                index += 1
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
                    if bytes[index] == 0x0A { line += 1; lineStart = index + 1 }
                    index += 1
                }
                index += 2
            } else if index == 0, byte == 0xEF, bytes.count >= 3 {
                index += 3 // UTF-8 byte order mark
            } else {
                return
            }
        }
    }

    private mutating func fail(_ message: String) {
        guard !failed else { return }
        failed = true
        let code = index >= bytes.count ? "truncated" : "bad-json"
        document.diagnostics.append(Diagnostic(.error, code: code, "JSON: \(message); reading stopped here",
                                               at: SourceSpan(file: path, start: Int(line))))
    }
}
