import AuditCore

/// The language of reports for people (text, HTML, Markdown, the self-check verdict). Reports for
/// tools (JSON, SARIF, CSV, JUnit) are always English.
public enum ReportLanguage: String, Sendable, CaseIterable, Codable {
    case en, nl

    /// The language the environment asks for: the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that
    /// is set and not empty decides (POSIX precedence); `nl`, `nl_NL.UTF-8`, `nl_BE` give Dutch,
    /// anything else English.
    public static func preferred(environment: [String: String]) -> ReportLanguage {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("nl") ? .nl : .en
            }
        }
        return .en
    }

    /// Picks the English or the Dutch text.
    public func pick(_ english: String, _ dutch: String) -> String {
        self == .nl ? dutch : english
    }
}

/// Check titles, rationales and remediations in the report language, from the check catalogue;
/// falls back to the English text the document carries.
public struct Localizer: Sendable {
    public var language: ReportLanguage
    public var catalog: [String: CheckDescription]

    public init(language: ReportLanguage, catalog: [String: CheckDescription]) {
        self.language = language
        self.catalog = catalog
    }

    public var phrases: Phrases { Phrases(language: language) }

    public func text(_ checkID: String) -> LocalizedText? {
        catalog[checkID]?.text(language: language.rawValue)
    }

    public func title(_ finding: ReportDocument.FindingEntry) -> String {
        text(finding.id)?.title ?? finding.title
    }

    public func rationale(_ finding: ReportDocument.FindingEntry) -> String {
        text(finding.id)?.rationale ?? ""
    }

    public func remediation(_ finding: ReportDocument.FindingEntry) -> String {
        text(finding.id)?.remediation ?? finding.remediation
    }
}

/// The fixed words of the reports for people, in English and Dutch.
public struct Phrases: Sendable {
    public var language: ReportLanguage

    public init(language: ReportLanguage) {
        self.language = language
    }

    private func t(_ english: String, _ dutch: String) -> String { language.pick(english, dutch) }

    public func severity(_ severity: Severity) -> String {
        switch severity {
        case .critical: t("critical", "kritiek")
        case .high: t("high", "hoog")
        case .medium: t("medium", "middel")
        case .low: t("low", "laag")
        case .info: t("info", "info")
        }
    }

    /// An area code (`CRED`) in words.
    public func area(_ code: String) -> String {
        guard let area = CheckArea(rawValue: code) else { return code }
        switch area {
        case .cred: return t("Credentials", "Inloggegevens")
        case .mgmt: return t("Management", "Beheertoegang")
        case .fw: return t("Firewall and NAT", "Firewall en NAT")
        case .snmp: return "SNMP"
        case .svc: return t("Other services", "Overige diensten")
        case .crypto: return t("Cryptography", "Cryptografie")
        case .log: return t("Logging and time", "Logging en tijd")
        }
    }

    public func count(_ n: Int, _ english: (String, String), _ dutch: (String, String)) -> String {
        let words = language == .nl ? dutch : english
        return "\(n) \(n == 1 ? words.0 : words.1)"
    }

    public func devices(_ n: Int) -> String { count(n, ("device", "devices"), ("apparaat", "apparaten")) }
    public func findings(_ n: Int) -> String { count(n, ("finding", "findings"), ("bevinding", "bevindingen")) }
    public func inputs(_ n: Int) -> String { count(n, ("input", "inputs"), ("invoer", "invoerbestanden")) }

    public var reportTitle: String { t("Router security report", "Beveiligingsrapport router") }
    public var summary: String { t("Summary", "Samenvatting") }
    public var score: String { t("Score", "Score") }
    public var lowestScore: String { t("Lowest score", "Laagste score") }
    public var bySeverity: String { t("Findings by severity", "Bevindingen per ernst") }
    public var byArea: String { t("Findings by area", "Bevindingen per onderwerp") }
    public var devicesHeading: String { t("Devices", "Apparaten") }
    public var device: String { t("Device", "Apparaat") }
    public var vendor: String { t("Vendor", "Merk/platform") }
    public var understood: String { t("Understood", "Begrepen") }
    public var why: String { t("Why this matters", "Waarom dit belangrijk is") }
    public var whereFound: String { t("Where", "Waar") }
    public var howToFix: String { t("How to fix", "Zo lost u het op") }
    public var fixScript: String { t("Fix script and rollback", "Herstelscript en terugdraaien") }
    public var fixScriptPending: String {
        t("Not generated yet: a later version of RouterAudit writes the exact commands for this router here, with a rollback that undoes them.",
          "Nog niet beschikbaar: een latere versie van RouterAudit zet hier de precieze opdrachten voor deze router, met een script om ze terug te draaien.")
    }
    public var vendorDefault: String { t("vendor default", "fabrieksinstelling") }
    public var wanExposed: String { t("reachable from the Internet", "bereikbaar vanaf internet") }
    public var noFindings: String { t("no findings", "geen bevindingen") }
    public var problemsHeading: String { t("Inputs that could not be audited", "Invoer die niet gecontroleerd kon worden") }
    public var secretsHidden: String { t("secrets hidden", "geheimen verborgen") }
    public var secretsShown: String { t("secrets shown", "geheimen zichtbaar") }
    public var policy: String { t("policy", "beleid") }
    public var generatedBy: String { t("Generated by", "Gemaakt met") }
    public var message: String { t("Finding", "Bevinding") }
    public var check: String { t("Check", "Controle") }
    public var severityWord: String { t("Severity", "Ernst") }
    public var fixLabel: String { t("fix", "oplossing") }
    public var scoreExplained: String {
        t("""
          Each finding costs points: critical 25, high 10, medium 4, low 1; a finding reachable from the Internet \
          counts double. A device with a critical finding scores at most 40, with a high finding at most 70. \
          Above 70 a router is safe to leave as it is.
          """,
          """
          Elke bevinding kost punten: kritiek 25, hoog 10, middel 4, laag 1; een bevinding die vanaf internet \
          bereikbaar is, telt dubbel. Een apparaat met een kritieke bevinding scoort hoogstens 40, met een hoge \
          hoogstens 70. Boven 70 kan een router blijven zoals hij is.
          """)
    }

    /// `understood 97% of 120 configuration lines`
    public func understoodLines(percent: Int, of lines: Int) -> String {
        t("understood \(percent)% of \(lines) configuration lines", "\(percent)% van \(lines) configuratieregels begrepen")
    }

    public var lowCoverageWarning: String {
        t("less than 90% of this configuration was understood; a clean result here proves little",
          "minder dan 90% van deze configuratie is begrepen; een schoon resultaat zegt hier weinig")
    }

    public func diagnostics(_ n: Int) -> String { count(n, ("diagnostic", "diagnostics"), ("melding", "meldingen")) }

    public func deviceSummary(audited: Int, findings: Int) -> String {
        t("\(devices(audited)) audited, \(self.findings(findings))", "\(devices(audited)) gecontroleerd, \(self.findings(findings))")
    }

    public func couldNotAudit(_ n: Int) -> String {
        t("\(inputs(n)) could not be audited", "\(inputs(n)) kon\(n == 1 ? "" : "den") niet gecontroleerd worden")
    }

    public var secretsHiddenHint: String {
        t("secrets hidden (--show-secrets to reveal)", "geheimen verborgen (--show-secrets om ze te tonen)")
    }

    public func scoreLine(_ score: Int) -> String { t("score \(score)/100", "score \(score)/100") }
}
