import AuditCore
import AuditReport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// CSV, JUnit XML and Markdown: hostile device text stays data in each.
struct TabularReporterTests {
    /// An RFC 4180 reader: fields, quotes doubled inside quoted fields, CRLF between records.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" && field.isEmpty {
                quoted = true
            } else if c == "," {
                record.append(field); field = ""
            } else if c == "\r" && scalars.first == "\n" {
                scalars.removeFirst()
                record.append(field); field = ""
                records.append(record); record = []
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        return records
    }

    @Test func csvIsRFC4180WithDocumentedColumns() throws {
        let document = SyntheticAudit.document()
        let text = CSVReporter.render(document)
        #expect(text.hasSuffix("\r\n"))
        let records = Self.parseCSV(text)
        #expect(records.first == CSVReporter.columns)
        #expect(CSVReporter.columns == ["device", "hostname", "vendor", "score", "id", "slug", "severity", "area", "title", "message",
                                        "subject", "file", "line", "end_line", "evidence", "wan_exposed", "remediation", "fingerprint"],
                "the column order is documented in docs/reports.md; only append new columns")
        #expect(records.count == 1 + document.devices[0].findings.count)
        #expect(records.dropFirst().allSatisfy { $0.count == CSVReporter.columns.count })
        let column = Dictionary(uniqueKeysWithValues: CSVReporter.columns.enumerated().map { ($1, $0) })
        let telnet = try #require(records.first { $0[column["id"]!] == "RA-MGMT-001" })
        #expect(telnet[column["message"]!] == "line 'vty 0 4' accepts telnet <b>\"now\"</b>, really")
        #expect(telnet[column["line"]!] == "7" && telnet[column["end_line"]!] == "8")
        #expect(telnet[column["evidence"]!].contains("=HYPERLINK(\"http://evil.example\""))
        // A cell a spreadsheet would run as a formula is defused.
        let login = try #require(records.first { $0[column["id"]!] == "RA-MGMT-006" })
        #expect(login[column["message"]!].hasPrefix("'=cmd"))
        #expect(!text.contains(SyntheticAudit.secret))
    }

    @Test func junitHasOneTestCasePerCheckPerDevice() throws {
        let document = SyntheticAudit.document(devices: 2)
        let text = JUnitReporter.render(document, checks: SyntheticAudit.checks)
        let xml = try XMLDocument(data: Data(text.utf8))
        let root = try #require(xml.rootElement())
        #expect(root.name == "testsuites")
        let suites = root.elements(forName: "testsuite")
        #expect(suites.count == 3, "two devices and the inputs suite")
        for suite in suites.prefix(2) {
            let cases = suite.elements(forName: "testcase")
            #expect(cases.count == SyntheticAudit.checks.count)
            let failed = cases.filter { !$0.elements(forName: "failure").isEmpty }
            #expect(failed.count == 5)
            #expect(suite.attribute(forName: "failures")?.stringValue == "5")
            let telnet = try #require(failed.first { $0.attribute(forName: "name")?.stringValue == "RA-MGMT-001 telnet-enabled" })
            let failure = try #require(telnet.elements(forName: "failure").first)
            #expect(failure.attribute(forName: "type")?.stringValue == "high")
            #expect(failure.stringValue?.contains("accepts telnet <b>\"now\"</b>") == true)
            // ESC and BEL were made visible before, never passed to the XML.
            #expect(failure.stringValue?.contains("\u{1B}") == false)
        }
        #expect(root.attribute(forName: "tests")?.stringValue == "\(2 * SyntheticAudit.checks.count + 1)")
        #expect(root.attribute(forName: "errors")?.stringValue == "1")
        #expect(!text.contains(SyntheticAudit.secret))
    }

    @Test func junitEscapesWhatXMLForbids() {
        #expect(JUnitReporter.render(SyntheticAudit.document(), checks: []).contains("&lt;script&gt;"))
        let hostile = "a\u{01}b<c>&\"d\"\r\n"
        let document = SyntheticAudit.document()
        var bad = document
        bad.devices[0].hostname = hostile
        let text = JUnitReporter.render(bad, checks: SyntheticAudit.checks)
        #expect((try? XMLDocument(data: Data(text.utf8))) != nil)
    }

    @Test func markdownKeepsDeviceTextInert() {
        let document = SyntheticAudit.document()
        let text = MarkdownReporter(language: .en, catalog: SyntheticAudit.catalog).render(document)
        // Outside code blocks no HTML passes; inside them it is literal text anyway.
        var inFence = false
        var prose = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.drop(while: { $0 == " " }).hasPrefix("```") { inFence.toggle(); continue }
            if !inFence { prose += line + "\n" }
        }
        #expect(!inFence, "every fence is closed")
        #expect(!prose.contains("<script>") && prose.contains("&lt;script&gt;"))
        #expect(!prose.contains("<img") && !prose.contains("<b>"))
        #expect(!text.contains(SyntheticAudit.secret))
        // Evidence with a triple backtick gets a longer fence.
        #expect(text.contains("````\n"))
        // Table rows: one per finding, every row with four cells (an escaped `|` is not a separator).
        let rows = text.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("RA-") }
        #expect(rows.count == document.devices[0].findings.count)
        for row in rows {
            var separators = 0
            var previous: Character = " "
            for character in row {
                if character == "|" && previous != "\\" { separators += 1 }
                previous = character
            }
            #expect(separators == 5, "\(row)")
        }
        for finding in document.devices[0].findings { #expect(text.contains("### \(finding.id) ")) }
    }

    @Test func markdownInDutch() {
        let text = MarkdownReporter(language: .nl, catalog: SyntheticAudit.catalog).render(SyntheticAudit.document())
        #expect(text.contains("Beveiligingsrapport router"))
        #expect(text.contains("SNMP-community is een standaardwaarde"))
        #expect(text.contains("**Zo lost u het op.** Verwijder de community (`no snmp-server community`)."))
        #expect(text.contains("Uw router is niet veilig zoals hij nu is ingesteld."))
    }
}
