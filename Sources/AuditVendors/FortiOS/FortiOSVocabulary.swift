import AuditCore

/// What a FortiOS firewall service matches: one protocol family with its ports, or ICMP types.
struct FortiServiceEntry: Hashable {
    var protocols: ProtocolMatch
    var destinationPorts: PortMatch = .any
    var sourcePorts: PortMatch = .any
    var icmpTypes: [String] = []

    static let all = FortiServiceEntry(protocols: .any)
    static func tcp(_ ports: ClosedRange<Int>...) -> FortiServiceEntry {
        FortiServiceEntry(protocols: .only([.tcp]), destinationPorts: .ranges(ports))
    }
    static func udp(_ ports: ClosedRange<Int>...) -> FortiServiceEntry {
        FortiServiceEntry(protocols: .only([.udp]), destinationPorts: .ranges(ports))
    }
    static func proto(_ p: IPProtocol) -> FortiServiceEntry { FortiServiceEntry(protocols: .only([p])) }
    static func icmp(_ type: Int?) -> FortiServiceEntry {
        FortiServiceEntry(protocols: .only([.icmp]), icmpTypes: type.map { ["\($0)"] } ?? [])
    }
}

/// Names FortiOS defines in every factory configuration, and the sections and keys the converter
/// knows to carry nothing the model needs.
enum FortiOSVocabulary {
    /// The predefined `firewall service custom` entries of a FortiOS 6.x/7.x factory configuration
    /// (`show firewall service custom` on a fresh FortiGate). A file that redefines one wins.
    static let predefinedServices: [String: [FortiServiceEntry]] = [
        "ALL": [.all],
        "ALL_TCP": [.tcp(1...65535)],
        "ALL_UDP": [.udp(1...65535)],
        "ALL_ICMP": [.icmp(nil)],
        "ALL_ICMP6": [.proto(.icmpv6)],
        "GRE": [.proto(.gre)], "AH": [.proto(.ah)], "ESP": [.proto(.esp)], "OSPF": [.proto(.number(89))],
        "AOL": [.tcp(5190...5194)], "BGP": [.tcp(179...179)], "DHCP": [.udp(67...68)],
        "DNS": [.tcp(53...53), .udp(53...53)], "FINGER": [.tcp(79...79)],
        "FTP": [.tcp(21...21)], "FTP_GET": [.tcp(21...21)], "FTP_PUT": [.tcp(21...21)],
        "GOPHER": [.tcp(70...70)], "H323": [.tcp(1720...1720, 1503...1503), .udp(1719...1719)],
        "HTTP": [.tcp(80...80)], "HTTPS": [.tcp(443...443)], "IKE": [.udp(500...500, 4500...4500)],
        "IMAP": [.tcp(143...143)], "IMAPS": [.tcp(993...993)], "Internet-Locator-Service": [.tcp(389...389)],
        "IRC": [.tcp(6660...6669)], "L2TP": [.tcp(1701...1701), .udp(1701...1701)], "LDAP": [.tcp(389...389)],
        "NetMeeting": [.tcp(1720...1720)], "NFS": [.tcp(111...111, 2049...2049), .udp(111...111, 2049...2049)],
        "NNTP": [.tcp(119...119)], "NTP": [.tcp(123...123), .udp(123...123)],
        "PC-Anywhere": [.tcp(5631...5631), .udp(5632...5632)], "PING": [.icmp(8)], "TIMESTAMP": [.icmp(13)],
        "INFO_REQUEST": [.icmp(15)], "INFO_ADDRESS": [.icmp(17)],
        "ONC-RPC": [.tcp(111...111), .udp(111...111)], "DCE-RPC": [.tcp(135...135), .udp(135...135)],
        "POP3": [.tcp(110...110)], "POP3S": [.tcp(995...995)], "PPTP": [.tcp(1723...1723)],
        "QUAKE": [.udp(26000...26000, 27000...27000, 27910...27910, 27960...27960)], "RAUDIO": [.udp(7070...7070)],
        "REXEC": [.tcp(512...512)], "RIP": [.udp(520...520)],
        "RLOGIN": [FortiServiceEntry(protocols: .only([.tcp]), destinationPorts: .single(513), sourcePorts: .ranges([512...1023]))],
        "RSH": [FortiServiceEntry(protocols: .only([.tcp]), destinationPorts: .single(514), sourcePorts: .ranges([512...1023]))],
        "SCCP": [.tcp(2000...2000)], "SIP": [.tcp(5060...5060), .udp(5060...5060)], "SIP-MSNmessenger": [.tcp(1863...1863)],
        "SAMBA": [.tcp(139...139)], "SMTP": [.tcp(25...25)], "SMTPS": [.tcp(465...465)],
        "SNMP": [.tcp(161...162), .udp(161...162)], "SSH": [.tcp(22...22)], "SYSLOG": [.udp(514...514)],
        "TALK": [.udp(517...518)], "TELNET": [.tcp(23...23)], "TFTP": [.udp(69...69)],
        "MGCP": [.udp(2427...2427, 2727...2727)], "UUCP": [.tcp(540...540)], "VDOLIVE": [.tcp(7000...7010)],
        "WAIS": [.tcp(210...210)], "WINFRAME": [.tcp(1494...1494, 2598...2598)], "X-WINDOWS": [.tcp(6000...6063)],
        "PING6": [FortiServiceEntry(protocols: .only([.icmpv6]), icmpTypes: ["128"])],
        "MS-SQL": [.tcp(1433...1434)], "MYSQL": [.tcp(3306...3306)], "RDP": [.tcp(3389...3389)], "VNC": [.tcp(5900...5900)],
        "DHCP6": [.udp(546...547)], "SQUID": [.tcp(3128...3128)], "SOCKS": [.tcp(1080...1080), .udp(1080...1080)],
        "WINS": [.tcp(1512...1512), .udp(1512...1512)], "RADIUS": [.udp(1812...1813)], "RADIUS-OLD": [.udp(1645...1646)],
        "CVSPSERVER": [.tcp(2401...2401), .udp(2401...2401)], "AFS3": [.tcp(7000...7009), .udp(7000...7009)],
        "TRACEROUTE": [.udp(33434...33535)], "RTSP": [.tcp(554...554, 7070...7070, 8554...8554), .udp(554...554)],
        "MMS": [.tcp(1755...1755), .udp(1024...5000)], "KERBEROS": [.tcp(88...88, 464...464), .udp(88...88, 464...464)],
        "LDAP_UDP": [.udp(389...389)], "SMB": [.tcp(445...445)],
        "NONE": [FortiServiceEntry(protocols: .only([]))],
    ]

