import AuditCore
import AuditReport
import Foundation
import Testing

/// The shape of the SARIF log (schema validation runs in RouterAuditTests/ReportSARIFTests).
struct SARIFReporterTests {
    static func log(_ document: ReportDocument = SyntheticAudit.document()) throws -> [String: Any] {
        let text = SARIFReporter.render(document, checks: SyntheticAudit.checks)
        return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    static func run(_ log: [String: Any]) throws -> [String: Any] {
        try #require((log["runs"] as? [[String: Any]])?.first)
    }

    @Test func rulesComeFromTheCheckDescriptions() throws {
        let run = try Self.run(Self.log())
        let driver = try #require((run["tool"] as? [String: Any])?["driver"] as? [String: Any])
        #expect(driver["name"] as? String == "routeraudit")
        #expect(driver["version"] as? String == "9.9.9")
        #expect(driver["informationUri"] == nil)
        let rules = try #require(driver["rules"] as? [[String: Any]])
        #expect(rules.map { $0["id"] as? String } == SyntheticAudit.checks.map(\.id).sorted())
        let snmp = try #require(rules.first { $0["id"] as? String == "RA-SNMP-001" })
        #expect(snmp["name"] as? String == "snmp-default-community")
        #expect((snmp["shortDescription"] as? [String: Any])?["text"] as? String == "SNMP community is a default")
        #expect((snmp["fullDescription"] as? [String: Any])?["text"] as? String == "Scanners try `public` first.")
        #expect((snmp["help"] as? [String: Any])?["markdown"] as? String == "Remove the community (`no snmp-server community`).")
        #expect((snmp["defaultConfiguration"] as? [String: Any])?["level"] as? String == "error")
        let properties = try #require(snmp["properties"] as? [String: Any])
        #expect(properties["severity"] as? String == "high")
        #expect(properties["area"] as? String == "SNMP")
        #expect((properties["tags"] as? [String])?.contains("security") == true)
        #expect((properties["references"] as? [String]) == ["CIS Cisco IOS Benchmark 1.5.1: Do not use 'public'"])
    }

    @Test func levelsFollowSeverity() {
        #expect([Severity.critical, .high, .medium, .low, .info].map(SARIFReporter.level) == ["error", "error", "warning", "note", "note"])
    }

    @Test func resultsPointAtLinesWithStableFingerprints() throws {
        let document = SyntheticAudit.document()
        let run = try Self.run(Self.log(document))
        let results = try #require(run["results"] as? [[String: Any]])
        let findings = document.devices[0].findings
        #expect(results.count == findings.count)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        for (result, finding) in zip(results, findings) {
            #expect(result["ruleId"] as? String == finding.id)
            let index = try #require(result["ruleIndex"] as? Int)
            #expect(rules[index]["id"] as? String == finding.id)
            #expect((result["partialFingerprints"] as? [String: String])?[SARIFReporter.fingerprintKey] == finding.fingerprint)
        }
        // Secrets stay masked; the path is percent-encoded and relative to SRCROOT.
        let first = results[0]
        let message = try #require((first["message"] as? [String: Any])?["text"] as? String)
        #expect(message == "snmp rw community (hidden) is a well-known default")
        let location = try #require((first["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        let artifact = try #require(location["artifactLocation"] as? [String: Any])
        #expect(artifact["uri"] as? String == "configs/edge%20router%231.cfg")
        #expect(artifact["uriBaseId"] as? String == "SRCROOT")
        let region = try #require(location["region"] as? [String: Any])
        #expect(region["startLine"] as? Int == 2)
        let snippet = try #require((region["snippet"] as? [String: Any])?["text"] as? String)
        #expect(!snippet.contains(SyntheticAudit.secret) && snippet.contains("********"))
        #expect(run["originalUriBaseIds"] != nil)
        // A line range keeps its end line; further evidence becomes related locations.
        let telnet = results[1]
        let telnetRegion = (((telnet["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["region"]) as? [String: Any]
        #expect(telnetRegion?["startLine"] as? Int == 7 && telnetRegion?["endLine"] as? Int == 8)
        #expect((telnet["relatedLocations"] as? [[String: Any]])?.count == 2)
    }

    @Test func vendorDefaultBecomesANoteAndARelatedLocation() throws {
        let results = try #require(try Self.run(Self.log())["results"] as? [[String: Any]])
        let result = try #require(results.first { $0["ruleId"] as? String == "RA-MGMT-006" })
        let message = try #require((result["message"] as? [String: Any])?["text"] as? String)
        #expect(message.contains("(vendor default: cisco-ios: without `login block-for`"))
        let related = try #require(result["relatedLocations"] as? [[String: Any]])
        #expect((related.first?["message"] as? [String: Any])?["text"] as? String == "vendor default: cisco-ios: without `login block-for`, IOS does not slow down failed logins")
        // Points at the device's configuration, with no region.
        let location = try #require((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])
        #expect(location["region"] == nil)
    }

    @Test func uris() {
        #expect(SARIFReporter.artifact("/etc/config").uri == "file:///etc/config")
        #expect(SARIFReporter.artifact("/etc/config").uriBaseId == nil)
        #expect(SARIFReporter.artifact("router1:show running-config").uri == "router1%3Ashow%20running-config")
        #expect(SARIFReporter.artifact("a/b c/ü%.cfg").uri == "a/b%20c/%C3%BC%25.cfg")
    }

    @Test func inputProblemsBecomeNotifications() throws {
        let run = try Self.run(Self.log())
        let invocation = try #require((run["invocations"] as? [[String: Any]])?.first)
        #expect(invocation["executionSuccessful"] as? Bool == true)
        let notes = try #require(invocation["toolExecutionNotifications"] as? [[String: Any]])
        #expect(notes.count == 1 && notes[0]["level"] as? String == "error")
    }

    @Test func outputIsDeterministic() {
        let a = SARIFReporter.render(SyntheticAudit.document(devices: 3), checks: SyntheticAudit.checks)
        let b = SARIFReporter.render(SyntheticAudit.document(devices: 3), checks: SyntheticAudit.checks.reversed())
        #expect(a == b)
    }
}
