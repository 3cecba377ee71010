import AuditCore

/// Coverage: a meaningful line is one where an element starts (or, outside every element, one
/// with text: junk around the root, or an input that is not XML at all). It is understood when
/// every element starting on it is in `PfSenseVocabulary`. Each element that is not, and whose
/// parent is, becomes one `unrecognized-line` warning spanning the element.
extension PfSenseConversion {
    /// At most this many `unrecognized-line` warnings per file; the rest are summarised.
    static let unrecognizedWarningsPerFile = 200

    mutating func recordCoverage() {
        let vocabulary = PfSenseVocabulary.shared
        let elements = doc.elements
        var nodeOf = [Int32](repeating: -1, count: elements.count)
        // Per line: bit 0 meaningful, bit 1 not understood.
        var state = [UInt8](repeating: 0, count: doc.lineCount + 2)
        var unknown: [Int] = []
        for index in elements.indices {
            let element = elements[index]
            let node: Int32
            if element.parent < 0 {
                node = index == root ? 0 : -1
            } else {
                node = vocabulary.child(of: nodeOf[Int(element.parent)], named: doc.names[index])
            }
            nodeOf[index] = node
            let line = Int(element.line)
            guard line < state.count else { continue }
            state[line] |= 1
            if node < 0 {
                state[line] |= 2
                if element.parent < 0 || nodeOf[Int(element.parent)] >= 0 { unknown.append(index) }
            }
        }
        for line in doc.strayTextLines where Int(line) < state.count {
            state[Int(line)] |= 3
        }
        var meaningful = 0
        var understood = 0
        for flags in state where flags & 1 != 0 {
            meaningful += 1
            if flags & 2 == 0 { understood += 1 }
        }
        config.coverage = config.coverage + ParseCoverage(meaningfulLines: meaningful, understoodLines: understood)
        reportUnknown(unknown)
        reportStrayText(doc, file: file, into: &config.diagnostics)
    }

    private mutating func reportUnknown(_ unknown: [Int]) {
        for index in unknown.prefix(Self.unrecognizedWarningsPerFile) {
            let what = doc.elements[index].parent < 0 && index != root
                ? "a second top-level element <\(doc.name(index))> is not read"
                : "element \(doc.path(index)) is not known"
            config.diagnostics.append(Diagnostic(.warning, code: "unrecognized-line", "line not understood: \(what)",
                                                 at: span(index)))
        }
        if unknown.count > Self.unrecognizedWarningsPerFile {
            let rest = unknown.dropFirst(Self.unrecognizedWarningsPerFile)
            config.diagnostics.append(Diagnostic(
                .warning, code: "unrecognized-line",
                "\(rest.count) more elements not understood (not listed one by one)",
                at: SourceSpan(file: file, start: doc.line(rest.first!), end: doc.endLine(rest.last!))))
        }
    }

    private static func strayLines(_ doc: PfXMLDocument) -> [Int] {
        Array(Set(doc.strayTextLines.map(Int.init))).sorted()
    }

    private static func reportStray(_ lines: [Int], file: String, into diagnostics: inout [Diagnostic]) {
        guard let first = lines.first, let last = lines.last else { return }
        diagnostics.append(Diagnostic(
            .warning, code: "unrecognized-line",
            "line not understood: \(lines.count) line(s) of text outside any XML element",
            at: SourceSpan(file: file, start: first, end: last)))
    }

    private func reportStrayText(_ doc: PfXMLDocument, file: String, into diagnostics: inout [Diagnostic]) {
        Self.reportStray(Self.strayLines(doc), file: file, into: &diagnostics)
    }

    /// An input with no element at all: every line with text is meaningful and not understood.
    static func strayCoverage(_ doc: PfXMLDocument, file: String, into diagnostics: inout [Diagnostic]) -> ParseCoverage {
        let lines = strayLines(doc)
        reportStray(lines, file: file, into: &diagnostics)
        return ParseCoverage(meaningfulLines: lines.count, understoodLines: 0)
    }

    /// An input that is read but not converted (a second config.xml): nothing in it is understood.
    static func unconvertedCoverage(_ doc: PfXMLDocument, file: String, into diagnostics: inout [Diagnostic]) -> ParseCoverage {
        var lines = Set(doc.elements.map { Int($0.line) })
        lines.formUnion(doc.strayTextLines.map(Int.init))
        return ParseCoverage(meaningfulLines: lines.count, understoodLines: 0)
    }
}
