/// Which packages, section types and options the OpenWrt parser knows, for coverage. A line is
/// understood when its section type is known and, for the sections the model is built from,
/// when its option is one fw4, dropbear or uhttpd reads. Packages without security meaning
/// (system, dhcp, wireless, openvpn, ...) are understood whole: read on purpose and ignored.
enum UCIVocabulary {
    enum Options {
        /// Any option of the section is understood.
        case any
        case only(Set<String>)
    }

    /// Why a line of a package is not understood, or nil when it is.
    static func problem(package: String, type: String, option: String?) -> String? {
        guard !package.isEmpty else {
            return "the package could not be told from the section types"
        }
        guard let options = options(package: package, type: type) else {
            if wholePackages.contains(package) || sectionTypes[package] != nil {
                return type.isEmpty
                    ? "section without a type"
                    : "section type '\(type)' is not known in package '\(package)'"
            }
            return "package '\(package)' is not known"
        }
        guard let option else { return nil }
        switch options {
        case .any:
            return nil
        case .only(let names):
            return names.contains(option) ? nil : "option '\(option)' is not known for 'config \(type)' in '\(package)'"
        }
    }

    static func options(package: String, type: String) -> Options? {
        if wholePackages.contains(package) { return type.isEmpty ? nil : .any }
        return sectionTypes[package]?[type]
    }

    /// Packages read whole: every section type and option is understood (most carry no security
    /// meaning; the secrets some hold are picked out by name).
    static let wholePackages: Set<String> = [
        "network", "system", "dhcp", "wireless", "openvpn", "upnpd", "snmpd", "rpcd", "ddns", "luci", "fstab",
        "ucitrack", "ubootenv",
    ]

    /// Packages whose sections the model is built from, with the options each section type takes.
    static let sectionTypes: [String: [String: Options]] = [
        "firewall": [
            "defaults": .only([
                "input", "output", "forward", "syn_flood", "synflood_protect", "synflood_rate", "synflood_burst",
                "drop_invalid", "tcp_reject_code", "any_reject_code", "tcp_syncookies", "tcp_ecn",
                "tcp_window_scaling", "accept_redirects", "accept_source_route", "auto_helper", "custom_chains",
                "disable_ipv6", "flow_offloading", "flow_offloading_hw",
            ]),
            "zone": .only([
                "enabled", "name", "family", "network", "device", "subnet", "input", "output", "forward", "masq",
                "masq_allow_invalid", "masq_src", "masq_dest", "masq6", "extra", "extra_src", "extra_dest",
                "mtu_fix", "custom_chains", "log", "log_limit", "auto_helper", "helper", "conntrack",
            ]),
            "forwarding": .only(["enabled", "name", "family", "src", "dest", "log"]),
            "rule": .only(ruleOptions.union([
                "device", "direction", "icmp_type", "set_helper", "set_mark", "set_xmark", "dscp", "set_dscp",
            ])),
            "redirect": .only(ruleOptions.union(["src_dip", "src_dport", "reflection", "reflection_src", "reflection_zone"])),
            "include": .any, "ipset": .any, "nat": .any, "helper": .any,
        ],
        "dropbear": [
            "dropbear": .only([
                "enable", "PasswordAuth", "RootPasswordAuth", "RootLogin", "Port", "Interface", "DirectInterface",
                "BannerFile", "GatewayPorts", "rsakeyfile", "keyfile", "mdns", "MaxAuthTries", "IdleTimeout",
                "SSHKeepAlive", "RecvWindowSize", "verbose",
            ]),
        ],
        "uhttpd": [
            "uhttpd": .only([
                "listen_http", "listen_https", "redirect_https", "home", "rfc1918_filter", "max_requests",
                "max_connections", "cert", "key", "cgi_prefix", "interpreter", "lua_prefix", "lua_handler",
                "ucode_prefix", "ubus_prefix", "ubus_socket", "ubus_cors", "no_ubusauth", "script_timeout",
                "network_timeout", "http_keepalive", "tcp_keepalive", "realm", "config", "no_symlinks", "no_dirlists",
                "httpauth", "index_page", "error_page", "alias", "json_script", "ubus_noauth",
            ]),
            "cert": .any,
            "httpauth": .any,
        ],
    ]

    /// Options fw4 reads for both `rule` and `redirect`.
    private static let ruleOptions: Set<String> = [
        "enabled", "name", "_name", "family", "src", "dest", "ipset", "helper", "proto", "src_ip", "src_mac",
        "src_port", "dest_ip", "dest_port", "extra", "limit", "limit_burst", "utc_time", "start_date", "stop_date",
        "start_time", "stop_time", "weekdays", "monthdays", "mark", "counter", "target", "log", "log_limit",
    ]
}
