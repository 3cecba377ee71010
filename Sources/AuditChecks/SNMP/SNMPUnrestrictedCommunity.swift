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
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                ↓snmp-server community k3Jd9QzW2mXv7LpA RO
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
            // Read-write communities are reported, with more weight, by RA-SNMP-002.
            guard community.access == .readOnly, !community.isRestricted else { return nil }
            return metadata.finding(
                "snmp read-only community \(secret: SNMPWriteCommunity.name(community)) answers any source (no acl)",
                evidence: [community.origin], subject: "snmp community",
                fix: .restrictSNMPCommunity(at: community.origin.spans.first ?? SourceSpan(file: "", start: 0)))
        }
    }
}
