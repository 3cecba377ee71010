import AuditCore

/// RA-MGMT-006: nothing slows down password guessing on remote logins.
public struct NoLoginProtection: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-MGMT-006",
        slug: "no-login-protection",
        title: "No protection against login brute force",
        severity: .low,
        area: .mgmt,
        rationale: """
            Without a login block after failed attempts, an attacker can try passwords as fast as the router \
            answers. `login block-for` stops dictionary attacks against vty logins.
            """,
        remediation: "Configure `login block-for 120 attempts 5 within 60` (and a `login quiet-mode access-class` for the NOC).",
        references: [
            .cis("1.1.x", "Set 'login block-for'"),
            .stig("CISC-ND-000210", "The network device must enforce the limit of three consecutive invalid logon attempts"),
        ],
        dutch: LocalizedText(
            title: "Geen bescherming tegen het raden van wachtwoorden",
            rationale: """
                Zonder blokkade na mislukte pogingen kan een aanvaller wachtwoorden proberen zo snel als de router \
                antwoordt. `login block-for` stopt woordenboekaanvallen op vty-logins.
                """,
            remediation: "Configureer `login block-for 120 attempts 5 within 60` (en een `login quiet-mode access-class` voor het NOC)."),
        examples: [
            .bad(.huaweiVRP, """
                aaa
                ↓ undo local-aaa-user wrong-password
                #
                 stelnet server enable
                #
                user-interface vty 0 4
                 authentication-mode aaa
                 protocol inbound ssh
                #
                return
                """),
            // VRP locks a local user after 3 wrong passwords in 5 minutes unless switched off.
            .good(.huaweiVRP, """
                #
                 stelnet server enable
                #
                user-interface vty 0 4
                 authentication-mode aaa
                 protocol inbound ssh
                #
                return
                """),
            // No line to point at: the finding rests on the IOS default (no login block-for).
            .bad(.ciscoIOS, """
                hostname cpe
                line vty 0 4
                 login local
                 transport input ssh
                """),
            .good(.ciscoIOS, """
                hostname cpe
                login block-for 120 attempts 5 within 60
                line vty 0 4
                 login local
                 transport input ssh
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        guard let protection = config.hardening.loginProtection, protection.value == nil else { return [] }
        let remote = config.loginChannels.filter { !$0.transportInput.value.isEmpty && $0.kind == .vty }
        guard !remote.isEmpty else { return [] }
        return [metadata.finding(
            "remote logins on \(remote.map(\.name).joined(separator: ", ")) have no brute-force protection (no login block-for)",
            evidence: [protection.origin], subject: "login block-for", fix: .enableLoginProtection)]
    }
}