    /// The predefined `firewall service group` entries of a factory configuration.
    static let predefinedServiceGroups: [String: [String]] = [
        "Email Access": ["DNS", "IMAP", "IMAPS", "POP3", "POP3S", "SMTP", "SMTPS"],
        "Web Access": ["DNS", "HTTP", "HTTPS"],
        "Windows AD": ["DCE-RPC", "DNS", "KERBEROS", "LDAP", "LDAP_UDP", "SAMBA", "SMB"],
        "Exchange Server": ["DCE-RPC", "DNS", "HTTPS"],
    ]

    /// Address objects every factory configuration defines (`all` is 0.0.0.0/0, `none` matches nothing).
    static let predefinedAddresses: Set<String> = [
        "all", "none", "FABRIC_DEVICE", "FIREWALL_AUTH_PORTAL_ADDRESS", "SSLVPN_TUNNEL_ADDR1",
        "login.microsoft.com", "login.microsoftonline.com", "login.windows.net", "gmail.com",
        "wildcard.google.com", "wildcard.dropbox.com", "EMS_ALL_UNKNOWN_CLIENTS", "EMS_ALL_UNMANAGEABLE_CLIENTS",
        "G Suite", "Microsoft Office 365", "SSLVPN_TUNNEL_IPv6_ADDR1",
    ]

