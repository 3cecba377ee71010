import AuditCore

/// RA-CRYPTO-001: the SSH server accepts protocol version 1.
public struct SSHVersion1: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRYPTO-001",
        slug: "ssh-version-1",
        title: "SSH protocol version 1 allowed",
        severity: .medium,
        area: .crypto,
        rationale: """
            SSH version 1 has known cryptographic flaws that allow session hijacking and password recovery. \
            IOS accepts both versions (1.99) unless `ip ssh version 2` is configured.
            """,
        remediation: "Configure `ip ssh version 2`.",
        references: [
            .cis("1.3.x", "Set 'ip ssh version 2'"),
            .stig("CISC-ND-000470", "The network device must use SSHv2"),
        ],
        dutch: LocalizedText(
            title: "SSH-protocolversie 1 toegestaan",
            rationale: """
                SSH versie 1 heeft bekende cryptografische zwakheden waarmee sessies over te nemen en wachtwoorden \
                te achterhalen zijn. IOS accepteert beide versies (1.99), tenzij `ip ssh version 2` is geconfigureerd.
                """,
            remediation: "Configureer `ip ssh version 2`."),
        examples: [
            .bad(.huaweiVRP, """
                #
                 stelnet server enable
                ↓ ssh server compatible-ssh1x enable
                #
                return
                """),
            .good(.huaweiVRP, """
                #
                 stelnet server enable
                 undo ssh server compatible-ssh1x enable
                #
                return
                """),
            .bad(.fortiOS, """
                config system global
                ↓    set admin-ssh-v1 enable
                end
                config system interface
                    edit "internal"
                        set allowaccess ping https ssh
                    next
                end
                """),
            .good(.fortiOS, """
                config system interface
                    edit "internal"
                        set allowaccess ping https ssh
                    next
                end
                """),
            .bad(.edgeOS, """
                service {
                    ssh {
                        ↓protocol-version all
                    }
                }
                """),
            .good(.edgeOS, """
                service {
                    ssh {
                        protocol-version v2
                    }
                }
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓ip ssh version 1
                line vty 0 4
                 login local
                 transport input ssh
                """),
            .good(.ciscoIOS, """
                hostname cpe
                ip ssh version 2
                line vty 0 4
                 login local
                 transport input ssh
                """),
            .bad(.junos, """
                set system host-name srx
                set system services ssh
                ↓set system services ssh protocol-version v1
                """),
            .good(.junos, """
                set system host-name srx
                set system services ssh protocol-version v2
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        guard let ssh = config.service(.ssh), ssh.enabled.value, let version = ssh.settings["version"],
              version.value == "1" || version.value == "1.99" else { return [] }
        let explicit = !version.origin.isVendorDefault
        let message: FindingText = version.value == "1"
            ? "ssh server is restricted to protocol version 1"
            : "ssh server accepts protocol version 1 (version 1.99 compatibility mode\(explicit ? "" : " by default"))"
        return [metadata.finding(
            message, evidence: [version.origin], subject: "ssh version", fix: .requireSSHVersion2,
            severity: version.value == "1" ? .high : nil)]
    }
}
