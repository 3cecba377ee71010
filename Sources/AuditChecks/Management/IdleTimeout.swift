import AuditCore

/// RA-MGMT-005: a line's sessions never time out, or time out too late.
public struct IdleTimeout: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-MGMT-005",
        slug: "idle-timeout",
        title: "Idle sessions do not time out",
        severity: .medium,
        area: .mgmt,
        rationale: """
            `exec-timeout 0` keeps an abandoned console or remote session logged in forever, for whoever \
            comes next; it also holds vty slots open.
            """,
        remediation: "Set `exec-timeout 10 0` (or the policy maximum) on every line.",
        references: [
            .cis("1.2.4", "Set 'exec-timeout' to less than or equal to 10 minutes"),
            .stig("CISC-ND-000720", "The network device must terminate idle sessions after 10 minutes"),
        ],
        dutch: LocalizedText(
            title: "Inactieve sessies verlopen niet",
            rationale: """
                `exec-timeout 0` houdt een achtergelaten console- of remote sessie voor altijd ingelogd, voor wie \
                er daarna langskomt; bovendien blijven vty-plaatsen bezet.
                """,
            remediation: "Stel op elke line `exec-timeout 10 0` in (of het maximum uit het beleid)."),
        examples: [
            .bad(.huaweiVRP, """
                user-interface vty 0 4
                 authentication-mode aaa
                ↓ idle-timeout 0 0
                #
                return
                """),
            .good(.huaweiVRP, """
                user-interface vty 0 4
                 authentication-mode aaa
                 idle-timeout 5 0
                #
                return
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                line con 0
                ↓ exec-timeout 0 0
                 login local
                """),
            .good(.ciscoIOS, """
                hostname cpe
                line con 0
                 exec-timeout 5 0
                 login local
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        let maximum = context.policy.maximumIdleTimeout
        return config.loginChannels.compactMap { channel in
            let timeout = channel.execTimeout
            guard timeout.value == 0 || timeout.value > maximum else { return nil }
            let what = timeout.value == 0 ? "never times out idle sessions (exec-timeout 0)"
                : "times out idle sessions after \(timeout.value) s, more than \(maximum) s"
            return metadata.finding(
                "line '\(channel.name)' \(what)", evidence: timeout.origin.with(context: channel.origin),
                subject: "line \(channel.name)", fix: .setIdleTimeout(channel: channel.name, seconds: min(600, maximum)))
        }
    }
}
