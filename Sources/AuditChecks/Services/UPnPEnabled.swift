import AuditCore

/// RA-SVC-001: UPnP lets LAN devices open ports on the WAN.
public struct UPnPEnabled: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-SVC-001",
        slug: "upnp-enabled",
        title: "UPnP port mapping enabled",
        severity: .medium,
        area: .svc,
        rationale: """
            UPnP IGD lets any program on the LAN, including malware, open inbound ports from the Internet \
            without the owner knowing. Served on the WAN side it lets the Internet do the same.
            """,
        remediation: "Disable UPnP (OpenWrt: `option enabled '0'` in upnpd); forward the few ports that are needed explicitly.",
        references: [.nist("CM-7", "Least functionality")],
        examples: [
            .bad(.openWrt, """
                config upnpd 'config'
                ↓	option enabled '1'
                	option internal_iface 'lan'
                	option ext_iface 'wan'
                """),
            .good(.openWrt, """
                config upnpd 'config'
                	option enabled '0'
                	option internal_iface 'lan'
                	option ext_iface 'wan'
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        guard let upnp = config.service(.upnp), upnp.enabled.value else { return [] }
        let wanMembers = Set(config.zones.filter { $0.role.value == .wan }.flatMap(\.members))
        let onWAN = upnp.listen.value.contains {
            switch $0 {
            case .role(.wan): true
            case .interface(let name): wanMembers.contains(name) || name.hasPrefix("wan")
            default: false
            }
        }
        return [metadata.finding(
            onWAN ? "upnp is enabled and served on the wan side" : "upnp is enabled: lan hosts can open wan ports",
            evidence: [upnp.enabled.origin], subject: "service upnp", fix: .disableService(.upnp),
            severity: onWAN ? .critical : nil)]
    }
}
