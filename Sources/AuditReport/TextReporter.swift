import AuditCore

/// The report for people at a terminal: findings grouped by severity, each with its evidence
/// lines and what to do, then a summary line. Colour only when asked (the CLI asks on a TTY).
public struct TextReporter {
    public var color: Bool
    public var verbose: Bool

    public init(color: Bool, verbose: Bool = false) {
        self.color = color
        self.verbose = verbose
    }

    public func render(_ document: ReportDocument) -> String {
        var out = ""
        for device in document.devices {
            out += renderDevice(device)
        }
        for problem in document.problems {
            out += paint("error", .red) + ": \(problem.path): \(problem.reason)\n"
        }
        out += summaryLine(document) + "\n"
        return out
    }

    func renderDevice(_ device: ReportDocument.Device) -> String {
        var out = ""
        let name = device.hostname.map { "\($0) (\(device.sources.joined(separator: ", ")))" } ?? device.sources.joined(separator: ", ")
        let percent = Int((device.coverage.ratio * 100).rounded(.down))
        out += paint("== \(name)", .bold) + "\n"
        out += "   vendor \(device.vendor), \(device.vendorChoice); understood \(percent)% of \(device.coverage.meaningfulLines) configuration lines"
        let unrecognised = device.diagnostics.filter { $0.level >= .warning }.count
        out += unrecognised > 0 ? ", \(unrecognised) diagnostics\n" : "\n"
        if device.coverage.ratio < 0.9 && device.coverage.meaningfulLines > 0 {
            out += paint("   warning: less than 90% of this configuration was understood; a clean result here proves little", .yellow) + "\n"
        }
        out += "\n"
        for severity in Severity.allCases.reversed() {
            let group = device.findings.filter { $0.severity == severity }
            guard !group.isEmpty else { continue }
            out += paint("\(severity.rawValue.uppercased()) (\(group.count))", Self.color(of: severity)) + "\n"
            for finding in group {
                out += "  [\(finding.id)] \(finding.title): \(finding.message)\n"
                for evidence in finding.evidence {
                    if let file = evidence.file, let line = evidence.line {
                        out += paint("      \(file):\(line)", .dim) + (evidence.text.map { "  \($0.trimmingLeadingSpaces)" } ?? "") + "\n"
                    } else if let statement = evidence.vendorDefault {
                        out += paint("      vendor default: \(statement)", .dim) + "\n"
                    }
                }
                out += "      fix: \(finding.remediation.replacingNewlines)\n"
            }
            out += "\n"
        }
        if verbose {
            for diagnostic in device.diagnostics where diagnostic.level >= .warning {
                let place = diagnostic.file.map { "\($0):\(diagnostic.line ?? 0)" } ?? ""
                out += paint("   note: \(place) \(diagnostic.message)", .dim) + "\n"
            }
        }
        if device.findings.isEmpty { out += "   no findings\n\n" }
        return out
    }

    func summaryLine(_ document: ReportDocument) -> String {
        let counts = Severity.allCases.reversed().compactMap { severity -> String? in
            let n = document.summary.bySeverity[severity.rawValue] ?? 0
            return n > 0 ? "\(n) \(severity.rawValue)" : nil
        }
        var line = "\(document.summary.devicesAudited) device\(document.summary.devicesAudited == 1 ? "" : "s") audited, "
        line += "\(document.summary.findings) finding\(document.summary.findings == 1 ? "" : "s")"
        if !counts.isEmpty { line += " (" + counts.joined(separator: ", ") + ")" }
        if document.summary.inputsFailed > 0 { line += ", \(document.summary.inputsFailed) input\(document.summary.inputsFailed == 1 ? "" : "s") could not be audited" }
        if !document.secretsShown && document.summary.findings > 0 { line += "; secrets hidden (--show-secrets to reveal)" }
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
