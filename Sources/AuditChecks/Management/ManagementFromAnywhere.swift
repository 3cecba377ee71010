import AuditCore

/// RA-MGMT-003: a management login accepts connections from any address, or from the WAN.
public struct ManagementFromAnywhere: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-MGMT-003",
        slug: "management-unrestricted",
        title: "Management reachable from any address",
        severity: .high,
        area: .mgmt,
        rationale: """
            A login that answers the whole Internet is brute-forced around the clock and is the first thing \
            an exploit for the device's management software reaches. Management should answer only a \
            management network.
            """,
        remediation: """
            Restrict management to trusted sources: an `access-class` on every vty line and \
            `ip http access-class` (Cisco); bind dropbear and uhttpd to the LAN and keep the WAN zone's input \
            policy at REJECT (OpenWrt).
            """,
        references: [
            .cis("1.2.2", "Set 'access-class' for 'line vty'"),
            .stig("CISC-ND-001050", "The network device must limit management access to authorized sources"),
        ],
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                ↓line vty 0 4
                 login local
                 transport input ssh
                """),
            .good(.ciscoIOS, """
                hostname cpe
                access-list 10 permit 192.168.1.0 0.0.0.255
                line vty 0 4
                 access-class 10 in
                 login local
                 transport input ssh
                """),
            .bad(.openWrt, """
                package firewall
                config zone
                	option name 'wan'
                	list network 'wan'
                ↓	option input 'ACCEPT'
                	option forward 'REJECT'
                package dropbear
                config dropbear
                	option PasswordAuth 'off'
                """),
            .good(.openWrt, """
                package firewall
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                package dropbear
                config dropbear
                	option PasswordAuth 'off'
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        for channel in config.loginChannels where channel.kind == .vty || channel.kind == .tty {
            let accepts = channel.transportInput.value.intersection([.telnet, .ssh])
            guard !accepts.isEmpty, channel.accessClass == nil else { continue }
            let protocols = accepts.map(\.rawValue).sorted().joined(separator: "/")
            findings.append(metadata.finding(
                "line '\(channel.name)' accepts \(protocols) from any address (no access-class)",
                evidence: [channel.origin], subject: "line \(channel.name)",
                fix: .setAccessClass(channel: channel.name)))
        }
        for service in config.services where service.enabled.value && service.kind != .snmp && service.kind != .upnp {
            // Cisco vty services are reported per line above.
            if !config.loginChannels.isEmpty, service.kind == .telnet || service.kind == .ssh { continue }
            if let evidence = WANExposure.evidence(for: service, in: config) {
                let critical = service.kind.isCleartext
                findings.append(metadata.finding(
                    "\(service.kind.rawValue) management on port \(service.effectivePort) is reachable from the wan",
                    evidence: evidence, subject: "service \(service.kind.rawValue)",
                    fix: .restrictService(service.kind, to: [.lan, .mgmt]),
                    severity: critical ? .critical : .high))
            } else if config.zones.isEmpty, service.accessFilter == nil, service.kind == .http || service.kind == .https {
                findings.append(metadata.finding(
                    "\(service.kind.rawValue) management accepts connections from any address (no access-class)",
                    evidence: [service.enabled.origin], subject: "service \(service.kind.rawValue)",
                    fix: .restrictService(service.kind, to: [.lan, .mgmt]), severity: .medium))
            }
        }
        return findings
    }
}
