import AuditCore

/// RA-CRED-001: a login or privilege secret equals a published vendor default.
public struct DefaultCredential: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRED-001",
        slug: "default-credential",
        title: "Default credential in use",
        severity: .high,
        area: .cred,
        rationale: """
            Default usernames and passwords are published in manuals and in every attacker's word list. \
            A router that still accepts one can be taken over by anyone who reaches its login, which is \
            how most compromised customer-premises routers are lost.
            """,
        remediation: """
            Set a unique, long password (or a key) for the account, stored with the strongest hash the \
            device offers, and remove factory accounts that are not needed.
            """,
        references: [
            .cis("1.1", "Local authentication, authorization and accounting rules"),
            .stig("CISC-ND-001470", "The network device must not have default or shared accounts"),
            .nist("IA-5(1)", "Password-based authentication"),
        ],
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username cisco privilege 15 password 0 cisco
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0
                """),
            .good(.ciscoIOS, """
                hostname cpe
                username admin privilege 15 secret 5 $1$Nb9G$YhcgULcYmSTPLKtxlDd76/
                """),
            .good(.openWrt, """
                root:$6$kFJf3Qm1$YMYc08//.njmmyku9di0yqWc1BRghGR02DqvNHr.kKQc.YDaIGl6VpJjJLICcDs7I2FDOh/wAb16hz1PMRvT8.:19000:0:99999:7:::
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        let exposed = WANExposure.loginReachableFromWAN(config)
        return config.allSecrets.compactMap { stored in
            guard stored.purpose == .login || stored.purpose == .privilege || stored.purpose == .linePassword else { return nil }
            let assessment = context.assess(stored, vendor: config.vendor)
            guard let which = assessment.matchesDefault else { return nil }
            let recovered = assessment.recovered ?? ""
            let text: FindingText = recovered.isEmpty
                ? "\(Describe.purpose(stored)) is empty, the \(which)"
                : "\(Describe.purpose(stored)) is \(secret: recovered), the \(which)"
            return metadata.finding(
                text, evidence: [stored.secret.origin], subject: Describe.subject(stored),
                fix: .replaceCredential(owner: stored.owner, purpose: stored.purpose),
                severity: exposed ? .critical : nil)
        }
    }
}
