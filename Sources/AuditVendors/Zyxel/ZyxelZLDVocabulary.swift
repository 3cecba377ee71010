import AuditCore

enum ZLDVocabulary {
    /// Words after which ZLD writes a secret value.
    static let secretKeywords: Set<Substring> = [
        "password", "encrypted-password", "pre-shared-key", "keystring", "secret", "key", "community",
    ]

    static let serverKinds: [Substring: ServiceKind] = ["ssh": .ssh, "telnet": .telnet, "ftp": .ftp]

    /// `to ZyWALL` / `to Device`: the policy protects the device itself.
    static let deviceZones: Set<String> = ["zywall", "device", "usg", "self"]

    /// Names in zone positions that are not zones.
    static let notZones: Set<String> = ["zywall", "device", "usg", "self", "any", "all"]

    /// A zone's role from its name: ZLD's system zones are WAN, LAN1, LAN2, DMZ, WLAN, OPT,
    /// SSL_VPN, IPSec_VPN, TUNNEL.
    static func role(ofZone name: String) -> ZoneRole {
        let upper = name.uppercased()
        if upper.hasPrefix("WAN") { return .wan }
        if upper.hasPrefix("LAN") { return .lan }
        if upper.hasPrefix("DMZ") { return .dmz }
        if upper.hasPrefix("WLAN") || upper.contains("GUEST") { return .guest }
        return .unknown
    }

    /// ZLD's predefined service objects, for files that refer to them without printing them.
    static let predefinedServices: [String: (protocols: ProtocolMatch, ports: PortMatch)] = [
        "HTTP": (.only([.tcp]), .single(80)), "HTTPS": (.only([.tcp]), .single(443)), "SSH": (.only([.tcp]), .single(22)),
        "TELNET": (.only([.tcp]), .single(23)), "FTP": (.only([.tcp]), .single(21)), "SNMP": (.only([.udp]), .ranges([161...162])),
        "DNS": (.only([.tcp, .udp]), .single(53)), "SMTP": (.only([.tcp]), .single(25)), "RDP": (.only([.tcp]), .single(3389)),
        "PING": (.only([.icmp]), .any), "ICMP": (.only([.icmp]), .any),
    ]

    /// Top-level commands and modes with no meaning for the model: routing, VPN, UTM, logging,
    /// time, DHCP and DNS service, reporting, wireless, users' group membership.
    static let ignoredTopLevel: Set<Substring> = [
        "clock", "ntp", "logging", "router", "crypto", "isakmp", "ipsec", "vpn", "l2tp-over-ipsec", "sslvpn", "app", "idp",
        "anti-virus", "anti-spam", "content-filter", "schedule-object", "groupname", "users", "aaa", "ca", "language",
        "lang", "interface-group", "device-ha", "bwm", "policy-route", "report", "service-register", "device-register",
        "console", "alg", "connlimit", "web-auth", "session-limit", "traffic-statistics", "wlan-ap-profile", "ap-group",
        "wireless", "captive-portal", "dhcp6", "ipv6", "port-grouping", "port", "vlan", "bridge", "trunk", "system",
        "cnm", "ip6", "ddns", "policy", "object", "mac-address", "arp", "snmp-trap", "ssl", "sslinspection", "firmware",
        "auto-update", "boot", "debug", "setenv", "setenv-startonly", "interface-name", "ha", "usb-storage",
        "cloud-helper", "nebula", "app-patrol", "url-threat-filter", "reputation", "geo-ip", "sandboxing", "dns-filter",
        "security-service", "collaborative-detection", "ips", "email-security", "anti-malware", "secure-wifi",
        "log", "myzyxel", "country-code", "ethernet", "dhcp-relay", "load-balancing", "wlan", "mgmt", "diag", "ad-server",
        "ldap-server", "radius-server", "auth-server", "fqdn", "ip-exception", "exception", "scheduler", "ping-check",
        "connectivity-check", "user-aware", "asset", "hostname6", "domainname", "domain-name", "ssh-client", "ppp",
    ]

    /// `ip ...` commands with no meaning for the model.
    static let ignoredIP: Set<Substring> = [
        "route", "dns", "dhcp", "dhcp-pool", "domain", "name-server", "policy-route", "icmp-filter", "http-redirect", "ddns",
        "nat", "gateway", "default-route", "arp", "session", "tcp", "udp", "icmp", "igmp", "multicast", "bandwidth",
        "http-redirect-ext", "ssl", "auth-policy", "ospf", "rip", "bgp", "loopback", "cert", "option", "host",
    ]

    /// Interface sub-commands with no meaning for the model.
    static let ignoredInterfaceCommands: Set<Substring> = [
        "upstream", "downstream", "mtu", "mss", "metric", "ip", "ipv6", "port", "vlan-id", "mac", "speed", "duplex",
        "no", "dhcp", "dhcp-relay", "igmp", "ospf", "rip", "bandwidth", "connectivity-check", "ping-check", "check",
        "base-port", "bridge", "join", "account", "nat", "idle", "authentication", "service-name", "compression",
        "lcp", "ppp", "gateway", "weight", "traffic-prioritize", "member", "activate", "role", "ip6", "packet-trace",
        "lldp", "enable", "vdsl", "adsl", "pvc", "encapsulation", "mode", "zone", "send", "hostname",
    ]

    /// Policy sub-commands with no meaning for the model.
    static let ignoredPolicyCommands: Set<Substring> = [
        "description", "schedule", "user", "log", "ascii", "session-limit", "app", "idp", "av", "anti-virus", "content-filter",
        "anti-spam", "ssl-inspection", "ip-version", "sourceport", "dnsfilter", "url-threat-filter", "ips", "app-patrol",
        "sandboxing", "email-security", "anti-malware", "reputation", "dns-filter", "profile", "asymmetrical-route",
    ]
}
