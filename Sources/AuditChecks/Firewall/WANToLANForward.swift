import AuditCore

/// RA-FW-003: a rule or zone forwarding lets WAN traffic through to the LAN.
public struct WANToLANForward: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-FW-003",
        slug: "wan-to-lan-forward",
        title: "Forwarding from WAN to LAN allowed",
        severity: .high,
        area: .fw,
        rationale: """
            LAN hosts (printers, NAS boxes, PCs) are not hardened for the Internet. A zone forwarding or rule \
            that accepts WAN traffic towards the LAN exposes them, for IPv6 and routed prefixes even without \
            a port forward.
            """,
        remediation: """
            Remove the WAN-to-LAN forwarding or rule; publish the few needed services with explicit, \
            source-restricted port forwards.
            """,
        references: [.nist("SC-7", "Boundary protection")],
        examples: [
            .bad(.openWrt, """
                package firewall
                config zone
                	option name 'lan'
                	list network 'lan'
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                ↓config rule
                	option name 'Allow-ISAKMP'
                	option src 'wan'
                	option dest 'lan'
                	option dest_port '500'
                	option proto 'udp'
                	option target 'ACCEPT'
                """),
            .bad(.openWrt, """
                package firewall
                config zone
                	option name 'lan'
                	list network 'lan'
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                ↓config forwarding
                	option src 'wan'
                	option dest 'lan'
                """),
            .good(.openWrt, """
                package firewall
                config zone
                	option name 'lan'
                	list network 'lan'
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                config forwarding
                	option src 'lan'
                	option dest 'wan'
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        let roles = Dictionary(config.zones.map { ($0.name, $0.role.value) }, uniquingKeysWith: { a, _ in a })
        func isWAN(_ zone: String?) -> Bool { zone.map { roles[$0] == .wan } ?? false }
        func isInside(_ zone: String?) -> Bool {
            guard let zone else { return false }
            return zone == "*" || roles[zone] == .lan || roles[zone] == .dmz || roles[zone] == .mgmt || roles[zone] == .guest
        }
        var findings: [Finding] = []
        for forwarding in config.zoneForwardings where forwarding.enabled && isWAN(forwarding.from) && isInside(forwarding.to) {
            findings.append(metadata.finding(
                "zone forwarding from \(forwarding.from) to \(forwarding.to) accepts all traffic from the wan",
                evidence: [forwarding.origin], subject: "forwarding \(forwarding.from)->\(forwarding.to)",
                fix: .manual("remove the forwarding from \(forwarding.from) to \(forwarding.to)"), severity: .critical))
        }
        for list in config.filters where list.kind == .zoneRules {
            for rule in list.rules where rule.enabled && rule.action == .permit && rule.chain == .forward
                && isWAN(rule.sourceZone) && isInside(rule.destinationZone) {
                // Any-any rules are reported by RA-FW-001.
                if rule.matchesEverything { continue }
                var what = rule.protocols == .any ? "all protocols" : rule.protocols.description
                if !rule.destinationPorts.isAny { what += " port \(rule.destinationPorts)" }
                let family = rule.family.map { " (ipv\($0))" } ?? ""
                findings.append(metadata.finding(
                    "\(Describe.ruleName(rule)) accepts \(what) from \(rule.sourceZone ?? "wan") to \(rule.destinationZone ?? "*")\(family)",
                    evidence: [rule.origin], subject: Describe.ruleName(rule),
                    fix: .removeRule(list: list.name, at: rule.origin.spans.first ?? SourceSpan(file: "", start: 0))))
            }
        }
        return findings
    }
}