    /// Interface names that exist without a `config system interface` entry: `any` in policies,
    /// the SD-WAN zone names and the per-VDOM SSL-VPN tunnel interface.
    static func isImplicitInterface(_ name: String) -> Bool {
        name == "any" || name == "virtual-wan-link" || name == "sdwan" || name.hasPrefix("ssl.")
    }

    /// `allowaccess` words and the service each one opens. `ping`, `fgfm`, `fabric`, `probe-response`,
    /// `radius-acc`, `ftm`, `capwap`, `speed-test` and `auto-ipsec` open nothing the model names.
    static func allowaccessService(_ word: String) -> ServiceKind? {
        switch word {
        case "https": .https
        case "http": .http
        case "ssh": .ssh
        case "telnet": .telnet
        case "snmp": .snmp
        default: nil
        }
    }

    static let allowaccessWords: Set<String> = [
        "ping", "https", "ssh", "http", "telnet", "snmp", "fgfm", "radius-acc", "probe-response", "fabric",
        "ftm", "capwap", "speed-test", "auto-ipsec", "dnp", "scim",
    ]

    /// Keys whose value is a secret wherever they appear (FortiOS writes them as `ENC ...`).
    static func isSecretKey(_ key: String) -> Bool {
        switch key {
        case "password", "passwd", "psksecret", "psksecret-remote", "secret", "passphrase", "api-key",
             "auth-pwd", "priv-pwd", "ddns-password", "ddns-key", "sae-password", "key", "tacacs-key",
             "secondary-secret", "tertiary-secret", "md5-key", "auth-password", "private-key", "ppk-secret",
             "keyword-match", "server-password", "proxy-password", "password2", "old-password", "auth-key",
             "authentication-key", "group-password", "wpa-password", "mpsk-passphrase", "pre-shared-key", "token":
            return true
        default:
            return key.hasSuffix("-password") || key.hasSuffix("-passwd") || key.hasSuffix("-secret")
                || key.hasSuffix("-psk") || key.hasSuffix("-pwd")
        }
    }

    /// Top-level sections with no meaning for the model, read and ignored on purpose.
    static func isIgnoredSection(_ key: String) -> Bool {
        if ignoredSections.contains(key) { return true }
        for prefix in ignoredSectionPrefixes where key.hasPrefix(prefix) { return true }
        return false
    }

