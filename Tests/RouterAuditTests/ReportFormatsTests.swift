import AuditCore
import AuditReport
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import RouterAudit
import Testing

/// Every `--format` end to end through the executable.
struct ReportFormatsTests {
    static let fixtures = ["cisco-ios/soho-887-insecure.cfg", "openwrt/insecure-home-router"].map(Fixtures.path)

    static func document() throws -> ReportDocument {
        let json = try ReportTools.routeraudit(["audit", "--format", "json"] + fixtures)
        return try JSONDecoder().decode(ReportDocument.self, from: Data(json.stdout.utf8))
    }

    @Test func jsonCarriesScoresAndExposure() throws {
        let document = try Self.document()
        #expect(document.devices.count == 2)
        #expect(document.devices.allSatisfy { (0...100).contains($0.score) })
        #expect(document.summary.score == document.devices.map(\.score).min())
        #expect(document.devices.allSatisfy { $0.score == DeviceScore.of($0.findings) })
        let openwrt = try #require(document.devices.first { $0.vendor == "openwrt" })
        // The WAN zone's input ACCEPT and the port forwards are what let the WAN in.
        #expect(openwrt.findings.filter(\.wanExposed).map(\.id).contains("RA-FW-002"))
        #expect(openwrt.findings.filter(\.wanExposed).map(\.id).contains("RA-FW-004"))
        #expect(!openwrt.findings.contains { $0.id == "RA-CRED-007" && $0.wanExposed })
    }

    @Test func csvHasOneRowPerFinding() throws {
        let document = try Self.document()
        let result = try ReportTools.routeraudit(["audit", "--format", "csv"] + Self.fixtures)
        #expect(result.status == 1)
        let lines = result.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == CSVReporter.columns.joined(separator: ","))
        // No field of these fixtures holds a line break, so records are lines.
        #expect(lines.count == 1 + document.summary.findings)
    }

    @Test func junitHasOneTestCasePerCheckPerDevice() throws {
        let document = try Self.document()
        let result = try ReportTools.routeraudit(["audit", "--format", "junit", "/nonexistent.cfg"] + Self.fixtures)
        let xml = try XMLDocument(data: Data(result.stdout.utf8))
        let suites = try #require(xml.rootElement()).elements(forName: "testsuite")
        #expect(suites.count == 3)
        let checks = RouterAuditFacade.checks.count
        for (suite, device) in zip(suites, document.devices) {
            let cases = suite.elements(forName: "testcase")
            #expect(cases.count == checks)
            let failing = cases.filter { !$0.elements(forName: "failure").isEmpty }
            #expect(failing.count == Set(device.findings.map(\.id)).count)
        }
        #expect(suites.last?.attribute(forName: "name")?.stringValue == "inputs")
    }

    @Test func markdownForTickets() throws {
        let document = try Self.document()
        let result = try ReportTools.routeraudit(["audit", "--format", "markdown"] + Self.fixtures)
        #expect(result.stdout.hasPrefix("# Router security report\n"))
        #expect(result.stdout.contains("| Device | Vendor | Score |"))
        for device in document.devices {
            #expect(result.stdout.contains("## \(device.shortName): score \(device.score)/100"))
            for finding in device.findings { #expect(result.stdout.contains("| \(finding.id) |")) }
        }
    }

    /// No report format shows a secret unless asked.
    @Test func noFormatLeaksSecrets() throws {
        let fixture = "cisco-ios/soho-887-insecure.cfg"
        let ownWords = (CheckCatalogue.markdown() + RouterAuditFacade.vendorIDs.joined(separator: " ")).lowercased()
        let secrets = Fixtures.secrets(in: fixture).filter { !ownWords.contains($0.lowercased()) }
        #expect(!secrets.isEmpty)
        for format in ["text", "json", "sarif", "html", "csv", "junit", "markdown"] {
            for language in ["en", "nl"] {
                let result = try ReportTools.routeraudit(["audit", "--format", format, "--lang", language, Fixtures.path(fixture)])
                #expect(result.status == 1, "\(format): \(result.stderr)")
                for secret in secrets {
                    #expect(!result.stdout.contains(secret), "\(format) (\(language)) shows secret '\(secret)'")
                }
            }
        }
        let shown = try ReportTools.routeraudit(["audit", "--format", "csv", "--show-secrets", Fixtures.path(fixture)])
        #expect(secrets.contains { shown.stdout.contains($0) }, "--show-secrets shows them")
    }
}
