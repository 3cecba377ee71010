import AuditCore

/// One self-contained HTML file for a customer and an engineer: a summary with the score, a
/// plain-language verdict and charts of findings by severity and by area, a device table for
/// several devices, then per device every check that found something with its explanation, the
/// evidence lines (secrets masked as in the document), the fix, and a marked place for the fix
/// script and rollback. Inline CSS (with print rules) and inline SVG; no script, no external URL,
/// and a Content-Security-Policy that forbids fetching anything. Every piece of device text is
/// escaped: configurations are hostile input.
public struct HTMLReporter {
    public var localizer: Localizer

    public init(language: ReportLanguage, catalog: [String: CheckDescription]) {
        localizer = Localizer(language: language, catalog: catalog)
    }

    var phrases: Phrases { localizer.phrases }
    var language: ReportLanguage { localizer.language }

    public func render(_ document: ReportDocument) -> String {
        let fleet = document.devices.count > 1
        var title = phrases.reportTitle
        if !fleet, let device = document.devices.first { title += " — " + device.shortName }
        var out = """
            <!DOCTYPE html>
            <html lang="\(language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'">
            <meta name="generator" content="\(Self.escape(document.tool.name)) \(Self.escape(document.tool.version))">
            <title>\(Self.escape(title))</title>
            <style>\(Self.css)</style>
            </head>
            <body>

            """
        out += header(document)
        out += "<main>\n"
        out += summary(document, fleet: fleet)
        for (index, device) in document.devices.enumerated() {
            out += section(device, index: index, fleet: fleet)
        }
        if !document.problems.isEmpty {
            out += "<section class=\"problems\" id=\"problems\">\n<h2>\(Self.escape(phrases.problemsHeading))</h2>\n<ul>\n"
            for problem in document.problems {
                out += "<li><code>\(Self.escape(problem.path))</code>: \(Self.escape(problem.reason))</li>\n"
            }
            out += "</ul>\n</section>\n"
        }
        out += "</main>\n"
        out += "<footer>\n<p>\(Self.escape(phrases.generatedBy)) \(Self.escape(document.tool.name)) \(Self.escape(document.tool.version)) · "
        out += "\(Self.escape(phrases.policy)) \(Self.escape(document.policy))</p>\n"
        out += "<p class=\"score-explained\">\(Self.escape(phrases.scoreExplained))</p>\n</footer>\n"
        out += "</body>\n</html>\n"
        return out
    }

    func header(_ document: ReportDocument) -> String {
        var meta = [phrases.devices(document.summary.devicesAudited), phrases.findings(document.summary.findings)]
        if document.summary.inputsFailed > 0 { meta.append(phrases.couldNotAudit(document.summary.inputsFailed)) }
        meta.append("\(phrases.policy) \(document.policy)")
        meta.append(document.secretsShown ? phrases.secretsShown : phrases.secretsHidden)
        return """
            <header class="top">
            <h1>\(Self.escape(phrases.reportTitle))</h1>
            <p class="meta">\(meta.map(Self.escape).joined(separator: " · "))</p>
            </header>

            """
    }

