import AuditCore

/// RA-CRED-002: a recoverable or guessed login secret is weak.
public struct WeakPassword: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRED-002",
        slug: "weak-password",
        title: "Weak password",
        severity: .high,
        area: .cred,
        rationale: """
            Passwords from common-password lists, passwords equal to the account name and short passwords \
            fall to the first minutes of an online guessing attack or an offline crack of the configuration.
            """,
        remediation: """
            Replace the password with a long random one (at least the policy minimum, 12 or more characters \
            recommended) and store it with a strong one-way hash.
            """,
        references: [
            .stig("CISC-ND-001130", "The network device must enforce a minimum 15-character password length"),
            .nist("IA-5(1)", "Password-based authentication"),
        ],
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username ntc privilege 15 password 0 ntc123
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username backup password 0 backup
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓crypto isakmp key 1234 address 203.0.113.9
                """),
            .good(.ciscoIOS, """
                hostname cpe
                username ops privilege 15 password 0 Vq7#pL2!xR9@mK4w
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.allSecrets.compactMap { stored in
            let isLogin = stored.purpose == .login || stored.purpose == .privilege || stored.purpose == .linePassword
            let assessment = context.assess(stored, vendor: config.vendor)
            // A default is reported by RA-CRED-001; an empty secret by RA-CRED-007.
            guard assessment.matchesDefault == nil, let weakness = assessment.weakness,
                  let recovered = assessment.recovered, !recovered.isEmpty else { return nil }
            return metadata.finding(
                "\(Describe.purpose(stored)) \(secret: recovered) is weak: \(weakness)",
                evidence: [stored.secret.origin], subject: Describe.subject(stored),
                fix: .replaceCredential(owner: stored.owner, purpose: stored.purpose),
                // A guessable pre-shared key or RADIUS secret matters, but less than a login.
                severity: isLogin ? nil : .medium)
        }
    }
}
