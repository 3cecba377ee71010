import AuditCore

/// RA-MGMT-001: the router accepts Telnet logins.
public struct TelnetEnabled: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-MGMT-001",
        slug: "telnet-enabled",
        title: "Telnet management enabled",
        severity: .high,
        area: .mgmt,
        rationale: """
            Telnet sends the username, password and the whole session in cleartext; anyone on the path \
            can read them. On IOS, a vty line without `transport input` accepts Telnet by default.
            """,
        remediation: "Accept only SSH on terminal lines (`transport input ssh`) and disable any Telnet server.",
        references: [
            .cis("1.2.3", "Set 'transport input ssh' for 'line vty' connections"),
            .stig("CISC-ND-000470", "The network device must use FIPS-validated SSH for remote access"),
        ],
        dutch: LocalizedText(
            title: "Beheer via Telnet ingeschakeld",
            rationale: """
                Telnet verstuurt de gebruikersnaam, het wachtwoord en de hele sessie onversleuteld; iedereen op de \
                route kan meelezen. Op IOS accepteert een vty-line zonder `transport input` standaard Telnet.
                """,
            remediation: "Sta op terminal-lines alleen SSH toe (`transport input ssh`) en schakel elke Telnet-server uit."),
        examples: [
            .bad(.zyxel, """
                hostname usg
                ↓ip telnet server
                """),
            .good(.zyxel, """
                hostname usg
                no ip telnet server
                ip ssh server
                """),
            // No line to point at: a Vigor answers Telnet on the LAN by factory default.
            .bad(.drayTek, """
                mngt rmtcfg disable
                """),
            .bad(.fortiOS, """
                config system interface
                    edit "internal"
                        set ip 192.168.1.99 255.255.255.0
                ↓        set allowaccess ping https ssh telnet
                        set role lan
                    next
                end
                """),
            .good(.fortiOS, """
                config system interface
                    edit "internal"
                        set ip 192.168.1.99 255.255.255.0
                        set allowaccess ping https ssh
                        set role lan
                    next
                end
                """),
            .bad(.huaweiVRP, """
                !Software Version V200R010C00SPC600
                #
                 telnet server enable
                #
                user-interface vty 0 4
                 authentication-mode aaa
                ↓ protocol inbound all
                #
                return
                """),
            // V200R010 and later: vty lines accept SSH only and the Telnet server is off by default.
            .good(.huaweiVRP, """
                !Software Version V200R010C00SPC600
                #
                 stelnet server enable
                #
                user-interface vty 0 4
                 authentication-mode aaa
                #
                return
                """),
            .bad(.edgeOS, """
                service {
                    ↓telnet {
                        port 23
                    }
                }
                """),
            .good(.vyOS, """
                set service ssh port '22'
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                line vty 0 4
                 login local
                ↓ transport input telnet ssh
                """),
            .bad(.ciscoIOS, """
                version 15.2
                hostname cpe
                ↓line vty 0 4
                 login local
                """),
            .good(.ciscoIOS, """
                hostname cpe
                line vty 0 4
                 login local
                 transport input ssh
                """),
            .bad(.junos, """
                set system host-name srx
                set system services ssh
                ↓set system services telnet
                """),
            .good(.junos, """
                set system host-name srx
                set system services ssh
                """),
            // No line to point at: /ip service telnet is on by RouterOS default.
            .bad(.routerOS, """
                /system identity
                set name=gw
                """),
            .good(.routerOS, """
                /ip service
                set telnet disabled=yes
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        if !config.loginChannels.isEmpty {
            return config.loginChannels.compactMap { channel in
                guard channel.transportInput.value.contains(.telnet) else { return nil }
                let how = channel.transportInput.origin.isVendorDefault ? " by default (no transport input)" : ""
                return metadata.finding(
                    "line '\(channel.name)' accepts telnet\(how)",
                    evidence: channel.transportInput.origin.with(context: channel.origin), subject: "line \(channel.name)",
                    fix: .setTransportInput(channel: channel.name, allowed: [.ssh]))
            }
        }
        guard let telnet = config.service(.telnet), telnet.enabled.value else { return [] }
        return [metadata.finding(
            "telnet server is enabled on \(Describe.listen(telnet.listen.value))",
            evidence: [telnet.enabled.origin], subject: "service telnet", fix: .disableService(.telnet),
            severity: WANExposure.evidence(for: telnet, in: config) != nil ? .critical : nil)]
    }
}