    static let ignoredSections: Set<String> = [
        "system accprofile", "system np6", "system np6xlite", "system npu", "system storage", "system switch-interface",
        "system lte-modem", "system virtual-switch", "system vdom-link", "system vdom-property", "system session-helper",
        "system email-server", "system custom-language", "system console", "system fortiguard", "system dns",
        "system ntp", "system settings", "system ha", "user group", "user radius", "user ldap", "user tacacs+", "user saml",
        "user fsso", "user pop3", "user adgrp", "system object-tagging", "system resource-limits", "system vdom-exception",
        "system auto-install", "system sflow", "system netflow", "system password-policy-guest-admin",
        "system ips-urlfilter-dns", "system ips-urlfilter-dns6", "system fortisandbox", "system fortindr",
        "system external-resource", "system dhcp server", "system dhcp6 server", "system arp-table", "system ipv6-neighbor-cache",
        "system ddns", "system geoip-override", "system fsso-polling", "system ha-monitor", "system link-monitor",
        "system mobile-tunnel", "system alarm", "system global-dhcp", "system sit-tunnel", "system gre-tunnel",
        "system ipip-tunnel", "system proxy-arp", "system sso-admin", "system cluster-sync", "system standalone-cluster",
        "system tos-based-priority", "system dscp-based-priority", "system ptp", "system ike", "system fips-cc",
        "system sms-server", "system snmp sysinfo", "system snmp mib-view", "system probe-response", "system dedicated-mgmt",
        "system vne-tunnel", "system virtual-wire-pair", "system physical-switch", "system zone-tag", "system stp",
        "system central-management", "system speed-test-schedule", "system speed-test-server", "system fortiai",
        "system network-visibility", "system device-upgrade", "system automation-trigger", "system automation-action",
        "system automation-stitch", "system automation-destination", "system ftm-push", "system affinity-interrupt",
        "system affinity-packet-redistribution", "system saml", "system csf", "system sdn-connector", "system fm",
        "system nd-proxy", "system ipam", "system lldp network-policy", "system interface-policy", "system pcp-server",
        "system 3g-modem custom", "system modem", "system status", "system replacemsg-group", "system replacemsg-image",
        "system evpn", "system vxlan", "system wccp", "system sdwan health-check",
        "firewall service category", "firewall wildcard-fqdn custom", "firewall wildcard-fqdn group",
        "firewall multicast-address", "firewall multicast-address6", "firewall schedule onetime",
        "firewall schedule recurring", "firewall schedule group", "firewall shaper traffic-shaper",
        "firewall shaper per-ip-shaper", "firewall shaping-policy", "firewall shaping-profile", "firewall ippool",
        "firewall ippool6", "firewall ldb-monitor", "firewall profile-protocol-options", "firewall ssl-ssh-profile",
        "firewall ssl-server", "firewall auth-portal", "firewall identity-based-route", "firewall ipmacbinding setting",
        "firewall ipmacbinding table", "firewall internet-service-name", "firewall internet-service-custom",
        "firewall internet-service-group", "firewall internet-service-definition", "firewall internet-service-extension",
        "firewall internet-service-custom-group", "firewall internet-service-append", "firewall ssh setting",
        "firewall ssh local-key", "firewall ssh local-ca", "firewall traffic-class", "firewall decrypted-traffic-mirror",
        "firewall address6-template", "firewall central-snat-map", "firewall proxy-address", "firewall proxy-addrgrp",
        "firewall profile-group", "firewall ttl-policy", "firewall sniffer", "firewall acl", "firewall acl6",
        "firewall dos-policy", "firewall dos-policy6", "firewall ipv6-eh-filter", "firewall vendor-mac",
        "firewall network-service-dynamic", "firewall on-demand-sniffer", "firewall access-proxy",
        "firewall access-proxy-virtual-host", "firewall access-proxy-ssh-client-cert", "firewall region",
        "firewall city", "firewall country",
        "router multicast", "router multicast6", "router multicast-flow", "router rip", "router ripng", "router ospf",
        "router ospf6", "router bgp", "router isis", "router access-list", "router access-list6", "router prefix-list",
        "router prefix-list6", "router route-map", "router aspath-list", "router community-list", "router key-chain",
        "router policy", "router policy6", "router setting", "router auth-path", "router bfd", "router bfd6",
        "router static6", "router extcommunity-list", "router gwdetect",
        "user setting", "user device-category", "user device-access-list", "user device", "user device-group",
        "user quarantine", "user peer", "user peergrp", "user fortitoken", "user nac-policy", "user domain-controller",
        "user exchange", "user security-exempt-list", "user password-policy", "user krb-keytab",
        "log setting", "log eventfilter", "log gui-display", "log threat-weight", "log custom-field",
        "alertemail setting", "dnsfilter domain-filter", "dnsfilter profile", "icap profile", "icap server",
        "ips global", "ips sensor", "ips rule-settings", "ips settings", "ips custom", "ips decoder", "ips rule",
        "ips view-map", "application list", "application name", "application custom", "application group",
        "application rule-settings", "antivirus settings", "antivirus profile", "antivirus quarantine",
        "antivirus mms-checksum", "antivirus heuristic", "antivirus exempt-list",
        "dlp sensor", "dlp fp-doc-source", "dlp settings", "dlp data-type", "dlp dictionary", "dlp profile",
        "dlp filepattern", "dlp sensitivity",
        "webfilter ftgd-local-cat", "webfilter ftgd-local-rating", "webfilter content", "webfilter content-header",
        "webfilter urlfilter", "webfilter profile", "webfilter fortiguard", "webfilter override", "webfilter ips-urlfilter-setting",
        "webfilter ips-urlfilter-setting6", "webfilter search-engine", "webfilter ips-urlfilter-cache-setting",
        "emailfilter profile", "emailfilter fortishield", "emailfilter options", "emailfilter bword", "emailfilter block-allow-list",
        "emailfilter mheader", "emailfilter dnsbl", "emailfilter iptrust", "spamfilter profile", "spamfilter fortishield",
        "spamfilter options", "file-filter profile", "videofilter profile", "videofilter youtube-key",
        "voip profile", "waf profile", "waf signature", "waf main-class", "waf sub-class",
        "wanopt settings", "wanopt profile", "wanopt peer", "wanopt auth-group", "wanopt content-delivery-network-rule",
        "wanopt cache-service", "wanopt webcache", "wanopt remote-storage",
        "web-proxy global", "web-proxy profile", "web-proxy forward-server", "web-proxy forward-server-group",
        "web-proxy debug-url", "web-proxy wisp", "web-proxy explicit", "web-proxy url-match", "web-proxy isolator-server",
        "endpoint-control settings", "endpoint-control profile", "endpoint-control forticlient-ems",
        "endpoint-control fctems", "endpoint-control fctems-override", "report layout", "report setting", "report style",
        "report theme", "report dataset", "report chart", "ssh-filter profile", "cifs profile", "cifs domain-controller",
        "credential-store domain-controller", "authentication setting", "authentication scheme", "authentication rule",
        "extender-controller dataplan", "extension-controller dataplan", "automation setting", "ztna web-proxy",
        "sctp-filter profile", "virtual-patch profile", "ips sensor", "dpdk global", "dpdk cpus", "hardware npu",
        "switch-controller global", "casb profile", "casb saas-application", "casb user-activity",
        "rule otdt", "rule otvp", "rule fmwp", "rule iotd",
        "vpn certificate ca", "vpn certificate local", "vpn certificate crl", "vpn certificate remote",
        "vpn certificate ocsp-server", "vpn certificate setting", "vpn ocvpn", "vpn ssl client", "vpn kmip-server",
    ]

