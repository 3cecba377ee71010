/// IOS commands that are recognised and deliberately not modelled: they carry no meaning for the
/// checks this tool runs (routing, QoS, timekeeping, hardware, layer 2), or their meaning is
/// outside the model. A recognised line counts as understood; anything else becomes an
/// `unrecognized-line` diagnostic, so growing these lists is how coverage grows.
///
/// Sets of `Substring` so a word from the line is looked up without copying it into a `String`.
enum CiscoIOSVocabulary {
    /// Top-level commands whose whole block (children included) carries no modelled meaning.
    static let ignorableTopLevel: Set<Substring> = [
        "boot-start-marker", "boot-end-marker", "boot", "clock", "logging", "spanning-tree", "vlan", "vtp",
        "cdp", "lldp", "control-plane", "redundancy", "diagnostic", "memory", "multilink", "archive", "alias",
        "platform", "call-home", "subscriber", "virtual-service", "netconf-yang", "restconf", "dial-peer",
        "voice", "voice-card", "bba-group", "vpdn", "dialer-list", "dialer", "track", "template", "event",
        "kron", "mpls", "monitor", "hw-module", "power", "switch", "udld", "errdisable", "port-channel",
        "system", "process", "card", "controller", "scheduler", "exception", "spd", "sdm", "ethernet",
        "network-clock", "network-clock-participate", "ipc", "tftp-server", "file", "fhrp", "sip-ua",
        "telephony-service", "mgcp", "ccm-manager", "stcapp", "transceiver", "service-template", "pnp", "iox",
        "app-hosting", "device-tracking", "energywise", "table-map", "flow", "sampler", "cts", "time-range",
        "vrf", "policy-map", "parameter-map", "fax", "modemcap", "chat-script", "cpd", "scripting", "vstack",
        "access-session", "service-routing", "qos", "mls", "location", "stackwise-virtual", "rmon",
        "frame-relay", "isdn", "mab", "l2", "bridge", "bridge-domain", "pseudowire-class", "xconnect", "alarm",
        "privilege", "sntp", "mac", "management-interface", "wireless", "authentication", "dot1x", "epm",
        "lacp", "port-security", "storm-control", "mac-address-table", "snmp", "secure", "transport", "call",
        "gateway", "application", "rep", "ppp", "async-bootp", "stack-mac", "stack-power", "avb", "cisp",
        "nmsp", "cfm", "service-insertion", "lisp", "segment-routing", "multicast", "ip-sla", "domain",
        "interface-range", "default-interface", "mka", "macsec", "key-config-key", "username-prompt",
        "diagnostics", "ethernet-services", "vrrp", "glbp", "standby", "nat64", "trapflags", "hostname-prompt",
        "coap", "telemetry", "tracking", "vtemplate", "dspfarm", "sccp", "ephone", "ephone-dn", "warm-reboot",
        "upgrade", "ztp", "tunnel", "password", "memory-size", "scheduler", "resource", "wism", "gnxi", "grpc", "openflow", "fabric", "service-chain", "utd",
    ]

    /// Second words of top-level `ip ...` commands that carry no modelled meaning.
    static let ignorableIP: Set<Substring> = [
        "cef", "domain", "domain-name", "domain-lookup", "name-server", "route", "classless", "subnet-zero",
        "forward-protocol", "bgp-community", "community-list", "prefix-list", "as-path", "extcommunity-list",
        "tcp", "telnet", "ospf", "multicast-routing", "multicast", "pim", "igmp", "icmp", "arp", "vrf", "sla",
        "ips", "flow-export", "flow-cache", "flow-top-talkers", "flow", "accounting-threshold", "audit",
        "auth-proxy", "admission", "scp", "rcmd", "finger", "host", "default-gateway", "default-network",
        "routing", "mroute", "local", "options", "radius", "tacacs", "explicit-path", "rsvp", "nbar", "device",
        "dns", "reflexive-list", "virtual-reassembly", "source-route", "gratuitous-arps", "bootp", "dhcp",
        "ddns", "sticky-arp", "msdp", "rip", "sap", "accounting-list", "accounting", "host-list", "urd",
        "security", "load-sharing", "mfib", "traffic-export", "slb", "tftp", "hosts", "name", "source-interface",
        "rtcp", "wlccp", "verify", "mtu", "igmp-snooping", "routing-protocol", "cache", "trigger-authentication",
        "vrf-aware", "subscriber", "sla-monitor", "policy-list", "pmtu", "forward", "gdoi", "nhrp",
        "bgp", "source", "rsvp-te", "lisp", "interface", "redirects", "unreachables", "port-map", "ping",
        "traceroute", "client", "ssh-client",
    ]

    /// Second words of top-level `ipv6 ...` commands that carry no modelled meaning.
    static let ignorableIPv6: Set<Substring> = [
        "unicast-routing", "cef", "icmp", "route", "dhcp", "nd", "snooping", "source-guard", "router",
        "prefix-list", "multicast-routing", "general-prefix", "local", "neighbor", "host", "ospf", "pim", "mld",
        "flow", "source-route", "hop-limit", "destination-guard", "dhcp-relay", "multicast", "rip", "mfib",
        "route-cache", "hardware", "dhcp-ldra", "nat", "mtu", "flowset", "inspect", "ra-guard", "vrf",
        "redirects", "unreachables", "routing",
    ]

