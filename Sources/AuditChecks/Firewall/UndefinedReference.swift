import AuditCore

/// RA-FW-006: a configuration line refers to an ACL, zone or object that does not exist.
public struct UndefinedReference: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-FW-006",
        slug: "undefined-reference",
        title: "Reference to an undefined filter or object",
        severity: .medium,
        area: .fw,
        rationale: """
            On IOS an `ip access-group` naming an ACL that does not exist filters nothing: the interface \
            permits everything while the configuration looks protected. Dangling references elsewhere usually \
            mean a half-finished change.
            """,
        remediation: "Define the missing ACL or object, or remove the reference.",
        references: [.nist("CM-6", "Configuration settings")],
        dutch: LocalizedText(
            title: "Verwijzing naar een niet-bestaand filter of object",
            rationale: """
                Op IOS filtert een `ip access-group` die naar een niet-bestaande ACL verwijst helemaal niets: de \
                interface laat alles door terwijl de configuratie beveiligd lijkt. Loze verwijzingen elders wijzen \
                meestal op een half afgemaakte wijziging.
                """,
            remediation: "Definieer de ontbrekende ACL of het ontbrekende object, of verwijder de verwijzing."),
        examples: [
            .bad(.pfSense, """
                <pfsense>
                  <interfaces>
                    <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                  <filter>
                ↓    <rule>
                      <type>block</type>
                      <interface>opt7</interface>
                      <source><any/></source>
                      <destination><any/></destination>
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
                      <source><any/></source>
                      <destination><any/></destination>
                    </rule>
                  </filter>
                </pfsense>
                """),
            .bad(.fortiOS, """
                config system interface
                    edit "internal"
                        set ip 192.168.1.99 255.255.255.0
                    next
                    edit "wan1"
                        set mode dhcp
                    next
                end
                config firewall policy
                    edit 1
                        set srcintf "internal"
                        set dstintf "wan1"
                        set action accept
                ↓        set srcaddr "Users_Subnet"
                        set dstaddr "all"
                        set schedule "always"
                        set service "ALL"
                    next
                end
                """),
            .good(.fortiOS, """
                config system interface
                    edit "internal"
                        set ip 192.168.1.99 255.255.255.0
                    next
                    edit "wan1"
                        set mode dhcp
                    next
                end
                config firewall address
                    edit "Users_Subnet"
                        set subnet 192.168.1.0 255.255.255.0
                    next
                end
                config firewall policy
                    edit 1
                        set srcintf "internal"
                        set dstintf "wan1"
                        set action accept
                        set srcaddr "Users_Subnet"
                        set dstaddr "all"
                        set schedule "always"
                        set service "ALL"
                    next
                end
                """),
            .bad(.huaweiVRP, """
                interface GigabitEthernet0/0/4
                 ip address dhcp-alloc
                ↓ traffic-filter inbound acl 3999
                #
                return
                """),
            .good(.huaweiVRP, """
                acl number 3999
                 rule 5 permit tcp tcp-flag established
                 rule 100 deny ip
                #
                interface GigabitEthernet0/0/4
                 ip address dhcp-alloc
                 traffic-filter inbound acl 3999
                #
                return
                """),
            .bad(.edgeOS, """
                interfaces {
                    ethernet eth0 {
                        address dhcp
                        firewall {
                            local {
                                ↓name WAN_LOCAL
                            }
                        }
                    }
                }
                """),
            .good(.edgeOS, """
                firewall {
                    name WAN_LOCAL {
                        default-action drop
                    }
                }
                interfaces {
                    ethernet eth0 {
                        address dhcp
                        firewall {
                            local {
                                name WAN_LOCAL
                            }
                        }
                    }
                }
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                interface GigabitEthernet2
                ↓ ip access-group BLOCK_TRANSIT_LINKS in
                """),
            .good(.ciscoIOS, """
                hostname cpe
                interface GigabitEthernet2
                 ip access-group BLOCK_TRANSIT_LINKS in
                ip access-list extended BLOCK_TRANSIT_LINKS
                 deny ip any 10.255.0.0 0.0.255.255
                 permit ip any any
                """),
            .bad(.junos, """
                set system host-name srx
                set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.2/30
                ↓set interfaces ge-0/0/0 unit 0 family inet filter input WAN-IN
                """),
            .bad(.junos, """
                set system host-name srx
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security zones security-zone trust interfaces ge-0/0/1.0
                set security policies from-zone untrust to-zone trust policy web match source-address any
                ↓set security policies from-zone untrust to-zone trust policy web match destination-address web-server
                set security policies from-zone untrust to-zone trust policy web match application junos-https
                set security policies from-zone untrust to-zone trust policy web then deny
                """),
            .good(.junos, """
                set system host-name srx
                set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.2/30
                set interfaces ge-0/0/0 unit 0 family inet filter input WAN-IN
                set firewall family inet filter WAN-IN term established from protocol tcp
                set firewall family inet filter WAN-IN term established from tcp-established
                set firewall family inet filter WAN-IN term established then accept
                """),
            // An OpenVPN server whose users are checked by an authentication server that does not exist.
            .bad(.pfSense, """
                <pfsense>
                  <openvpn>
                    <openvpn-server>
                      <vpnid>1</vpnid>
                ↓      <authmode>CorpRADIUS</authmode>
                    </openvpn-server>
                  </openvpn>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <system>
                    <authserver>
                      <type>radius</type>
                      <name>CorpRADIUS</name>
                      <host>192.168.1.5</host>
                    </authserver>
                  </system>
                  <openvpn>
                    <openvpn-server>
                      <vpnid>1</vpnid>
                      <authmode>CorpRADIUS,Local Database</authmode>
                    </openvpn-server>
                  </openvpn>
                </pfsense>
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        let filters = Set(config.filters.map(\.name))
        let zones = Set(config.zones.map(\.name) + ["*"])
        return config.references.compactMap { reference in
            let defined: Bool
            switch reference.kind {
            case .filter: defined = filters.contains(reference.name)
            case .zone: defined = zones.contains(reference.name)
            case .interface: defined = config.interfaces.contains { $0.name == reference.name }
            case .addressObject: defined = !reference.knownUndefined
            case .authServer: defined = config.authServers.contains { $0.name == reference.name }
            }
            guard !defined else { return nil }
            let effect = reference.filtersTraffic && reference.kind == .filter ? ": no filtering is applied" : ""
            return metadata.finding(
                "\(reference.context) references \(reference.kind.rawValue) '\(reference.name)' that is not defined\(effect)",
                evidence: [reference.origin], subject: "\(reference.kind.rawValue) \(reference.name)",
                fix: .defineOrRemoveReference(name: reference.name, at: reference.origin.spans.first ?? SourceSpan(file: "", start: 0)),
                severity: reference.filtersTraffic ? .high : .low)
        }
    }
}
