import AuditCore

/// Junos words and the facts behind them: named ports, predefined applications, what each
/// host-inbound system service and protocol admits, and the stanzas that carry no security
/// meaning for this audit.
enum JunosVocabulary {
    /// Words after which a secret follows (for messages that must not quote it).
    static let secretKeywords: Set<Substring> = [
        "encrypted-password", "plain-text-password", "authentication-key", "secret", "pre-shared-key", "ascii-text",
        "hexadecimal", "chap-secret", "default-chap-secret", "pap-password", "default-pap-password", "local-password",
        "simple-password", "community", "key", "password", "privacy-password", "authentication-password",
        "privacy-key", "hello-authentication-key", "master-password", "value", "passphrase", "shared-secret",
    ]

    /// Port names Junos accepts in firewall filters and applications (`destination-port ssh`).
    static let namedPorts: [Substring: Int] = [
        "ftp-data": 20, "ftp": 21, "ssh": 22, "telnet": 23, "smtp": 25, "tacacs": 49, "tacacs-ds": 65, "domain": 53,
        "bootps": 67, "dhcp": 67, "bootpc": 68, "tftp": 69, "finger": 79, "http": 80, "www": 80, "kerberos-sec": 88,
        "hostname": 101, "pop3": 110, "sunrpc": 111, "ident": 113, "auth": 113, "nntp": 119, "ntp": 123,
        "netbios-ns": 137, "netbios-dgm": 138, "netbios-ssn": 139, "imap": 143, "snmp": 161, "snmptrap": 162,
        "xdmcp": 177, "bgp": 179, "ldap": 389, "mobileip-agent": 434, "mobilip-mn": 435, "https": 443,
        "microsoft-ds": 445, "kpasswd": 464, "pim-auto-rp": 496, "biff": 512, "exec": 512, "login": 513, "who": 513,
        "cmd": 514, "syslog": 514, "printer": 515, "talk": 517, "ntalk": 518, "rip": 520, "timed": 525,
        "klogin": 543, "kshell": 544, "ldp": 646, "msdp": 639, "krbupdate": 760, "kerberos": 750, "krb-prop": 754,
        "rkinit": 2108, "eklogin": 2105, "ekshell": 2106, "radius": 1812, "radacct": 1813, "nfsd": 2049,
        "cvspserver": 2401, "socks": 1080, "afs": 1483, "zephyr-srv": 2102, "zephyr-clt": 2103, "zephyr-hm": 2104,
        "bfd": 3784, "dnsix": 195, "snpp": 444, "ms-sql": 1433, "rdp": 3389,
    ]

    /// IP protocol names of firewall filters and applications.
    static func ipProtocol(_ name: Substring) -> IPProtocol? {
        switch name {
        case "tcp": return .tcp
        case "udp": return .udp
        case "icmp": return .icmp
        case "icmp6", "icmpv6", "ipv6-icmp": return .icmpv6
        case "gre": return .gre
        case "esp": return .esp
        case "ah": return .ah
        case "igmp": return .igmp
        case "ospf": return .number(89)
        case "pim": return .number(103)
        case "vrrp": return .number(112)
        case "rsvp": return .number(46)
        case "ipip": return .number(4)
        case "ipv6": return .number(41)
        case "sctp": return .number(132)
        case "egp": return .number(8)
        case "l2tp": return .number(115)
        default:
            guard let number = Int(name), number >= 0, number <= 255 else { return nil }
            return IPProtocol(name: name)
        }
    }

    /// A port, a named port or a range `1024-65535` (also `100 to 200` is joined by the caller).
    static func portRange(_ text: Substring) -> ClosedRange<Int>? {
        if let dash = text.firstIndex(of: "-"), dash != text.startIndex {
            guard let low = port(text[..<dash]), let high = port(text[text.index(after: dash)...]), low <= high else {
                return namedPorts[text].map { $0...$0 }
            }
            return low...high
        }
        return port(text).map { $0...$0 }
    }

    static func port(_ text: Substring) -> Int? {
        if let number = Int(text), number >= 0, number <= 65535 { return number }
        return namedPorts[text]
    }

