import AuditCore
import AuditSSH
import RouterAudit
import Testing

/// How an accepted default login reaches the report when the configuration could not be read
/// afterwards, and that its password stays hidden unless secrets are shown.
struct DefaultLoginFindingTests {
    static let password = "factory-pw-41"

    static func outcome(collectionFailure: CollectionFailure?) throws -> LiveScanOutcome {
        let target = SSHTarget(host: "192.0.2.9", port: 22, legacyAlgorithms: false, hostKeyPolicy: .strict)
        var outcome = LiveScanOutcome(target: target, profile: try VendorProfileLoader.load(idOrPath: "cisco-ios"))
        var probe = DefaultLoginProbeResult()
        let candidate = DefaultLoginCandidate(user: "cisco", password: SSHSecret(password), source: "vendor-doc:test")
        probe.attempts = [(candidate, .accepted)]
        probe.accepted = (candidate, 1)
        outcome.defaults = probe
        outcome.defaultAttemptLimit = 3
        var collection = CollectionResult(target: target, profileID: "cisco-ios")
        collection.failure = collectionFailure
        outcome.collection = collection
        return outcome
    }

    @Test func acceptedDefaultIsReportedEvenWhenTheConfigCouldNotBeRead() throws {
        let failure = CollectionFailure(.enableFailed, target: "192.0.2.9:22", "'enable' was refused")
        let run = LiveScan.audit(try Self.outcome(collectionFailure: failure), auditor: Auditor())
        #expect(run.problems.map(\.reason) == ["enable-failed: 'enable' was refused"])
        let device = try #require(run.devices.first)
        // Only the login finding: an empty model must not produce findings about absent settings.
        #expect(device.findings.map(\.checkID) == ["RA-CRED-011"])
        let finding = try #require(device.findings.first)
        #expect(finding.severity == .critical)
        let hidden = finding.message.rendered(showSecrets: false)
        #expect(!hidden.contains(Self.password))
        #expect(hidden.contains("vendor default for cisco (source: vendor-doc:test)"))
        #expect(finding.message.rendered(showSecrets: true).contains(Self.password))
    }

    @Test func noAcceptedDefaultNoFinding() throws {
        var outcome = try Self.outcome(collectionFailure: CollectionFailure(.timedOut, target: "192.0.2.9:22", "no answer"))
        outcome.defaults?.accepted = nil
        outcome.defaults?.attempts = []
        let run = LiveScan.audit(outcome, auditor: Auditor())
        #expect(run.devices.isEmpty)
        #expect(run.problems.count == 1)
    }
}
