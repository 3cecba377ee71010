import AuditCore

/// RA-CRED-007: an account that can log in has no password.
public struct EmptyPassword: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRED-007",
        slug: "empty-password",
        title: "Account without a password",
        severity: .critical,
        area: .cred,
        rationale: """
            An account with an empty password lets anyone who reaches a login prompt in. OpenWrt ships with \
            an empty root password until one is set; Cisco `nopassword` accounts behave the same.
            """,
        remediation: "Set a long random password (or key-only login) for the account, or remove the account.",
        references: [
            .stig("CISC-ND-001470", "The network device must not have default or shared accounts"),
            .nist("IA-5", "Authenticator management"),
        ],
        examples: [
            .bad(.openWrt, """
                ↓root::0:0:99999:7:::
                daemon:*:0:0:99999:7:::
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username guest nopassword
                """),
            .good(.openWrt, """
                root:$1$Nb9G$YhcgULcYmSTPLKtxlDd76/:19000:0:99999:7:::
                daemon:*:0:0:99999:7:::
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.accounts.compactMap { account in
            guard let secret = account.secret, secret.isEmpty else { return nil }
            if let allowed = account.passwordLoginAllowed, !allowed.value { return nil }
            return metadata.finding(
                "account '\(account.name)' has an empty password", evidence: [secret.origin],
                subject: "account \(account.name)",
                fix: .replaceCredential(owner: account.name, purpose: .login))
        }
    }
}
