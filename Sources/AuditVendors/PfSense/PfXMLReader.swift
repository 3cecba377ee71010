/// A small, forgiving XML tokenizer for `config.xml`: elements, attributes, text, CDATA,
/// comments, processing instructions, a DOCTYPE, the five named entities and numeric character
/// references, self-closing tags. It works on bytes, records the line of every element, and never
/// fails: a mismatched end tag closes what it can and is reported, an unclosed element at the end
/// of the input is reported as truncation, and everything read before the damage is kept.
enum PfXMLReader {
    /// Past this many problems of one kind, further ones are not listed one by one.
    static let problemLimit = 50
    /// How far up the open elements an end tag is matched.
    static let endTagSearchDepth = 64

    static func read(_ text: String) -> PfXMLDocument {
        var document = PfXMLDocument(bytes: Array(text.utf8))
        var builder = Builder()
        document.bytes.withUnsafeBufferPointer { buffer in
            builder.run(buffer)
        }
        document.elements = builder.elements
        document.names = builder.names
        document.lineStarts = builder.lineStarts
        document.problems = builder.problems
        document.strayTextLines = builder.strayTextLines
        return document
    }

    private struct Builder {
        var elements: [PfXMLDocument.Element] = []
        var names: [String] = []
        var lineStarts: [Int32] = [0]
        var problems: [PfXMLDocument.Problem] = []
        var strayTextLines: [Int32] = []
        /// Open elements, innermost last.
        var stack: [Int32] = []
        /// Last child of each element while it is being built.
        var lastChild: [Int32] = []
        /// Byte range of each element's name, for matching end tags without building strings.
        var nameStarts: [Int32] = []
        var nameLengths: [Int32] = []
        var lastTopLevel: Int32 = -1
        var line: Int32 = 1
        var mismatchCount = 0
        var badMarkupCount = 0

        mutating func problem(_ kind: PfXMLDocument.Problem.Kind, _ line: Int32, _ message: String) {
            switch kind {
            case .mismatched:
                mismatchCount += 1
                guard mismatchCount <= PfXMLReader.problemLimit else { return }
            case .badMarkup:
                badMarkupCount += 1
                guard badMarkupCount <= PfXMLReader.problemLimit else { return }
            default:
                break
            }
            problems.append(PfXMLDocument.Problem(kind: kind, line: Int(line), message: message))
        }

        /// Advances over bytes up to `end`, counting newlines.
        @inline(__always)
        mutating func countLines(_ p: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
            var i = start
            while i < end {
                if p[i] == 0x0A {
                    line += 1
                    lineStarts.append(Int32(i + 1))
                }
                i += 1
            }
        }

        /// Index just past the next occurrence of `terminator` at or after `start`, counting
        /// newlines on the way; nil (with lines counted to the end) when absent.
        mutating func skip(_ p: UnsafeBufferPointer<UInt8>, from start: Int, past terminator: StaticString) -> Int? {
            let t0 = terminator.utf8Start[0]
            let count = terminator.utf8CodeUnitCount
            var i = start
            while i < p.count {
                let byte = p[i]
                if byte == 0x0A {
                    line += 1
                    lineStarts.append(Int32(i + 1))
                } else if byte == t0, i + count <= p.count {
                    var matches = true
                    var k = 1
                    while k < count {
                        if p[i + k] != terminator.utf8Start[k] { matches = false; break }
                        k += 1
                    }
                    if matches { return i + count }
                }
                i += 1
            }
            return nil
        }

        /// Lines holding non-blank text outside every element (not XML, or junk around the root).
        mutating func noteStrayText(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) {
            var lineOfByte = line
            var i = end - 1
            var marked: Int32 = -1
            // Walk backwards so line numbers can be derived from the newlines already counted.
            while i >= start {
                let byte = p[i]
                if byte == 0x0A {
                    lineOfByte -= 1
                } else if !PfXMLBytes.isSpace(byte) && marked != lineOfByte {
                    strayTextLines.append(lineOfByte)
                    marked = lineOfByte
                }
                i -= 1
            }
        }

        mutating func markContentHasMarkup() {
            if let top = stack.last { elements[Int(top)].flags |= 2 }
        }