    /// Section families with nothing for the model (replacement messages, wireless and switch
    /// controllers, logging, UTM profiles).
    static let ignoredSectionPrefixes: [String] = [
        "system replacemsg", "wireless-controller", "switch-controller", "log ", "report ", "endpoint-control",
        "extender-controller", "extension-controller", "webfilter", "antivirus", "application", "dlp ", "ips ",
        "emailfilter", "spamfilter", "icap ", "waf ", "wanopt", "web-proxy", "voip", "dnsfilter", "videofilter",
        "file-filter", "ssh-filter", "cifs", "gui ", "system gui", "system snmp mib",
    ]

    /// `config system global` keys read and ignored (time, names, GUI, hardware, logging, features).
    static let globalIgnoredKeys: Set<String> = [
        "hostname", "alias", "timezone", "vdom-mode", "autorun-log-fsck", "admin-concurrent", "admin-console-timeout",
        "admin-hsts-max-age", "admin-https-pki-required", "admin-login-max", "admin-scp", "admin-server-cert",
        "admin-restrict-local", "admin-host", "admin-reset-button", "admin-maintainer", "admin-ssh-grace-time",
        "admin-forticloud-sso-login", "admin-forticloud-sso-default-profile", "admin-ble-button", "gui-theme",
        "gui-device-latitude", "gui-device-longitude", "gui-certificates", "gui-custom-language", "gui-date-format",
        "gui-date-time-source", "gui-display-hostname", "gui-fortigate-cloud-sandbox", "gui-firmware-upgrade-warning",
        "gui-forticare-registration-setup-warning", "gui-ipv6", "gui-local-out", "gui-replacement-message-groups",
        "gui-rest-api-cache", "gui-wireless-opensecurity", "gui-allow-default-hostname", "gui-app-detection-sdwan",
        "gui-cdn-usage", "gui-workflow-management", "gui-auto-upgrade-setup-warning", "gui-fortiguard-resource-fetch",
        "language", "switch-controller", "fortiextender", "fortiextender-vlan-mode", "fortiextender-data-port",
        "fortiextender-discovery-lockdown", "wireless-controller", "wireless-controller-port", "dst", "daily-restart",
        "restart-time", "reboot-upon-config-restore", "timezone-option", "tcp-halfclose-timer", "tcp-halfopen-timer",
        "tcp-timewait-timer", "tcp-option", "udp-idle-timer", "max-route-cache-size", "refresh", "interval", "cfg-save",
        "cfg-revert-timeout", "revision-backup-on-logout", "revision-image-auto-backup", "check-protocol-header",
        "check-reset-range", "anti-replay", "arp-max-entry", "av-failopen", "av-failopen-session", "batch-cmdb",
        "block-session-timer", "br-fdb-max-entry", "cert-chain-max", "cli-audit-log", "cmdbsvr-affinity",
        "compliance-check", "compliance-check-time", "cpu-use-threshold", "csr-ca-attribute", "device-idle-timeout",
        "device-identification-active-scan-delay", "disk-usage", "edit-vdom-prompt", "failtime",
        "faz-disk-buffer-size", "fds-statistics", "fds-statistics-period", "fgd-alert-subscription", "fortiipam-integration",
        "fortiservice-port", "fortitoken-cloud", "gui-forticare-registration", "honor-df", "hostname-display",
        "ike-embryonic-limit", "internal-switch-mode", "internal-switch-speed", "ip-src-port-range", "ipsec-asic-offload",
        "ipsec-hmac-offload", "ipsec-soft-dec-async", "ipv6-accept-dad", "ipv6-allow-anycast-probe",
        "irq-time-accounting", "ldapconntimeout", "lldp-reception", "lldp-transmission", "log-ssl-connection",
        "log-uuid-address", "log-uuid-policy", "management-ip", "management-port", "management-port-use-admin-sport",
        "management-vdom", "max-dlpstat-memory", "memory-use-threshold-extreme", "memory-use-threshold-green",
        "memory-use-threshold-red", "miglog-affinity", "miglogd-children", "multi-factor-authentication",
        "ndp-max-entry", "per-user-bal", "per-user-bwl", "pmtu-discovery", "policy-auth-concurrent", "post-login-banner",
        "pre-login-banner", "private-data-encryption", "proxy-auth-lifetime", "proxy-auth-lifetime-timeout",
        "proxy-auth-timeout", "proxy-cipher-hardware-acceleration", "proxy-kxp-hardware-acceleration",
        "proxy-re-authentication-mode", "proxy-resource-mode", "proxy-worker-count", "radius-port", "registration-notification",
        "scanunit-count", "security-rating-result-submission", "security-rating-run-on-schedule", "send-pmtu-icmp",
        "snat-route-change", "special-file-23-support", "speedtest-server", "split-port", "ssd-trim-date", "ssd-trim-freq",
        "ssd-trim-hour", "ssd-trim-min", "ssd-trim-weekday", "ssh-cbc-cipher", "ssh-enc-algo", "ssh-hmac-md5",
        "ssh-kex-algo", "ssh-kex-sha1", "ssh-mac-algo", "ssh-mac-weak", "ssh-hostkey-algo", "ssl-min-proto-version",
        "ssl-static-key-ciphers", "sslvpn-cipher-hardware-acceleration", "sslvpn-kxp-hardware-acceleration",
        "sslvpn-max-worker-count", "sslvpn-plugin-version-check", "strong-crypto", "sys-perf-log-interval",
        "tftp", "traffic-priority", "traffic-priority-level", "two-factor-email-expiry", "two-factor-fac-expiry",
        "two-factor-fortiapp-expiry", "two-factor-ftk-expiry", "two-factor-ftm-expiry", "two-factor-sms-expiry",
        "url-filter-affinity", "url-filter-count", "user-device-store-max-devices", "user-device-store-max-unified-mem",
        "user-device-store-max-users", "user-server-cert", "vdom-admin", "vip-arp-range", "virtual-server-count",
        "virtual-server-hardware-acceleration", "wad-affinity", "wad-csvc-cs-count", "wad-csvc-db-count",
        "wad-memory-change-granularity", "wad-source-affinity", "wad-worker-count", "wifi-ca-certificate",
        "wifi-certificate", "wimax-4g-usb", "wireless-mode", "endpoint-control-fds-access", "endpoint-control-portal-port",
        "extender-controller-reserved-network", "gui-forticare-registration-setup-warning", "auth-cert", "auth-http-port",
        "auth-https-port", "auth-keepalive", "auth-session-limit", "auto-auth-extension-device", "autorun-log-fsck",
        "dh-params", "dnsproxy-worker-count", "early-tcp-npu-session", "forticonverter-integration",
        "forticonverter-config-upload", "gui-fortisandbox-cloud", "ipsec-round-robin", "ipv6-allow-local-in-slient-drop",
        "ipv6-allow-multicast-probe", "ipv6-allow-traffic-redirect", "sslvpn-web-mode", "sslvpn-ems-sn-check",
        "admin-lockout-duration", "fec-port", "dp-fragment-timer", "dp-pinhole-timer", "dp-tcp-normal-timer",
        "dp-udp-idle-timer", "vdom-mode", "lldp", "virtual-switch-vlan", "hw-switch-ether-filter",
    ]

