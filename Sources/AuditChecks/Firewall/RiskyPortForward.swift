import AuditCore
import AuditFirewall

/// RA-FW-004: a port forward publishes a risky service from the WAN.
public struct RiskyPortForward: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-FW-004",
        slug: "risky-port-forward",
        title: "Risky service forwarded from the WAN",
        severity: .high,
        area: .fw,
        rationale: """
            Forwarding Telnet, RDP, SMB, SSH, VNC, databases or a device's web interface from the Internet to \
            a LAN host exposes a service built for the LAN to worldwide scanning and brute force; these are \
            the ports ransomware crews scan for.
            """,
        remediation: """
            Remove the forward; reach the service through a VPN instead. If it must stay, restrict the \
            forward to known source addresses.
            """,
        references: [.nist("SC-7", "Boundary protection")],
        dutch: LocalizedText(
            title: "Riskante dienst doorgestuurd vanaf het WAN",
            rationale: """
                Wie Telnet, RDP, SMB, SSH, VNC, databases of de webinterface van een apparaat vanaf internet \
                doorstuurt naar een LAN-host, stelt een dienst die voor het LAN bedoeld is bloot aan scans en \
                raadaanvallen van over de hele wereld; dit zijn precies de poorten waar ransomwarebendes naar zoeken.
                """,
            remediation: """
                Verwijder de port forward en gebruik een VPN om de dienst te bereiken. Moet hij blijven, beperk de \
                forward dan tot bekende bronadressen.
                """),
        examples: [
            .bad(.zyxel, """
                address-object SRV 192.168.1.10
                ↓ip virtual-server RDP interface ge1 original-ip any map-to SRV map-type port protocol tcp original-port 3389 mapped-port 3389
                """),
            .good(.zyxel, """
                address-object SRV 192.168.1.10
                ip virtual-server SIP interface ge1 original-ip any map-to SRV map-type port protocol udp original-port 5060 mapped-port 5060
                """),
            .bad(.drayTek, """
                ↓srv nat portmap add 1 rdp tcp 3389 0 0 192.168.1.10 3389 wan1 0
                """),
            .good(.drayTek, """
                srv nat portmap add 1 sip udp 5060 0 0 192.168.1.10 5060 wan1 0
                """),
            .bad(.pfSense, """
                <pfsense>
                  <interfaces>
                    <wan><enable/><if>igb0</if><ipaddr>dhcp</ipaddr></wan>
                    <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                  <nat>
                ↓    <rule>
                      <source><any/></source>
                      <destination><network>wanip</network><port>3389</port></destination>
                      <protocol>tcp</protocol>
                      <target>192.168.1.20</target>
                      <local-port>3389</local-port>
                      <interface>wan</interface>
                      <associated-rule-id>pass</associated-rule-id>
                    </rule>
                  </nat>
                </pfsense>
                """),
            .good(.opnSense, """
                <opnsense>
                  <interfaces>
                    <wan><enable>1</enable><if>igc0</if><ipaddr>dhcp</ipaddr></wan>
                    <lan><enable>1</enable><if>igc1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                  <nat>
                    <rule>
                      <source><any/></source>
                      <destination><network>wanip</network><port>25565</port></destination>
                      <protocol>tcp</protocol>
                      <target>192.168.1.30</target>
                      <local-port>25565</local-port>
                      <interface>wan</interface>
                      <associated-rule-id>pass</associated-rule-id>
                    </rule>
                  </nat>
                </opnsense>
                """),
            // A FortiOS virtual IP forwards only through a policy that names it; that policy is the
            // rule that lets the translated packet through.
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
                config firewall vip
                ↓    edit "NAS-RDP"
                        set mappedip "192.168.1.20"
                        set extintf "wan1"
                        set portforward enable
                        set extport 3389
                        set mappedport 3389
                    next
                end
                config firewall policy
                ↓    edit 2
                        set srcintf "wan1"
                        set dstintf "internal"
                        set action accept
                        set srcaddr "all"
                ↓        set dstaddr "NAS-RDP"
                        set schedule "always"
                        set service "RDP"
                    next
                end
                """),
            .good(.fortiOS, """
                config system interface
                    edit "wan1"
                        set mode dhcp
                        set role wan
                    next
                end
                config firewall vip
                    edit "NAS-RDP"
                        set mappedip "192.168.1.20"
                        set extintf "wan1"
                        set portforward enable
                        set extport 3389
                        set mappedport 3389
                    next
                end
                """),
            .bad(.huaweiVRP, """
                interface GigabitEthernet0/0/4
                 ip address dhcp-alloc
                 nat outbound 2000
                ↓ nat server protocol tcp global current-interface 3389 inside 192.168.1.20 3389
                #
                return
                """),
            .good(.huaweiVRP, """
                interface GigabitEthernet0/0/4
                 ip address dhcp-alloc
                 nat outbound 2000
                 nat server protocol tcp global current-interface 25565 inside 192.168.1.20 25565
                #
                return
                """),
            .bad(.edgeOS, """
                port-forward {
                    ↓rule 1 {
                        forward-to {
                            address 192.168.1.50
                        }
                        original-port 3389
                        protocol tcp
                    }
                    wan-interface eth0
                }
                """),
            .good(.vyOS, """
                set interfaces ethernet eth0 address 'dhcp'
                set nat destination rule 10 destination port '25565'
                set nat destination rule 10 inbound-interface name 'eth0'
                set nat destination rule 10 protocol 'tcp'
                set nat destination rule 10 translation address '192.168.1.60'
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                interface Dialer1
                 ip address negotiated
                 ip nat outside
                ↓ip nat inside source static tcp 192.168.1.20 3389 interface Dialer1 3389
                """),
            .good(.ciscoIOS, """
                hostname cpe
                interface Dialer1
                 ip address negotiated
                 ip nat outside
                ip nat inside source static tcp 192.168.1.20 25565 interface Dialer1 25565
                """),
            .bad(.openWrt, """
                package firewall
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                ↓config redirect
                	option name 'RDP'
                	option src 'wan'
                	option src_dport '3389'
                	option dest_ip '192.168.1.20'
                	option proto 'tcp'
                	option target 'DNAT'
                """),
            .bad(.junos, """
                set system host-name srx
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security nat destination pool nas-rdp address 192.168.1.20/32 port 3389
                set security nat destination rule-set from-internet from zone untrust
                ↓set security nat destination rule-set from-internet rule rdp match destination-address 0.0.0.0/0
                set security nat destination rule-set from-internet rule rdp match destination-port 3389
                set security nat destination rule-set from-internet rule rdp then destination-nat pool nas-rdp
                """),
            .good(.junos, """
                set system host-name srx
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security nat destination pool game address 192.168.1.30/32 port 25565
                set security nat destination rule-set from-internet from zone untrust
                set security nat destination rule-set from-internet rule game match destination-address 0.0.0.0/0
                set security nat destination rule-set from-internet rule game match destination-port 25565
                set security nat destination rule-set from-internet rule game then destination-nat pool game
                """),
            .bad(.routerOS, """
                /interface list
                add name=WAN
                /interface list member
                add interface=ether1 list=WAN
                /ip firewall nat
                ↓add action=dst-nat chain=dstnat dst-port=3389 in-interface-list=WAN protocol=tcp to-addresses=192.168.88.20
                """),
            .good(.routerOS, """
                /interface list
                add name=WAN
                /interface list member
                add interface=ether1 list=WAN
                /ip firewall nat
                add action=dst-nat chain=dstnat dst-port=25565 in-interface-list=WAN protocol=tcp to-addresses=192.168.88.20
                """),
        ]
    )

    /// Port forwards are followed by the firewall engine: destination NAT where the vendor applies
    /// it, then the filter that sees the translated (or, on Cisco IOS, the untranslated) packet. A
    /// forward whose risky ports that filter blocks is not reported; one that delivers them is,
    /// with a witness packet and the stages it passed.
    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        LANExposure.forwarded(config).compactMap { path in
            guard let forward = path.portForward else { return nil }
            var risky = ExposedPorts.risky(path)
            if case .ranges(let external) = forward.externalPorts {
                // A risky port on the outside is scanned as that service, whatever it maps to.
                risky += RiskyPorts.named(in: external).filter { e in !risky.contains { $0.port == e.port } }
            }
            guard !risky.isEmpty else { return nil }
            let target = forward.internalAddress.map { "\($0)" } ?? "an internal host"
            // "All ports" only when the filter in front lets every one of them through (a
            // one-to-one NAT behind an ACL delivers just what the ACL permits).
            let allPorts = forward.externalPorts.isAny && risky.count == RiskyPorts.table.count
            let names = allPorts ? "all ports" : ExposedPorts.names(risky)
            let from = forward.externalInterface ?? "wan"
            let restricted = forward.allowedSources.isAny ? "from any source" : "from \(forward.allowedSources)"
            let label = forward.label.map { " '\($0)'" } ?? ""
            return metadata.finding(
                "port forward\(label) from \(from) port \(forward.externalPorts) to \(target):\(forward.internalPorts) exposes \(names) \(restricted): \(path.explanation)",
                evidence: path.evidence, subject: "port forward \(from):\(forward.externalPorts)",
                fix: .removePortForward(at: forward.origin.spans.first ?? SourceSpan(file: "", start: 0)),
                severity: allPorts || !forward.allowedSources.isAny ? (allPorts ? .critical : .medium) : nil)
        }
    }
}