        mutating func run(_ p: UnsafeBufferPointer<UInt8>) {
            let n = p.count
            var i = 0
            // A UTF-8 byte order mark.
            if n >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
            while i < n {
                // Text up to the next '<'.
                let textStart = i
                var sawAmpersand = false
                while i < n {
                    let byte = p[i]
                    if byte == 0x3C { break }
                    if byte == 0x0A {
                        line += 1
                        lineStarts.append(Int32(i + 1))
                    } else if byte == 0x26 {
                        sawAmpersand = true
                    }
                    i += 1
                }
                if sawAmpersand && i > textStart { markContentHasMarkup() }
                if stack.isEmpty && i > textStart { noteStrayText(p, textStart, i) }
                guard i < n else { break }
                // p[i] == '<'
                let tagLine = line
                guard i + 1 < n else {
                    problem(.truncated, tagLine, "the input ends with '<'")
                    i = n
                    break
                }
                let next = p[i + 1]
                if next == 0x2F { // "</"
                    i = endTag(p, at: i, line: tagLine)
                } else if next == 0x21 { // "<!"
                    i = declaration(p, at: i, line: tagLine)
                } else if next == 0x3F { // "<?"
                    markContentHasMarkup()
                    if let end = skip(p, from: i + 2, past: "?>") {
                        i = end
                    } else {
                        problem(.truncated, tagLine, "the input ends inside a processing instruction")
                        i = n
                    }
                } else if PfXMLBytes.isNameStart(next) {
                    i = startTag(p, at: i, line: tagLine)
                } else {
                    problem(.badMarkup, tagLine, "'<' that starts no tag; read as text")
                    markContentHasMarkup()
                    i += 1
                }
            }
            finish(p)
        }

        /// `<!-- -->`, `<![CDATA[ ]]>` or `<!DOCTYPE ...>`; returns the index after it.
        mutating func declaration(_ p: UnsafeBufferPointer<UInt8>, at start: Int, line tagLine: Int32) -> Int {
            let n = p.count
            if PfXMLBytes.hasPrefix(p, start, "<!--") {
                markContentHasMarkup()
                if let end = skip(p, from: start + 4, past: "-->") { return end }
                problem(.truncated, tagLine, "the input ends inside a comment")
                return n
            }
            if PfXMLBytes.hasPrefix(p, start, "<![CDATA[") {
                markContentHasMarkup()
                if let end = skip(p, from: start + 9, past: "]]>") { return end }
                problem(.truncated, tagLine, "the input ends inside a CDATA section")
                return n
            }
            // DOCTYPE or another declaration: up to the '>' outside an internal subset.
            var depth = 0
            var i = start + 2
            while i < n {
                let byte = p[i]
                if byte == 0x0A {
                    line += 1
                    lineStarts.append(Int32(i + 1))
                } else if byte == 0x5B {
                    depth += 1
                } else if byte == 0x5D {
                    depth = max(0, depth - 1)
                } else if byte == 0x3E && depth == 0 {
                    return i + 1
                }
                i += 1
            }
            problem(.truncated, tagLine, "the input ends inside a declaration")
            return n
        }