    /// First words of interface subcommands with no modelled meaning.
    static let ignorableInterface: Set<Substring> = [
        "mtu", "bandwidth", "delay", "vrf", "encapsulation", "speed", "duplex", "full-duplex", "half-duplex",
        "negotiation", "media-type", "load-interval", "carrier-delay", "keepalive", "hold-queue", "cdp", "lldp",
        "mpls", "arp", "clns", "h323-gateway", "bgp-policy", "snmp", "mop", "switchport", "spanning-tree",
        "channel-group", "channel-protocol", "lacp", "pvc", "dialer", "dialer-group", "dsl", "bundle-enable",
        "atm", "max-reserved-bandwidth", "service-policy", "fair-queue", "tx-ring-limit", "standby", "vrrp",
        "glbp", "ospfv3", "mka", "macsec", "network-clock", "synchronous", "ethernet", "service-instance",
        "xconnect", "tunnel", "crypto", "peer", "autodetect", "priority-queue", "random-detect", "power",
        "storm-control", "udld", "authentication", "dot1x", "mab", "access-session", "device-tracking",
        "flowcontrol", "mdix", "platform", "logging", "mac-address", "mac", "auto", "srr-queue", "mls",
        "queue-set", "trust", "cts", "l2protocol-tunnel", "bfd", "isis", "frame-relay", "dampening", "backup",
        "rate-limit", "traffic-shape", "custom-queue-list", "priority-group", "clock", "physical-layer",
        "async", "compress", "wrr-queue", "rcv-queue", "pos", "sonet", "framing", "linecode", "cablelength",
        "shape", "medium", "macro", "load-balancing", "vlan", "bridge-group", "source", "mode", "nameif",
        "pppoe-client", "pppoe", "ppp", "small-frame", "switch", "stackwise", "channel", "hsrp", "wrr", "pim", "igmp", "band", "cellular", "modem", "dialer-list",
        "zone", "routing", "counter", "transport", "ntp", "qos", "nat64", "lisp", "evc", "bundle", "vpdn",
        "tunnel-group", "rep", "ptp", "poe", "ip-sla", "umbrella", "nve", "member", "fec", "transceiver",
        "link", "vtp", "port", "dscp", "dsl-group", "shdsl", "gshdsl", "isdn", "virtual-template",
    ]

    /// Second words of interface `ip ...` commands with no modelled meaning.
    static let ignorableInterfaceIP: Set<Substring> = [
        "redirects", "unreachables", "proxy-arp", "mtu", "flow", "mfib", "pim", "flowspec", "cef", "load-sharing",
        "route-cache", "split-horizon", "igmp", "virtual-reassembly", "tcp", "accounting", "inspect",
        "directed-broadcast", "mask-reply", "helper-address", "dhcp", "verify", "ospf", "policy", "nbar", "wccp",
        "summary-address", "multicast", "rip", "information-reply", "local-proxy-arp", "sap", "admission",
        "auth-proxy", "ips", "nhrp", "security", "rsvp", "dns", "router", "unnumbered", "authentication",
        "hello-interval", "hold-time", "bandwidth-percent", "gratuitous-arps", "sticky-arp", "irdp", "vrf",
        "arp", "urd", "route", "mroute-cache", "broadcast-address", "port-unreachable", "rtp", "ddns",
        "flow-monitor", "traffic-export", "next-hop-self", "split-horizon", "pgm", "sdr", "vrf-aware",
        "directed-broadcast", "lisp", "subscriber", "ospfv3", "eigrp", "netflow", "mtu-discovery",
    ]

    /// Second words of interface `ipv6 ...` commands with no modelled meaning.
    static let ignorableInterfaceIPv6: Set<Substring> = [
        "nd", "redirects", "unreachables", "mfib", "flowspec", "mtu", "dhcp", "ospf", "tcp", "pim", "mld", "verify",
        "policy", "cef", "eigrp", "rip", "router", "virtual-reassembly", "flow", "source-guard", "snooping",
        "destination-guard", "dhcp-ldra", "link-local", "nat", "inspect", "ra-guard", "dhcp-relay",
        "multicast", "hello-interval", "hold-time", "bandwidth-percent", "summary-address", "split-horizon",
        "authentication", "crypto", "lisp", "mobile", "vrf", "nhrp", "route-cache", "ospfv3",
    ]

    /// Line (terminal) subcommands with no modelled meaning.
    static let ignorableLine: Set<Substring> = [
        "logging", "stopbits", "history", "exec", "logout-warning", "flowcontrol", "speed", "databits", "parity",
        "length", "width", "session-timeout", "absolute-timeout", "escape-character", "autoselect", "modem",
        "authorization", "accounting", "location", "activation-character", "terminal-type", "rotary",
        "autocommand", "vacant-message", "notify", "lockable", "session-limit", "motd-banner", "exec-banner",
        "refuse-message", "international", "editing", "data-character-bits", "special-character-bits",
        "exec-character-bits", "disconnect-character", "hold-character", "start-character", "stop-character",
        "padding", "monitor", "timeout", "full-help", "insecure", "domain-lookup", "escape", "dispatch-character",
        "dispatch-timeout", "dispatch-machine", "script", "telnet", "txspeed", "rxspeed", "physical-layer",
        "media-type", "session-disconnect-warning", "cts", "no", "clock", "flush-at-activation",
        "login-string", "exec-timeout", "privilege", "password", "login", "transport", "access-class",
        "ipv6", "autohangup", "ip", "keymap-type", "buffer-length", "stopbits", "default", "ppp", "peer",
    ]

    /// Words after which a value on the line is (or may be) secret: diagnostics quoting an
    /// unrecognised line stop before them.
    static let secretKeywords: Set<Substring> = [
        "password", "secret", "key", "key-string", "server-key", "community", "authentication-key",
        "message-digest-key", "pre-shared-key", "set-key", "auth", "priv", "md5", "sha", "sha1",
    ]
}
