import AuditCore
import AuditReport
import Testing

/// Pins the score formula of docs/score.md. A change here is a change of the product's promise:
/// bump `DeviceScore.formulaVersion` and update docs/score.md with it.
struct ScoreTests {
    typealias F = (checkID: String, severity: Severity, wanExposed: Bool)

    static func score(_ findings: [F]) -> Int { DeviceScore.of(findings) }

    @Test func formulaVersionIsPinned() {
        #expect(DeviceScore.formulaVersion == 1)
        #expect([Severity.critical, .high, .medium, .low, .info].map(DeviceScore.weight(of:)) == [25, 10, 4, 1, 0])
        #expect(DeviceScore.wanFactor == 2 && DeviceScore.repeatCap == 3 && DeviceScore.safeAbove == 70)
    }

    @Test func singleFindings() {
        #expect(Self.score([]) == 100)
        #expect(Self.score([("A", .info, false)]) == 100)
        #expect(Self.score([("A", .low, false)]) == 99)
        #expect(Self.score([("A", .medium, false)]) == 96)
        #expect(Self.score([("A", .medium, true)]) == 92)
        // A high finding caps the score at 70, a critical one at 40.
        #expect(Self.score([("A", .high, false)]) == 70)
        #expect(Self.score([("A", .high, true)]) == 70)
        #expect(Self.score([("A", .critical, false)]) == 40)
        #expect(Self.score([("A", .critical, true)]) == 40)
    }

    @Test func costsAddUpAcrossChecks() {
        #expect(Self.score([("A", .high, false), ("B", .high, false), ("C", .high, false), ("D", .high, false)]) == 60)
        #expect(Self.score([("A", .high, true), ("B", .high, true), ("C", .high, false)]) == 50)
        #expect(Self.score([("A", .critical, false), ("B", .critical, false), ("C", .critical, false)]) == 25)
        #expect(Self.score([("A", .critical, true), ("B", .critical, true)]) == 0)
        #expect(Self.score([("A", .medium, true), ("B", .low, false), ("C", .low, false)]) == 90)
        #expect(Self.score(Array(repeating: ("A", .critical, true), count: 1) + (0..<9).map { ("C\($0)", .critical, true) }) == 0)
    }

    /// The findings of one check cost at most three times its costliest finding.
    @Test func repeatsOfOneCheckAreCapped() {
        #expect(Self.score(Array(repeating: ("A", .low, false), count: 30)) == 97)
        #expect(Self.score(Array(repeating: ("A", .medium, false), count: 5)) == 88)
        #expect(Self.score(Array(repeating: ("A", .medium, false), count: 2)) == 92)
        #expect(Self.score([("A", .medium, true), ("A", .medium, false), ("A", .medium, false), ("A", .medium, false)]) == 80)
    }

    @Test func bands() {
        #expect([100, 90, 89, 71, 70, 41, 40, 0].map { DeviceScore.Band(score: $0) } == [.good, .good, .fair, .fair, .poor, .poor, .bad, .bad])
    }

    @Test func documentCarriesScores() {
        let document = SyntheticAudit.document(devices: 2)
        // critical (25, not WAN) + high (10) + high on the WAN interface (20) + low + low = 57 → ceiling 40 → 100 - 57 = 43 → 40.
        #expect(document.devices.allSatisfy { $0.score == 40 })
        #expect(document.summary.score == 40)
        let wan = document.devices[0].findings.filter(\.wanExposed).map(\.id)
        #expect(wan == ["RA-FW-002"], "only the finding citing the WAN interface is exposed: \(wan)")
    }
}