    func summary(_ document: ReportDocument, fleet: Bool) -> String {
        var out = "<section class=\"summary\" id=\"summary\">\n<h2>\(Self.escape(phrases.summary))</h2>\n"
        let score = document.summary.score
        out += "<div class=\"overview\">\n"
        if let score {
            let band = DeviceScore.Band(score: score)
            out += "<div class=\"score-card band-\(band.rawValue)\">\n"
            out += "<div class=\"score-label\">\(Self.escape(fleet ? phrases.lowestScore : phrases.score))</div>\n"
            out += "<div class=\"score\"><span class=\"score-value\" id=\"score\" data-score=\"\(score)\">\(score)</span><span class=\"score-max\">/100</span></div>\n"
            out += "</div>\n"
        }
        out += "<div class=\"verdict\">\n"
        if fleet {
            out += "<p class=\"headline\">\(Self.escape(Verdict.fleet(document, language: language)))</p>\n"
        } else if let device = document.devices.first {
            out += verdictParagraphs(Verdict.of(device, language: language))
        } else {
            out += "<p class=\"headline\">\(Self.escape(language.pick("No configuration could be audited.", "Er kon geen configuratie gecontroleerd worden.")))</p>\n"
        }
        out += "</div>\n</div>\n"

        let all = document.devices.flatMap(\.findings)
        out += "<div class=\"charts\">\n"
        let severities = Severity.allCases.reversed().map { severity in
            (label: phrases.severity(severity), count: all.filter { $0.severity == severity }.count, color: Self.color(severity))
        }
        out += "<figure>\n" + chart(id: "chart-severity", title: phrases.bySeverity, rows: severities) + "</figure>\n"
        let areas = CheckArea.allCases.compactMap { area -> (label: String, count: Int, color: String)? in
            let count = all.filter { $0.area == area.rawValue }.count
            return count > 0 ? (phrases.area(area.rawValue), count, "#37474f") : nil
        }
        out += "<figure>\n" + chart(id: "chart-area", title: phrases.byArea, rows: areas) + "</figure>\n"
        out += "</div>\n"

        if !fleet, let device = document.devices.first {
            out += priorities(device, index: 0)
        }
        if fleet {
            out += deviceTable(document)
        }
        out += "</section>\n"
        return out
    }

    func verdictParagraphs(_ verdict: Verdict) -> String {
        var out = "<p class=\"headline verdict-\(verdict.kind.rawValue)\">\(Self.escape(verdict.headline))</p>\n"
        if !verdict.detail.isEmpty { out += "<p>\(Self.escape(verdict.detail))</p>\n" }
        if let note = verdict.coverageNote { out += "<p class=\"coverage-note\">\(Self.escape(note))</p>\n" }
        return out
    }

    func priorities(_ device: ReportDocument.Device, index: Int) -> String {
        let top = Verdict.priorities(device)
        guard !top.isEmpty else { return "" }
        let heading = top.count == 1
            ? language.pick("The most important thing to change", "Het belangrijkste om te veranderen")
            : language.pick("The \(top.count) most important things to change", "De \(top.count) belangrijkste dingen om te veranderen")
        var out = "<h3>\(Self.escape(heading))</h3>\n<ol class=\"priorities\">\n"
        for finding in top {
            out += "<li><a href=\"#\(anchor(index, finding.id))\">\(Self.escape(localizer.title(finding)))</a>: "
            out += "\(Self.richText(localizer.remediation(finding)))</li>\n"
        }
        return out + "</ol>\n"
    }

