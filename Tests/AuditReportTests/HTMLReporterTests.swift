import AuditCore
import AuditReport
import Foundation
import Testing

/// The HTML as text (the rendered page is checked in a real browser by
/// RouterAuditTests/ReportHTMLBrowserTests).
struct HTMLReporterTests {
    static func render(_ document: ReportDocument = SyntheticAudit.document(), language: ReportLanguage = .en) -> String {
        HTMLReporter(language: language, catalog: SyntheticAudit.catalog).render(document)
    }

    @Test func deviceTextIsEscaped() {
        let html = Self.render()
        #expect(!html.contains("<script"), "no script element, from us or from the device")
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(!html.contains("<img") && html.contains("&lt;img src=http://evil.example/x.png"))
        #expect(!html.contains("<b>") && html.contains("&lt;b&gt;&quot;now&quot;&lt;/b&gt;"))
        #expect(!html.contains("\u{1B}") && !html.contains("\u{07}"), "terminal controls were made visible")
        #expect(!html.contains(SyntheticAudit.secret))
    }

    @Test func selfContainedWithNothingToFetch() throws {
        let html = Self.render(SyntheticAudit.document(devices: 3))
        #expect(html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';"))
        #expect(html.contains("<style>") && html.contains("@media print"))
        #expect(!html.contains("<link") && !html.contains("url(") && !html.contains("@import") && !html.contains("xmlns"))
        // The only URLs in the page are the device's own text, escaped.
        let urls = html.components(separatedBy: "http://").count + html.components(separatedBy: "https://").count - 2
        let fromDevice = html.components(separatedBy: "http://evil.example").count - 1
        #expect(urls == fromDevice, "a URL of our own crept into the page")
        // Attributes that could load something carry only fragment links.
        for attribute in ["src=\"", "href=\"", "action=\""] {
            for part in html.components(separatedBy: attribute).dropFirst() {
                #expect(part.hasPrefix("#"), "\(attribute)\(part.prefix(30))")
            }
        }
    }

    @Test func summaryScoreVerdictChartsAndFixPlaceholder() {
        let document = SyntheticAudit.document()
        let html = Self.render(document)
        #expect(html.contains("<span class=\"score-value\" id=\"score\" data-score=\"40\">40</span>"))
        #expect(html.contains("Your router is not safe to leave like this."))
        #expect(html.contains("id=\"chart-severity\"") && html.contains("id=\"chart-area\""))
        for finding in document.devices[0].findings {
            #expect(html.contains("data-check=\"\(finding.id)\""))
        }
        #expect(html.components(separatedBy: "data-fix-script=\"pending\"").count - 1 == Set(document.devices[0].findings.map(\.id)).count)
        #expect(html.contains("Scanners try <code>public</code> first."))
        #expect(html.contains("reachable from the Internet"))
        #expect(html.contains("vendor default</") == false)
        #expect(html.contains("vendor default: cisco-ios: without `login block-for`"))
        #expect(!html.contains("id=\"device-2\""))
    }

