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
        examples: [
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
