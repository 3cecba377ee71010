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
        examples: [
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