    /// Predefined applications (the `junos-defaults` group of every Junos release), by name.
    static let predefinedApplications: [Substring: [JunosApplicationTerm]] = {
        func tcp(_ port: Int) -> JunosApplicationTerm { JunosApplicationTerm(protocols: .only([.tcp]), destinationPorts: .single(port)) }
        func udp(_ port: Int) -> JunosApplicationTerm { JunosApplicationTerm(protocols: .only([.udp]), destinationPorts: .single(port)) }
        func tcpRange(_ range: ClosedRange<Int>) -> JunosApplicationTerm {
            JunosApplicationTerm(protocols: .only([.tcp]), destinationPorts: .ranges([range]))
        }
        let icmp = JunosApplicationTerm(protocols: .only([.icmp]))
        return [
            "any": [JunosApplicationTerm(protocols: .any)],
            "junos-ftp": [tcp(21)], "junos-ftp-data": [tcp(20)], "junos-tftp": [udp(69)], "junos-ssh": [tcp(22)],
            "junos-telnet": [tcp(23)], "junos-smtp": [tcp(25)], "junos-smtps": [tcp(465)], "junos-dns-udp": [udp(53)],
            "junos-dns-tcp": [tcp(53)], "junos-http": [tcp(80)], "junos-https": [tcp(443)],
            "junos-pop3": [tcp(110)], "junos-imap": [tcp(143)], "junos-imaps": [tcp(993)], "junos-ldap": [tcp(389)],
            "junos-ntp": [udp(123)], "junos-bgp": [tcp(179)], "junos-ike": [udp(500)], "junos-ike-nat": [udp(4500)],
            "junos-syslog": [udp(514)], "junos-radius": [udp(1812)], "junos-radacct": [udp(1813)],
            "junos-snmp-get": [udp(161)], "junos-snmp-get-next": [udp(161)], "junos-snmp-response": [udp(161)],
            "junos-snmp-trap": [udp(162)], "junos-snmp-agentx": [tcp(705)], "junos-ms-sql": [tcp(1433)],
            "junos-sqlnet-v1": [tcp(1525)], "junos-sqlnet-v2": [tcp(1521)], "junos-netbios-session": [tcp(139)],
            "junos-smb": [tcp(139), tcp(445)], "junos-smb-session": [tcp(445)], "junos-ms-rpc-tcp": [tcp(135)],
            "junos-ms-rpc-udp": [udp(135)], "junos-pptp": [tcp(1723)], "junos-nntp": [tcp(119)], "junos-finger": [tcp(79)],
            "junos-ident": [tcp(113)], "junos-printer": [tcp(515)], "junos-rsh": [tcp(514)], "junos-rlogin": [tcp(513)],
            "junos-rexec": [tcp(512)], "junos-nfsd-tcp": [tcp(2049)], "junos-nfsd-udp": [udp(2049)],
            "junos-sun-rpc-portmap-tcp": [tcp(111)], "junos-sun-rpc-portmap-udp": [udp(111)],
            "junos-x-windows": [tcpRange(6000...6063)],
            "junos-gre": [JunosApplicationTerm(protocols: .only([.gre]))],
            "junos-icmp-all": [icmp], "junos-ping": [icmp],
            "junos-icmp-ping": [JunosApplicationTerm(protocols: .only([.icmp]), icmpTypes: ["echo-request"])],
            "junos-icmp6-all": [JunosApplicationTerm(protocols: .only([.icmpv6]))],
            "junos-tcp-any": [JunosApplicationTerm(protocols: .only([.tcp]))],
            "junos-udp-any": [JunosApplicationTerm(protocols: .only([.udp]))],
            "junos-dhcp-client": [udp(68)], "junos-dhcp-server": [udp(67)], "junos-bootpc": [udp(68)], "junos-bootps": [udp(67)],
            "junos-ldp-tcp": [tcp(646)], "junos-ldp-udp": [udp(646)], "junos-rip": [udp(520)], "junos-ospf":
                [JunosApplicationTerm(protocols: .only([.number(89)]))],
            "junos-h323": [tcp(1720)], "junos-sip": [udp(5060)], "junos-l2tp": [udp(1701)], "junos-tacacs": [tcp(49)],
            "junos-chargen": [udp(19)], "junos-discard": [udp(9)], "junos-echo": [udp(7)], "junos-gopher": [tcp(70)],
            "junos-wais": [tcp(210)], "junos-who": [udp(513)], "junos-whois": [tcp(43)], "junos-uucp": [udp(540)],
            "junos-talk": [tcp(517)], "junos-ntalk": [tcp(518)], "junos-nbname": [udp(137)], "junos-nbds": [udp(138)],
            "junos-cvspserver": [tcp(2401)], "junos-xnm-clear-text": [tcp(3221)], "junos-xnm-ssl": [tcp(3220)],
        ]
    }()