    /// `config system interface` keys read and ignored (L2, shaping, monitoring, DHCP relay, hardware).
    static let interfaceIgnoredKeys: Set<String> = [
        "vdom", "vrf", "distance", "priority", "dhcp-relay-service", "dhcp-relay-ip", "dhcp-relay-type",
        "dhcp-relay-interface-select-method", "dhcp-relay-agent-option", "dhcp-relay-request-all-server",
        "fail-detect", "fail-detect-option", "fail-alert-method", "arpforward", "broadcast-forward", "bfd",
        "l2forward", "icmp-send-redirect", "icmp-accept-redirect", "vlanforward", "stpforward", "ips-sniffer-mode",
        "ident-accept", "ipmac", "subst", "substitute-dst-mac", "netbios-forward", "wins-ip", "type",
        "netflow-sampler", "sflow-sampler", "src-check", "sample-rate", "polling-interval", "sample-direction",
        "explicit-web-proxy", "explicit-ftp-proxy", "proxy-captive-portal", "tcp-mss", "inbandwidth", "outbandwidth",
        "egress-shaping-profile", "ingress-shaping-profile", "disconnect-threshold", "spillover-threshold",
        "ingress-spillover-threshold", "weight", "external", "description", "device-identification",
        "device-user-identification", "lldp-reception", "lldp-transmission", "lldp-network-policy",
        "estimated-upstream-bandwidth", "estimated-downstream-bandwidth", "measured-upstream-bandwidth",
        "measured-downstream-bandwidth", "bandwidth-measure-time", "monitor-bandwidth", "vrrp-virtual-mac",
        "snmp-index", "secondary-IP", "preserve-session-route", "auto-auth-extension-device", "ap-discover",
        "switch-controller-igmp-snooping-proxy", "switch-controller-igmp-snooping-fast-leave", "defaultgw",
        "dns-server-override", "speed", "mtu-override", "mtu", "wccp", "drop-overlapped-fragment", "drop-fragment",
        "fortilink", "management-ip", "security-mode", "ip-managed-by-fortiipam", "switch-controller-mgmt-vlan",
        "swc-first-create", "vlanid", "interface", "member", "lacp-mode", "lacp-speed", "min-links", "algorithm",
        "macaddr", "status", "forward-domain", "vlan-protocol", "dhcp-client-identifier", "dhcp-renew-time",
        "lease-time", "detected-peer-mtu", "atm-protocol", "pptp-client", "pptp-user", "pptp-auth-type", "pptp-server-ip",
        "pptp-timeout", "idle-timeout", "disc-retry-timeout", "padt-retry-timeout", "ipunnumbered", "pppoe-unnumbered-negotiate",
        "auth-type", "dns-server-protocol", "remote-ip", "tunnel-ip", "color", "estimated-bandwidth", "snmp-index",
        "mediatype", "forward-error-correction", "auto-auth-extension-device", "switch-controller-access-vlan",
        "switch-controller-traffic-policy", "switch-controller-rspan-mode", "switch-controller-netflow-collect",
        "switch-controller-dhcp-snooping", "switch-controller-dhcp-snooping-verify-mac", "switch-controller-dhcp-snooping-option82",
        "switch-controller-arp-inspection", "switch-controller-learning-limit", "switch-controller-nac",
        "switch-controller-feature", "switch-controller-iot-scanning", "switch-controller-offload",
        "switch-controller-source-ip", "outbandwidth", "inbandwidth", "sflow-sampler", "trust-ip-1", "trust-ip-2",
        "trust-ip-3", "trust-ip6-1", "trust-ip6-2", "trust-ip6-3", "captive-portal", "security-external-web",
        "security-external-logout", "security-redirect-url", "security-exempt-list", "security-groups",
        "security-mac-auth-bypass", "vrrp-virtual-mac", "vindex", "stp", "stp-ha-secondary", "ring-rx", "ring-tx",
        "eap-supplicant", "eap-method", "eap-identity", "eap-password", "eap-ca-cert", "eap-user-cert",
        "dynamic-dns1", "dynamic-dns2", "dhcp-broadcast-flag", "dhcp-snooping-server-list", "dhcp-relay-link-selection",
        "dhcp-smart-relay", "dhcp-classless-route-addition", "system-id", "system-id-type", "reachable-time",
        "port-mirroring", "vlan-op-mode", "aggregate-type", "lcp-echo-interval", "lcp-max-echo-fails", "defaultgw",
        "dns-query", "ring-rx", "gwdetect", "detectserver", "detectprotocol", "ha-priority", "ip6-send-adv",
    ]

