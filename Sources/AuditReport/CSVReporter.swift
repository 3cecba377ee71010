import AuditCore

/// One row per finding for spreadsheets (RFC 4180: CRLF line ends, a header row, fields quoted when
/// they hold a comma, a quote or a line break, quotes doubled). Always English. The columns and
/// their order are a promise documented in docs/reports.md: new columns are only ever appended.
public enum CSVReporter {
    public static let columns = [
        "device", "hostname", "vendor", "score", "id", "slug", "severity", "area", "title", "message", "subject",
        "file", "line", "end_line", "evidence", "wan_exposed", "remediation", "fingerprint",
    ]

    public static func render(_ document: ReportDocument) -> String {
        var out = row(columns)
        for device in document.devices {
            for finding in device.findings {
                let primary = finding.evidence.first { $0.file != nil }
                let evidence = finding.evidence.map { entry -> String in
                    if let file = entry.file, let line = entry.line {
                        return "\(file):\(line): \(entry.text ?? "")"
                    }
                    return "vendor default: \(entry.vendorDefault ?? "")"
                }
                out += row([
                    device.sources.first ?? "", device.hostname ?? "", device.vendor, String(device.score),
                    finding.id, finding.slug, finding.severity.rawValue, finding.area, finding.title, finding.message,
                    finding.subject, primary?.file ?? "", primary?.line.map(String.init) ?? "",
                    primary?.endLine.map(String.init) ?? "", evidence.joined(separator: "\n"),
                    finding.wanExposed ? "yes" : "no", finding.remediation, finding.fingerprint,
                ])
            }
        }
        return out
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\r\n"
    }

    /// One field. Device text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab or
    /// CR first) gets a leading `'`, the usual guard against CSV formula injection.
    static func field(_ value: String) -> String {
        var value = value
        if let first = value.unicodeScalars.first, ["=", "+", "-", "@", "\t", "\r"].contains(first) {
            value = "'" + value
        }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
