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
        dutch: LocalizedText(
            title: "WAN-verkeer standaard geaccepteerd",
            rationale: """
                De standaardpolicy van het WAN beslist over elk pakket waar geen regel iets over zegt. ACCEPT als \
                input- of forward-policy van de WAN-zone, of een WAN-interface zonder inkomende ACL, stelt elke \
                dienst van de router (en bij forward ook die van het LAN) bloot waar niemand aan gedacht heeft.
                """,
            remediation: """
                Zet de input- en forward-policy van de WAN-zone op REJECT of DROP (OpenWrt), of zet een inkomende \
                ACL die eindigt op deny op de WAN-interface (Cisco), en sta uitzonderingen daarna expliciet toe.
                """),
        examples: [
            .bad(.pfSense, """
                <pfsense>
                  <system>
                ↓    <disablefilter/>
                  </system>
                  <interfaces>
                    <wan><enable/><if>igb0</if><ipaddr>dhcp</ipaddr></wan>
                    <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                </pfsense>
                """),
            .good(.opnSense, """
                <opnsense>
                  <interfaces>
                    <wan><enable>1</enable><if>igc0</if><ipaddr>dhcp</ipaddr></wan>
                    <lan><enable>1</enable><if>igc1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                </opnsense>
                """),
            .bad(.huaweiVRP, """
                ↓interface GigabitEthernet0/0/4
                 description uplink to ISP
                 ip address dhcp-alloc
                 nat outbound 2000
                #
                return
                """),
            .good(.huaweiVRP, """
                acl number 3000
                 rule 5 permit tcp tcp-flag established
                 rule 100 deny ip
                #
                interface GigabitEthernet0/0/4
                 description uplink to ISP
                 ip address dhcp-alloc
                 traffic-filter inbound acl 3000
                 nat outbound 2000
                #
                return
                """),
            // FortiOS drops what no policy accepts (implicit deny policy 0).
            .good(.fortiOS, """
                config system interface
                    edit "wan1"
                        set mode dhcp
                        set allowaccess ping
                        set role wan
                    next
                end
                """),
            .bad(.vyOS, """
                ↓set interfaces ethernet eth0 address 'dhcp'
                set interfaces ethernet eth1 address '192.168.1.1/24'
                """),
            .good(.edgeOS, """
                firewall {
                    name WAN_IN {
                        default-action drop
                    }
                    name WAN_LOCAL {
                        default-action drop
                    }
                }
                interfaces {
                    ethernet eth0 {
                        address dhcp
                        firewall {
                            in {
                                name WAN_IN
                            }
                            local {
                                name WAN_LOCAL
                            }
                        }
                    }
                }
                """),
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
            .bad(.junos, """
                set system host-name srx
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security zones security-zone trust interfaces ge-0/0/1.0
                ↓set security policies default-policy permit-all
                """),
            .good(.junos, """
                set system host-name srx
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security zones security-zone trust interfaces ge-0/0/1.0
                set security policies default-policy deny-all
                """),
            .bad(.routerOS, """
                /ip dhcp-client
                ↓add interface=ether1
                /ip firewall filter
                add action=drop chain=forward in-interface=ether1
                """),
            .good(.routerOS, """
                /ip dhcp-client
                add interface=ether1
                /ip firewall filter
                add action=accept chain=input connection-state=established,related
                add action=drop chain=input in-interface=ether1
                add action=drop chain=forward connection-nat-state=!dstnat connection-state=new in-interface=ether1
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        for zone in config.zones where zone.role.value == .wan {
            for (chain, policy) in [(Chain.input, zone.input), (.forward, zone.forward)] where policy.value == .permit {
                let what = chain == .input ? "traffic to the router" : "traffic forwarded through the router"
                // A policy that rests on the platform default means no rule or policy was written for it.
                let how = policy.origin.isVendorDefault
                    ? "the \(chain.rawValue) chain has no final drop rule and ends in the platform default ACCEPT"
                    : "\(chain.rawValue) ACCEPT"
                findings.append(metadata.finding(
                    "wan zone \(zone.name) is unfiltered: it accepts \(what) by default (\(how))",
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
