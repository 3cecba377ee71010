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
        examples: [
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
