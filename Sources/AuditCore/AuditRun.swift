/// One device's audit: its parsed configuration and what the checks found.
public struct DeviceAudit: Sendable {
    public var config: DeviceConfig
    public var findings: [Finding]
    /// How the vendor was chosen: `detected (score 80: ...)` or `forced with --vendor`.
    public var vendorChoice: String

    public init(config: DeviceConfig, findings: [Finding], vendorChoice: String) {
        self.config = config
        self.findings = findings
        self.vendorChoice = vendorChoice
    }
}

/// An input that could not be audited, with a one-line reason that names it.
public struct InputProblem: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

/// Everything one `audit` invocation produced.
public struct AuditRun: Sendable {
    public var devices: [DeviceAudit]
    public var problems: [InputProblem]
    public var policyName: String
    /// Descriptions of the checks that ran, for titles and remediation text in reports.
    public var catalog: [String: CheckDescription]

    public init(devices: [DeviceAudit], problems: [InputProblem], policyName: String, catalog: [String: CheckDescription]) {
        self.devices = devices
        self.problems = problems
        self.policyName = policyName
        self.catalog = catalog
    }

    public var allFindings: [Finding] { devices.flatMap(\.findings) }
}
