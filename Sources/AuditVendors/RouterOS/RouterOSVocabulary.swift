/// The RouterOS menus this parser knows (v6 and v7 names). A statement under a menu that is not
/// listed here is reported as not understood, so coverage stays honest; menus listed here are
/// either modelled (see the conversion files) or known to carry nothing the audit reads.
enum RouterOSVocabulary {
    static func isKnown(_ path: String) -> Bool {
        if path.isEmpty || known.contains(path) { return true }
        // Sub-menus of trees whose every menu is recognised: by the first word or the first two.
        let utf8 = path.utf8
        guard let firstSpace = utf8.firstIndex(of: 0x20) else { return wholeTrees.contains(path) }
        if wholeTrees.contains(String(path[..<firstSpace])) { return true }
        let rest = utf8.index(after: firstSpace)
        let secondSpace = utf8[rest...].firstIndex(of: 0x20) ?? utf8.endIndex
        return wholeTrees.contains(String(path[..<secondSpace]))
    }

    /// Menus whose every sub-menu is recognised (queues, routing protocols, packages).
    static let wholeTrees = Set<String>([
        "queue", "mpls", "dude", "caps-man", "user-manager", "tool user-manager", "iot", "lora", "container",
        "routing bgp", "routing ospf", "routing ospf-v3", "routing rip", "routing ripng", "routing pim", "routing filter",
        "routing bfd", "routing igmp-proxy", "routing rpki", "routing gmp", "routing isis", "routing mme",
        "interface wifi", "interface wifiwave2", "interface wireless", "interface ethernet switch",
        "interface bridge", "interface lte", "interface w60g", "interface wireguard", "interface dot1x",
        "ip hotspot", "ip ipsec", "ip dhcp-server", "ip dhcp-relay", "ip traffic-flow", "ip kid-control",
        "ipv6 dhcp-server", "ipv6 nd", "ip smb", "system logging", "system ntp", "system routerboard",
        "system leds", "system lcd", "tool graphing", "tool romon", "tool sniffer", "certificate", "zerotier",
        "ip cloud", "ip media", "interface vxlan", "interface macsec", "system console", "system health",
        "system package", "system upgrade", "system script", "system scheduler", "disk", "port", "radius",
        "ppp", "snmp", "user", "special-login", "partitions", "file", "log", "console", "lcd", "interface ppp-client",
        "interface ppp-server", "interface pppoe-server", "interface pptp-server", "interface l2tp-server",
        "interface sstp-server", "interface ovpn-server", "ip firewall connection", "ip firewall layer7-protocol",
        "ip firewall service-port", "ip firewall calea", "interface list", "tool e-mail", "tool netwatch",
        "tool traffic-generator", "tool sms", "tool mac-server", "tool bandwidth-server", "tool fetch",
        "ip socks", "ip proxy", "ip upnp", "ip nat-pmp", "ip neighbor", "ip tftp", "ip dns", "ip route",
        "ip vrf", "ipv6 route", "ipv6 firewall", "ip firewall", "system clock", "system identity", "system note",
        "system resource", "system watchdog", "system gps", "system ups", "system hardware", "system device-mode",
        "system special-login", "system license", "ip arp", "ip pool", "ipv6 pool", "ip ssh", "ip service",
        "ip settings", "ipv6 settings", "ip address", "ipv6 address", "ip dhcp-client", "ipv6 dhcp-client",
        "ipv6 dhcp-relay", "ipv6 neighbor", "routing table", "routing id", "routing rule", "routing settings",
        "routing prefix-lists", "ip packing", "ip ipsec", "ip accounting", "ip firewall address-list",
        "tool profile", "tool torch", "tool flood-ping", "tool ip-scan", "tool wol", "tool calea",
        "tool dns-update", "interface 6to4", "interface eoip", "interface eoipv6", "interface gre",
        "interface gre6", "interface ipip", "interface ipipv6", "interface vpls", "interface vrrp",
        "interface veth", "interface macvlan", "interface mesh", "interface traffic-eng", "interface isdn-client",
        "interface isdn-server", "interface detect-internet", "interface ethernet", "interface bonding",
        "interface vlan", "interface pppoe-client", "interface pptp-client", "interface l2tp-client",
        "interface l2tp-ether", "interface sstp-client", "interface ovpn-client", "interface virtual-ethernet",
        "interface amt", "interface 60g",
    ])

    /// Single menus recognised outside the trees above.
    static let known = Set<String>([
        "interface", "ip", "ipv6", "system", "tool", "routing", "interface list member", "export", "import",
        "system reboot", "system shutdown", "system backup", "system reset-configuration", "system history",
        "tool bandwidth-test", "tool ping", "tool traceroute", "ip firewall filter", "ip firewall nat",
        "ip firewall mangle", "ip firewall raw", "ipv6 firewall filter", "ipv6 firewall nat",
        "ipv6 firewall mangle", "ipv6 firewall raw", "ipv6 firewall address-list", "ip service",
        "ip upnp interfaces", "ip socks access", "ip socks users", "ip proxy access", "ip proxy direct",
        "ip proxy cache", "tool mac-server mac-winbox", "tool mac-server ping", "ip dns static",
        "ip dns cache", "ip dns forwarders", "ip dns adlist", "ip neighbor discovery-settings",
        "user group", "user aaa", "user ssh-keys", "user ssh-keys private", "user settings", "user active",
        "snmp community", "radius incoming",
    ])
}