    func deviceTable(_ document: ReportDocument) -> String {
        var out = "<h3>\(Self.escape(phrases.devicesHeading))</h3>\n<table class=\"devices\">\n<thead><tr>"
        out += "<th>\(Self.escape(phrases.device))</th><th>\(Self.escape(phrases.vendor))</th><th>\(Self.escape(phrases.score))</th>"
        for severity in [Severity.critical, .high, .medium, .low] {
            out += "<th class=\"num\">\(Self.escape(phrases.severity(severity)))</th>"
        }
        out += "<th class=\"num\">\(Self.escape(phrases.understood))</th></tr></thead>\n<tbody>\n"
        // Worst first: the table is a to-do list.
        let rows = document.devices.enumerated().sorted { a, b in
            a.element.score != b.element.score ? a.element.score < b.element.score : a.offset < b.offset
        }
        for (index, device) in rows {
            let band = DeviceScore.Band(score: device.score)
            out += "<tr><td><a href=\"#device-\(index + 1)\">\(Self.escape(device.shortName))</a></td>"
            out += "<td>\(Self.escape(device.vendor))</td>"
            out += "<td><span class=\"chip band-\(band.rawValue)\" data-score=\"\(device.score)\">\(device.score)</span></td>"
            for severity in [Severity.critical, .high, .medium, .low] {
                out += "<td class=\"num\">\(device.findings.filter { $0.severity == severity }.count)</td>"
            }
            out += "<td class=\"num\">\(Int((device.coverage.ratio * 100).rounded(.down)))%</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    func section(_ device: ReportDocument.Device, index: Int, fleet: Bool) -> String {
        let band = DeviceScore.Band(score: device.score)
        var out = "<section class=\"device\" id=\"device-\(index + 1)\">\n"
        out += "<h2>\(Self.escape(device.shortName)) <span class=\"chip band-\(band.rawValue)\" data-score=\"\(device.score)\">\(Self.escape(phrases.scoreLine(device.score)))</span></h2>\n"
        let percent = Int((device.coverage.ratio * 100).rounded(.down))
        out += "<p class=\"device-meta\">\(device.sources.map { "<code>\(Self.escape($0))</code>" }.joined(separator: ", ")) · "
        out += "\(Self.escape(phrases.vendor)): \(Self.escape(device.vendor)) · "
        out += "\(Self.escape(phrases.understoodLines(percent: percent, of: device.coverage.meaningfulLines)))</p>\n"
        if fleet {
            out += "<div class=\"verdict\">\n" + verdictParagraphs(Verdict.of(device, language: language)) + "</div>\n"
            out += priorities(device, index: index)
        } else if device.coverage.meaningfulLines > 0 && device.coverage.ratio < Verdict.minimumCoverage {
            out += "<p class=\"coverage-note\">\(Self.escape(phrases.lowCoverageWarning))</p>\n"
        }
        if device.findings.isEmpty {
            out += "<p class=\"none\">\(Self.escape(phrases.noFindings))</p>\n"
        }
        // One card per check, most severe first; its findings listed inside.
        var order: [String] = []
        var groups: [String: [ReportDocument.FindingEntry]] = [:]
        for finding in device.findings {
            if groups[finding.id] == nil { order.append(finding.id) }
            groups[finding.id, default: []].append(finding)
        }
        let sorted = order.enumerated().sorted { a, b in
            let sa = groups[a.element]?.map(\.severity).max() ?? .info
            let sb = groups[b.element]?.map(\.severity).max() ?? .info
            return sa != sb ? sa > sb : a.offset < b.offset
        }.map(\.element)
        for id in sorted {
            out += card(groups[id] ?? [], deviceIndex: index)
        }
        return out + "</section>\n"
    }

    func card(_ findings: [ReportDocument.FindingEntry], deviceIndex: Int) -> String {
        guard let first = findings.first else { return "" }
        let worst = findings.map(\.severity).max() ?? first.severity
        var out = "<article class=\"finding sev-\(worst.rawValue)\" id=\"\(anchor(deviceIndex, first.id))\" data-check=\"\(Self.escape(first.id))\">\n"
        out += "<h3><span class=\"badge sev-\(worst.rawValue)\">\(Self.escape(phrases.severity(worst)))</span> "
        out += "<span class=\"check-id\">\(Self.escape(first.id))</span> \(Self.escape(localizer.title(first)))</h3>\n"
        let rationale = localizer.rationale(first)
        if !rationale.isEmpty {
            out += "<p class=\"why\"><strong>\(Self.escape(phrases.why)).</strong> \(Self.richText(rationale))</p>\n"
        }
        out += "<h4>\(Self.escape(phrases.whereFound))</h4>\n<ul class=\"instances\">\n"
        for finding in findings {
            out += "<li class=\"instance\" data-fingerprint=\"\(Self.escape(finding.fingerprint))\">"
            out += "<span class=\"badge sev-\(finding.severity.rawValue)\">\(Self.escape(phrases.severity(finding.severity)))</span> "
            if finding.wanExposed {
                out += "<span class=\"badge wan\">\(Self.escape(phrases.wanExposed))</span> "
            }
            out += "<span class=\"message\">\(Self.escape(finding.message))</span>\n"
            let lines = finding.evidence.compactMap { evidence -> String? in
                guard let file = evidence.file, let line = evidence.line else { return nil }
                return "<span class=\"loc\">\(Self.escape(file)):\(line)</span>  \(Self.escape(evidence.text ?? ""))"
            }
            if !lines.isEmpty {
                out += "<pre class=\"evidence\">\(lines.joined(separator: "\n"))</pre>\n"
            }
            for evidence in finding.evidence {
                if let statement = evidence.vendorDefault {
                    out += "<p class=\"vendor-default\">\(Self.escape(phrases.vendorDefault)): \(Self.escape(statement))</p>\n"
                }
            }
            out += "</li>\n"
        }
        out += "</ul>\n"
        out += "<p class=\"fix\"><strong>\(Self.escape(phrases.howToFix)).</strong> \(Self.richText(localizer.remediation(first)))</p>\n"
        // Filled by the fix-script issue: the vendor commands for these findings and their rollback.
        out += "<div class=\"fix-script\" data-fix-script=\"pending\">\n<h4>\(Self.escape(phrases.fixScript))</h4>\n"
        out += "<p>\(Self.escape(phrases.fixScriptPending))</p>\n</div>\n"
        return out + "</article>\n"
    }

    func anchor(_ deviceIndex: Int, _ checkID: String) -> String {
        "d\(deviceIndex + 1)-" + Self.escape(checkID)
    }

    /// A horizontal bar chart as inline SVG (no xmlns needed inside HTML, so no URL in the page).
    func chart(id: String, title: String, rows: [(label: String, count: Int, color: String)]) -> String {
        let rowHeight = 26, labelWidth = 160, barSpace = 200
        let height = max(1, rows.count) * rowHeight + 8
        let width = labelWidth + barSpace + 50
        let maximum = max(1, rows.map(\.count).max() ?? 1)
        var out = "<figcaption>\(Self.escape(title))</figcaption>\n"
        out += "<svg class=\"chart\" id=\"\(id)\" role=\"img\" aria-label=\"\(Self.escape(title))\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">\n"
        out += "<title>\(Self.escape(title))</title>\n"
        if rows.isEmpty {
            out += "<text x=\"0\" y=\"18\" class=\"chart-label\">\(Self.escape(phrases.noFindings))</text>\n"
        }
        for (index, row) in rows.enumerated() {
            let y = index * rowHeight + 4
            let barWidth = row.count == 0 ? 0 : max(3, row.count * barSpace / maximum)
            out += "<g class=\"bar\" data-count=\"\(row.count)\">"
            out += "<text x=\"0\" y=\"\(y + 15)\" class=\"chart-label\">\(Self.escape(row.label))</text>"
            out += "<rect x=\"\(labelWidth)\" y=\"\(y + 2)\" width=\"\(barWidth)\" height=\"16\" rx=\"3\" fill=\"\(row.color)\"></rect>"
            out += "<text x=\"\(labelWidth + barWidth + 6)\" y=\"\(y + 15)\" class=\"chart-count\">\(row.count)</text></g>\n"
        }
        return out + "</svg>\n"
    }

    static func color(_ severity: Severity) -> String {
        switch severity {
        case .critical: "#6a1b9a"
        case .high: "#c62828"
        case .medium: "#e65100"
        case .low: "#1565c0"
        case .info: "#607d8b"
        }
    }

    /// Text for an element or a double- or single-quoted attribute.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\0": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Escaped text with `backtick` spans as <code>: our own rationale and remediation texts.
    static func richText(_ text: String) -> String {
        var parts = text.split(separator: "`", omittingEmptySubsequences: false).map(String.init)
        if parts.count % 2 == 0, parts.count >= 2 {
            // An unpaired backtick stays a backtick.
            let last = parts.removeLast()
            parts[parts.count - 1] += "`" + last
        }
        return parts.enumerated().map { index, part in
            index % 2 == 1 ? "<code>\(escape(part))</code>" : escape(part)
        }.joined()
    }

    static let css = """

        :root { --critical: #6a1b9a; --high: #c62828; --medium: #e65100; --low: #1565c0; --info: #607d8b; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #f4f5f7; color: #1b1f24; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        header.top { background: #1f2937; color: #fff; padding: 20px 32px; }
        header.top h1 { margin: 0 0 4px; font-size: 26px; }
        header.top .meta { margin: 0; opacity: .85; }
        main { max-width: 1040px; margin: 0 auto; padding: 8px 20px 24px; }
        section { background: #fff; border-radius: 8px; padding: 18px 24px; margin: 16px 0; box-shadow: 0 1px 3px rgba(0,0,0,.08); }
        h2 { margin: 0 0 10px; font-size: 21px; }
        h3 { font-size: 17px; margin: 14px 0 8px; }
        h4 { font-size: 14px; margin: 10px 0 4px; text-transform: uppercase; letter-spacing: .03em; color: #4b5563; }
        code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Liberation Mono", monospace; font-size: 13px; }
        code { background: #eef0f3; padding: 1px 4px; border-radius: 3px; overflow-wrap: anywhere; }
        .overview { display: flex; gap: 24px; align-items: center; flex-wrap: wrap; }
        .score-card { min-width: 150px; text-align: center; border-radius: 10px; padding: 10px 16px; color: #fff; }
        .score-label { font-size: 13px; text-transform: uppercase; letter-spacing: .05em; }
        .score-value { font-size: 54px; font-weight: 700; line-height: 1.1; }
        .score-max { font-size: 18px; opacity: .9; }
        .band-good { background: #2e7d32; color: #fff; }
        .band-fair { background: #827717; color: #fff; }
        .band-poor { background: #e65100; color: #fff; }
        .band-bad { background: #b71c1c; color: #fff; }
        .verdict { flex: 1; min-width: 260px; }
        .verdict .headline { font-size: 19px; font-weight: 600; margin: 0 0 6px; }
        .verdict p { margin: 0 0 6px; }
        .coverage-note { color: #8a4b00; font-weight: 600; }
        .charts { display: flex; flex-wrap: wrap; gap: 16px 40px; margin-top: 14px; }
        figure { margin: 0; }
        figcaption { font-weight: 600; margin-bottom: 4px; }
        .chart-label, .chart-count { font-size: 13px; fill: #1b1f24; }
        .chip { display: inline-block; border-radius: 12px; padding: 1px 10px; font-size: 14px; font-weight: 600; vertical-align: middle; }
        table.devices { border-collapse: collapse; width: 100%; }
        table.devices th, table.devices td { border-bottom: 1px solid #e5e7eb; padding: 5px 8px; text-align: left; }
        table.devices .num { text-align: right; font-variant-numeric: tabular-nums; }
        .device-meta { color: #4b5563; margin: 0 0 8px; overflow-wrap: anywhere; }
        article.finding { border-left: 6px solid var(--info); padding: 4px 0 8px 16px; margin: 18px 0; }
        article.sev-critical { border-color: var(--critical); }
        article.sev-high { border-color: var(--high); }
        article.sev-medium { border-color: var(--medium); }
        article.sev-low { border-color: var(--low); }
        .check-id { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 14px; color: #4b5563; }
        .badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 700; text-transform: uppercase; color: #fff; background: var(--info); vertical-align: 2px; }
        .badge.sev-critical { background: var(--critical); }
        .badge.sev-high { background: var(--high); }
        .badge.sev-medium { background: var(--medium); }
        .badge.sev-low { background: var(--low); }
        .badge.wan { background: #fff3e0; color: #8a3b00; border: 1px solid #e65100; text-transform: none; }
        ul.instances { list-style: none; padding: 0; margin: 0; }
        li.instance { margin: 6px 0 10px; }
        .message { overflow-wrap: anywhere; }
        pre.evidence { background: #f3f4f6; border-radius: 4px; padding: 6px 10px; margin: 4px 0; white-space: pre-wrap; overflow-wrap: anywhere; }
        .loc { color: #6b7280; }
        .vendor-default { margin: 4px 0; color: #4b5563; font-style: italic; }
        .fix-script { border: 2px dashed #9ca3af; border-radius: 6px; padding: 2px 12px 6px; margin-top: 8px; background: #fafafa; color: #4b5563; }
        ol.priorities li { margin-bottom: 6px; }
        footer { max-width: 1040px; margin: 0 auto; padding: 0 20px 32px; color: #4b5563; font-size: 13px; }
        @media print {
          @page { margin: 14mm; }
          body { background: #fff; font-size: 10.5pt; }
          header.top { background: #fff; color: #000; border-bottom: 2px solid #000; padding: 0 0 6px; }
          main { max-width: none; padding: 0; }
          section { box-shadow: none; border-radius: 0; padding: 0; margin: 14px 0; }
          section.device { break-before: page; }
          article.finding, li.instance, table.devices tr, figure { break-inside: avoid; }
          a { color: inherit; text-decoration: none; }
          .score-card, .chip, .badge, svg rect { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          footer { padding: 0; }
        }

        """
}
