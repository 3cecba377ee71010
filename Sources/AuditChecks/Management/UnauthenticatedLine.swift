import AuditCore

/// RA-MGMT-004: a console, aux or terminal line gives a session without any authentication.
public struct UnauthenticatedLine: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-MGMT-004",
        slug: "unauthenticated-line",
        title: "Login line without authentication",
        severity: .high,
        area: .mgmt,
        rationale: """
            A console or aux port with no login (or an AAA method list ending in `none`) hands a session, \
            often at privilege level 15, to anyone with physical access or a reverse-telnet path. On a \
            router at a customer's premises physical access is easy.
            """,
        remediation: """
            Require authentication on every line: `login local` or an AAA list without `none`, and do not set \
            `privilege level 15` on lines.
            """,
        references: [
            .cis("1.2.1", "Set 'login authentication' for 'line con 0' / 'line aux 0'"),
            .stig("CISC-ND-000150", "The network device must enforce authentication on all access points"),
        ],
        dutch: LocalizedText(
            title: "Line zonder authenticatie",
            rationale: """
                Een console- of aux-poort zonder login (of met een AAA-methodelijst die eindigt op `none`) geeft \
                een sessie, vaak op privilege level 15, aan iedereen met fysieke toegang of een reverse-telnetpad. \
                Bij een router die bij de klant op locatie staat, is fysieke toegang eenvoudig.
                """,
            remediation: """
                Vereis authenticatie op elke line: `login local` of een AAA-lijst zonder `none`, en zet geen \
                `privilege level 15` op lines.
                """),
        examples: [
            .bad(.huaweiVRP, """
                user-interface con 0
                ↓ authentication-mode none
                 user privilege level 15
                #
                return
                """),
            .good(.huaweiVRP, """
                user-interface con 0
                 authentication-mode aaa
                #
                return
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓line con 0
                 privilege level 15
                 logging synchronous
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓aaa new-model
                ↓aaa authentication login CONSOLE none
                line con 0
                ↓ login authentication CONSOLE
                """),
            .good(.ciscoIOS, """
                hostname cpe
                line con 0
                 login local
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.loginChannels.compactMap { channel in
            let auth = channel.authentication
            let open: Bool
            switch auth.value {
            case .none: open = true
            case .aaa(_, let methods): open = methods.first == "none"
            default: open = false
            }
            guard open else { return nil }
            var message = "line '\(channel.name)' gives a session without authentication"
            if case .aaa(let list, _) = auth.value { message += " (aaa login list \(list) is none)" }
            if let level = channel.privilegeLevel, level.value >= 15 { message += " at privilege level \(level.value)" }
            let severity: Severity = channel.kind == .vty ? .critical : .high
            return metadata.finding(
                FindingText(stringLiteral: message), evidence: auth.origin.with(context: channel.origin),
                subject: "line \(channel.name)", fix: .requireLogin(channel: channel.name), severity: severity)
        }
    }
}
