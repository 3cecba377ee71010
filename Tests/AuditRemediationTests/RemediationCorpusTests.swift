import AuditCore
import AuditRemediation
import Foundation
import RouterAudit
import Testing

/// Every fixture and every corpus file of each vendor with a remediation: every fixable finding
/// gets a fix, and applying it closes it without a new finding; the rollback restores the audit.
@Suite struct RemediationCorpusTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpusRoot = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/configs")

    struct Counts {
        var devices = 0, findings = 0, fixed = 0, verified = 0, notFixable = 0, demoted = 0
        var reasons: [String: Int] = [:]
        var failures: [String] = []
    }

    static func paths(_ folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().filter { !$0.hasPrefix(".") && $0 != "SOURCES.md" }.map { folder.appendingPathComponent($0).path }
    }

    static func run(vendor: VendorID, paths: [String], into counts: inout Counts) {
        let auditor = Auditor()
        let remediator = Remediator(auditor: auditor)
        for path in paths {
            let run = auditor.audit(paths: [path])
            for device in run.devices where device.config.vendor == vendor {
                guard let (plan, verification) = remediator.provenPlan(for: device) else { continue }
                // The first plan, before unproven fixes are left to a person, for the record.
                let first = remediator.plan(for: device).map { $0.fixedFindings.count } ?? 0
                counts.demoted += max(0, first - plan.fixedFindings.count)
                let name = URL(fileURLWithPath: path).lastPathComponent
                counts.devices += 1
                counts.findings += plan.findings.count
                counts.fixed += plan.fixedFindings.count
                counts.verified += verification.status.values.filter { $0 == .verified }.count
                counts.notFixable += plan.unfixable.count
                for item in plan.unfixable {
                    counts.reasons["\(plan.findings[item.finding].checkID): \(item.reason.prefix(70))", default: 0] += 1
                }
                for (index, status) in verification.status where status != .verified {
                    counts.failures.append("\(name): \(plan.findings[index].checkID) \(plan.findings[index].subject) still present after the fix")
                }
                for finding in verification.newFindings { counts.failures.append("\(name): new finding after the fix: \(finding)") }
                for difference in verification.rollbackDifferences { counts.failures.append("\(name): rollback differs: \(difference)") }
                for problem in verification.problems { counts.failures.append("\(name): \(problem)") }
                if !verification.idempotent { counts.failures.append("\(name): applying twice changes the configuration again") }
                let accounted = plan.fixedFindings.count + plan.unfixable.count
                if accounted != plan.findings.count { counts.failures.append("\(name): \(plan.findings.count - accounted) finding(s) neither fixed nor explained") }
            }
        }
    }

    @Test(arguments: Remediations.supportedVendors)
    func everyFixableFindingIsFixedAndVerified(vendor: VendorID) {
        var counts = Counts()
        Self.run(vendor: vendor, paths: Self.paths(Self.packageRoot.appendingPathComponent("device-fixtures/\(vendor.rawValue)")), into: &counts)
        let corpus = Self.corpusRoot.appendingPathComponent(vendor.rawValue)
        if FileManager.default.fileExists(atPath: corpus.path) {
            Self.run(vendor: vendor, paths: Self.paths(corpus), into: &counts)
        } else {
            print("\(vendor): corpus skipped: \(corpus.path) is absent")
        }
        print("remediation \(vendor.rawValue): devices \(counts.devices), findings \(counts.findings), fixed \(counts.fixed), verified \(counts.verified), not fixable \(counts.notFixable) (of which \(counts.demoted) because the proof still reported them)")
        for (reason, count) in counts.reasons.sorted(by: { $0.value > $1.value }) { print("  not fixable x\(count): \(reason)") }
        for failure in counts.failures { print("  FAIL \(failure)") }
        #expect(counts.devices > 0)
        #expect(counts.failures.isEmpty, "\(counts.failures.count) verification failures for \(vendor)")
        #expect(counts.verified == counts.fixed)
    }
}