    /// What each `host-inbound-traffic system-services` word admits to the device, by protocol and
    /// port. `ServiceKind` ties a word to a management service whose configured port it follows.
    struct HostService {
        var protocols: ProtocolMatch
        var ports: PortMatch
        var icmpTypes: [String] = []
        var service: ServiceKind?
    }

    static let hostInboundServices: [Substring: [HostService]] = {
        func tcp(_ port: Int, _ service: ServiceKind? = nil) -> HostService {
            HostService(protocols: .only([.tcp]), ports: .single(port), service: service)
        }
        func udp(_ port: Int, _ service: ServiceKind? = nil) -> HostService {
            HostService(protocols: .only([.udp]), ports: .single(port), service: service)
        }
        let icmp = HostService(protocols: .only([.icmp, .icmpv6]), ports: .any, icmpTypes: ["echo-request"])
        return [
            "ssh": [tcp(22, .ssh)], "telnet": [tcp(23, .telnet)], "http": [tcp(80, .http)], "https": [tcp(443, .https)],
            "ftp": [tcp(21, .ftp)], "netconf": [tcp(830, .netconf)], "snmp": [udp(161, .snmp)], "snmp-trap": [udp(162)],
            "dns": [udp(53, .dns), tcp(53)], "ping": [icmp],
            "traceroute": [HostService(protocols: .only([.udp]), ports: .ranges([33434...33534]))],
            "ike": [udp(500), udp(4500)], "ntp": [udp(123)], "dhcp": [udp(67)], "bootp": [udp(67)], "dhcpv6": [udp(547)],
            "tftp": [udp(69)], "finger": [tcp(79)], "ident-reset": [tcp(113)], "rlogin": [tcp(513)], "rsh": [tcp(514)],
            "xnm-clear-text": [tcp(3221)], "xnm-ssl": [tcp(3220)], "sip": [udp(5060), tcp(5060)], "r2cp": [udp(28672)],
            "reverse-telnet": [tcp(2900)], "reverse-ssh": [tcp(2901)], "lsping": [udp(3503)], "rpm": [udp(7)],
            "webapi-clear-text": [tcp(8080)], "webapi-ssl": [tcp(8443)], "tcp-encap": [tcp(4500)],
            // Cluster and AppQoE probes: recognised, admitting nothing a management check looks at.
            "high-availability": [], "appqoe": [], "jsred": [],
            // Expanded by the converter into every service above.
            "any-service": [], "all": [],
        ]
    }()

    /// What each `host-inbound-traffic protocols` word (routing protocols) admits.
    static let hostInboundProtocols: [Substring: [HostService]] = {
        func tcp(_ port: Int) -> HostService { HostService(protocols: .only([.tcp]), ports: .single(port)) }
        func udp(_ ports: ClosedRange<Int>) -> HostService { HostService(protocols: .only([.udp]), ports: .ranges([ports])) }
        func proto(_ number: Int) -> HostService {
            HostService(protocols: .only([IPProtocol(name: String(number)) ?? .number(number)]), ports: .any)
        }
        let ordered: [(Substring, [HostService])] = [
            ("bgp", [tcp(179)]), ("ospf", [proto(89)]), ("ospf3", [proto(89)]), ("rip", [udp(520...520)]),
            ("ripng", [udp(521...521)]), ("bfd", [udp(3784...3785), udp(4784...4784)]), ("ldp", [tcp(646), udp(646...646)]),
            ("msdp", [tcp(639)]), ("pim", [proto(103)]), ("vrrp", [proto(112)]), ("rsvp", [proto(46)]), ("igmp", [proto(2)]),
            ("dvmrp", [proto(2)]), ("pgm", [proto(113)]), ("sap", [udp(9875...9875)]), ("nhrp", [proto(54)]),
            ("l2tp", [udp(1701...1701)]),
            ("router-discovery", [HostService(protocols: .only([.icmp]), ports: .any,
                                              icmpTypes: ["router-advertisement", "router-solicitation"])]),
            ("ndp", [HostService(protocols: .only([.icmpv6]), ports: .any,
                                 icmpTypes: ["router-solicitation", "router-advertisement", "neighbor-solicitation",
                                             "neighbor-advertisement", "redirect"])]),
            ("mld", [HostService(protocols: .only([.icmpv6]), ports: .any, icmpTypes: ["130", "131", "132", "143"])]),
        ]
        var table = Dictionary(uniqueKeysWithValues: ordered)
        // `all`: every protocol above once, in this order.
        var all: [HostService] = []
        for service in ordered.flatMap(\.1)
            where !all.contains(where: { $0.protocols == service.protocols && $0.ports == service.ports
                                         && $0.icmpTypes == service.icmpTypes }) {
            all.append(service)
        }
        table["all"] = all
        return table
    }()

