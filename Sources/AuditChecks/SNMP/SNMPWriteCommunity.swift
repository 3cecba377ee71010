import AuditCore

/// RA-SNMP-002: an SNMP v1/v2c community grants write access.
public struct SNMPWriteCommunity: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-SNMP-002",
        slug: "snmp-write-community",
        title: "SNMP read-write community",
        severity: .medium,
        area: .snmp,
        rationale: """
            A v1/v2c read-write community is a cleartext password that can change the configuration, or copy \
            it out over TFTP. Anyone who sniffs it, or guesses it where no ACL restricts it, owns the router.
            """,
        remediation: "Remove RW communities; use SNMPv3 with authPriv for any write access, restricted by an ACL.",
        references: [
            .cis("1.5.4", "Do not set 'RW' for any 'snmp-server community'"),
            .stig("CISC-ND-000140", "SNMP write access must be restricted"),
        ],
        dutch: LocalizedText(
            title: "SNMP-community met schrijfrechten",
            rationale: """
                Een v1/v2c-read-write-community is een onversleuteld wachtwoord waarmee de configuratie te wijzigen \
                of via TFTP te kopiëren is. Wie hem afluistert, of raadt waar geen ACL hem beperkt, heeft de router \
                in handen.
                """,
            remediation: "Verwijder RW-communities; gebruik voor elke schrijftoegang SNMPv3 met authPriv, beperkt met een ACL."),
        examples: [
            .bad(.huaweiVRP, """
                 snmp-agent
                ↓ snmp-agent community write k3Jd9QzW2mXv7LpA
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
            // FortiOS communities are read-only: the agent has no SET support.
            .good(.fortiOS, """
                config system snmp community
                    edit 1
                        set name "k3Jd9QzW2mXv7LpA"
                    next
                end
                """),
            .bad(.edgeOS, """
                service {
                    snmp {
                        ↓community Wq7rT2mXk9 {
                            authorization rw
                        }
                    }
                }
                """),
            .good(.vyOS, """
                set service snmp community Wq7rT2mXk9 authorization 'ro'
                set service snmp community Wq7rT2mXk9 client '192.168.1.10'
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓snmp-server community k3Jd9QzW2mXv7LpA RW
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                access-list 99 permit 192.168.1.10
                ↓snmp-server community k3Jd9QzW2mXv7LpA RW 99
                """),
            .good(.ciscoIOS, """
                hostname cpe
                access-list 99 permit 192.168.1.10
                snmp-server community k3Jd9QzW2mXv7LpA RO 99
                """),
            .bad(.junos, """
                set system host-name srx
                ↓set snmp community n0c-Wr1te-7x authorization read-write
                """),
            .good(.junos, """
                set system host-name srx
                set snmp community n0c-R3ad-7x authorization read-only
                set snmp community n0c-R3ad-7x clients 192.168.1.0/24
                """),
            .bad(.routerOS, """
                /snmp community
                set [ find default=yes ] addresses=192.168.88.10/32 name=k3Jd9QzW2mXv7LpA
                ↓add addresses=0.0.0.0/0 name=Tq8Wm2Zx5Lr9Vb3N write-access=yes
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
            guard community.access == .readWrite else { return nil }
            let restriction = community.accessFilter.map { " restricted by acl \($0.value)" } ?? " with no acl"
            return metadata.finding(
                "snmp read-write community \(secret: Self.name(community))\(restriction)",
                evidence: [community.origin], subject: "snmp community",
                fix: .replaceSNMPCommunity(at: community.origin.spans.first ?? SourceSpan(file: "", start: 0)),
                severity: community.isRestricted ? nil : .high)
        }
    }

    static func name(_ community: SNMPCommunity) -> String {
        if case .cleartext(let name) = community.name.form { return name }
        return "(stored)"
    }
}
