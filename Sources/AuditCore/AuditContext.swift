/// How hard the engine tries against one-way hashes.
public enum CrackDepth: String, Sendable, CaseIterable, Codable {
    /// Only check hashes for damage; never guess.
    case off
    /// Vendor defaults always, then as much of the weak list as fits the per-hash budget.
    case standard
    /// Vendor defaults and the whole weak list, on every core.
    case full

    /// The standard depth's budget for weak-list guesses against one hash.
    public static let standardBudgetMicroseconds: Double = 30_000
}

/// The policy a run is audited under: which checks run, at what severity, and what the owner
/// counts as trusted.
public struct AuditPolicy: Sendable {
    public var name: String
    /// When set, only these checks run.
    public var enabledChecks: Set<String>?
    public var disabledChecks: Set<String>
    public var severityOverrides: [String: Severity]
    /// Networks from which management access is acceptable (a NOC range, the LAN).
    public var trustedManagementNetworks: [IPPrefix]
    /// Shortest acceptable recoverable password.
    public var minimumPasswordLength: Int
    /// Idle timeout above which a login channel is reported, in seconds.
    public var maximumIdleTimeout: Int
    /// How hard the credential engine tries against one-way hashes.
    public var crackDepth: CrackDepth

    public init(name: String = "baseline", enabledChecks: Set<String>? = nil, disabledChecks: Set<String> = [],
                severityOverrides: [String: Severity] = [:], trustedManagementNetworks: [IPPrefix] = [],
                minimumPasswordLength: Int = 8, maximumIdleTimeout: Int = 600, crackDepth: CrackDepth = .standard) {
        self.name = name
        self.enabledChecks = enabledChecks
        self.disabledChecks = disabledChecks
        self.severityOverrides = severityOverrides
        self.trustedManagementNetworks = trustedManagementNetworks
        self.minimumPasswordLength = minimumPasswordLength
        self.maximumIdleTimeout = maximumIdleTimeout
        self.crackDepth = crackDepth
    }

    public func runs(_ checkID: String) -> Bool {
        !disabledChecks.contains(checkID) && (enabledChecks?.contains(checkID) ?? true)
    }
}

/// What the credential engine can say about a stored secret.
public struct SecretAssessment: Sendable, Hashable {
    /// The cleartext, when the configuration gives it away (cleartext or reversible) or a guess matched a hash.
    public var recovered: String?
    /// A known vendor default this secret equals, with the source of that fact.
    public var matchesDefault: String?
    /// Why the secret is weak, when it is (`in the common-password list`, `equals the username`).
    public var weakness: String?
    /// A problem reading the stored value (truncated hash, bad alphabet).
    public var problem: String?

    public init(recovered: String? = nil, matchesDefault: String? = nil, weakness: String? = nil, problem: String? = nil) {
        self.recovered = recovered
        self.matchesDefault = matchesDefault
        self.weakness = weakness
        self.problem = problem
    }
}

/// The credential engine, as checks see it. Implemented in AuditCredentials; checks receive it
/// through the context so they stay pure and testable.
public protocol SecretJudge: Sendable {
    func assess(_ secret: Secret, owner: String, purpose: SecretPurpose, vendor: VendorID,
                minimumLength: Int) -> SecretAssessment
    /// True for SNMP communities that scanners try (public, private and the usual guesses).
    func isGuessableCommunity(_ community: String) -> Bool
}

/// A judge that knows nothing: used where no credential data is loaded.
public struct NoSecretJudge: SecretJudge {
    public init() {}
    public func assess(_ secret: Secret, owner: String, purpose: SecretPurpose, vendor: VendorID,
                       minimumLength: Int) -> SecretAssessment {
        SecretAssessment()
    }

    public func isGuessableCommunity(_ community: String) -> Bool {
        ["public", "private"].contains(community.lowercased())
    }
}

/// What an assessment depends on: the stored form and whose secret it is (not where it sits).
public struct SecretKey: Hashable, Sendable {
    public var form: SecretForm
    public var owner: String
    public var purpose: SecretPurpose

    public init(_ stored: StoredSecret) {
        form = stored.secret.form
        owner = stored.owner
        purpose = stored.purpose
    }
}

/// Everything a check may consult besides the configuration.
public struct AuditContext: Sendable {
    public var policy: AuditPolicy
    public var secrets: any SecretJudge
    /// Assessments worked out once per audit (cracking a hash is the most expensive thing an
    /// audit does; several checks ask about the same secret).
    public var assessments: [SecretKey: SecretAssessment]

    public init(policy: AuditPolicy = AuditPolicy(), secrets: any SecretJudge = NoSecretJudge(),
                assessments: [SecretKey: SecretAssessment] = [:]) {
        self.policy = policy
        self.secrets = secrets
        self.assessments = assessments
    }

    public func assess(_ stored: StoredSecret, vendor: VendorID) -> SecretAssessment {
        if let known = assessments[SecretKey(stored)] { return known }
        return secrets.assess(stored.secret, owner: stored.owner, purpose: stored.purpose, vendor: vendor,
                              minimumLength: policy.minimumPasswordLength)
    }

    /// A context with every secret of a configuration assessed once.
    public func assessingSecrets(of config: DeviceConfig) -> AuditContext {
        var context = self
        for stored in config.allSecrets where context.assessments[SecretKey(stored)] == nil {
            context.assessments[SecretKey(stored)] = assess(stored, vendor: config.vendor)
        }
        return context
    }
}
