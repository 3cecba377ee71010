import AuditCore

/// A device's score from 0 to 100: 100 means nothing was found, lower is worse. Documented in
/// docs/score.md; the numbers here are part of the product's promise (a customer compares scores
/// between audits), so changing one is a breaking change that bumps `formulaVersion`, and a test
/// pins the formula on constructed inputs.
public enum DeviceScore {
    /// Bumped whenever a weight, factor, cap or ceiling below changes.
    public static let formulaVersion = 1

    /// What one finding costs, by severity.
    public static func weight(of severity: Severity) -> Int {
        switch severity {
        case .critical: 25
        case .high: 10
        case .medium: 4
        case .low: 1
        case .info: 0
        }
    }

    /// A finding the WAN can reach costs this many times its weight.
    public static let wanFactor = 2

    /// The findings of one check together cost at most this many times the check's costliest
    /// finding: thirty shadowed rules are one untidy firewall, not thirty problems.
    public static let repeatCap = 3

    /// The highest score a device can have while it has a finding of this severity: a device
    /// with a critical finding never looks fair, one with a high finding is never called safe.
    public static func ceiling(for severity: Severity) -> Int {
        switch severity {
        case .critical: 40
        case .high: 70
        case .medium, .low, .info: 100
        }
    }

    /// Scores above this are "safe to leave like this" (no high or critical finding, and not so
    /// many smaller ones that they add up to a high one's worth).
    public static let safeAbove = 70

    /// The cost of one finding.
    public static func cost(severity: Severity, wanExposed: Bool) -> Int {
        weight(of: severity) * (wanExposed ? wanFactor : 1)
    }

    /// The score of a device from its findings: `(check id, severity, exposed to the WAN)`.
    public static func of(_ findings: [(checkID: String, severity: Severity, wanExposed: Bool)]) -> Int {
        var costsByCheck: [String: [Int]] = [:]
        for finding in findings {
            costsByCheck[finding.checkID, default: []].append(cost(severity: finding.severity, wanExposed: finding.wanExposed))
        }
        let penalty = costsByCheck.values.reduce(0) { total, costs in
            total + min(costs.reduce(0, +), repeatCap * (costs.max() ?? 0))
        }
        let highest = findings.map { Self.ceiling(for: $0.severity) }.min() ?? 100
        return max(0, min(highest, 100 - penalty))
    }

    public static func of(_ findings: [ReportDocument.FindingEntry]) -> Int {
        of(findings.map { ($0.id, $0.severity, $0.wanExposed) })
    }

    /// A word for a score, for colours and plain-language summaries.
    public enum Band: String, Sendable, CaseIterable {
        case good, fair, poor, bad

        public init(score: Int) {
            switch score {
            case 90...: self = .good
            case (DeviceScore.safeAbove + 1)...: self = .fair
            case (DeviceScore.ceiling(for: .critical) + 1)...: self = .poor
            default: self = .bad
            }
        }
    }
}
