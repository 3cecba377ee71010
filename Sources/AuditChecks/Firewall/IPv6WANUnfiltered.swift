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
        dutch: LocalizedText(
            title: "IPv6 aan op het WAN zonder IPv6-filter",
            rationale: """
                IPv4-ACL's gelden niet voor IPv6. Staat IPv6 aan op het WAN zonder `ipv6 traffic-filter`, dan zijn de \
                router en elke LAN-host met een publiek IPv6-adres bereikbaar, wat het IPv4-beleid ook zegt.
                """,
            remediation: "Zet een inkomend `ipv6 traffic-filter` op de WAN-interface dat het IPv4-beleid volgt, of schakel IPv6 daar uit."),
        examples: [
            .bad(.huaweiVRP, """
                acl number 3000
                 rule 100 deny ip
                #
                interface GigabitEthernet0/0/4
                 ip address dhcp-alloc
                ↓ ipv6 enable
                 traffic-filter inbound acl 3000
                #
                return
                """),
            .good(.huaweiVRP, """
                acl number 3000
                 rule 100 deny ip
                acl ipv6 number 3001
                 rule 100 deny ipv6
                #
                interface GigabitEthernet0/0/4
                 ip address dhcp-alloc
                 ipv6 enable
                 traffic-filter inbound acl 3000
                 traffic-filter inbound ipv6 acl 3001
                #
                return
                """),
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
            .bad(.junos, """
                set system host-name mx
                set interfaces ge-0/0/0 unit 0 family inet dhcp
                set interfaces ge-0/0/0 unit 0 family inet filter input WAN-IN
                ↓set interfaces ge-0/0/0 unit 0 family inet6 address 2001:db8:0:1::2/64
                set firewall family inet filter WAN-IN term established from tcp-established
                set firewall family inet filter WAN-IN term established then accept
                """),
            .good(.junos, """
                set system host-name mx
                set interfaces ge-0/0/0 unit 0 family inet dhcp
                set interfaces ge-0/0/0 unit 0 family inet filter input WAN-IN
                set interfaces ge-0/0/0 unit 0 family inet6 address 2001:db8:0:1::2/64
                set interfaces ge-0/0/0 unit 0 family inet6 filter input WAN6-IN
                set firewall family inet filter WAN-IN term established from tcp-established
                set firewall family inet filter WAN-IN term established then accept
                set firewall family inet6 filter WAN6-IN term established from tcp-established
                set firewall family inet6 filter WAN6-IN term established then accept
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