    /// `config ipv6` keys of an interface read and ignored.
    static let interfaceIPv6IgnoredKeys: Set<String> = [
        "ip6-mode", "nd-mode", "icmp6-send-redirect", "ip6-reachable-time", "ip6-retrans-time", "ip6-hop-limit",
        "vrrp-virtual-mac6", "vrip6_link_local", "ip6-send-adv", "dhcp6-prefix-delegation", "dhcp6-information-request",
        "dhcp6-relay-service", "dhcp6-relay-type", "dhcp6-relay-ip", "ip6-other-flag", "ip6-manage-flag",
        "ip6-max-interval", "ip6-min-interval", "ip6-link-mtu", "ip6-default-life", "ip6-dns-server-override",
        "ip6-upstream-interface", "ip6-delegated-prefix-iaid", "ip6-subnet", "dhcp6-prefix-hint", "dhcp6-prefix-hint-plt",
        "dhcp6-prefix-hint-vlt", "dhcp6-iapd-list", "nd-cert", "nd-security-level", "nd-timestamp-delta",
        "nd-timestamp-fuzz", "nd-cga-modifier", "cli-conn6-status", "ip6-address", "ip6-allowaccess", "autoconf",
        "unique-autoconf-addr", "interface-identifier", "ip6-prefix-mode", "ip6-dnssl-list", "ip6-rdnss-list",
    ]

    /// `config system admin` entry keys read and ignored.
    static let adminIgnoredKeys: Set<String> = [
        "vdom", "comments", "email-to", "sms-server", "sms-custom-server", "sms-phone", "guest-auth",
        "guest-usergroups", "guest-lang", "hidden", "history0", "history1", "force-password-change", "gui-global-menu-favorites",
        "gui-vdom-menu-favorites", "gui-new-feature-acknowledge", "gui-ignore-release-overview-version",
        "vdom-override", "accprofile-override", "allow-remove-admin-session", "ssh-certificate", "ssh-public-key1",
        "ssh-public-key2", "ssh-public-key3", "peer-auth", "peer-group", "schedule", "fortitoken", "email-address",
        "old-password", "password-expire", "login-time", "radius-vdom-override", "remote-group", "wildcard",
        "two-factor-authentication", "two-factor-notification",
    ]
}
