import AuditCore

/// RA-CRED-005: the privilege-escalation secret is stored reversibly (`enable password`).
public struct EnablePasswordNotSecret: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRED-005",
        slug: "enable-password-not-secret",
        title: "enable password used instead of enable secret",
        severity: .high,
        area: .cred,
        rationale: """
            `enable password` is stored in cleartext or as type 7, so anyone with a copy of the configuration \
            gains full privileges. `enable secret` stores a one-way hash.
            """,
        remediation: """
            Configure `enable algorithm-type scrypt secret` with a new secret and remove `enable password` \
            (`no enable password`).
            """,
        references: [
            .cis("1.1.6", "Set 'enable secret'"),
            .stig("CISC-ND-000470", "The network device must only store cryptographic representations of passwords"),
        ],
        dutch: LocalizedText(
            title: "enable password gebruikt in plaats van enable secret",
            rationale: """
                `enable password` wordt onversleuteld of als type 7 opgeslagen, dus iedereen met een kopie van de \
                configuratie krijgt volledige rechten. `enable secret` slaat een eenrichtingshash op.
                """,
            remediation: """
                Configureer `enable algorithm-type scrypt secret` met een nieuw geheim en verwijder \
                `enable password` (`no enable password`).
                """),
        examples: [
            .bad(.huaweiVRP, """
                ↓super password level 15 cipher %^%#Hq8YV0]kf=*h]g8~aQeY}6U"Hb:~iTqsBl!XnCV5%^%#
                #
                return
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓enable password Vq7pL2xR9mK4wQ8z
                """),
            .good(.ciscoIOS, """
                hostname cpe
                enable secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.storedSecrets.compactMap { stored in
            guard stored.purpose == .privilege, stored.secret.isRecoverableFromConfig else { return nil }
            return metadata.finding(
                "\(stored.owner) password is stored reversibly instead of as an \(stored.owner) secret",
                evidence: [stored.secret.origin], subject: Describe.subject(stored),
                fix: .hashSecret(owner: stored.owner, purpose: .privilege))
        }
    }
}
