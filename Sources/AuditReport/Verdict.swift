import AuditCore

/// The plain-language verdict on one device, for a reader with no security background: the HTML
/// summary and `routeraudit selfcheck` say it in these words.
public struct Verdict: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        /// Nothing found, and the configuration was understood.
        case clean
        /// Score above `DeviceScore.safeAbove`: no high or critical finding.
        case safe
        case notSafe = "not-safe"
        /// Would be safe, but too little of the configuration was understood to say so.
        case unclear
    }

    public var kind: Kind
    public var score: Int
    /// One sentence: is the router safe to leave like this?
    public var headline: String
    /// One sentence on what follows from it; empty when there is nothing to add.
    public var detail: String
    /// Said when less than 90% of the configuration was understood.
    public var coverageNote: String?

    /// Below this share of understood lines a clean result is not called safe.
    public static let minimumCoverage = 0.9

    public static func of(_ device: ReportDocument.Device, language: ReportLanguage) -> Verdict {
        let t = language.pick
        let percent = Int((device.coverage.ratio * 100).rounded(.down))
        let poorlyUnderstood = device.coverage.meaningfulLines > 0 && device.coverage.ratio < minimumCoverage
        let coverageNote = poorlyUnderstood
            ? t("Only \(percent)% of the configuration was understood, so there may be more problems than this report shows.",
                "Slechts \(percent)% van de configuratie is begrepen, dus er kunnen meer problemen zijn dan dit rapport laat zien.")
            : nil
        let critical = device.findings.filter { $0.severity == .critical }.count
        let high = device.findings.filter { $0.severity == .high }.count
        let smaller = device.findings.filter { $0.severity < .high && $0.severity > .info }.count

        if device.score <= DeviceScore.safeAbove {
            let detail: String
            if critical + high > 0 {
                let parts = [critical > 0 ? "\(critical) \(Phrases(language: language).severity(.critical))" : nil,
                             high > 0 ? "\(high) \(Phrases(language: language).severity(.high))" : nil].compactMap { $0 }
                detail = t("It has \(critical + high) serious problem\(critical + high == 1 ? "" : "s") (\(parts.joined(separator: ", "))); fix \(critical + high == 1 ? "it" : "those") first.",
                           "Er \(critical + high == 1 ? "is 1 ernstig probleem" : "zijn \(critical + high) ernstige problemen") (\(parts.joined(separator: ", "))); los \(critical + high == 1 ? "dat" : "die") eerst op.")
            } else {
                detail = t("Many smaller problems add up (\(device.findings.count) findings).",
                           "Veel kleinere problemen tellen samen op (\(device.findings.count) bevindingen).")
            }
            return Verdict(kind: .notSafe, score: device.score,
                           headline: t("Your router is not safe to leave like this.", "Uw router is niet veilig zoals hij nu is ingesteld."),
                           detail: detail, coverageNote: coverageNote)
        }
        if poorlyUnderstood {
            return Verdict(kind: .unclear, score: device.score,
                           headline: t("We could not read enough of this configuration to say whether your router is safe.",
                                       "We konden te weinig van deze configuratie lezen om te zeggen of uw router veilig is."),
                           detail: t("Ask your IT supplier to check the parts this report could not read.",
                                     "Vraag uw IT-leverancier de delen te controleren die dit rapport niet kon lezen."),
                           coverageNote: coverageNote)
        }
        if device.findings.isEmpty {
            return Verdict(kind: .clean, score: device.score,
                           headline: t("No problems found: your router is safe to leave like this.",
                                       "Geen problemen gevonden: uw router is veilig zoals hij nu is ingesteld."),
                           detail: "", coverageNote: nil)
        }
        return Verdict(kind: .safe, score: device.score,
                       headline: t("Your router is safe to leave like this.", "Uw router is veilig zoals hij nu is ingesteld."),
                       detail: smaller == 0 ? "" : t("\(smaller) smaller improvement\(smaller == 1 ? " is" : "s are") still possible.",
                                                     "Er \(smaller == 1 ? "is nog 1 kleinere verbetering" : "zijn nog \(smaller) kleinere verbeteringen") mogelijk."),
                       coverageNote: nil)
    }

    /// One sentence for several devices.
    public static func fleet(_ document: ReportDocument, language: ReportLanguage) -> String {
        let total = document.devices.count
        let unsafe = document.devices.filter { of($0, language: language).kind == .notSafe }.count
        let t = language.pick
        if unsafe == 0 {
            return t("None of the \(total) routers has a serious problem.", "Geen van de \(total) routers heeft een ernstig probleem.")
        }
        return t("\(unsafe) of \(total) routers \(unsafe == 1 ? "is" : "are") not safe to leave like this.",
                 "\(unsafe) van de \(total) routers \(unsafe == 1 ? "is niet veilig zoals hij nu is ingesteld." : "zijn niet veilig zoals ze nu zijn ingesteld.")")
    }

    /// The most important things to change, one finding per check: the costliest first (severity,
    /// doubled when the WAN reaches it, as in the score), then the check seen most often, then id.
    public static func priorities(_ device: ReportDocument.Device, limit: Int = 3) -> [ReportDocument.FindingEntry] {
        var best: [String: (finding: ReportDocument.FindingEntry, cost: Int, count: Int)] = [:]
        for finding in device.findings where finding.severity > .info {
            let cost = DeviceScore.cost(severity: finding.severity, wanExposed: finding.wanExposed)
            if let current = best[finding.id] {
                best[finding.id] = cost > current.cost ? (finding, cost, current.count + 1) : (current.finding, current.cost, current.count + 1)
            } else {
                best[finding.id] = (finding, cost, 1)
            }
        }
        return best.values.sorted { a, b in
            if a.cost != b.cost { return a.cost > b.cost }
            if a.count != b.count { return a.count > b.count }
            return a.finding.id < b.finding.id
        }.prefix(limit).map(\.finding)
    }
}
