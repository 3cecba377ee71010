import AuditCore

/// RA-FW-002: traffic from the WAN is accepted when no rule says otherwise.
public struct WANDefaultAccept: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-FW-002",
        slug: "wan-default-accept",
        title: "WAN traffic accepted by default",
        severity: .high,
        area: .fw,
        rationale: """
            The WAN's default policy decides every packet no rule mentions. ACCEPT as the WAN zone's input or \
            forward policy, or a WAN interface with no inbound ACL, exposes every service of the router (and, \
            for forward, of the LAN) that nobody thought to block.
            """,
        remediation: """
            Set the WAN zone's input and forward policies to REJECT or DROP (OpenWrt), or apply an inbound ACL \
            ending in deny on the WAN interface (Cisco), then allow exceptions explicitly.
            """,
        references: [
            .stig("CISC-RT-000090", "The router must deny all inbound traffic by default and allow by exception"),
            .nist("SC-7(5)", "Deny by default, allow by exception"),
        ],
        examples: [
            .bad(.openWrt, """
                package firewall
                config zone
                	option name 'wan'
                	list network 'wan'
                ↓	option input 'ACCEPT'
                	option forward 'REJECT'
                """),
            .good(.openWrt, """
                package firewall
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓interface Dialer1
                 ip address negotiated
                 ip nat outside
                """),
            .good(.ciscoIOS, """
                hostname cpe
                interface Dialer1
                 ip address negotiated
                 ip access-group OUTSIDE_IN in
                 ip nat outside
                ip access-list extended OUTSIDE_IN
                 permit tcp any any established
                 deny ip any any
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        for zone in config.zones where zone.role.value == .wan {
            for (chain, policy) in [(Chain.input, zone.input), (.forward, zone.forward)] where policy.value == .permit {
                let what = chain == .input ? "traffic to the router" : "traffic forwarded through the router"
                findings.append(metadata.finding(
                    "wan zone \(zone.name) accepts \(what) by default (\(chain.rawValue) ACCEPT)",
                    evidence: policy.origin.with(context: zone.origin), subject: "zone \(zone.name) \(chain.rawValue)",
                    fix: .setZonePolicy(zone: zone.name, chain: chain, action: .reject),
                    severity: chain == .forward ? .critical : nil))
            }
        }
        if config.zones.isEmpty {
            for wan in config.wanInterfaces where wan.inboundFilter == nil {
                findings.append(metadata.finding(
                    "wan interface \(wan.name) has no inbound acl: everything from the wan reaches the router",
                    evidence: [wan.origin], subject: "interface \(wan.name)",
                    fix: .manual("apply an inbound ACL on \(wan.name) that permits return traffic and required services, then denies everything else")))
            }
        }
        return findings
    }
}