    /// Top-level stanzas with no security meaning for this audit (routing, chassis, switching,
    /// class of service). Secrets inside them are still found by the secret scan.
    static let neutralTopLevel: Set<Substring> = [
        "chassis", "protocols", "policy-options", "routing-instances", "class-of-service", "forwarding-options",
        "vlans", "ethernet-switching-options", "switch-options", "bridge-domains", "event-options", "poe",
        "virtual-chassis", "multi-chassis", "accounting-options", "smtp", "wlan", "schedulers", "apply-macro",
        "multicast-snooping-options", "fabric", "routing-options", "dynamic-profiles", "tenants", "logical-systems",
        "access", "access-profile", "services", "security-domains", "diameter", "jsrc", "jsrc-partition", "redundancy",
        "unified-edge", "virtual-network-functions", "vmhost", "session-limit-group", "protocol-mappings", "igmp-snooping",
        "mpls", "bridge", "application-identification", "chassis-cluster", "openflow", "labels",
    ]

    /// `system` children that carry no modelled security meaning.
    static let neutralSystem: Set<Substring> = [
        "domain-name", "domain-search", "time-zone", "name-server", "ntp", "syslog", "ports", "authentication-order",
        "radius-server", "tacplus-server", "radius-options", "tacplus-options", "accounting", "archival", "commit",
        "license", "max-configurations-on-flash", "max-configuration-rollbacks", "processes", "arp", "internet-options",
        "no-redirects", "no-redirects-ipv6", "no-ping-record-route", "no-ping-time-stamp", "location", "static-host-mapping",
        "scripts", "extensions", "phone-home", "autoinstallation", "default-address-selection", "management-instance",
        "backup-router", "inet6-backup-router", "dump-on-panic", "saved-core-context", "saved-core-files", "security-profile",
        "master-password", "fips", "packet-forwarding-options", "ddos-protection", "tracing", "dynamic-profile-options",
        "configuration-database", "alarms", "auto-snapshot", "boot-loader-authentication", "compress-configuration-files",
        "no-compress-configuration-files", "diag-port-authentication", "pic-console-authentication", "mirror-flash-on-disk",
        "ntp-server", "proxy", "switchover-on-routing-crash", "use-imported-time-zones", "apply-groups", "apply-groups-except",
        "schema", "health-monitor", "mgd", "kernel-replication", "services-options", "nd-maxmcast-solicit", "ttl",
        "dhcp-local-server", "encrypt-configuration-files",
        "allow-v4mapped-packets", "no-multicast-echo", "port-mirroring", "dns-proxy", "rate-limit", "radius-disconnect",
        "radius-disconnect-port", "connection-limit", "source-address", "ports-and-protocols",
    ]

    /// `security` children with no modelled meaning (crypto, screens, UTM, logging).
    static let neutralSecurity: Set<Substring> = [
        "screen", "ike", "ipsec", "flow", "alg", "application-tracking", "log", "forwarding-options", "idp", "utm", "pki",
        "ssh-known-hosts", "dynamic-vpn", "authentication-key-chains", "macsec", "gprs", "firewall-authentication",
        "user-identification", "application-firewall", "dynamic-address", "certificates", "group-vpn",
        "advance-policy-based-routing", "intrusion-detection", "forwarding-process", "datapath-debug", "traceoptions",
        "apply-groups", "apply-groups-except", "dhcp", "tcp-encap",
        "ipsec-policy", "analysis", "cloud", "remote-access", "aaa", "ike-ipsec", "distribution-profile",
        "third-party-license-key", "resource-manager", "ssl", "application-identification", "idp-sensor", "user-interface",
        "unified-access-control", "lsys-root",
    ]
}
