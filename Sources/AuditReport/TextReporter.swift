import AuditCore

/// The report for people at a terminal: findings grouped by severity, each with its evidence
/// lines and what to do, then a summary line. Colour only when asked (the CLI asks on a TTY).
/// Titles, remediation and the fixed words follow the report language (check messages stay English).
public struct TextReporter {
    public var color: Bool
    public var verbose: Bool
    public var localizer: Localizer

    public init(color: Bool, verbose: Bool = false, language: ReportLanguage = .en, catalog: [String: CheckDescription] = [:]) {
        self.color = color
        self.verbose = verbose
        self.localizer = Localizer(language: language, catalog: catalog)
    }

    var phrases: Phrases { localizer.phrases }
    var language: ReportLanguage { localizer.language }

    public func render(_ document: ReportDocument) -> String {
        var out = ""
        for device in document.devices {
            out += renderDevice(device)
        }
        for problem in document.problems {
            out += paint(language.pick("error", "fout"), .red) + ": \(problem.path): \(problem.reason)\n"
        }
        out += summaryLine(document) + "\n"
        return out
    }

    func renderDevice(_ device: ReportDocument.Device) -> String {
        var out = ""
        let name = device.hostname.map { "\($0) (\(device.sources.joined(separator: ", ")))" } ?? device.sources.joined(separator: ", ")
        let percent = Int((device.coverage.ratio * 100).rounded(.down))
        out += paint("== \(name)", .bold) + "\n"
        out += language.pick("   vendor \(device.vendor), \(device.vendorChoice); ",
                             "   platform \(device.vendor), \(device.vendorChoice.replacing("forced with --vendor", with: "opgegeven met --vendor").replacing("detected (", with: "herkend (")); ")
        out += phrases.understoodLines(percent: percent, of: device.coverage.meaningfulLines)
        let unrecognised = device.diagnostics.filter { $0.level >= .warning }.count
        out += unrecognised > 0 ? ", \(unrecognised) \(language.pick("diagnostics", "meldingen"))\n" : "\n"
        if device.coverage.ratio < 0.9 && device.coverage.meaningfulLines > 0 {
            out += paint("   \(language.pick("warning", "waarschuwing")): \(phrases.lowCoverageWarning)", .yellow) + "\n"
        }
        let verdict = Verdict.of(device, language: language)
        out += paint("   \(phrases.scoreLine(device.score)): \(verdict.headline)", verdict.kind == .notSafe ? .red : .bold) + "\n"
        out += "\n"
        for severity in Severity.allCases.reversed() {
            let group = device.findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += paint("\(phrases.severity(severity).uppercased()) (\(group.count))", Self.color(of: severity)) + "\n"
            for finding in group {
                out += "  [\(finding.id)] \(localizer.title(finding)): \(finding.message)\n"
                for evidence in finding.evidence {
                    if let file = evidence.file, let line = evidence.line {
                        out += paint("      \(file):\(line)", .dim) + (evidence.text.map { "  \($0.trimmingLeadingSpaces)" } ?? "") + "\n"
                    } else if let statement = evidence.vendorDefault {
                        out += paint("      \(phrases.vendorDefault): \(statement)", .dim) + "\n"
                    }
                }
                out += "      \(phrases.fixLabel): \(localizer.remediation(finding).replacingNewlines)\n"
            }
            out += "\n"
        }
        if verbose {
            for diagnostic in device.diagnostics where diagnostic.level >= .warning {
                let place = diagnostic.file.map { "\($0):\(diagnostic.line ?? 0)" } ?? ""
                out += paint("   \(language.pick("note", "opmerking")): \(place) \(diagnostic.message)", .dim) + "\n"
            }
        }
        if device.findings.isEmpty { out += "   \(phrases.noFindings)\n\n" }
        return out
    }

    func summaryLine(_ document: ReportDocument) -> String {
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let n = document.summary.bySeverity[severity.rawValue] ?? 0
            return n > 0 ? "\(n) \(phrases.severity(severity))" : nil
        }
        var line = phrases.deviceSummary(audited: document.summary.devicesAudited, findings: document.summary.findings)
        if !counts.isEmpty { line += " (" + counts.joined(separator: ", ") + ")" }
        if document.summary.inputsFailed > 0 { line += ", " + phrases.couldNotAudit(document.summary.inputsFailed) }
        if !document.secretsShown && document.summary.findings > 0 { line += "; " + phrases.secretsHiddenHint }
        return line
    }

    enum Style: String {
        case red = "31", yellow = "33", magenta = "35", cyan = "36", bold = "1", dim = "2", blue = "34"
    }

    static func color(of severity: Severity) -> Style {
        switch severity {
        case .critical: .magenta
        case .high: .red
        case .medium: .yellow
        case .low: .cyan
        case .info: .blue
        }
    }

    func paint(_ text: String, _ style: Style) -> String {
        color ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }
}

extension String {
    var trimmingLeadingSpaces: Substring { drop { $0 == " " } }
    var replacingNewlines: String { split(separator: "\n").joined(separator: " ") }
}
