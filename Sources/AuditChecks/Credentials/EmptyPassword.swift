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
        dutch: LocalizedText(
            title: "Account zonder wachtwoord",
            rationale: """
                Met een leeg wachtwoord komt iedereen die een inlogprompt bereikt binnen. OpenWrt wordt geleverd \
                met een leeg root-wachtwoord totdat er een is ingesteld; Cisco-accounts met `nopassword` gedragen \
                zich net zo.
                """,
            remediation: "Stel een lang, willekeurig wachtwoord in voor het account (of sta alleen inloggen met een sleutel toe), of verwijder het account."),
        examples: [
            // No line to point at: FortiOS prints `set password` only when a password is set.
            .bad(.fortiOS, """
                config system admin
                    edit "admin"
                        set accprofile "super_admin"
                        set vdom "root"
                    next
                end
                """),
            .good(.fortiOS, """
                config system admin
                    edit "admin"
                        set accprofile "super_admin"
                        set vdom "root"
                        set password ENC SH2obLD1OX2BxgpOktcnBLS9NPiKowWF55v+S0ECF1/Gk2ggRf3G/JDC/oRUMs=
                    next
                end
                """),
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
            .bad(.routerOS, """
                /user
                ↓add group=read name=backup password=""
                """),
            // `/export` never prints users: the admin password is unknown, not empty.
            .good(.routerOS, """
                /system identity
                set name=gw
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