        /// A start tag; returns the index after it.
        mutating func startTag(_ p: UnsafeBufferPointer<UInt8>, at start: Int, line tagLine: Int32) -> Int {
            let n = p.count
            let nameStart = start + 1
            var i = nameStart
            while i < n && PfXMLBytes.isNameByte(p[i]) { i += 1 }
            let nameEnd = i
            let attributesStart = i
            var selfClosing = false
            var closed = false
            var quote: UInt8 = 0
            while i < n {
                let byte = p[i]
                if byte == 0x0A {
                    line += 1
                    lineStarts.append(Int32(i + 1))
                } else if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == 0x22 || byte == 0x27 {
                    quote = byte
                } else if byte == 0x3E {
                    closed = true
                    break
                } else if byte == 0x2F && i + 1 < n && p[i + 1] == 0x3E {
                    selfClosing = true
                    closed = true
                    break
                } else if byte == 0x3C {
                    // A '<' inside a tag: the tag was never finished.
                    break
                }
                i += 1
            }
            let attributesEnd = i
            let name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<nameEnd]), as: UTF8.self)
            let parent = stack.last ?? -1
            let index = Int32(elements.count)
            let contentStart = closed ? (selfClosing ? i + 2 : i + 1) : i
            names.append(name)
            elements.append(PfXMLDocument.Element(
                parent: parent, line: tagLine, endLine: tagLine,
                contentStart: Int32(contentStart), contentEnd: Int32(contentStart),
                attributesStart: Int32(attributesStart), attributesEnd: Int32(attributesEnd),
                flags: selfClosing ? 1 : 0))
            lastChild.append(-1)
            nameStarts.append(Int32(nameStart))
            nameLengths.append(Int32(nameEnd - nameStart))
            if parent >= 0 {
                let previous = lastChild[Int(parent)]
                if previous >= 0 {
                    elements[Int(previous)].nextSibling = index
                } else {
                    elements[Int(parent)].firstChild = index
                }
                lastChild[Int(parent)] = index
            } else {
                if lastTopLevel >= 0 {
                    elements[Int(lastTopLevel)].nextSibling = index
                    problem(.badMarkup, tagLine, "a second top-level element <\(name)>: an XML file has one root")
                }
                lastTopLevel = index
            }
            if !closed {
                if i >= n {
                    problem(.truncated, tagLine, "the input ends inside the start tag <\(name)")
                } else {
                    problem(.badMarkup, tagLine, "start tag <\(name) is not finished before the next '<'")
                }
                if !selfClosing { stack.append(index) }
                return i
            }
            if !selfClosing { stack.append(index) }
            return selfClosing ? i + 2 : i + 1
        }

        /// An end tag; returns the index after it.
        mutating func endTag(_ p: UnsafeBufferPointer<UInt8>, at start: Int, line tagLine: Int32) -> Int {
            let n = p.count
            let nameStart = start + 2
            var i = nameStart
            while i < n && PfXMLBytes.isNameByte(p[i]) { i += 1 }
            let nameEnd = i
            while i < n && p[i] != 0x3E && p[i] != 0x3C {
                if p[i] == 0x0A {
                    line += 1
                    lineStarts.append(Int32(i + 1))
                }
                i += 1
            }
            let finished = i < n && p[i] == 0x3E
            let after = finished ? i + 1 : i
            if !finished {
                problem(i >= n ? .truncated : .badMarkup, tagLine, "end tag is not finished")
            }
            let name = UnsafeBufferPointer(rebasing: p[nameStart..<nameEnd])
            // The innermost open element with this name, looked for a bounded way up so a hostile
            // input cannot make matching quadratic (config.xml nests about ten levels).
            var depth = stack.count - 1
            let lowest = max(0, stack.count - PfXMLReader.endTagSearchDepth)
            while depth >= lowest {
                if sameName(p, Int(stack[depth]), nameStart, nameEnd) { break }
                depth -= 1
            }
            guard depth >= lowest else {
                problem(.mismatched, tagLine, "end tag </\(String(decoding: name, as: UTF8.self))> closes no open element; ignored")
                return after
            }
            while stack.count - 1 > depth {
                let open = stack.removeLast()
                let element = elements[Int(open)]
                problem(.mismatched, tagLine,
                        "<\(names[Int(open)])> opened at line \(element.line) is not closed before </\(String(decoding: name, as: UTF8.self))>")
                close(open, contentEnd: start, endLine: tagLine, cleanly: false)
            }
            let open = stack.removeLast()
            close(open, contentEnd: start, endLine: tagLine, cleanly: true)
            return after
        }

        @inline(__always)
        func sameName(_ p: UnsafeBufferPointer<UInt8>, _ element: Int, _ start: Int, _ end: Int) -> Bool {
            let length = Int(nameLengths[element])
            guard length == end - start else { return false }
            let other = Int(nameStarts[element])
            var k = 0
            while k < length {
                if p[other + k] != p[start + k] { return false }
                k += 1
            }
            return true
        }

        mutating func close(_ index: Int32, contentEnd: Int, endLine: Int32, cleanly: Bool) {
            elements[Int(index)].contentEnd = Int32(max(contentEnd, Int(elements[Int(index)].contentStart)))
            elements[Int(index)].endLine = endLine
            if cleanly { elements[Int(index)].flags |= 1 }
        }

        mutating func finish(_ p: UnsafeBufferPointer<UInt8>) {
            if !stack.isEmpty {
                let lastLine = line
                let outer = elements[Int(stack[0])]
                let inner = elements[Int(stack[stack.count - 1])]
                let outerName = names[Int(stack[0])]
                let innerName = names[Int(stack[stack.count - 1])]
                let depth = stack.count
                let message = "the input ends with \(depth) element(s) open: <\(outerName)> from line \(outer.line)"
                    + (depth > 1 ? " down to <\(innerName)> from line \(inner.line)" : "")
                problem(.truncated, lastLine, message)
                while let open = stack.popLast() {
                    close(open, contentEnd: p.count, endLine: line, cleanly: false)
                }
            }
            if elements.isEmpty {
                problem(.noElement, 1, "no XML element found")
            }
            if mismatchCount > PfXMLReader.problemLimit {
                problems.append(.init(kind: .mismatched, line: Int(line),
                                      message: "\(mismatchCount - PfXMLReader.problemLimit) more mismatched tags (not listed one by one)"))
            }
            if badMarkupCount > PfXMLReader.problemLimit {
                problems.append(.init(kind: .badMarkup, line: Int(line),
                                      message: "\(badMarkupCount - PfXMLReader.problemLimit) more markup problems (not listed one by one)"))
            }
        }
    }
}

