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
        dutch: LocalizedText(
            title: "Any-any-permit op verkeer vanaf het WAN",
            rationale: """
                Een `permit ip any any` in de ACL die inkomend op de internetkant staat (of een OpenWrt-regel die \
                alle protocollen uit de WAN-zone accepteert) zet de firewall uit voor alles wat daarna komt.
                """,
            remediation: """
                Vervang de any-any-regel door regels voor het verkeer dat echt nodig is, met aan het eind een \
                expliciete deny; laat retourverkeer over aan stateful inspection of `established`.
                """),
        examples: [
            .bad(.zyxel, """
                ↓secure-policy 1
                 from WAN
                 to LAN1
                 sourceip any
                 destinationip any
                 service any
                 action allow
                !
                """),
            .good(.zyxel, """
                address-object SRV 192.168.1.10
                secure-policy 1
                 from WAN
                 to LAN1
                 sourceip any
                 destinationip SRV
                 service HTTPS
                 action allow
                !
                """),
            .bad(.drayTek, """
                ↓ipf rule 2 1 -e 1 -D 1 -F "0 0" -M allow-all
                """),
            .good(.drayTek, """
                ipf rule 2 1 -e 1 -D 1 -s "u 1 198.51.100.7" -d "u 1 192.168.1.20" -S "u 17 0,1,65535 0,5060,5060" -F "0 0"
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
                      <ipprotocol>inet</ipprotocol>
                      <source><any/></source>
                      <destination><any/></destination>
                      <descr>temporary: allow all</descr>
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
                      <interface>wan</interface>
                      <protocol>udp</protocol>
                      <source><address>198.51.100.7</address></source>
                      <destination><network>wanip</network><port>500</port></destination>
                      <descr>IKE from the branch</descr>
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
                config firewall policy
                ↓    edit 3
                        set name "temp allow all"
                        set srcintf "wan1"
                        set dstintf "internal"
                        set action accept
                        set srcaddr "all"
                        set dstaddr "all"
                        set schedule "always"
                        set service "ALL"
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
                        set service "ALL"
                        set nat enable
                    next
                end
                """),
            .bad(.huaweiVRP, """
                acl number 3001
                ↓ rule 5 permit ip
                 rule 10 deny tcp destination-port eq telnet
                #
                interface GigabitEthernet0/0/4
                 ip address dhcp-alloc
                 traffic-filter inbound acl 3001
                #
                return
                """),
            .good(.huaweiVRP, """
                acl number 3001
                 rule 5 permit tcp tcp-flag established
                 rule 100 deny ip
                #
                interface GigabitEthernet0/0/4
                 ip address dhcp-alloc
                 traffic-filter inbound acl 3001
                #
                return
                """),
            .bad(.edgeOS, """
                firewall {
                    name WAN_IN {
                        default-action drop
                        ↓rule 10 {
                            action accept
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
            .bad(.junos, """
                set system host-name srx
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security zones security-zone trust interfaces ge-0/0/1.0
                ↓set security policies from-zone untrust to-zone trust policy any-in match source-address any
                set security policies from-zone untrust to-zone trust policy any-in match destination-address any
                set security policies from-zone untrust to-zone trust policy any-in match application any
                set security policies from-zone untrust to-zone trust policy any-in then permit
                """),
            .good(.junos, """
                set system host-name srx
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security zones security-zone trust interfaces ge-0/0/1.0
                set security policies from-zone trust to-zone untrust policy any-out match source-address any
                set security policies from-zone trust to-zone untrust policy any-out match destination-address any
                set security policies from-zone trust to-zone untrust policy any-out match application any
                set security policies from-zone trust to-zone untrust policy any-out then permit
                """),
            .bad(.routerOS, """
                /interface list
                add name=WAN
                /interface list member
                add interface=pppoe-out1 list=WAN
                /ip firewall filter
                ↓add action=accept chain=input in-interface-list=WAN
                add action=drop chain=input in-interface-list=WAN
                """),
            .good(.routerOS, """
                /interface list
                add name=WAN
                /interface list member
                add interface=pppoe-out1 list=WAN
                /ip firewall filter
                add action=accept chain=input connection-state=established,related in-interface-list=WAN
                add action=drop chain=input in-interface-list=WAN
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
                    fix: WANRules.removal(of: rule, in: list.name)))
            }
        }
        for permit in WANRules.permits(in: config, includingAnyZone: true)
        where permit.rule.matchesEverything && permit.rule.chain != .output {
            let rule = permit.rule
            let target = rule.chain == .forward ? "to zone \(rule.destinationZone ?? "*")" : "to the router"
            findings.append(metadata.finding(
                "\(Describe.ruleName(rule)) accepts any protocol from any source in zone \(permit.zone) \(target)",
                evidence: [rule.origin], subject: Describe.ruleName(rule),
                fix: WANRules.removal(of: rule, in: permit.list.name), severity: .critical))
        }
        return findings
    }
}
