import AuditCore
import AuditRemediation

/// Plans fixes for an audited device and proves them: the apply-script is applied to the
/// configuration text with the vendor's applier, the result is parsed and audited again.
public struct Remediator: Sendable {
    public var auditor: Auditor

    public init(auditor: Auditor) {
        self.auditor = auditor
    }

    /// The plan for the selected findings, or nil when the vendor has no remediation yet.
    public func plan(for audit: DeviceAudit, selection: FixSelection = FixSelection(), showSecrets: Bool = false) -> RemediationPlan? {
        guard let support = Remediations.support(for: audit.config.vendor) else { return nil }
        let findings = audit.findings.filter(selection.includes)
        return support.plan(findings: findings, config: audit.config, showSecrets: showSecrets)
    }

    /// The plan whose every block is proven: a finding the proof still reports after the fix is
    /// left to a person (with that reason) and the plan is made again without it, at most three
    /// times. Returns the plan and its proof.
    public func provenPlan(for audit: DeviceAudit, selection: FixSelection = FixSelection(), showSecrets: Bool = false) -> (RemediationPlan, FixVerification)? {
        guard let support = Remediations.support(for: audit.config.vendor) else { return nil }
        let selected = audit.findings.filter(selection.includes)
        var excluded: [Int: String] = [:]
        var result: (RemediationPlan, FixVerification)?
        for _ in 0..<3 {
            let kept = selected.indices.filter { excluded[$0] == nil }
            var plan = support.plan(findings: kept.map { selected[$0] }, config: audit.config, showSecrets: showSecrets)
            for (index, reason) in excluded.sorted(by: { $0.key < $1.key }) {
                plan.findings.append(selected[index])
                plan.unfixable.append(UnfixableFinding(finding: plan.findings.count - 1, reason: reason))
            }
            let proof = verify(plan, original: audit)
            result = (plan, proof)
            let unproven = proof.status.filter { $0.value == .stillPresent }.map(\.key)
            guard !unproven.isEmpty else { break }
            for index in unproven {
                guard index < kept.count else { continue }
                excluded[kept[index]] = "the proof still reports it after the fix (for example reachable with a LAN source address from the WAN while the WAN filter lets everything in): fix the WAN filter first, then audit again"
            }
        }
        return result
    }

    public func scripts(for plan: RemediationPlan) -> RemediationScripts? {
        Remediations.support(for: plan.vendor)?.scripts(for: plan)
    }

    /// The configuration's inputs as they were read.
    public static func inputs(of config: DeviceConfig) -> [ConfigInput] {
        config.sources.map { ConfigInput(path: $0.path, text: $0.lines.joined(separator: "\n") + "\n") }
    }

    /// Values for the script's variables: a strong stand-in for each new credential (what the
    /// engineer would choose), and the original secrets the rollback restores.
    public static func bindings(for plan: RemediationPlan) -> [String: String] {
        var bindings = plan.originalSecrets
        for variable in plan.variables where bindings[variable.name] == nil {
            let standIn = "Rq7-" + String(VerificationSecretStorage.salt(for: variable.name).map { Character(UnicodeScalar($0)) }) + "-x9Lm"
            if case .newPasswordHash(let scheme) = variable.kind {
                bindings[variable.name] = VerificationSecretStorage().store(standIn, scheme: scheme) ?? standIn
            } else {
                bindings[variable.name] = standIn
            }
        }
        return bindings
    }

