import AuditCore

/// Markdown for tickets: per device the score and verdict, a table of findings, then one section
/// per check with its findings, evidence in code blocks, why it matters and how to fix it. Device
/// text is escaped (Markdown and inline HTML) and evidence fences are longer than any backtick run
/// inside them, so a configuration line cannot break out of its block.
public struct MarkdownReporter {
    public var localizer: Localizer

    public init(language: ReportLanguage, catalog: [String: CheckDescription]) {
        localizer = Localizer(language: language, catalog: catalog)
    }

    var phrases: Phrases { localizer.phrases }
    var language: ReportLanguage { localizer.language }

    public func render(_ document: ReportDocument) -> String {
        var out = "# \(phrases.reportTitle)\n\n"
        var meta = ["\(document.tool.name) \(document.tool.version)", "\(phrases.policy) \(document.policy)",
                    phrases.devices(document.summary.devicesAudited), phrases.findings(document.summary.findings)]
        if document.summary.inputsFailed > 0 { meta.append(phrases.couldNotAudit(document.summary.inputsFailed)) }
        meta.append(document.secretsShown ? phrases.secretsShown : phrases.secretsHidden)
        out += Self.escape(meta.joined(separator: " · ")) + "\n\n"
        if document.devices.count > 1 {
            out += "**\(Self.escape(Verdict.fleet(document, language: language)))**\n\n"
            out += "| \(phrases.device) | \(phrases.vendor) | \(phrases.score) | \(phrases.severity(.critical)) | \(phrases.severity(.high)) | \(phrases.severity(.medium)) | \(phrases.severity(.low)) |\n"
            out += "|---|---|---:|---:|---:|---:|---:|\n"
            for device in document.devices {
                out += "| \(Self.cell(device.shortName)) | \(Self.cell(device.vendor)) | \(device.score) |"
                for severity in [Severity.critical, .high, .medium, .low] {
                    out += " \(device.findings.filter { $0.severity == severity }.count) |"
                }
                out += "\n"
            }
            out += "\n"
        }
        for device in document.devices {
            out += deviceSection(device)
        }
        if !document.problems.isEmpty {
            out += "## \(phrases.problemsHeading)\n\n"
            for problem in document.problems {
                out += "- \(Self.code(problem.path)): \(Self.escape(problem.reason))\n"
            }
            out += "\n"
        }
        return out
    }

    func deviceSection(_ device: ReportDocument.Device) -> String {
        var out = "## \(Self.escape(device.shortName)): \(phrases.scoreLine(device.score))\n\n"
        let verdict = Verdict.of(device, language: language)
        out += "**\(Self.escape(verdict.headline))**"
        if !verdict.detail.isEmpty { out += " " + Self.escape(verdict.detail) }
        if let note = verdict.coverageNote { out += " " + Self.escape(note) }
        out += "\n\n"
        let percent = Int((device.coverage.ratio * 100).rounded(.down))
        out += device.sources.map(Self.code).joined(separator: ", ")
        out += " · \(Self.escape(device.vendor)) · \(Self.escape(phrases.understoodLines(percent: percent, of: device.coverage.meaningfulLines)))\n\n"
        guard !device.findings.isEmpty else { return out + "_\(phrases.noFindings)_\n\n" }

        out += "| \(phrases.severityWord) | \(phrases.check) | \(phrases.message) | \(phrases.whereFound) |\n|---|---|---|---|\n"
        for finding in device.findings {
            let place = finding.evidence.first { $0.file != nil }.map { "\($0.file ?? ""):\($0.line ?? 0)" }
            out += "| \(phrases.severity(finding.severity)) | \(finding.id) | \(Self.cell(finding.message)) | \(place.map(Self.code) ?? Self.cell(phrases.vendorDefault)) |\n"
        }
        out += "\n"
        var order: [String] = []
        var groups: [String: [ReportDocument.FindingEntry]] = [:]
        for finding in device.findings {
            if groups[finding.id] == nil { order.append(finding.id) }
            groups[finding.id, default: []].append(finding)
        }
        for id in order {
            guard let findings = groups[id], let first = findings.first else { continue }
            out += "### \(first.id) \(Self.escape(localizer.title(first)))\n\n"
            for finding in findings {
                out += "- **\(phrases.severity(finding.severity))**"
                if finding.wanExposed { out += " (\(phrases.wanExposed))" }
                out += ": \(Self.escape(finding.message))\n"
                let lines = finding.evidence.compactMap { evidence -> String? in
                    if let file = evidence.file, let line = evidence.line { return "\(file):\(line)  \(evidence.text ?? "")" }
                    return evidence.vendorDefault.map { "\(phrases.vendorDefault): \($0)" }
                }
                if !lines.isEmpty { out += Self.fenced(lines.joined(separator: "\n"), indent: "  ") }
            }
            out += "\n"
            let rationale = localizer.rationale(first)
            if !rationale.isEmpty { out += "**\(phrases.why).** \(rationale)\n\n" }
            out += "**\(phrases.howToFix).** \(localizer.remediation(first))\n\n"
        }
        return out
    }

    /// A fenced block whose fence is longer than any run of backticks in the text.
    static func fenced(_ text: String, indent: String = "") -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        let body = text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }.joined(separator: "\n")
        return "\(indent)\(fence)\n\(body)\n\(indent)\(fence)\n"
    }

    /// Inline code that no backtick in the text can close early.
    static func code(_ text: String) -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let ticks = String(repeating: "`", count: longest + 1)
        let padded = text.hasPrefix("`") || text.hasSuffix("`") ? " \(text) " : text
        return ticks + padded.replacing("|", with: "\\|").replacing("\n", with: " ") + ticks
    }

    /// Device text as plain Markdown: the punctuation that opens emphasis, code, links, headings and
    /// table cells is backslash-escaped (a `(` cannot make a link without an escaped `[` before it),
    /// and `<` `>` `&` become entities so no HTML passes through.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\\", "`", "*", "_", "[", "]", "#", "|", "~":
                out += "\\" + String(character)
            case "\n", "\r", "\r\n": out += " "
            default: out.append(character)
            }
        }
        return out
    }

    /// A table cell: escaped, on one line.
    static func cell(_ text: String) -> String { escape(text) }
}
