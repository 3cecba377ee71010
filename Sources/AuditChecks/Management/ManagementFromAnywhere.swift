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
        dutch: LocalizedText(
            title: "Beheer bereikbaar vanaf elk adres",
            rationale: """
                Een inlogscherm dat vanaf het hele internet bereikbaar is, wordt dag en nacht bestookt met \
                raadpogingen en is het eerste wat een exploit voor de beheersoftware van het apparaat bereikt. Beheer hoort alleen \
                vanaf een beheernetwerk bereikbaar te zijn.
                """,
            remediation: """
                Beperk beheer tot vertrouwde bronnen: een `access-class` op elke vty-line en \
                `ip http access-class` (Cisco); bind dropbear en uhttpd aan het LAN en houd de input-policy van de \
                WAN-zone op REJECT (OpenWrt).
                """),
        examples: [
            .bad(.zyxel, """
                interface ge1
                 type external
                 ip address dhcp
                !
                no ip http server
                no ip http secure-server
                ↓ip ssh server
                ↓secure-policy 1
                 from WAN
                 to ZyWALL
                 action allow
                !
                """),
            .good(.zyxel, """
                interface ge1
                 type external
                 ip address dhcp
                !
                ip ssh server
                """),
            .bad(.drayTek, """
                ↓mngt rmtcfg enable
                """),
            .good(.drayTek, """
                mngt rmtcfg disable
                """),
            .bad(.pfSense, """
                <pfsense>
                  <system>
                ↓  <webgui><protocol>https</protocol></webgui>
                  </system>
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
                      <destination><network>(self)</network><port>443</port></destination>
                      <descr>remote admin</descr>
                    </rule>
                  </filter>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <system>
                    <webgui><protocol>https</protocol></webgui>
                  </system>
                  <interfaces>
                    <wan><enable/><if>igb0</if><ipaddr>dhcp</ipaddr><blockpriv/><blockbogons/></wan>
                    <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                </pfsense>
                """),
            .bad(.fortiOS, """
                config system interface
                    edit "wan1"
                        set mode dhcp
                ↓        set allowaccess ping https ssh
                        set role wan
                    next
                end
                """),
            // FortiOS restricts logins per administrator (`trusthost1..10`), not per service.
            .bad(.fortiOS, """
                config system admin
                ↓    edit "admin"
                        set accprofile "super_admin"
                        set password ENC SH2obLD1OX2BxgpOktcnBLS9NPiKowWF55v+S0ECF1/Gk2ggRf3G/JDC/oRUMs=
                    next
                end
                """),
            .good(.fortiOS, """
                config system interface
                    edit "wan1"
                        set mode dhcp
                        set allowaccess ping
                        set role wan
                    next
                    edit "internal"
                        set ip 192.168.1.99 255.255.255.0
                        set allowaccess ping https ssh
                        set role lan
                    next
                end
                config system admin
                    edit "admin"
                        set accprofile "super_admin"
                        set trusthost1 192.168.1.0 255.255.255.0
                        set password ENC SH2obLD1OX2BxgpOktcnBLS9NPiKowWF55v+S0ECF1/Gk2ggRf3G/JDC/oRUMs=
                    next
                end
                """),
            .bad(.huaweiVRP, """
                #
                 stelnet server enable
                #
                ↓user-interface vty 0 4
                 authentication-mode aaa
                 protocol inbound ssh
                #
                return
                """),
            .good(.huaweiVRP, """
                #
                acl number 2001
                 rule 5 permit source 192.168.10.0 0.0.0.255
                #
                 stelnet server enable
                #
                user-interface vty 0 4
                 acl 2001 inbound
                 authentication-mode aaa
                 protocol inbound ssh
                #
                return
                """),
            .bad(.vyOS, """
                set interfaces ethernet eth0 address 'dhcp'
                ↓set service ssh port '22'
                """),
            .good(.edgeOS, """
                firewall {
                    name WAN_LOCAL {
                        default-action drop
                        rule 10 {
                            action accept
                            state {
                                established enable
                                related enable
                            }
                        }
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
                    ethernet eth1 {
                        address 192.168.1.1/24
                    }
                }
                service {
                    gui {
                        listen-address 192.168.1.1
                    }
                    ssh {
                        listen-address 192.168.1.1
                    }
                }
                """),
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
            .bad(.junos, """
                set system host-name srx
                ↓set system services ssh
                set interfaces ge-0/0/0 unit 0 family inet dhcp
                set security zones security-zone untrust interfaces ge-0/0/0.0
                ↓set security zones security-zone untrust host-inbound-traffic system-services ssh
                """),
            .good(.junos, """
                set system host-name srx
                set system services ssh
                set interfaces ge-0/0/0 unit 0 family inet dhcp
                set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
                set security zones security-zone untrust interfaces ge-0/0/0.0
                set security zones security-zone untrust host-inbound-traffic system-services ike
                set security zones security-zone trust interfaces ge-0/0/1.0
                set security zones security-zone trust host-inbound-traffic system-services ssh
                """),
            .bad(.routerOS, """
                /ip dhcp-client
                add interface=ether1
                /ip service
                set telnet disabled=yes
                set ftp disabled=yes
                set www disabled=yes
                set ssh disabled=yes
                set api disabled=yes
                set api-ssl disabled=yes
                /tool mac-server
                set allowed-interface-list=none
                /tool mac-server mac-winbox
                set allowed-interface-list=none
                /ip firewall filter
                ↓add action=accept chain=input dst-port=8291 in-interface=ether1 protocol=tcp
                add action=drop chain=input in-interface=ether1
                """),
            .good(.routerOS, """
                /interface list
                add name=WAN
                add name=LAN
                /interface list member
                add interface=ether1 list=WAN
                add interface=bridge list=LAN
                /ip firewall filter
                add action=accept chain=input connection-state=established,related,untracked
                add action=drop chain=input connection-state=invalid
                add action=drop chain=input in-interface-list=!LAN
                """),
            // No interface is known to face the Internet and nothing filters: every interface reaches SSH.
            .bad(.vyOS, """
                set interfaces ethernet eth0 address '172.18.201.9/24'
                set interfaces ethernet eth1 address '172.18.202.9/24'
                set protocols ospf area 0 network '172.18.201.0/24'
                ↓set service ssh port '22'
                """),
            .good(.vyOS, """
                set interfaces ethernet eth0 address '172.18.201.9/24'
                set interfaces ethernet eth1 address '172.18.202.9/24'
                set protocols ospf area 0 network '172.18.201.0/24'
                set service ssh port '22'
                set service ssh listen-address '172.18.201.9'
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
            if let exposure = WANExposure.exposure(for: service, in: config) {
                let critical = service.kind.isCleartext
                findings.append(metadata.finding(
                    "\(service.kind.rawValue) management on port \(service.effectivePort) is reachable from the wan: \(exposure.explanation)",
                    evidence: exposure.evidence, subject: "service \(service.kind.rawValue)",
                    fix: .restrictService(service.kind, to: [.lan, .mgmt]),
                    severity: critical ? .critical : .high))
            } else if config.zones.isEmpty, service.accessFilter == nil, service.kind == .http || service.kind == .https {
                findings.append(metadata.finding(
                    "\(service.kind.rawValue) management accepts connections from any address (no access-class)",
                    evidence: [service.enabled.origin], subject: "service \(service.kind.rawValue)",
                    fix: .restrictService(service.kind, to: [.lan, .mgmt]), severity: .medium))
            } else if Self.listensUnfiltered(service, in: config) {
                findings.append(metadata.finding(
                    "\(service.kind.rawValue) management listens on every interface and no firewall rule filters traffic to the router",
                    evidence: [service.enabled.origin] + service.listen.origin.spans.map { Provenance.source($0) },
                    subject: "service \(service.kind.rawValue)",
                    fix: .restrictService(service.kind, to: [.lan, .mgmt]), severity: .medium))
            }
        }
        // Platforms that restrict logins per account (FortiOS admin trusthosts): an administrator
        // with no restriction may log in from any address that reaches a management service.
        for account in config.accounts where account.isAdministrator {
            guard let sources = account.allowedSources, sources.value.contains(where: \.isAny) else { continue }
            findings.append(metadata.finding(
                "administrator '\(account.name)' may log in from any source address (no trusted-host restriction)",
                evidence: sources.origin.with(context: account.origin), subject: "account \(account.name) sources",
                fix: .manual("restrict administrator '\(account.name)' to the management network's addresses"),
                severity: .medium))
        }
        return findings
    }

    /// A login service on every address, restricted by nothing, on a device with no filter rule at
    /// all and no interface known to face the Internet: whichever interface is the upstream one
    /// reaches it (with a known WAN, the exposure question above answers instead).
    static func listensUnfiltered(_ service: ManagementService, in config: DeviceConfig) -> Bool {
        guard [.ssh, .telnet, .http, .https].contains(service.kind),
              service.listen.value.contains(.any), service.accessFilter == nil,
              service.allowedSources.map({ $0.value.contains(where: \.isAny) }) ?? true else { return false }
        let knowsWAN = config.zones.contains { $0.role.value == .wan } || !config.wanInterfaces.isEmpty
        return !knowsWAN && config.filters.allSatisfy(\.rules.isEmpty)
    }
}
