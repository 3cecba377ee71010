import AuditCore

/// Reads `show configuration | display xml` (and NETCONF `<get-config>` replies) into the same
/// word tree as the text forms. Junos XML names list entries with a first `<name>` child, which
/// becomes the word after the element's own (`<user><name>admin</name>` → `user admin`); the
/// wrappers that the text form omits (`<interface>` under `<interfaces>`, `<instance>` under
/// `<routing-instances>`) are dropped, and a zone-pair `<policy>` becomes `from-zone A to-zone B`.
/// Only the `<configuration>` element is read; whatever cannot be read becomes a diagnostic.
struct JunosXMLReader {
    /// Elements the text form leaves out, by parent.
    static let droppedWrappers: [Substring: Substring] = [
        "interface": "interfaces", "instance": "routing-instances", "vlan": "vlans", "domain": "bridge-domains",
    ]

    struct Word {
        var text: Substring
        var line: Int32
        var column: Int32
        var length: Int32
    }

    struct Frame {
        var name: Substring
        var line: Int32
        var column: Int32
        var node: Int32?
        var keys: [Word] = []
        var text: Word?
        var inactive = false
        /// This element names its parent (`<name>`, `<from-zone-name>`).
        var keyword: Substring?
        var inConfiguration: Bool
        var isConfigurationRoot = false
    }

    let text: String
    let file: Int32
    let fileName: String

