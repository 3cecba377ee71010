import AuditCore

extension OpenWrtConversion {
    /// At most this many `unrecognized-line` warnings per file; the rest are counted in one
    /// summary warning, so a huge non-UCI input cannot flood a report (coverage still counts
    /// every line).
    static let unrecognizedWarningsPerFile = 200

    /// Counts meaningful and understood lines over every input and reports each line that is
    /// neither readable UCI nor a known section type/option.
    mutating func recordCoverage() {
        var coverage = ParseCoverage()
        for document in documents {
            var problems: [Int: String] = [:]
            for unreadable in document.unreadableLines { problems[unreadable.line] = unreadable.reason }
            for package in document.packages {
                for section in package.sections {
                    if let problem = UCIVocabulary.problem(package: package.name, type: section.type, option: nil) {
                        problems[section.headerLine] = problem
                        for entry in section.entries { problems[entry.value.line] = problem }
                        continue
                    }
                    for entry in section.entries {
                        if let problem = UCIVocabulary.problem(package: package.name, type: section.type, option: entry.name) {
                            problems[entry.value.line] = problem
                        }
                    }
                }
            }
            coverage = coverage + ParseCoverage(meaningfulLines: document.meaningfulLines,
                                                understoodLines: max(0, document.meaningfulLines - problems.count))
            config.diagnostics += document.diagnostics
            reportUnrecognized(problems, file: document.file)
        }
        for shadow in shadows {
            var problems: [Int: String] = [:]
            for unreadable in shadow.unreadableLines { problems[unreadable.line] = unreadable.reason }
            coverage = coverage + ParseCoverage(meaningfulLines: shadow.meaningfulLines,
                                                understoodLines: max(0, shadow.meaningfulLines - problems.count))
            reportUnrecognized(problems, file: shadow.file)
        }
        config.coverage = coverage
    }

    private mutating func reportUnrecognized(_ problems: [Int: String], file: String) {
        let lines = problems.keys.sorted()
        for line in lines.prefix(Self.unrecognizedWarningsPerFile) {
            diagnose(.warning, "unrecognized-line", "line not understood: \(problems[line] ?? "")",
                     at: SourceSpan(file: file, start: line))
        }
        if lines.count > Self.unrecognizedWarningsPerFile, let first = lines.dropFirst(Self.unrecognizedWarningsPerFile).first {
            diagnose(.warning, "unrecognized-line",
                     "\(lines.count - Self.unrecognizedWarningsPerFile) more lines not understood (not listed one by one)",
                     at: SourceSpan(file: file, start: first, end: lines.last))
        }
    }
}
