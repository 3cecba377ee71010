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
        dutch: LocalizedText(
            title: "UPnP-portmapping ingeschakeld",
            rationale: """
                Met UPnP IGD kan elk programma in het LAN, ook malware, zonder medeweten van de eigenaar inkomende \
                poorten vanaf internet openzetten. Wordt UPnP aan de WAN-kant aangeboden, dan kan het internet dat \
                ook.
                """,
            remediation: "Schakel UPnP uit (OpenWrt: `option enabled '0'` in upnpd); zet de paar poorten die echt nodig zijn expliciet door."),
        examples: [
            .bad(.zyxel, """
                ↓ip upnp
                """),
            .good(.zyxel, """
                no ip upnp
                """),
            .bad(.drayTek, """
                ↓upnp on
                """),
            .good(.drayTek, """
                upnp off
                """),
            .bad(.pfSense, """
                <pfsense>
                  <installedpackages>
                    <miniupnpd>
                      <config>
                ↓        <enable>on</enable>
                ↓        <enable_upnp>on</enable_upnp>
                        <ext_iface>wan</ext_iface>
                        <iface_array>lan</iface_array>
                      </config>
                    </miniupnpd>
                  </installedpackages>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <installedpackages>
                    <miniupnpd>
                      <config>
                        <enable_upnp>on</enable_upnp>
                        <ext_iface>wan</ext_iface>
                        <iface_array>lan</iface_array>
                      </config>
                    </miniupnpd>
                  </installedpackages>
                </pfsense>
                """),
            .bad(.edgeOS, """
                service {
                    ↓upnp2 {
                        listen-on eth1
                        nat-pmp enable
                        secure-mode enable
                        wan eth0
                    }
                }
                """),
            .good(.vyOS, """
                set service ssh listen-address '192.168.1.1'
                """),
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
            .bad(.routerOS, """
                /ip upnp
                ↓set enabled=yes
                /ip upnp interfaces
                add interface=bridge type=internal
                add interface=ether1 type=external
                """),
            .good(.routerOS, """
                /ip upnp
                set enabled=no
                /ip upnp interfaces
                add interface=bridge type=internal
                add interface=ether1 type=external
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