    static func looksLikeXML(_ text: String) -> Bool {
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0xEF || byte == 0xBB || byte == 0xBF { continue }
            return byte == UInt8(ascii: "<")
        }
        return false
    }

    static func read(_ text: String, file: Int32, name: String, into tree: inout JunosTree) {
        var contiguous = text
        contiguous.makeContiguousUTF8()
        let reader = JunosXMLReader(text: contiguous, file: file, fileName: name)
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

    /// `&lt;` and friends, and numeric references; other text is returned as it is.
    static func decodeEntities(_ raw: Substring) -> Substring {
        guard raw.contains("&") else { return raw }
        var result = ""
        var index = raw.startIndex
        while index < raw.endIndex {
            if raw[index] == "&", let semicolon = raw[index...].firstIndex(of: ";"), raw.distance(from: index, to: semicolon) <= 10 {
                let name = raw[raw.index(after: index)..<semicolon]
                var replacement: String?
                switch name {
                case "lt": replacement = "<"
                case "gt": replacement = ">"
                case "amp": replacement = "&"
                case "quot": replacement = "\""
                case "apos": replacement = "'"
                default:
                    if name.hasPrefix("#x"), let value = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(value) {
                        replacement = String(Character(scalar))
                    } else if name.hasPrefix("#"), let value = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(value) {
                        replacement = String(Character(scalar))
                    }
                }
                if let replacement {
                    result += replacement
                    index = raw.index(after: semicolon)
                    continue
                }
            }
            result.append(raw[index])
            index = raw.index(after: index)
        }
        return result[...]
    }

    func parse(_ bytes: UnsafeBufferPointer<UInt8>, into tree: inout JunosTree) {
        var position = 0
        var line: Int32 = 1
        var lineStart = 0
        var frames: [Frame] = []
        var sawConfiguration = false

        func advanceLines(to end: Int) {
            var index = position
            while index < end {
                if bytes[index] == 0x0A {
                    line += 1
                    lineStart = index + 1
                }
                index += 1
            }
            position = end
        }

        func find(_ pattern: [UInt8], from start: Int) -> Int? {
            guard !pattern.isEmpty, bytes.count >= pattern.count else { return nil }
            var index = start
            while index + pattern.count <= bytes.count {
                if bytes[index] == pattern[0] {
                    var match = true
                    for offset in 1..<pattern.count where bytes[index + offset] != pattern[offset] {
                        match = false
                        break
                    }
                    if match { return index }
                }
                index += 1
            }
            return nil
        }

        while position < bytes.count {
            guard let open = find([UInt8(ascii: "<")], from: position) else {
                position = bytes.count
                break
            }
            // Text before the tag.
            if open > position, var top = frames.last, top.inConfiguration {
                var lo = position, hi = open
                while lo < hi, JunosTextReader.Lexer.isSpace(bytes[lo]) || bytes[lo] == 0x0A { lo += 1 }
                while hi > lo, JunosTextReader.Lexer.isSpace(bytes[hi - 1]) || bytes[hi - 1] == 0x0A { hi -= 1 }
                if hi > lo {
                    advanceLines(to: lo)
                    let raw = substring(lo, hi)
                    top.text = Word(text: Self.decodeEntities(raw), line: line, column: Int32(lo - lineStart), length: Int32(hi - lo))
                    frames[frames.count - 1] = top
                }
            }
            advanceLines(to: open)
            let tagLine = line
            let tagColumn = Int32(open - lineStart)
            // Comments, declarations, CDATA.
            if bytes.count > open + 3, bytes[open + 1] == UInt8(ascii: "!"), bytes[open + 2] == UInt8(ascii: "-") {
                guard let end = find(Array("-->".utf8), from: open + 4) else {
                    diagnose(&tree, .error, "truncated", "an XML comment is not closed", line: tagLine)
                    advanceLines(to: bytes.count)
                    break
                }
                advanceLines(to: end + 3)
                continue
            }
            if bytes.count > open + 8, bytes[open + 1] == UInt8(ascii: "!"), bytes[open + 2] == UInt8(ascii: "[") {
                guard let end = find(Array("]]>".utf8), from: open + 9) else {
                    diagnose(&tree, .error, "truncated", "a CDATA section is not closed", line: tagLine)
                    advanceLines(to: bytes.count)
                    break
                }
                if var top = frames.last, top.inConfiguration {
                    let lo = open + 9
                    top.text = Word(text: substring(lo, end), line: tagLine, column: Int32(lo - lineStart), length: Int32(end - lo))
                    frames[frames.count - 1] = top
                }
                advanceLines(to: end + 3)
                continue
            }
            guard let close = find([UInt8(ascii: ">")], from: open + 1) else {
                diagnose(&tree, .error, "truncated", "the file ends inside an XML tag", line: tagLine)
                advanceLines(to: bytes.count)
                break
            }
            let second = open + 1 < bytes.count ? bytes[open + 1] : 0
            if second == UInt8(ascii: "?") || second == UInt8(ascii: "!") {
                advanceLines(to: close + 1)
                continue
            }
            let isEnd = second == UInt8(ascii: "/")
            let selfClosing = bytes[close - 1] == UInt8(ascii: "/")
            var nameStart = open + (isEnd ? 2 : 1)
            var nameEnd = nameStart
            while nameEnd < close, !JunosTextReader.Lexer.isSpace(bytes[nameEnd]), bytes[nameEnd] != 0x0A,
                  bytes[nameEnd] != UInt8(ascii: "/") {
                if bytes[nameEnd] == UInt8(ascii: ":") { nameStart = nameEnd + 1 }
                nameEnd += 1
            }
            let name = substring(nameStart, nameEnd)
            let attributes = nameEnd < close ? substring(nameEnd, close) : ""
            advanceLines(to: close + 1)
            if name.isEmpty {
                diagnose(&tree, .warning, "bad-syntax", "an XML tag without a name", line: tagLine)
                continue
            }

            if isEnd {
                guard let match = frames.lastIndex(where: { $0.name == name }) else {
                    diagnose(&tree, .warning, "bad-syntax", "</\(name)> closes an element that is not open", line: tagLine)
                    continue
                }
                if match != frames.count - 1 {
                    diagnose(&tree, .warning, "bad-syntax",
                             "</\(name)> closes <\(frames[match].name)> while <\(frames[frames.count - 1].name)> is still open",
                             line: tagLine)
                }
                while frames.count > match + 1 { closeFrame(&frames, tree: &tree) }
                closeFrame(&frames, tree: &tree)
                continue
            }

            let parentInConfiguration = frames.last?.inConfiguration ?? false
            var frame = Frame(name: name, line: tagLine, column: tagColumn + 1, inConfiguration: parentInConfiguration)
            if !parentInConfiguration && name == "configuration" && !sawConfiguration {
                sawConfiguration = true
                frame.inConfiguration = true
                frame.isConfigurationRoot = true
                frame.node = JunosTree.root
            } else if parentInConfiguration {
                frame.inactive = attributes.contains("inactive=\"inactive\"") || attributes.contains("inactive='inactive'")
                if attributes.contains("operation=\"delete\"") { frame.inactive = true }
                let parentIndex = frames.count - 1
                let parent = frames[parentIndex]
                if !parent.isConfigurationRoot && parent.node == nil {
                    if name == "name" && parent.keys.isEmpty {
                        frame.keyword = ""
                    } else if parent.name == "policy", name == "from-zone-name" || name == "to-zone-name",
                              parentIndex > 0, frames[parentIndex - 1].name == "policies" {
                        frame.keyword = name == "from-zone-name" ? "from-zone" : "to-zone"
                    }
                }
                if frame.keyword == nil {
                    _ = materialize(parentIndex, frames: &frames, tree: &tree)
                }
            }
            frames.append(frame)
            if selfClosing { closeFrame(&frames, tree: &tree) }
        }
        if !sawConfiguration {
            diagnose(&tree, .error, "not-junos-xml", "no <configuration> element: nothing in this XML was read", line: 1)
        } else if frames.contains(where: \.inConfiguration) {
            diagnose(&tree, .error, "truncated", "the XML ends before </configuration>", line: line)
        }
    }

    /// Ends the innermost element: a key gives its text to the parent; an element without
    /// children is a statement (`<host-name>r1</host-name>`, `<telnet/>`).
    func closeFrame(_ frames: inout [Frame], tree: inout JunosTree) {
        let frame = frames.removeLast()
        guard frame.inConfiguration, !frame.isConfigurationRoot else { return }
        if let keyword = frame.keyword {
            guard var parent = frames.last else { return }
            if !keyword.isEmpty {
                parent.keys.append(Word(text: keyword, line: frame.line, column: frame.column, length: Int32(keyword.utf8.count)))
            }
            if let text = frame.text {
                parent.keys.append(text)
            } else {
                parent.keys.append(Word(text: "", line: frame.line, column: frame.column, length: 0))
            }
            frames[frames.count - 1] = parent
            return
        }
        if frame.node != nil { return }
        frames.append(frame)
        let index = frames.count - 1
        var node = materialize(index, frames: &frames, tree: &tree)
        var line = frame.keys.last?.line ?? frame.line
        if let text = frame.text {
            node = tree.child(of: node, word: text.text, file: file, line: text.line, column: text.column, length: text.length)
            line = text.line
        }
        tree.statements.append(JunosStatement(file: file, line: line, node: node))
        frames.removeLast()
    }

    /// The node of a frame, inserting its words under its parent's node first when needed.
    func materialize(_ index: Int, frames: inout [Frame], tree: inout JunosTree) -> Int32 {
        if let node = frames[index].node { return node }
        // Outer frames first, without recursion: XML may nest thousands deep.
        var first = index
        while first > 0 && frames[first - 1].node == nil { first -= 1 }
        for outer in first..<index { _ = materializeOne(outer, frames: &frames, tree: &tree) }
        return materializeOne(index, frames: &frames, tree: &tree)
    }

    private func materializeOne(_ index: Int, frames: inout [Frame], tree: inout JunosTree) -> Int32 {
        if let node = frames[index].node { return node }
        let parent = index > 0 ? (frames[index - 1].node ?? JunosTree.root) : JunosTree.root
        let frame = frames[index]
        var words: [Word] = []
        let parentName = index > 0 ? frames[index - 1].name : ""
        let isZonePair = frame.name == "policy" && parentName == "policies" && frame.keys.contains { $0.text == "from-zone" }
        if !isZonePair && !(Self.droppedWrappers[frame.name] == parentName && !frame.keys.isEmpty) {
            words.append(Word(text: frame.name, line: frame.line, column: frame.column, length: Int32(frame.name.utf8.count)))
        }
        words += frame.keys
        var node = parent
        for word in words {
            node = tree.child(of: node, word: word.text, file: file, line: word.line, column: word.column, length: word.length)
        }
        if frame.inactive { tree.nodes[Int(node)].inactive = true }
        frames[index].node = node
        return node
    }
}
