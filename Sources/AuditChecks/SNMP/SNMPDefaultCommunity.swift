import AuditCore

/// RA-SNMP-001: an SNMP community is a vendor default or trivially guessable.
public struct SNMPDefaultCommunity: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-SNMP-001",
        slug: "snmp-default-community",
        title: "SNMP community is a default or guessable",
        severity: .high,
        area: .snmp,
        rationale: """
            `public` and `private` are the first communities every scanner tries. A read community leaks the \
            routing table, interfaces and often the configuration; a write community gives control of the router.
            """,
        remediation: """
            Remove default communities. Prefer SNMPv3 with authentication and privacy; if v2c is required, use \
            a long random community restricted by an ACL to the management station.
            """,
        references: [
            .cis("1.5.2", "Unset 'private' for 'snmp-server community'"),
            .cis("1.5.3", "Unset 'public' for 'snmp-server community'"),
            .stig("CISC-ND-000140", "The network device must not use default SNMP community strings"),
        ],
        dutch: LocalizedText(
            title: "SNMP-community is een standaardwaarde of te raden",
            rationale: """
                `public` en `private` zijn de eerste communities die elke scanner probeert. Een read-community lekt \
                de routeringstabel, de interfaces en vaak de configuratie; een write-community geeft controle over \
                de router.
                """,
            remediation: """
                Verwijder standaardcommunities. Gebruik bij voorkeur SNMPv3 met authenticatie en versleuteling; is \
                v2c echt nodig, kies dan een lange, willekeurige community en beperk die met een ACL tot het \
                beheerstation.
                """),
        examples: [
            .bad(.zyxel, """
                snmp-server
                ↓snmp-server community public ro
                """),
            .good(.zyxel, """
                snmp-server
                snmp-server community Xq9-mon7 ro
                """),
            .bad(.drayTek, """
                ↓mngt snmp -e 1 -g public
                """),
            .good(.drayTek, """
                mngt snmp -e 1 -g Xq9-mon7
                """),
            .bad(.pfSense, """
                <pfsense>
                  <snmpd>
                    <enable/>
                ↓    <rocommunity>public</rocommunity>
                  </snmpd>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <snmpd>
                    <enable/>
                    <rocommunity>k7Vq2pX9mRw4</rocommunity>
                  </snmpd>
                </pfsense>
                """),
            .bad(.fortiOS, """
                config system snmp community
                    edit 1
                ↓        set name "public"
                        config hosts
                            edit 1
                                set ip 192.168.1.10 255.255.255.255
                            next
                        end
                    next
                end
                """),
            .good(.fortiOS, """
                config system snmp community
                    edit 1
                        set name "k3Jd9QzW2mXv7LpA"
                        config hosts
                            edit 1
                                set ip 192.168.1.10 255.255.255.255
                            next
                        end
                    next
                end
                """),
            .bad(.huaweiVRP, """
                acl number 2000
                 rule 5 permit source 192.168.1.10 0
                #
                 snmp-agent
                ↓ snmp-agent community read public acl 2000
                 snmp-agent sys-info version v2c
                #
                return
                """),
            .good(.huaweiVRP, """
                acl number 2000
                 rule 5 permit source 192.168.1.10 0
                #
                 snmp-agent
                 snmp-agent community read k3Jd9QzW2mXv7LpA acl 2000
                 snmp-agent sys-info version v2c
                #
                return
                """),
            .bad(.vyOS, """
                ↓set service snmp community public authorization 'ro'
                """),
            .good(.edgeOS, """
                service {
                    snmp {
                        community Wq7rT2mXk9 {
                            authorization ro
                            client 192.168.1.10
                        }
                    }
                }
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                access-list 99 permit 192.168.1.10
                ↓snmp-server community public RO 99
                """),
            .good(.ciscoIOS, """
                hostname cpe
                access-list 99 permit 192.168.1.10
                snmp-server community k3Jd9QzW2mXv7LpA RO 99
                """),
            .bad(.openWrt, """
                package snmpd
                config com2sec 'public'
                	option secname 'ro'
                	option source 'default'
                ↓	option community 'public'
                """),
            .bad(.junos, """
                set system host-name srx
                ↓set snmp community public authorization read-only
                set snmp community public clients 192.168.1.0/24
                """),
            .good(.junos, """
                set system host-name srx
                set snmp community n0c-R3ad-7x authorization read-only
                set snmp community n0c-R3ad-7x clients 192.168.1.0/24
                """),
            // No line to point at: RouterOS has community `public` by default; the export omits it.
            .bad(.routerOS, """
                /snmp
                set enabled=yes
                """),
            .good(.routerOS, """
                /snmp community
                set [ find default=yes ] addresses=192.168.88.10/32 name=k3Jd9QzW2mXv7LpA
                /snmp
                set enabled=yes
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.snmp.communities.compactMap { community in
            guard case .cleartext(let name) = community.name.form else { return nil }
            let isDefault = ["public", "private"].contains(name.lowercased())
            guard isDefault || context.secrets.isGuessableCommunity(name) else { return nil }
            let kind = isDefault ? "a well-known default" : "in the list of guessed communities"
            return metadata.finding(
                "snmp \(community.access.rawValue) community \(secret: name) is \(kind)",
                evidence: [community.name.origin], subject: "snmp community",
                fix: .replaceSNMPCommunity(at: community.origin.spans.first ?? SourceSpan(file: "", start: 0)),
                severity: community.access == .readWrite ? .critical : nil)
        }
    }

}
