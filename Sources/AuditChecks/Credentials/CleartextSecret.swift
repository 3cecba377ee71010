import AuditCore

/// RA-CRED-003: a secret stored as typed, readable by anyone who sees the configuration.
public struct CleartextSecret: Check {
    public init() {}

    /// Platforms whose configuration format can hold service secrets (Wi-Fi keys, PPPoE) only in
    /// cleartext: reporting them would be a finding nobody can fix.
    static let cleartextOnlyServicePlatforms: Set<VendorID> = [.openWrt]

    public let metadata = CheckDescription(
        id: "RA-CRED-003",
        slug: "cleartext-secret",
        title: "Secret stored in cleartext",
        severity: .medium,
        area: .cred,
        rationale: """
            Configurations are copied into backups, tickets and e-mails. A password stored in cleartext \
            (Cisco type 0) is disclosed to everyone who ever sees a copy.
            """,
        remediation: """
            Store login secrets with a one-way hash (Cisco `secret` with type 8 or 9 instead of `password`), \
            and rotate any secret that was stored in cleartext.
            """,
        references: [
            .cis("2.1.1", "Set 'service password-encryption'"),
            .stig("CISC-ND-000470", "The network device must only store cryptographic representations of passwords"),
        ],
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username ntc privilege 15 password 0 Vq7#pL2!xR9@mK4w
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                line vty 0 4
                ↓ password Vq7#pL2!xR9@mK4w
                 login
                """),
            .good(.ciscoIOS, """
                hostname cpe
                username ntc privilege 15 secret 5 $1$Nb9G$YhcgULcYmSTPLKtxlDd76/
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.allSecrets.compactMap { stored in
            guard case .cleartext(let plain) = stored.secret.form, !plain.isEmpty else { return nil }
            let isService: Bool
            if case .service = stored.purpose { isService = true } else { isService = false }
            if isService && Self.cleartextOnlyServicePlatforms.contains(config.vendor) { return nil }
            return metadata.finding(
                "\(Describe.purpose(stored)) is stored in cleartext",
                evidence: [stored.secret.origin], subject: Describe.subject(stored),
                fix: .hashSecret(owner: stored.owner, purpose: stored.purpose),
                severity: isService ? .low : nil)
        }
    }
}