    public func verify(_ plan: RemediationPlan, original: DeviceAudit) -> FixVerification {
        var result = FixVerification(plan: plan)
        guard let support = Remediations.support(for: plan.vendor) else {
            result.problems.append("no remediation for \(plan.vendor)")
            return result
        }
        if plan.blocks.isEmpty {
            // Nothing is applied, so the configuration and its audit stay as they are.
            result.rollbackRestores = true
            result.idempotent = true
            return result
        }
        let scripts = support.scripts(for: plan)
        let bindings = Self.bindings(for: plan)
        let storage = VerificationSecretStorage()
        let inputs = Self.inputs(of: original.config)
        var forced = auditor
        forced.options.forcedVendor = original.config.vendor

        let applied = support.applier.apply(script: scripts.apply, to: inputs, bindings: bindings, storage: storage)
        guard case .success(let after) = forced.audit(inputs: applied, label: plan.device) else {
            result.problems.append("the configuration after the fix could not be audited")
            return result
        }
        result.afterApply = after.findings
        let before = FindingKey.counts(original.findings)
        // A fixed finding is gone when its check reports its subject fewer times, whatever the
        // severity of what remains.
        let beforeSubjects = FindingKey.subjectCounts(original.findings)
        let remainingSubjects = FindingKey.subjectCounts(after.findings)
        var targeted: [FindingKey.Subject: Int] = [:]
        for index in plan.fixedFindings { targeted[FindingKey.Subject(plan.findings[index]), default: 0] += 1 }
        for index in plan.fixedFindings.sorted() {
            let key = FindingKey.Subject(plan.findings[index])
            let expected = (beforeSubjects[key] ?? 0) - (targeted[key] ?? 0)
            result.status[index] = (remainingSubjects[key] ?? 0) <= expected ? .verified : .stillPresent
        }
        // New: a check reports a subject more often than before, or more severely (a lower
        // severity for the same subject, as when a fix takes an account off the WAN, is not new).
        let beforeBySubject = FindingKey.subjectCounts(original.findings)
        let afterBySubject = FindingKey.subjectCounts(after.findings)
        for (subject, count) in afterBySubject where count > (beforeBySubject[subject] ?? 0) {
            result.newFindings.append("\(subject.checkID) \(subject.subject)")
        }
        let worstBefore = FindingKey.worst(original.findings)
        for (subject, severity) in FindingKey.worst(after.findings) where severity > (worstBefore[subject] ?? severity) {
            result.newFindings.append("\(subject.checkID) \(subject.subject) (now \(severity.rawValue))")
        }
        result.newFindings.sort()

        let twice = support.applier.apply(script: scripts.apply, to: applied, bindings: bindings, storage: storage)
        result.idempotent = twice.map(\.text) == applied.map(\.text)

        let rolledBack = support.applier.apply(script: scripts.rollback, to: applied, bindings: bindings, storage: storage)
        if case .success(let restored) = forced.audit(inputs: rolledBack, label: plan.device) {
            let restoredCounts = FindingKey.counts(restored.findings)
            result.rollbackRestores = restoredCounts == before
            if !result.rollbackRestores {
                let keys = Set(restoredCounts.keys).union(before.keys)
                result.rollbackDifferences = keys.filter { restoredCounts[$0] != before[$0] }.map {
                    "\($0): \(before[$0] ?? 0) before, \(restoredCounts[$0] ?? 0) after rollback"
                }.sorted()
            }
        } else {
            result.problems.append("the configuration after the rollback could not be audited")
        }
        return result
    }
}

/// Findings are compared by check and subject: line numbers move when lines are added.
struct FindingKey: Hashable, CustomStringConvertible {
    var checkID: String
    var subject: String
    var severity: Severity

    init(_ finding: Finding) {
        checkID = finding.checkID
        subject = finding.subject
        severity = finding.severity
    }

    var description: String { "\(checkID) \(subject) (\(severity.rawValue))" }

    struct Subject: Hashable {
        var checkID: String
        var subject: String

        init(checkID: String, subject: String) {
            self.checkID = checkID
            self.subject = subject
        }

        init(_ finding: Finding) {
            self.init(checkID: finding.checkID, subject: finding.subject)
        }
    }

    static func subjectCounts(_ findings: [Finding]) -> [Subject: Int] {
        findings.reduce(into: [:]) { $0[Subject(checkID: $1.checkID, subject: $1.subject), default: 0] += 1 }
    }

    static func worst(_ findings: [Finding]) -> [Subject: Severity] {
        findings.reduce(into: [:]) { result, finding in
            let key = Subject(checkID: finding.checkID, subject: finding.subject)
            result[key] = max(result[key] ?? finding.severity, finding.severity)
        }
    }

    static func counts(_ findings: [Finding]) -> [FindingKey: Int] {
        findings.reduce(into: [:]) { $0[FindingKey($1), default: 0] += 1 }
    }
}

/// The proof for one device.
public struct FixVerification: Sendable {
    public enum Status: Sendable, Equatable {
        case verified, stillPresent
    }

    public var plan: RemediationPlan
    /// Per fixed finding (index into the plan's findings).
    public var status: [Int: Status] = [:]
    /// Findings after the fix that were not there before.
    public var newFindings: [String] = []
    public var afterApply: [Finding] = []
    public var idempotent = false
    public var rollbackRestores = false
    public var rollbackDifferences: [String] = []
    public var problems: [String] = []

    public init(plan: RemediationPlan) {
        self.plan = plan
    }

    public var passed: Bool {
        problems.isEmpty && newFindings.isEmpty && rollbackRestores && status.values.allSatisfy { $0 == .verified }
    }
}
