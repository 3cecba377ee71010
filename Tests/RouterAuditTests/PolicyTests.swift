import Testing
import AuditCore
import RouterAudit

struct PolicyTests {
    let ids = RouterAuditFacade.checkIDs

    @Test func builtInPoliciesLoad() throws {
        let baseline = try PolicyLoader.load(nameOrPath: "baseline", knownCheckIDs: ids)
        #expect(baseline.name == "baseline")
        let strict = try PolicyLoader.load(nameOrPath: "strict", knownCheckIDs: ids)
        #expect(strict.minimumPasswordLength > baseline.minimumPasswordLength)
        #expect(strict.severityOverrides["RA-CRED-006"] == .medium)
    }

    @Test func settingsAreRead() throws {
        let policy = try PolicyLoader.parse("""
            name: noc
            extends: strict
            checks:
              disable: [RA-MGMT-006]
            severity:
              RA-SNMP-003: high
            trusted-management-networks: [10.0.0.0/8, 192.168.1.10]
            minimum-password-length: 14
            """, file: "noc.yaml", knownCheckIDs: ids)
        #expect(policy.name == "noc")
        #expect(!policy.runs("RA-MGMT-006"))
        #expect(policy.runs("RA-MGMT-001"))
        #expect(policy.severityOverrides["RA-SNMP-003"] == .high)
        #expect(policy.severityOverrides["RA-CRED-006"] == .medium, "inherited from strict")
        #expect(policy.trustedManagementNetworks.count == 2)
        #expect(policy.minimumPasswordLength == 14)
    }

    @Test(arguments: [
        ("name: x\nbogus: 1\n", 2, "unknown key 'bogus'"),
        ("checks:\n  disable: [RA-NOPE-001]\n", 2, "unknown check id"),
        ("severity:\n  RA-MGMT-001: severe\n", 2, "severity must be one of"),
        ("trusted-management-networks:\n  - 10.0.0.0/8\n  - not-a-net\n", 3, "not an address"),
        ("minimum-password-length: -3\n", 1, "whole number"),
        ("checks: [a\n", 2, "not valid YAML"),
    ])
    func errorsNameFileAndLine(_ text: String, _ line: Int, _ message: String) {
        do {
            _ = try PolicyLoader.parse(text, file: "bad.yaml", knownCheckIDs: ids)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description.hasPrefix("bad.yaml:\(line):"), "\(error.description)")
            #expect(error.description.contains(message), "\(error.description)")
        }
    }
}