    @Test func fleetHasADeviceTable() {
        let html = Self.render(SyntheticAudit.document(devices: 4))
        #expect(html.contains("<table class=\"devices\">"))
        #expect(html.contains("4 of 4 routers are not safe to leave like this."))
        for index in 1...4 { #expect(html.contains("href=\"#device-\(index)\"")) }
    }

    @Test func dutch() {
        let html = Self.render(language: .nl)
        #expect(html.contains("<html lang=\"nl\">"))
        #expect(html.contains("Beveiligingsrapport router"))
        #expect(html.contains("Beheer via Telnet ingeschakeld"))
        #expect(html.contains("Waarom dit belangrijk is.") && html.contains("Zo lost u het op."))
        #expect(html.contains("Uw router is niet veilig zoals hij nu is ingesteld."))
        #expect(html.contains("Herstelscript en terugdraaien"))
    }

    /// The bar in the issue: a 200-finding report stays under 1 MB.
    @Test func twoHundredFindingsStayUnderOneMegabyte() {
        let document = SyntheticAudit.document(findingsPerDevice: 200)
        #expect(document.devices[0].findings.count == 200)
        let bytes = Self.render(document).utf8.count
        print("HTML report with 200 findings: \(bytes) bytes")
        #expect(bytes < 1_000_000)
        let fleet = SyntheticAudit.document(devices: 10, findingsPerDevice: 20)
        let fleetBytes = Self.render(fleet).utf8.count
        print("HTML report with 10 devices x 20 findings: \(fleetBytes) bytes")
        #expect(fleetBytes < 1_000_000)
    }

    @Test func escapeCoversAttributeQuotes() {
        #expect(HTMLReporter.escape("a\"b'c<d>&e") == "a&quot;b&#39;c&lt;d&gt;&amp;e")
    }
}

struct LanguageTests {
    @Test func environmentDecides() {
        #expect(ReportLanguage.preferred(environment: [:]) == .en)
        #expect(ReportLanguage.preferred(environment: ["LANG": "nl_NL.UTF-8"]) == .nl)
        #expect(ReportLanguage.preferred(environment: ["LANG": "nl_BE"]) == .nl)
        #expect(ReportLanguage.preferred(environment: ["LANG": "en_US.UTF-8"]) == .en)
        #expect(ReportLanguage.preferred(environment: ["LANG": "nl_NL.UTF-8", "LC_ALL": "C"]) == .en)
        #expect(ReportLanguage.preferred(environment: ["LANG": "C", "LC_ALL": "nl_NL.UTF-8"]) == .nl)
        #expect(ReportLanguage.preferred(environment: ["LANG": "C", "LC_MESSAGES": "nl_NL"]) == .nl)
        #expect(ReportLanguage.preferred(environment: ["LANG": "nl_NL", "LC_ALL": ""]) == .nl)
    }

    @Test func textReportInDutch() {
        let text = TextReporter(color: false, language: .nl, catalog: SyntheticAudit.catalog).render(SyntheticAudit.document())
        #expect(text.contains("KRITIEK (1)"))
        #expect(text.contains("[RA-MGMT-001] Beheer via Telnet ingeschakeld:"))
        #expect(text.contains("oplossing: Gebruik `transport input ssh`."))
        #expect(text.contains("1 apparaat gecontroleerd, 5 bevindingen (1 kritiek, 2 hoog, 2 laag)"))
        #expect(text.contains("score 40/100: Uw router is niet veilig zoals hij nu is ingesteld."))
    }

    @Test func textReportInEnglishKeepsItsWords() {
        let text = TextReporter(color: false, catalog: SyntheticAudit.catalog).render(SyntheticAudit.document())
        #expect(text.contains("CRITICAL (1)"))
        #expect(text.contains("      fix: Use `transport input ssh`."))
        #expect(text.contains("1 device audited, 5 findings (1 critical, 2 high, 2 low), 1 input could not be audited; secrets hidden (--show-secrets to reveal)"))
    }

    @Test func verdicts() {
        var device = SyntheticAudit.document().devices[0]
        #expect(Verdict.of(device, language: .en).kind == .notSafe)
        device.findings = device.findings.filter { $0.severity == .low }
        device.score = DeviceScore.of(device.findings)
        #expect(device.score == 98)
        let safe = Verdict.of(device, language: .en)
        #expect(safe.kind == .safe && safe.headline == "Your router is safe to leave like this.")
        #expect(safe.detail == "2 smaller improvements are still possible.")
        device.coverage.ratio = 0.5
        #expect(Verdict.of(device, language: .nl).kind == .unclear)
        device.findings = []
        device.score = 100
        device.coverage.ratio = 1
        #expect(Verdict.of(device, language: .nl).headline == "Geen problemen gevonden: uw router is veilig zoals hij nu is ingesteld.")
    }

    @Test func prioritiesAreOnePerCheckCostliestFirst() {
        let device = SyntheticAudit.document(findingsPerDevice: 40).devices[0]
        let top = Verdict.priorities(device)
        #expect(top.map(\.id) == ["RA-SNMP-001", "RA-FW-002", "RA-MGMT-001"])
    }
}
