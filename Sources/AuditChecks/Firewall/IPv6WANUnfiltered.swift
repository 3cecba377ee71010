import AuditCore

/// RA-FW-007: IPv6 runs on a WAN interface that filters only IPv4.
public struct IPv6WANUnfiltered: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-FW-007",
        slug: "ipv6-wan-unfiltered",
        title: "IPv6 enabled on the WAN without an IPv6 filter",
        severity: .medium,
        area: .fw,
        rationale: """
            IPv4 ACLs do not apply to IPv6. With IPv6 enabled on the WAN and no `ipv6 traffic-filter`, the \
            router and every LAN host with a global IPv6 address are reachable regardless of the IPv4 policy.
            """,
        remediation: "Apply an inbound `ipv6 traffic-filter` on the WAN interface mirroring the IPv4 policy, or disable IPv6 there.",
        references: [.nist("SC-7", "Boundary protection")],
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                interface Dialer1
                 ip address negotiated
                 ip access-group OUTSIDE_IN in
                 ip nat outside
                ↓ ipv6 enable
                ip access-list extended OUTSIDE_IN
                 deny ip any any
                """),
            .good(.ciscoIOS, """
                hostname cpe
                interface Dialer1
                 ip address negotiated
                 ip access-group OUTSIDE_IN in
                 ip nat outside
                 ipv6 enable
                 ipv6 traffic-filter OUTSIDE6_IN in
                ip access-list extended OUTSIDE_IN
                 deny ip any any
                ipv6 access-list OUTSIDE6_IN
                 deny ipv6 any any
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        // Zone firewalls (OpenWrt fw4) apply one policy to both families; only per-family ACLs
        // leave IPv6 open by omission.
        guard config.zones.isEmpty else { return [] }
        return config.wanInterfaces.compactMap { wan in
            guard let v6 = wan.ipv6Enabled, v6.value, wan.ipv6InboundFilter == nil else { return nil }
            return metadata.finding(
                "ipv6 is enabled on wan interface \(wan.name) with no inbound ipv6 traffic-filter",
                evidence: [v6.origin], subject: "interface \(wan.name) ipv6",
                fix: .manual("apply an inbound ipv6 traffic-filter on \(wan.name), or disable IPv6 on it"))
        }
    }
}
