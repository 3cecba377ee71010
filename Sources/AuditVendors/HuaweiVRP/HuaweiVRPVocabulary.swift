import AuditCore

/// How VRP stores a secret after `simple`, `cipher` or `irreversible-cipher`.
enum HuaweiSecrets {
    /// `%^%#...%^%#` (V200R), `%$%$...%$%$`, `%@%@...%@%@`, `%#%#...%#%#`, or the 24-character
    /// DES cipher of older releases ending in `!!`: reversible with keys built into VRP.
    static func isCipher(_ value: Substring) -> Bool {
        for wrapper in ["%^%#", "%$%$", "%@%@", "%#%#", "@%@%"] where value.count > 8 && value.hasPrefix(wrapper) && value.hasSuffix(wrapper) {
            return true
        }
        return value.count == 24 && value.hasSuffix("!!")
    }

    /// `$1a$...$` (the SHA-256 based irreversible cipher, `$1a$` to `$1f$`), or a wrapped form.
    static func isIrreversible(_ value: Substring) -> Bool {
        if value.count >= 20, value.hasPrefix("$1"), value.hasSuffix("$") { return true }
        return isCipher(value) && value.count > 24
    }

    /// The stored form of a value after its keyword. A value that does not have the declared
    /// form is what an operator typed into a configuration file: cleartext, whatever it is
    /// labelled (VRP hashes or encrypts it only when it loads the file).
    static func secret(keyword: Substring, value: Substring, origin: Provenance) -> Secret {
        switch keyword {
        case "simple", "pass-phrase", "plain":
            return Secret(.cleartext(String(value)), origin: origin)
        case "irreversible-cipher":
            if isIrreversible(value) {
                return Secret(.opaque(scheme: "huawei-irreversible-cipher", encoded: String(value)), origin: origin)
            }
            var secret = Secret(.cleartext(String(value)), origin: origin)
            secret.declaredForm = "irreversible-cipher"
            return secret
        default:
            if isCipher(value) {
                return Secret(.reversible(scheme: .huaweiCipher, encoded: String(value)), origin: origin)
            }
            var secret = Secret(.cleartext(String(value)), origin: origin)
            secret.declaredForm = String(keyword)
            return secret
        }
    }
}

enum HuaweiVocabulary {
    /// Words after which VRP writes a secret value.
    static let secretKeywords: Set<Substring> = ["cipher", "simple", "irreversible-cipher", "pass-phrase"]

    /// Top-level views and commands with no meaning for the model, read and ignored on purpose:
    /// layer 2, routing protocols, time, logging, VPN instances, QoS.
    static let ignoredTopLevel: Set<Substring> = [
        "vlan", "stp", "ntp-service", "info-center", "clock", "lldp", "bgp", "ospf", "ospfv3", "isis", "rip", "ripng",
        "mpls", "route-policy", "dns", "drop", "port-group", "header", "cpu-defend", "license", "pim", "igmp", "mld",
        "multicast", "bfd", "vrrp", "nqa", "track", "arp", "mac-address", "qos", "traffic", "traffic-policy",
        "traffic-classifier", "traffic-behavior", "policy-based-route", "time-range", "efm", "cfm", "lacp",
        "loopback-detect", "erps", "smart-link", "monitor-link", "dldp", "rrpp", "cluster", "ntdp", "ndp",
        "command-privilege", "load-balance", "autosave", "storm-control", "port-isolate", "observe-port", "diffserv",
        "vcmp", "set", "sysname", "dhcp", "ecmp", "router", "l2vpn", "mpls-te", "ip-link", "assign", "voice-vlan",
        "pki", "ssl", "rsa", "dsa", "ecc", "dot1x", "mac-authen", "authentication-profile", "free-rule-template",
        "web-auth-server", "undo", "anti-attack", "icmp", "ipv6", "user-group", "nat", "sntp", "ptp", "ntp",
        "dialer-rule", "wlan", "capwap", "lldp-agent", "sflow", "netstream", "ipfix", "gvrp", "mstp", "mux-vlan",
        "super-vlan", "portal", "device", "board", "slot", "transceiver", "power", "fan", "alarm", "temperature",
        "http", "ftp", "sftp", "scp", "telnet", "stelnet", "ssh", "aaa", "user-interface", "acl", "snmp-agent",
        "interface", "ip", "local-aaa-user", "super", "return", "portal-access-profile", "drop-profile",
        "dot1x-access-profile", "mac-access-profile", "voice", "sip", "dhcpv6", "cellular", "user-bind", "smart-upgrade",
        "ntp-server", "sntp-server", "ip-pool", "vlan-group", "observe-index", "mirroring", "hwtacacs", "radius",
    ]

    /// Views whose first word alone does not say they are harmless, by first two words.
    static let ignoredIPCommands: Set<Substring> = [
        "ip-prefix", "vpn-instance", "community-filter", "as-path-filter", "extcommunity-filter", "pool", "dhcp",
        "route-static", "ttl-expires", "unreachables", "redirects", "netstream", "soft-gre", "ipv6-prefix",
        "source-check", "fast-forwarding", "host", "domain", "dns", "option", "forward-broadcast", "local",
        "rd-filter", "topology", "load-balance", "icmp-reply", "unnumbered", "binding",
    ]

    /// Interface-view commands with nothing for the model.
    static let ignoredInterfaceCommands: Set<Substring> = [
        "description", "port", "stp", "storm", "voice-vlan", "eth-trunk", "mode", "max", "lacp", "ospf", "ospfv3",
        "isis", "rip", "ripng", "pim", "igmp", "mld", "mtu", "dhcp", "arp", "qos", "mac-address", "loopback-detect",
        "port-security", "speed", "duplex", "negotiation", "combo-port", "jumboframe", "trust", "vrrp", "bfd", "mpls",
        "l2", "lldp", "dot1x", "mac-authen", "authentication-profile", "carrier", "set", "tcp", "statistic",
        "flow-stat", "sflow", "poe", "ntdp", "ndp", "efm", "cfm", "shutdown", "undo", "link-protocol", "ppp", "dialer",
        "bandwidth", "traffic-policy", "traffic-limit", "traffic-shape", "portswitch", "management-vlan", "ipsec",
        "dhcpv6", "trust-port", "vlan", "stp-instance", "mac-limit", "user-isolate", "broadcast-suppression",
        "multicast-suppression", "unicast-suppression", "priority", "alias", "ethernet", "encapsulation",
        "control-vid", "qinq", "dot1q", "vlan-type", "arp-proxy", "fec", "physical-mode", "clock", "standby",
        "load-balance", "lldp-agent", "timer", "netstream", "ipv6-eh", "nat", "pppoe-client",
        "traffic-filter", "ip", "ipv6", "gateway", "hold", "nqa", "sub", "dialer-group", "port-isolate",
        "storm-control", "ip-link", "wlan", "mac-vlan", "ntp-service", "l2protocol-tunnel", "vcmp", "instance",
    ]
}
