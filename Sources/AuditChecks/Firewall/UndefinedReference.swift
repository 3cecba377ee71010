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
        examples: [
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
            case .addressObject: defined = true
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
