import AuditCore

/// RA-SNMP-003: a read-only community answers any source address.
public struct SNMPUnrestrictedCommunity: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-SNMP-003",
        slug: "snmp-community-unrestricted",
        title: "SNMP community without an access list",
        severity: .medium,
        area: .snmp,
        rationale: """
            A community with no ACL answers anyone who can reach the router, so the community string is the \
            only protection, and it travels in cleartext.
            """,
        remediation: "Attach a standard ACL naming the management stations to every community, or move to SNMPv3.",
        references: [.cis("1.5.5", "Set the ACL for each 'snmp-server community'")],
        dutch: LocalizedText(
            title: "SNMP-community zonder access list",
            rationale: """
                Een community zonder ACL geeft antwoord aan iedereen die de router kan bereiken. De community-string is dan \
                de enige bescherming, en die gaat onversleuteld over het netwerk.
                """,
            remediation: "Koppel aan elke community een standaard-ACL met de beheerstations, of stap over op SNMPv3."),
        examples: [
            .bad(.opnSense, """
                <opnsense>
                  <snmpd>
                    <enable>1</enable>
                ↓    <rocommunity>k7Vq2pX9mRw4</rocommunity>
                  </snmpd>
                </opnsense>
                """),
            .good(.opnSense, """
                <opnsense>
                  <snmpd>
                    <rocommunity>public</rocommunity>
                  </snmpd>
                </opnsense>
                """),
            .bad(.fortiOS, """
                config system snmp community
                ↓    edit 1
                        set name "k3Jd9QzW2mXv7LpA"
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
                 snmp-agent
                ↓ snmp-agent community read k3Jd9QzW2mXv7LpA
                 snmp-agent sys-info version v2c
                #
                return
                """),
            .good(.huaweiVRP, """
                acl number 2000
                 rule 5 permit source 192.168.1.10 0
                #
                 snmp-agent
                 snmp-agent acl 2000
                 snmp-agent community read k3Jd9QzW2mXv7LpA
                 snmp-agent sys-info version v2c
                #
                return
                """),
            .bad(.vyOS, """
                ↓set service snmp community Wq7rT2mXk9 authorization 'ro'
                """),
            .good(.vyOS, """
                set service snmp community Wq7rT2mXk9 authorization 'ro'
                set service snmp community Wq7rT2mXk9 network '192.168.1.0/24'
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓snmp-server community k3Jd9QzW2mXv7LpA RO
                """),
            .good(.ciscoIOS, """
                hostname cpe
                access-list 99 permit 192.168.1.10
                snmp-server community k3Jd9QzW2mXv7LpA RO 99
                """),
            .bad(.junos, """
                set system host-name srx
                ↓set snmp community n0c-R3ad-7x authorization read-only
                set snmp community n0c-R3ad-7x clients 0.0.0.0/0
                """),
            .good(.junos, """
                set system host-name srx
                set snmp community n0c-R3ad-7x authorization read-only
                set snmp community n0c-R3ad-7x clients 192.168.1.0/24
                """),
            .bad(.routerOS, """
                /snmp community
                ↓set [ find default=yes ] name=k3Jd9QzW2mXv7LpA
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
            // Read-write communities are reported, with more weight, by RA-SNMP-002.
            guard community.access == .readOnly, !community.isRestricted else { return nil }
            return metadata.finding(
                "snmp read-only community \(secret: SNMPWriteCommunity.name(community)) answers any source (no acl)",
                evidence: [community.origin], subject: "snmp community",
                fix: .restrictSNMPCommunity(at: community.origin.spans.first ?? SourceSpan(file: "", start: 0)))
        }
    }
}
