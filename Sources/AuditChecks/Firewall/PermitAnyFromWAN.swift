import AuditCore

/// RA-FW-001: a rule on the WAN's inbound path permits everything.
public struct PermitAnyFromWAN: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-FW-001",
        slug: "permit-any-any-from-wan",
        title: "Any-to-any permit on traffic from the WAN",
        severity: .high,
        area: .fw,
        rationale: """
            A `permit ip any any` in the ACL applied inbound on the Internet-facing interface (or an OpenWrt \
            rule accepting all protocols from the WAN zone) turns the firewall off for everything after it.
            """,
        remediation: """
            Replace the any-any rule with rules for the traffic that is really needed, ending in an explicit \
            deny; rely on stateful inspection or `established` for return traffic.
            """,
        references: [
            .stig("CISC-RT-000090", "The router must deny all inbound traffic by default and allow by exception"),
            .nist("SC-7(5)", "Deny by default, allow by exception"),
        ],
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                interface Dialer1
                 ip address negotiated
                 ip access-group OUTSIDE_IN in
                 ip nat outside
                ip access-list extended OUTSIDE_IN
                 deny ip 10.0.0.0 0.255.255.255 any
                ↓ permit ip any any
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
            .bad(.openWrt, """
                package firewall
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                ↓config rule
                	option name 'Allow-All'
                	option src 'wan'
                	option proto 'all'
                	option target 'ACCEPT'
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        for wan in config.wanInterfaces {
            guard let name = wan.inboundFilter?.value, let list = config.filter(named: name) else { continue }
            for rule in list.rules where rule.enabled && rule.action == .permit && rule.matchesEverything && rule.family != 6 {
                findings.append(metadata.finding(
                    "acl \(list.name) inbound on wan interface \(wan.name) permits any to any (\(Describe.rule(rule)))",
                    evidence: [rule.origin], subject: "acl \(list.name)",
                    fix: .removeRule(list: list.name, at: rule.origin.spans.first ?? SourceSpan(file: "", start: 0))))
            }
        }
        let wanZones = Set(config.zones.filter { $0.role.value == .wan }.map(\.name))
        for list in config.filters where list.kind == .zoneRules {
            for rule in list.rules where rule.enabled && rule.action == .permit && rule.matchesEverything {
                guard let zone = rule.sourceZone, wanZones.contains(zone) || zone == "*", rule.chain != .output else { continue }
                let target = rule.chain == .forward ? "to zone \(rule.destinationZone ?? "*")" : "to the router"
                findings.append(metadata.finding(
                    "\(Describe.ruleName(rule)) accepts any protocol from any source in zone \(zone) \(target)",
                    evidence: [rule.origin], subject: Describe.ruleName(rule),
                    fix: .removeRule(list: list.name, at: rule.origin.spans.first ?? SourceSpan(file: "", start: 0)),
                    severity: .critical))
            }
        }
        return findings
    }
}
