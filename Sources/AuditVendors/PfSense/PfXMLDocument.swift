/// A `config.xml` read into a flat tree: every element in document order with its name, its
/// parent, its children, the lines it spans and where its content sits in the bytes. This is the
/// vendor-shaped reading of pfSense and OPNsense (no security meaning yet); `PfXMLReader` builds it
/// and never fails: damage becomes `problems`.
struct PfXMLDocument: Sendable {
    /// One element's structure (plain values, cheap to copy); its name is in `names`.
    struct Element: Sendable {
        /// Index of the parent element, -1 for a top-level element.
        var parent: Int32
        var firstChild: Int32 = -1
        var nextSibling: Int32 = -1
        /// Line of the start tag (1-based).
        var line: Int32
        /// Line of the end tag; the start line for `<x/>`; the last line read when never closed.
        var endLine: Int32
        /// Byte offsets of the content between the start tag's `>` and the end tag's `<`.
        var contentStart: Int32
        var contentEnd: Int32
        /// Byte offsets of the attribute text inside the start tag (after the name).
        var attributesStart: Int32
        var attributesEnd: Int32
        /// Bit 0: closed by an end tag or `/>`. Bit 1: the content holds markup or entities
        /// (`<`, `&`) and needs the slow text decoder.
        var flags: UInt8

        var isClosed: Bool { flags & 1 != 0 }
        var hasMarkup: Bool { flags & 2 != 0 }
        var hasChildren: Bool { firstChild >= 0 }
    }

    /// Something wrong with the markup, at a line.
    struct Problem: Sendable, Hashable {
        enum Kind: Sendable, Hashable {
            /// The input ends inside a tag, comment, CDATA section or open element.
            case truncated
            /// An end tag that does not close the element it should.
            case mismatched
            /// `<` that starts no tag, a tag without a name, an attribute without a value.
            case badMarkup
            /// No element at all.
            case noElement
        }
        var kind: Kind
        var line: Int
        var message: String
    }

    let bytes: [UInt8]
    var elements: [Element] = []
    /// Element names, by element index.
    var names: [String] = []
    /// Byte offset where each line starts; index 0 is line 1.
    var lineStarts: [Int32] = [0]
    var problems: [Problem] = []
    /// Lines with non-blank text outside every element (possibly repeated, unordered).
    var strayTextLines: [Int32] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    var lineCount: Int { lineStarts.count }

    /// The first top-level element, normally `<pfsense>` or `<opnsense>`.
    var root: Int? { elements.isEmpty ? nil : 0 }

    // MARK: - Navigation

    func children(of index: Int) -> PfXMLChildren {
        PfXMLChildren(document: self, first: elements[index].firstChild)
    }

    /// The first child with this name.
    func child(_ index: Int, _ name: String) -> Int? {
        var child = elements[index].firstChild
        while child >= 0 {
            if names[Int(child)] == name { return Int(child) }
            child = elements[Int(child)].nextSibling
        }
        return nil
    }

    /// Every child with this name, in order.
    func children(_ index: Int, _ name: String) -> [Int] {
        var result: [Int] = []
        var child = elements[index].firstChild
        while child >= 0 {
            if names[Int(child)] == name { result.append(Int(child)) }
            child = elements[Int(child)].nextSibling
        }
        return result
    }

    /// Follows a path of child names (`["system", "webgui"]`).
    func descendant(_ index: Int, _ path: [String]) -> Int? {
        var current = index
        for name in path {
            guard let next = child(current, name) else { return nil }
            current = next
        }
        return current
    }

    func name(_ index: Int) -> String { names[index] }
    func line(_ index: Int) -> Int { Int(elements[index].line) }
    func endLine(_ index: Int) -> Int { Int(elements[index].endLine) }

    /// The names from the root's children down to this element, joined by `/` (for messages).
    func path(_ index: Int) -> String {
        var names: [String] = []
        var current = Int32(index)
        while current >= 0 {
            names.append(self.names[Int(current)])
            current = elements[Int(current)].parent
        }
        return names.reversed().joined(separator: "/")
    }

    // MARK: - Text

    /// The element's text with entities and CDATA decoded and surrounding whitespace removed;
    /// empty for an element with child elements.
    func text(_ index: Int) -> String {
        let element = elements[index]
        guard !element.hasChildren, element.contentEnd > element.contentStart else { return "" }
        return bytes.withUnsafeBufferPointer { buffer in
            let range = Int(element.contentStart)..<Int(element.contentEnd)
            if !element.hasMarkup {
                let trimmed = PfXMLBytes.trim(buffer, range)
                return String(decoding: UnsafeBufferPointer(rebasing: buffer[trimmed]), as: UTF8.self)
            }
            return PfXMLBytes.decodeText(buffer, range)
        }
    }

    /// Where the element's value sits on its line (trimmed; inside a CDATA section when the value
    /// is one), as a line number and byte offsets from the line's start. Nil when the value is
    /// empty or spans lines.
    func valueLocation(_ index: Int) -> (line: Int, range: Range<Int>)? {
        let element = elements[index]
        guard !element.hasChildren, element.contentEnd > element.contentStart else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> (line: Int, range: Range<Int>)? in
            var range = PfXMLBytes.trim(buffer, Int(element.contentStart)..<Int(element.contentEnd))
            guard !range.isEmpty else { return nil }
            if PfXMLBytes.hasPrefix(buffer, range.lowerBound, "<![CDATA["), range.count >= 12,
               PfXMLBytes.hasPrefix(buffer, range.upperBound - 3, "]]>") {
                range = (range.lowerBound + 9)..<(range.upperBound - 3)
                guard !range.isEmpty else { return nil }
            }
            let line = lineNumber(atOffset: range.lowerBound)
            guard lineNumber(atOffset: range.upperBound - 1) == line else { return nil }
            let start = Int(lineStarts[line - 1])
            return (line, (range.lowerBound - start)..<(range.upperBound - start))
        }
    }

    /// The 1-based line holding a byte offset.
    func lineNumber(atOffset offset: Int) -> Int {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if Int(lineStarts[middle]) <= offset { low = middle } else { high = middle - 1 }
        }
        return low + 1
    }

    /// The value of an attribute of the start tag, decoded, or nil.
    func attribute(_ index: Int, _ name: String) -> String? {
        let element = elements[index]
        guard element.attributesEnd > element.attributesStart else { return nil }
        return bytes.withUnsafeBufferPointer { buffer in
            PfXMLBytes.attribute(buffer, Int(element.attributesStart)..<Int(element.attributesEnd), name)
        }
    }
}

/// The children of one element, in order.
struct PfXMLChildren: Sequence {
    let document: PfXMLDocument
    let first: Int32

    struct Iterator: IteratorProtocol {
        let document: PfXMLDocument
        var cursor: Int32
        mutating func next() -> Int? {
            guard cursor >= 0 else { return nil }
            let current = Int(cursor)
            cursor = document.elements[current].nextSibling
            return current
        }
    }

    func makeIterator() -> Iterator { Iterator(document: document, cursor: first) }
}
