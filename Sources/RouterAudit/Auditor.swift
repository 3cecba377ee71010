import AuditCore
import AuditChecks
import AuditCredentials
import AuditVendors

/// The pipeline: inputs → vendor detection → parse → checks → policy. Library code: it never
/// prints and never exits; the executable decides what to show and which exit code to return.
public struct Auditor: Sendable {
    public struct Options: Sendable {
        /// Skip detection and parse every input as this vendor.
        public var forcedVendor: VendorID?
        public var policy: AuditPolicy
        public var checks: [any Check]
        public var credentials: CredentialEngine

        /// The credential engine follows the policy's crack depth unless one is given.
        public init(forcedVendor: VendorID? = nil, policy: AuditPolicy = AuditPolicy(),
                    checks: [any Check] = BuiltInChecks.all, credentials: CredentialEngine? = nil) {
            self.forcedVendor = forcedVendor
            self.policy = policy
            self.checks = checks
            self.credentials = credentials ?? CredentialEngine(depth: policy.crackDepth)
        }
    }

    public var options: Options

    public init(options: Options = Options()) {
        self.options = options
    }

    /// Audits files and folders. Paths that cannot be audited are reported, never fatal.
    public func audit(paths: [String]) -> AuditRun {
        let (devices, readProblems) = InputReader().read(paths)
        var problems = readProblems
        var audits: [DeviceAudit] = []
        for device in devices {
            switch audit(inputs: device.inputs, label: device.folder) {
            case .success(let audit): audits.append(audit)
            case .failure(let problem): problems.append(problem)
            }
        }
        return AuditRun(devices: audits, problems: problems, policyName: options.policy.name, catalog: catalog)
    }

    /// Audits one device given as texts (files already read, or collected output). `collection`
    /// says how the texts were collected live (SSH algorithms), for the checks about collection.
    public func audit(inputs: [ConfigInput], label: String? = nil, collection: CollectionFacts? = nil) -> Result<DeviceAudit, InputProblem> {
        let name = label ?? inputs.first?.path ?? "(no input)"
        let vendor: any VendorSupport
        let choice: String
        if let forced = options.forcedVendor {
            guard let support = VendorRegistry.support(for: forced) else {
                return .failure(InputProblem(path: name, reason: "unknown vendor '\(forced)'"))
            }
            vendor = support
            choice = "forced with --vendor"
        } else {
            guard let detected = detect(inputs) else {
                return .failure(InputProblem(path: name, reason: "not a router configuration this tool recognises (no vendor's syntax detected; use --vendor to force one)"))
            }
            vendor = detected.vendor
            choice = "detected (\(detected.score.reason))"
        }
        var config = vendor.parse(inputs)
        config.collection = collection
        if config.coverage.meaningfulLines > 0, config.coverage.understoodLines == 0 {
            return .failure(InputProblem(path: name, reason: "nothing in it was understood as \(vendor.displayName) configuration"))
        }
        let context = baseContext.assessingSecrets(of: config)
        config.diagnostics += Self.secretDiagnostics(config, context)
        return .success(DeviceAudit(config: config, findings: runChecks(on: config, context: context), vendorChoice: choice))
    }

    var baseContext: AuditContext {
        AuditContext(policy: options.policy, secrets: options.credentials)
    }

    /// A stored secret that cannot be read (a truncated hash, a type 7 value of odd length) is a
    /// diagnostic on its line: never silently "not a default".
    static func secretDiagnostics(_ config: DeviceConfig, _ context: AuditContext) -> [Diagnostic] {
        config.allSecrets.compactMap { stored in
            guard let problem = context.assessments[SecretKey(stored)]?.problem else { return nil }
            return Diagnostic(.warning, code: "bad-secret", "\(stored.owner): \(problem); it was not checked against default or weak passwords",
                              at: stored.secret.origin.spans.first)
        }
    }

    /// Detects the vendor of a device from its inputs' content: the best score over all inputs.
    func detect(_ inputs: [ConfigInput]) -> (vendor: any VendorSupport, score: DetectionScore)? {
        var best: (vendor: any VendorSupport, score: DetectionScore)?
        for input in inputs {
            if let found = VendorRegistry.detect(Self.detectionSample(input.text)), found.score > (best?.score ?? .none) {
                best = found
            }
        }
        return best
    }

    /// Detection looks at the start of a file: enough to recognise any vendor, and it keeps a
    /// 50 MB file of noise from costing a full scan per vendor.
    static func detectionSample(_ text: String) -> String {
        let limit = 256 * 1024
        guard text.utf8.count > limit else { return text }
        let end = text.utf8.index(text.utf8.startIndex, offsetBy: limit)
        return String(text[..<end])
    }

    public func runChecks(on config: DeviceConfig, context given: AuditContext? = nil) -> [Finding] {
        let context = given ?? baseContext.assessingSecrets(of: config)
        var findings: [Finding] = []
        for check in options.checks where options.policy.runs(check.metadata.id) {
            for var finding in check.run(on: config, context: context) {
                if let override = options.policy.severityOverrides[finding.checkID] {
                    finding.severity = override
                }
                findings.append(finding)
            }
        }
        return findings.sorted { a, b in
            if a.severity != b.severity { return a.severity > b.severity }
            return (a.primarySpan?.start ?? 0, a.checkID) < (b.primarySpan?.start ?? 0, b.checkID)
        }
    }

    public var catalog: [String: CheckDescription] {
        Dictionary(options.checks.map { ($0.metadata.id, $0.metadata) }, uniquingKeysWith: { a, _ in a })
    }
}
