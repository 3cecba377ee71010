import AuditCore

/// Reads one file of UCI text into packages and sections. Three layouts are accepted, even mixed:
///
/// - a single `/etc/config/NAME` file (no `package` line: the package is told from the section
///   types, because the file name is not something we may rely on);
/// - a `uci export` dump (`package NAME` before each package's sections);
/// - `uci show` output (`firewall.@zone[0]=zone`, `firewall.@zone[0].name='lan'`).
///
/// The reader never fails: what it cannot read is recorded with its line for the conversion to
/// report.
enum UCIReader {
    static func read(_ source: ConfigSource) -> UCIDocument {
        var state = ReadState(file: source.path)
        for (offset, line) in source.lines.enumerated() {
            state.read(line, number: offset + 1)
        }
        return state.finish()
    }
}

/// A section while the file is being read, with the package it was declared under (nil when the
/// file has no `package` line before it).
private struct PendingSection {
    var package: String?
    var section: UCISection
}

private struct ReadState {
    var document: UCIDocument
    var explicitPackage: String?
    var sections: [PendingSection] = []
    var current: Int?
    /// `uci show` sections by `package.key`, where key is the name or `@type[index]`.
    var showSections: [String: Int] = [:]

    init(file: String) {
        document = UCIDocument(file: file)
    }

    var file: String { document.file }

    mutating func read(_ line: Substring, number: Int) {
        let lexed = UCILexer.tokenize(line)
        guard let keyword = lexed.tokens.first else { return }
        document.meaningfulLines += 1
        if lexed.unterminatedQuote {
            document.diagnostics.append(Diagnostic(
                .error, code: "truncated", "a quote is opened and never closed; the value runs to the end of the line",
                at: SourceSpan(file: file, start: number)))
        }
        let arguments = lexed.tokens.dropFirst()
        switch keyword.text {
        case "package":
            readPackage(arguments, number: number)
        case "config":
            readConfig(arguments, number: number)
        case "option", "list":
            readOption(arguments, isList: keyword.text == "list", number: number)
        default:
            if !readShowLine(line, number: number) {
                unreadable(number, "not UCI syntax (expected package, config, option or list)")
            }
        }
    }

    mutating func unreadable(_ line: Int, _ reason: String) {
        document.unreadableLines.append(UCIUnreadableLine(line: line, reason: reason))
    }

    mutating func extraWords(_ line: Int) {
        document.diagnostics.append(Diagnostic(
            .warning, code: "bad-value", "extra words after the value are ignored (uci rejects this line)",
            at: SourceSpan(file: file, start: line)))
    }

    mutating func readPackage(_ arguments: ArraySlice<UCIToken>, number: Int) {
        guard let name = arguments.first, UCISyntax.isIdentifier(name.text) else {
            unreadable(number, "package without a valid name")
            return
        }
        if arguments.count > 1 { extraWords(number) }
        explicitPackage = name.text
        current = nil
    }

    mutating func readConfig(_ arguments: ArraySlice<UCIToken>, number: Int) {
        guard let type = arguments.first, UCISyntax.isIdentifier(type.text) else {
            unreadable(number, "config without a valid section type")
            current = nil
            return
        }
        let name = arguments.dropFirst().first?.text
        if arguments.count > 2 { extraWords(number) }
        sections.append(PendingSection(
            package: explicitPackage,
            section: UCISection(type: type.text, name: name, file: file, headerLine: number)))
        current = sections.count - 1
    }

    mutating func readOption(_ arguments: ArraySlice<UCIToken>, isList: Bool, number: Int) {
        guard let current else {
            unreadable(number, "\(isList ? "list" : "option") outside of any config section")
            return
        }
        guard let name = arguments.first, UCISyntax.isIdentifier(name.text) else {
            unreadable(number, "\(isList ? "list" : "option") without a valid name")
            return
        }
        guard let value = arguments.dropFirst().first else {
            unreadable(number, "\(isList ? "list" : "option") '\(name.text)' without a value")
            return
        }
        if arguments.count > 2 { extraWords(number) }
        sections[current].section.entries.append(UCIEntry(
            name: name.text,
            value: UCIValue(text: value.text, line: number, byteRange: value.byteRange),
            isList: isList))
    }

    /// `package.section=type` or `package.section.option='value' ['value'...]`.
    mutating func readShowLine(_ line: Substring, number: Int) -> Bool {
        guard let show = UCIShowLine(line) else { return false }
        let key = show.package + "." + show.sectionKey
        let values = UCILexer.tokenize(show.rest)
        guard let option = show.option else {
            guard let type = values.tokens.first, UCISyntax.isIdentifier(type.text) else { return false }
            if let existing = showSections[key] {
                sections[existing].section.type = type.text
            } else {
                showSections[key] = sections.count
                sections.append(PendingSection(
                    package: show.package,
                    section: UCISection(type: type.text, name: show.sectionName, file: file, headerLine: number)))
            }
            current = nil
            return true
        }
        let index: Int
        if let existing = showSections[key] {
            index = existing
        } else {
            // An option before its section line: keep it under a section typed from `@type[n]`
            // (or untyped, which the vocabulary then reports).
            index = sections.count
            showSections[key] = index
            sections.append(PendingSection(
                package: show.package,
                section: UCISection(type: show.anonymousType ?? "", name: show.sectionName, file: file, headerLine: number)))
        }
        let shift = show.restOffset
        let isList = values.tokens.count > 1
        if values.tokens.isEmpty {
            sections[index].section.entries.append(UCIEntry(
                name: option, value: UCIValue(text: "", line: number, byteRange: shift..<shift), isList: false))
        }
        for token in values.tokens {
            let range = (token.byteRange.lowerBound + shift)..<(token.byteRange.upperBound + shift)
            sections[index].section.entries.append(UCIEntry(
                name: option, value: UCIValue(text: token.text, line: number, byteRange: range), isList: isList))
        }
        current = nil
        return true
    }

    /// Groups sections into packages; sections read before any `package` line go to the package
    /// their types point at.
    mutating func finish() -> UCIDocument {
        let unplaced = sections.filter { $0.package == nil }.map(\.section.type)
        let inferred = unplaced.isEmpty ? nil : (UCIPackageInference.package(forSectionTypes: unplaced) ?? "")
        var order: [String] = []
        var byName: [String: UCIPackage] = [:]
        for pending in sections {
            let name = pending.package ?? inferred ?? ""
            if byName[name] == nil {
                order.append(name)
                byName[name] = UCIPackage(name: name)
            }
            byName[name]?.sections.append(pending.section)
        }
        document.packages = order.compactMap { byName[$0] }
        return document
    }
}

enum UCISyntax {
    /// Letters, digits, `_` and `-` (section types such as `wifi-iface` have dashes).
    static func isIdentifier(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isIdentifierByte)
    }

    static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
            || byte == 0x5F || byte == 0x2D
    }
}
