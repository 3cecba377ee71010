import AuditCore
import AuditFirewall

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
        dutch: LocalizedText(
            title: "Doorsturen van WAN naar LAN toegestaan",
            rationale: """
                Apparaten in het LAN (printers, NAS'en, pc's) zijn niet gehard voor het internet. Een \
                zone-forwarding of regel die WAN-verkeer naar het LAN accepteert, stelt ze bloot; bij IPv6 en \
                gerouteerde prefixen zelfs zonder port forward.
                """,
            remediation: """
                Verwijder de WAN-naar-LAN-forwarding of -regel; maak de paar diensten die nodig zijn bereikbaar met \
                expliciete port forwards die beperkt zijn tot bekende bronadressen.
                """),
        examples: [
            .bad(.zyxel, """
                address-object SRV 192.168.1.10
                ↓secure-policy 1
                 from WAN
                 to LAN1
                 destinationip SRV
                 service HTTPS
                 action allow
                !
                """),
            .good(.zyxel, """
                secure-policy 1
                 from LAN1
                 to WAN
                 action allow
                !
                """),
            .bad(.drayTek, """
                ↓ipf rule 2 1 -e 1 -D 1 -d "u 1 192.168.1.10" -S "u 6 0,1,65535 0,3389,3389" -F "0 0" -M rdp
                """),
            .good(.drayTek, """
                ipf rule 2 1 -e 1 -D 0 -F "0 0" -M lan-out
                ipf rule 2 2 -e 1 -D 1 -d "u 1 192.168.1.10" -S "u 6 0,1,65535 0,3389,3389" -F "1 1" -M no-rdp
                """),
            .bad(.pfSense, """
                <pfsense>
                  <interfaces>
                    <wan><enable/><if>igb0</if><ipaddr>dhcp</ipaddr></wan>
                    <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                  <filter>
                ↓    <rule>
                      <type>pass</type>
                      <interface>wan</interface>
                      <protocol>tcp</protocol>
                      <source><any/></source>
                      <destination><network>lan</network><port>80</port></destination>
                      <descr>web server</descr>
                    </rule>
                  </filter>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <interfaces>
                    <wan><enable/><if>igb0</if><ipaddr>dhcp</ipaddr></wan>
                    <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                  <filter>
                    <rule>
                      <type>pass</type>
                      <interface>lan</interface>
                      <source><network>lan</network></source>
                      <destination><any/></destination>
                      <descr>Default allow LAN to any rule</descr>
                    </rule>
                  </filter>
                </pfsense>
                """),
            .bad(.fortiOS, """
                config system interface
                    edit "wan1"
                        set mode dhcp
                        set role wan
                    next
                    edit "internal"
                        set ip 192.168.1.99 255.255.255.0
                        set role lan
                    next
                end
                config firewall address
                    edit "NAS"
                        set subnet 192.168.1.20 255.255.255.255
                    next
                end
                config firewall policy
                ↓    edit 2
                        set srcintf "wan1"
                        set dstintf "internal"
                        set action accept
                        set srcaddr "all"
                        set dstaddr "NAS"
                        set schedule "always"
                        set service "SMB"
                    next
                end
                """),
            .good(.fortiOS, """
                config system interface
                    edit "wan1"
                        set mode dhcp
                        set role wan
                    next
                    edit "internal"
                        set ip 192.168.1.99 255.255.255.0
                        set role lan
                    next
                end
                config firewall policy
                    edit 1
                        set srcintf "internal"
                        set dstintf "wan1"
                        set action accept
                        set srcaddr "all"
                        set dstaddr "all"
                        set schedule "always"
                        set service "HTTP" "HTTPS" "DNS"
                        set nat enable
                    next
                end
                """),
            .bad(.edgeOS, """
                firewall {
                    name WAN_IN {
                        default-action drop
                        rule 10 {
                            action accept
                            state {
                                established enable
                                related enable
                            }
                        }
                        ↓rule 20 {
                            action accept
                            destination {
                                address 192.168.1.10
                                port 3389
                            }
                            protocol tcp
                        }
                    }
                }
                interfaces {
                    ethernet eth0 {
                        address dhcp
                        firewall {
                            in {
                                name WAN_IN
                            }
                        }
                    }
                }
                """),
            .good(.vyOS, """
                set firewall name WAN_IN default-action 'drop'
                set firewall name WAN_IN rule 10 action 'accept'
                set firewall name WAN_IN rule 10 state established 'enable'
                set firewall name WAN_IN rule 10 state related 'enable'
                set interfaces ethernet eth0 address 'dhcp'
                set interfaces ethernet eth0 firewall in name 'WAN_IN'
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
            .bad(.junos, """
                set system host-name srx
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security zones security-zone trust interfaces ge-0/0/1.0
                set security address-book global address nas 192.168.1.20/32
                ↓set security policies from-zone untrust to-zone trust policy nas-web match source-address any
                set security policies from-zone untrust to-zone trust policy nas-web match destination-address nas
                set security policies from-zone untrust to-zone trust policy nas-web match application junos-http
                set security policies from-zone untrust to-zone trust policy nas-web then permit
                """),
            .good(.junos, """
                set system host-name srx
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security zones security-zone trust interfaces ge-0/0/1.0
                set security policies from-zone trust to-zone untrust policy web match source-address any
                set security policies from-zone trust to-zone untrust policy web match destination-address any
                set security policies from-zone trust to-zone untrust policy web match application junos-https
                set security policies from-zone trust to-zone untrust policy web then permit
                """),
            .bad(.routerOS, """
                /interface list
                add name=WAN
                add name=LAN
                /interface list member
                add interface=ether1 list=WAN
                add interface=bridge list=LAN
                /ip firewall filter
                ↓add action=accept chain=forward dst-port=445 in-interface-list=WAN out-interface-list=LAN protocol=tcp
                add action=drop chain=forward in-interface-list=WAN
                """),
            .good(.routerOS, """
                /interface list
                add name=WAN
                add name=LAN
                /interface list member
                add interface=ether1 list=WAN
                add interface=bridge list=LAN
                /ip firewall filter
                add action=accept chain=forward connection-state=established,related
                add action=drop chain=forward connection-nat-state=!dstnat connection-state=new in-interface-list=WAN
                """),
        ]
    )

    /// One finding per rule or forwarding that lets new WAN connections through to inside hosts
    /// beyond what the port forwards declare, found by the firewall engine (first-match over the
    /// forward chain, then the forwarding or zone policy) with a witness packet. Paths decided by
    /// a zone's accepting forward policy are RA-FW-002's; any-any rules are RA-FW-001's; rules
    /// written for a port forward that admit more than it are reported here for what lies beyond
    /// the forward, and by RA-FW-011 as broader than their forward.
    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        var reported: Set<String> = []
        for path in LANExposure.routed(config) where !path.decidedByPolicy {
            if let rule = path.decidingRule, rule.matchesEverything { continue }
            let step = path.decisive
            let subject = path.decidingRule.map(Self.subject) ?? step.decidedBy
            guard reported.insert(subject).inserted else { continue }
            let opened = ExposedPorts.describe(path)
            let message: FindingText = "\(step.decidedBy) lets new connections from the wan through to \(opened): \(path.explanation)"
            if let rule = path.decidingRule {
                let list = WANRules.list(holding: rule, in: config)?.name ?? "rules"
                findings.append(metadata.finding(message, evidence: path.evidence, subject: subject,
                                                 fix: WANRules.removal(of: rule, in: list)))
            } else if let forwarding = config.zoneForwardings.first(where: { $0.origin == step.origin }) {
                findings.append(metadata.finding(
                    message, evidence: path.evidence, subject: "forwarding \(forwarding.from)->\(forwarding.to)",
                    fix: forwarding.origin.spans.first.map { .removeZoneForwarding(from: forwarding.from, to: forwarding.to, at: $0) }
                        ?? .manual("remove the forwarding from \(forwarding.from) to \(forwarding.to)"), severity: .critical))
            }
        }
        return findings
    }

    /// Named rules by name; unnamed ones (Cisco ACL entries) by their text, which stays the same
    /// when lines move (a remediation's rollback re-adds an entry elsewhere).
    static func subject(_ rule: FilterRule) -> String {
        rule.label == nil ? "rule \(Describe.rule(rule))" : Describe.ruleName(rule)
    }
}
