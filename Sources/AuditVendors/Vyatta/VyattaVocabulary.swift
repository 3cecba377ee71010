/// Which paths of a Vyatta tree the parser understands: modelled, or recognised as carrying no
/// security meaning beyond what is modelled (secrets anywhere in the tree are picked up by
/// `convertSecrets` whatever the subtree).
///
/// Each pattern is a path of words; `*` matches any one word (a tag value such as an interface
/// name or rule number). A pattern covers its whole subtree. A line is understood when its path
/// runs into a pattern's subtree, or is a prefix of a pattern (structure such as `service {`).
enum VyattaVocabulary {
    /// Rule keys that the firewall conversion models or records as extra match conditions.
    static let ruleKeys = [
        "action", "description", "disable", "log", "log-options", "log-level", "protocol", "source", "destination", "state",
        "icmp", "icmpv6", "tcp", "limit", "recent", "time", "ipsec", "fragment", "packet-length", "packet-length-exclude",
        "packet-type", "p2p", "application", "mark", "connection-mark", "dscp", "dscp-exclude", "ttl", "hop-limit",
        "jump-target", "inbound-interface", "outbound-interface", "connection-status", "conntrack-helper", "queue",
        "queue-options", "set", "synproxy", "add-address-to-group", "geoip", "gre", "utm", "modify", "vlan",
        "default-log", "enable-default-log",
    ]

    static let rulesetKeys = ["default-action", "default-jump-target", "description", "enable-default-log", "default-log"]

    static let patterns: [String] = {
        var list = [
            // firewall: global switches, groups, rulesets, zones
            "firewall all-ping", "firewall broadcast-ping", "firewall config-trap", "firewall ip-src-route",
            "firewall ipv6-receive-redirects", "firewall ipv6-src-route", "firewall log-martians", "firewall receive-redirects",
            "firewall send-redirects", "firewall source-validation", "firewall syn-cookies", "firewall twa-hazards-protection",
            "firewall options", "firewall group", "firewall state-policy", "firewall global-options", "firewall flowtable",
            "firewall modify", "firewall ipv6-modify", "firewall zone", "firewall bridge", "firewall interface",
            "firewall ipv4 input filter", "firewall ipv4 forward filter", "firewall ipv4 output filter",
            "firewall ipv6 input filter", "firewall ipv6 forward filter", "firewall ipv6 output filter",
            "firewall ipv4 prerouting", "firewall ipv6 prerouting", "firewall ipv4 output raw", "firewall ipv6 output raw",
            "zone-policy", "port-forward",
            // NAT, VPN, routing and everything that moves packets without filtering them
            "nat", "nat64", "nat66", "service nat", "vpn", "protocols", "policy", "traffic-policy", "traffic-control", "qos",
            "load-balance", "load-balancing", "high-availability", "cluster", "vrf", "pki", "container", "custom-attribute",
            "interfaces ethernet", "interfaces loopback", "interfaces switch", "interfaces bridge", "interfaces bonding",
            "interfaces pppoe", "interfaces openvpn", "interfaces wireguard", "interfaces tunnel", "interfaces l2tpv3",
            "interfaces dummy", "interfaces vti", "interfaces pseudo-ethernet", "interfaces wireless", "interfaces input",
            "interfaces vxlan", "interfaces geneve", "interfaces macsec", "interfaces wirelessmodem", "interfaces sstpc",
            "interfaces virtual-ethernet", "interfaces wwan", "interfaces ipoe", "interfaces l2tp-client", "interfaces pptp-client",
            "interfaces openvpn", "interfaces bond", "interfaces vif",
            // system
            "system host-name", "system domain-name", "system domain-search", "system name-server", "system name-servers-dhcp",
            "system time-zone", "system ntp", "system syslog", "system console", "system config-management", "system conntrack",
            "system offload", "system package", "system traffic-analysis", "system options", "system option",
            "system static-host-mapping", "system sysctl", "system task-scheduler", "system ip", "system ipv6", "system login",
            "system gateway-address", "system analytics-handler", "system flow-accounting", "system proxy", "system acceleration",
            "system watchdog", "system lcd", "system frr", "system host-name", "system default-route", "system domain-search",
            "system hardware-offload", "system kernel", "system update-check", "system wireless", "system api",
            "system image", "system radius", "system tacacs", "system systemd", "system mgmt", "system deprecated",
            "system dhcp-client", "system config-sync", "system sflow", "system ntp-server", "system cloud",
            // services
            "service dhcp-server", "service dhcpv6-server", "service dhcp-relay", "service dhcpv6-relay", "service dns",
            "service ssh", "service gui", "service https", "service snmp", "service telnet", "service upnp", "service upnp2",
            "service ntp", "service lldp", "service mdns", "service pppoe-server", "service ipoe-server", "service conntrack-sync",
            "service ubnt-discover", "service ubnt-discover-server", "service unms", "service router-advert",
            "service broadcast-relay", "service webproxy", "service monitoring", "service salt-minion", "service tftp-server",
            "service console-server", "service event-handler", "service suricata", "service ids", "service eapol",
            "service config-sync", "service smart-queue", "service udp-broadcast-relay", "service igmp-proxy",
            "service sla", "service flow-accounting", "service pptp-server", "service lldpd", "service ndp-proxy",
            "service dns-forwarding", "service mdns-repeater", "service zabbix-agent", "service stunnel", "service sstp-server",
            "service l2tp-server", "service pppoe", "service snmpd", "service ubnt", "service netflow",
        ]
        for ruleset in ["firewall name *", "firewall ipv6-name *", "firewall ipv4 name *", "firewall ipv6 name *",
                        "firewall ipv4 input filter", "firewall ipv4 forward filter", "firewall ipv4 output filter",
                        "firewall ipv6 input filter", "firewall ipv6 forward filter", "firewall ipv6 output filter"] {
            for key in rulesetKeys { list.append("\(ruleset) \(key)") }
            for key in ruleKeys { list.append("\(ruleset) rule * \(key)") }
        }
        return list
    }()