/// Byte-level helpers shared by the reader and the document.
enum PfXMLBytes {
    @inline(__always)
    static func isNameStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte == 0x3A || byte >= 0x80
    }

    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        isNameStart(byte) || (byte >= 0x30 && byte <= 0x39) || byte == 0x2D || byte == 0x2E
    }

    @inline(__always)
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    static func hasPrefix(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard start >= 0, start + count <= p.count else { return false }
        for k in 0..<count where p[start + k] != prefix.utf8Start[k] { return false }
        return true
    }

    static func trim(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Range<Int> {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high && isSpace(p[low]) { low += 1 }
        while high > low && isSpace(p[high - 1]) { high -= 1 }
        return low..<high
    }

    /// Text content with CDATA kept verbatim, comments and processing instructions dropped,
    /// entities decoded, surrounding whitespace removed. Unknown entities stay as written.
    static func decodeText(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let byte = p[i]
            if byte == 0x3C {
                if hasPrefix(p, i, "<![CDATA[") {
                    var j = i + 9
                    while j + 2 < end && !(p[j] == 0x5D && p[j + 1] == 0x5D && p[j + 2] == 0x3E) { j += 1 }
                    let stop = j + 2 < end ? j : end
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: p[min(i + 9, stop)..<stop]))
                    i = min(stop + 3, end)
                    continue
                }
                if hasPrefix(p, i, "<!--") {
                    var j = i + 4
                    while j + 2 < end && !(p[j] == 0x2D && p[j + 1] == 0x2D && p[j + 2] == 0x3E) { j += 1 }
                    i = min(j + 3, end)
                    continue
                }
                if hasPrefix(p, i, "<?") {
                    var j = i + 2
                    while j + 1 < end && !(p[j] == 0x3F && p[j + 1] == 0x3E) { j += 1 }
                    i = min(j + 2, end)
                    continue
                }
                out.append(byte)
                i += 1
                continue
            }
            if byte == 0x26, let (decoded, length) = entity(p, i, end) {
                appendScalar(decoded, to: &out)
                i += length
                continue
            }
            out.append(byte)
            i += 1
        }
        var low = 0
        var high = out.count
        while low < high && isSpace(out[low]) { low += 1 }
        while high > low && isSpace(out[high - 1]) { high -= 1 }
        return String(decoding: out[low..<high], as: UTF8.self)
    }

    /// `&name;` or `&#N;` / `&#xH;` at `start`: the scalar and the entity's length.
    static func entity(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Unicode.Scalar, Int)? {
        var j = start + 1
        while j < end && j - start <= 10 && p[j] != 0x3B { j += 1 }
        guard j < end, p[j] == 0x3B, j > start + 1 else { return nil }
        let body = UnsafeBufferPointer(rebasing: p[(start + 1)..<j])
        let length = j - start + 1
        if body[0] == 0x23 {
            var value: UInt32 = 0
            var digits = 0
            let hex = body.count > 1 && (body[1] == 0x78 || body[1] == 0x58)
            for byte in body.dropFirst(hex ? 2 : 1) {
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x61...0x66 where hex: digit = UInt32(byte - 0x61 + 10)
                case 0x41...0x46 where hex: digit = UInt32(byte - 0x41 + 10)
                default: return nil
                }
                value = value &* (hex ? 16 : 10) &+ digit
                digits += 1
                guard value <= 0x10FFFF else { return nil }
            }
            guard digits > 0, let scalar = Unicode.Scalar(value) else { return nil }
            return (scalar, length)
        }
        switch String(decoding: body, as: UTF8.self) {
        case "lt": return ("<", length)
        case "gt": return (">", length)
        case "amp": return ("&", length)
        case "quot": return ("\"", length)
        case "apos": return ("'", length)
        default: return nil
        }
    }

    static func appendScalar(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        UTF8.encode(scalar) { out.append($0) }
    }

    /// The decoded value of `name="..."` in a start tag's attribute text.
    static func attribute(_ p: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ name: String) -> String? {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            while i < end && isSpace(p[i]) { i += 1 }
            let nameStart = i
            while i < end && isNameByte(p[i]) { i += 1 }
            let nameEnd = i
            guard nameEnd > nameStart else { return nil }
            while i < end && isSpace(p[i]) { i += 1 }
            guard i < end, p[i] == 0x3D else { continue }
            i += 1
            while i < end && isSpace(p[i]) { i += 1 }
            guard i < end else { return nil }
            let quote = p[i]
            var valueStart = i
            var valueEnd = i
            if quote == 0x22 || quote == 0x27 {
                valueStart = i + 1
                var j = valueStart
                while j < end && p[j] != quote { j += 1 }
                valueEnd = j
                i = min(j + 1, end)
            } else {
                while i < end && !isSpace(p[i]) { i += 1 }
                valueEnd = i
            }
            if UnsafeBufferPointer(rebasing: p[nameStart..<nameEnd]).elementsEqual(name.utf8) {
                return decodeText(p, valueStart..<valueEnd)
            }
        }
        return nil
    }
}
