import AuditCore

/// Which findings get a fix: by check ID and by minimum severity.
public struct FixSelection: Sendable {
    public var checks: Set<String>
    public var minimumSeverity: Severity

    public init(checks: Set<String> = [], minimumSeverity: Severity = .info) {
        self.checks = checks
        self.minimumSeverity = minimumSeverity
    }

    public func includes(_ finding: Finding) -> Bool {
        finding.severity >= minimumSeverity && (checks.isEmpty || checks.contains(finding.checkID))
    }
}
