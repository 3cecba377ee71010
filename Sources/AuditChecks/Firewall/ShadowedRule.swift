import AuditCore

/// RA-FW-005: a rule can never match because earlier rules match everything it would.
public struct ShadowedRule: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-FW-005",
        slug: "shadowed-rule",
        title: "Rule can never match (shadowed)",
        severity: .low,
        area: .fw,
        rationale: """
            A rule placed after a broader one never takes effect. When its action differs, the firewall does \
            not do what its author intended (a deny that never blocks); when it is the same, it is dead weight \
            that hides the real policy.
            """,
        remediation: "Move the rule above the rule that shadows it, or delete it if it is redundant.",
        references: [.nist("SC-7", "Boundary protection")],
        dutch: LocalizedText(
            title: "Regel kan nooit matchen (overschaduwd)",
            rationale: """
                Een regel die na een ruimere regel staat, heeft nooit effect. Is de actie anders, dan doet de \
                firewall niet wat de maker bedoelde (een deny die nooit iets blokkeert); is de actie gelijk, dan is \
                het ballast die het echte beleid verbergt.
                """,
            remediation: "Zet de regel boven de regel die hem overschaduwt, of verwijder hem als hij overbodig is."),
        examples: [
            .bad(.pfSense, """
                <pfsense>
                  <interfaces>
                    <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                  <filter>
                ↓    <rule>
                      <type>pass</type>
                      <interface>lan</interface>
                      <protocol>tcp</protocol>
                      <source><any/></source>
                      <destination><any/></destination>
                    </rule>
                ↓    <rule>
                      <type>block</type>
                      <interface>lan</interface>
                      <protocol>tcp</protocol>
                      <source><any/></source>
                      <destination><any/><port>25</port></destination>
                    </rule>
                  </filter>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <interfaces>
                    <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                  <filter>
                    <rule>
                      <type>block</type>
                      <interface>lan</interface>
                      <protocol>tcp</protocol>
                      <source><any/></source>
                      <destination><any/><port>25</port></destination>
                    </rule>
                    <rule>
                      <type>pass</type>
                      <interface>lan</interface>
                      <protocol>tcp</protocol>
                      <source><any/></source>
                      <destination><any/></destination>
                    </rule>
                  </filter>
                </pfsense>
                """),
            .bad(.fortiOS, """
                config system interface
                    edit "internal"
                        set role lan
                    next
                    edit "wan1"
                        set role wan
                    next
                end
                config firewall address
                    edit "LAN_NET"
                        set subnet 192.168.1.0 255.255.255.0
                    next
                end
                config firewall policy
                ↓    edit 1
                        set srcintf "internal"
                        set dstintf "wan1"
                        set action accept
                        set srcaddr "LAN_NET"
                        set dstaddr "all"
                        set schedule "always"
                        set service "ALL"
                    next
                ↓    edit 2
                        set srcintf "internal"
                        set dstintf "wan1"
                        set srcaddr "LAN_NET"
                        set dstaddr "all"
                        set schedule "always"
                        set service "TELNET"
                    next
                end
                """),
            .good(.fortiOS, """
                config system interface
                    edit "internal"
                        set role lan
                    next
                    edit "wan1"
                        set role wan
                    next
                end
                config firewall address
                    edit "LAN_NET"
                        set subnet 192.168.1.0 255.255.255.0
                    next
                end
                config firewall policy
                    edit 2
                        set srcintf "internal"
                        set dstintf "wan1"
                        set srcaddr "LAN_NET"
                        set dstaddr "all"
                        set schedule "always"
                        set service "TELNET"
                    next
                    edit 1
                        set srcintf "internal"
                        set dstintf "wan1"
                        set action accept
                        set srcaddr "LAN_NET"
                        set dstaddr "all"
                        set schedule "always"
                        set service "ALL"
                    next
                end
                """),
            .bad(.huaweiVRP, """
                acl number 3001
                ↓ rule 5 deny ip
                ↓ rule 10 permit icmp
                #
                return
                """),
            .good(.huaweiVRP, """
                acl number 3001
                 rule 5 permit icmp
                 rule 10 deny ip
                #
                return
                """),
            .bad(.vyOS, """
                ↓set firewall name LAN_IN rule 10 action 'drop'
                set firewall name LAN_IN rule 10 destination port '23'
                set firewall name LAN_IN rule 10 protocol 'tcp'
                ↓set firewall name LAN_IN rule 20 action 'drop'
                set firewall name LAN_IN rule 20 destination port '23'
                set firewall name LAN_IN rule 20 protocol 'tcp'
                """),
            .good(.vyOS, """
                set firewall name LAN_IN rule 10 action 'drop'
                set firewall name LAN_IN rule 10 destination port '23'
                set firewall name LAN_IN rule 10 protocol 'tcp'
                set firewall name LAN_IN rule 20 action 'drop'
                set firewall name LAN_IN rule 20 destination port '25'
                set firewall name LAN_IN rule 20 protocol 'tcp'
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ip access-list extended RESTRICT_IN
                ↓ deny ip any any
                ↓ permit icmp any any
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓access-list 110 permit tcp 10.0.0.0 0.255.255.255 any
                ↓access-list 110 permit tcp 10.1.0.0 0.0.255.255 any eq 22
                ↓access-list 110 deny tcp 10.1.2.0 0.0.0.255 any eq 22
                """),
            .good(.ciscoIOS, """
                hostname cpe
                ip access-list extended RESTRICT_IN
                 permit icmp any any
                 deny ip any any
                """),
            .bad(.junos, """
                set system host-name srx
                set security zones security-zone trust interfaces ge-0/0/1.0
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security address-book global address printer 192.168.1.40/32
                ↓set security policies from-zone trust to-zone untrust policy all-out match source-address any
                set security policies from-zone trust to-zone untrust policy all-out match destination-address any
                set security policies from-zone trust to-zone untrust policy all-out match application any
                set security policies from-zone trust to-zone untrust policy all-out then permit
                ↓set security policies from-zone trust to-zone untrust policy no-printer match source-address printer
                set security policies from-zone trust to-zone untrust policy no-printer match destination-address any
                set security policies from-zone trust to-zone untrust policy no-printer match application any
                set security policies from-zone trust to-zone untrust policy no-printer then deny
                """),
            .good(.junos, """
                set system host-name srx
                set security zones security-zone trust interfaces ge-0/0/1.0
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security address-book global address printer 192.168.1.40/32
                set security policies from-zone trust to-zone untrust policy no-printer match source-address printer
                set security policies from-zone trust to-zone untrust policy no-printer match destination-address any
                set security policies from-zone trust to-zone untrust policy no-printer match application any
                set security policies from-zone trust to-zone untrust policy no-printer then deny
                set security policies from-zone trust to-zone untrust policy all-out match source-address any
                set security policies from-zone trust to-zone untrust policy all-out match destination-address any
                set security policies from-zone trust to-zone untrust policy all-out match application any
                set security policies from-zone trust to-zone untrust policy all-out then permit
                """),
            .bad(.routerOS, """
                /ip firewall filter
                ↓add action=drop chain=input in-interface=ether1
                ↓add action=accept chain=input dst-port=22 in-interface=ether1 protocol=tcp
                """),
            // The default configuration's input chain: state matches keep the rules apart.
            .good(.routerOS, """
                /ip firewall filter
                add action=accept chain=input connection-state=established,related,untracked
                add action=drop chain=input connection-state=invalid
                add action=accept chain=input protocol=icmp
                add action=accept chain=input dst-address=127.0.0.1
                add action=drop chain=input in-interface-list=!LAN
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        for (list, analysis) in RuleAnalyses.of(config) {
            if let stopped = analysis.stoppedAt {
                findings.append(metadata.finding(
                    "\(listName(list)) has \(list.rules.count) rules: the exact analysis stopped at its bound at rule \(stopped + 1); rules after it were not checked",
                    evidence: [list.origin], subject: "list \(list.name) bound",
                    fix: .manual("split the rule list or review it by hand past the bound"), severity: .info))
            }
            for (j, outcome) in analysis.outcomes.enumerated() {
                guard case .shadowed(let by) = outcome, !by.isEmpty else { continue }
                let rule = list.rules[j]
                let covers = by.map { list.rules[$0] }
                let same = covers.allSatisfy { $0.action == rule.action }
                let kind = same ? "it is redundant" : "its \(rule.action.rawValue) never takes effect"
                let names = covers.map { "\(Describe.ruleName($0)) (\(Describe.rule($0)))" }.joined(separator: " and ")
                findings.append(metadata.finding(
                    "\(listName(list)): \(Describe.ruleName(rule)) (\(Describe.rule(rule))) can never match, shadowed by \(names); \(kind)",
                    evidence: [rule.origin] + covers.map(\.origin), subject: "\(list.name) \(Describe.rule(rule))",
                    fix: .removeRule(list: list.name, at: rule.origin.spans.first ?? SourceSpan(file: "", start: 0)),
                    severity: same ? nil : .medium))
            }
        }
        return findings
    }

    private func listName(_ list: FilterList) -> String {
        list.kind == .zoneRules ? "firewall rules" : "acl \(list.name)"
    }
}
