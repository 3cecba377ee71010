/// Tells which `/etc/config` package a file holds from its section types, because a single
/// config file carries no `package` line and its file name is not evidence.
///
/// Every section votes for the package its type belongs to; the package with most votes wins
/// (ties go to the package voted for first). Votes settle the types two packages share: snmpd
/// has a `config system` section too, but its `agent`/`com2sec` sections outvote it.
enum UCIPackageInference {
    static func package(forSectionTypes types: [String]) -> String? {
        var votes: [String: Int] = [:]
        var firstSeen: [String] = []
        for type in types {
            guard let package = packageOf(sectionType: type) else { continue }
            if votes[package] == nil { firstSeen.append(package) }
            votes[package, default: 0] += 1
        }
        var best: (package: String, votes: Int)?
        for package in firstSeen {
            let count = votes[package, default: 0]
            if count > (best?.votes ?? 0) { best = (package, count) }
        }
        return best?.package
    }

    static func packageOf(sectionType type: String) -> String? {
        if let package = packageBySectionType[type] { return package }
        // netifd names WireGuard peer sections after their interface: `wireguard_wg0`.
        if type.hasPrefix("wireguard_") { return "network" }
        return nil
    }

    /// Section types that identify a package. Where two packages share a type, the more common
    /// one is listed (`system` → system, `interface` → network, `rule` → firewall).
    static let packageBySectionType: [String: String] = {
        var table: [String: String] = [:]
        let packages: [(String, [String])] = [
            ("firewall", ["defaults", "zone", "forwarding", "rule", "redirect", "include", "ipset", "nat", "helper"]),
            ("dropbear", ["dropbear"]),
            ("uhttpd", ["uhttpd", "cert"]),
            ("network", ["interface", "device", "globals", "switch", "switch_vlan", "switch_port", "route", "route6",
                         "rule6", "bridge-vlan", "alias", "atm-bridge", "dsl"]),
            ("system", ["system", "timeserver", "led", "button"]),
            ("dhcp", ["dnsmasq", "dhcp", "host", "domain", "odhcpd", "boot", "mac", "tag", "cname", "srvhost",
                      "mxhost", "hostrecord", "relay", "match", "vendorclass", "userclass", "circuitid", "remoteid",
                      "subscrid"]),
            ("upnpd", ["upnpd", "perm_rule"]),
            ("snmpd", ["agent", "agentx", "com2sec", "com2sec6", "group", "access", "view", "exec", "engineid", "pass",
                       "snmpd", "trapcommunity", "trapsink", "trap2sink", "informsink", "authtrapenable",
                       "v1trapaddress", "extend", "sysobjectid", "usm_user"]),
            ("openvpn", ["openvpn"]),
            ("wireless", ["wifi-device", "wifi-iface", "wifi-vlan", "wifi-station"]),
            ("rpcd", ["rpcd", "login"]),
            ("ddns", ["ddns", "service"]),
            ("luci", ["core", "internal", "extern", "ccache", "themes", "languages", "diag", "apply", "sauth"]),
            ("fstab", ["global", "mount", "swap"]),
        ]
        for (package, types) in packages {
            for type in types where table[type] == nil { table[type] = package }
        }
        return table
    }()
}