    /// Inside known subtrees, nodes with a security meaning the model cannot hold yet: they count
    /// as not understood, so the report says what was not assessed.
    static let notModelled: [String] = [
        // NTP server listen addresses (the model holds only who may query: `allow-client`).
        "system ntp listen-address", "service ntp listen-address",
        // IKE version (the model holds proposals, not the protocol version).
        "vpn ipsec ike-group * key-exchange",
        // Listeners and privileges the model has no service for.
        "load-balancing reverse-proxy service", "container name * allow-host-networks", "container name * allow-host-pid",
        "container name * capability", "container name * privileged",
    ]

    enum Status: UInt8 { case understood, notModelled, unknown }

    /// A word trie in arrays: children by word, `*` as a wildcard child, terminal flags.
    struct Trie: Sendable {
        var children: [[Substring: Int32]] = [[:]]
        var wildcard: [Int32] = [-1]
        var terminal: [Bool] = [false]

        init(_ patterns: [String]) {
            for pattern in patterns {
                var node = 0
                for word in pattern.split(separator: " ") {
                    if word == "*" {
                        if wildcard[node] < 0 { wildcard[node] = add() }
                        node = Int(wildcard[node])
                    } else if let next = children[node][word] {
                        node = Int(next)
                    } else {
                        let next = add()
                        children[node][word] = next
                        node = Int(next)
                    }
                }
                terminal[node] = true
            }
        }

        private mutating func add() -> Int32 {
            children.append([:])
            wildcard.append(-1)
            terminal.append(false)
            return Int32(children.count - 1)
        }

        /// The trie nodes reached from `state` by `word` (at most two: the word and `*`).
        func step(_ state: (Int32, Int32), _ word: Substring) -> (Int32, Int32) {
            var result: (Int32, Int32) = (-1, -1)
            func add(_ node: Int32) {
                guard node >= 0 else { return }
                if result.0 < 0 { result.0 = node } else if result.0 != node, result.1 < 0 { result.1 = node }
            }
            if state.0 >= 0 {
                add(children[Int(state.0)][word] ?? -1)
                add(wildcard[Int(state.0)])
            }
            if state.1 >= 0 {
                add(children[Int(state.1)][word] ?? -1)
                add(wildcard[Int(state.1)])
            }
            return result
        }

        func isTerminal(_ state: (Int32, Int32)) -> Bool {
            (state.0 >= 0 && terminal[Int(state.0)]) || (state.1 >= 0 && terminal[Int(state.1)])
        }
    }

    static let trie = Trie(patterns)
    static let exceptions = Trie(notModelled)

    /// The status of every node of a tree, in one pass: nodes are stored after their parents, so
    /// each node's trie state follows from its parent's.
    static func statuses(_ tree: VyattaTree) -> [Status] {
        let count = tree.nodeCount
        var known: [(Int32, Int32)] = Array(repeating: (-1, -1), count: count)
        var except: [(Int32, Int32)] = Array(repeating: (-1, -1), count: count)
        var covered = Array(repeating: false, count: count)
        var excepted = Array(repeating: false, count: count)
        var result = Array(repeating: Status.unknown, count: count)
        known[0] = (0, -1)
        except[0] = (0, -1)
        result[0] = .understood
        for index in 1..<max(1, count) {
            let parent = Int(tree[Int32(index)].parent)
            let word = tree.word(Int32(index))
            if covered[parent] {
                covered[index] = true
            } else {
                known[index] = trie.step(known[parent], word)
                covered[index] = trie.isTerminal(known[index])
            }
            if excepted[parent] {
                excepted[index] = true
            } else {
                except[index] = exceptions.step(except[parent], word)
                excepted[index] = exceptions.isTerminal(except[index])
            }
            let understood = covered[index] || known[index].0 >= 0
            result[index] = !understood ? .unknown : excepted[index] ? .notModelled : .understood
        }
        return result
    }
}
