import AuditCore

/// What an interface block says about the interface's role, collected while reading it.
private struct RoleEvidence {
    var wan: (reason: String, index: Int)?
    var lan: Int?
    /// `pppoe-client` / `pppoe enable`: WAN only when the interface also has an IP address.
    var pppoe: Int?
    /// An IPv4 address of any kind (`negotiated`, `dhcp`, `unnumbered` included).
    var hasIPv4 = false
}

/// `interface NAME` blocks.
extension CiscoIOSConverter {
    /// `interface GigabitEthernet0/1`, `interface ATM0/0.32 point-to-point`, `interface Gi 0/1`.
    static func interfaceName(_ words: [Substring]) -> String {
        var parts = words.dropFirst()
        if let last = parts.last, last == "point-to-point" || last == "multipoint" { parts = parts.dropLast() }
        return parts.joined()
    }

    /// Interface subcommands that open a block of their own with no modelled meaning.
    static let interfaceSubBlocks: Set<Substring> = ["service-instance", "xconnect", "vlan-range", "l2protocol-tunnel",
                                                     "ethernet", "crypto", "bfd-template", "frame-relay"]

    mutating func interface(_ index: Int) {
        let name = Self.interfaceName(command(index).words)
        guard !name.isEmpty else { return badValue("interface without a name", at: index) }
        var value = Interface(name: name, role: Sourced(.unknown, .unparsed(span(index))), origin: .source(blockSpan(index)))
        var evidence = RoleEvidence()
        if name.hasPrefix("Dialer") { evidence.wan = ("a dialer interface", index) }
        var chap: (value: CiscoSecretValue, at: Int)?
        var chapHostname: String?
        understand(index)
        var pending = Array(config.children(of: index))
        var next = 0
        while next < pending.count {
            let child = pending[next]
            next += 1
            let words = command(child).words
            switch words[0] {
            case "ip": interfaceIP(child, &value, &evidence)
            case "ipv6": interfaceIPv6(child, &value)
            case "shutdown":
                value.shutdown = true
                understand(child)
            case "description":
                value.description = String(CiscoText.rest(of: command(child).text, from: words[safe: 1] ?? words[0]))
                understand(child)
            case "no":
                interfaceNegation(child, &value)
            case "pppoe-client":
                if words[safe: 1] == "dial-pool-number", evidence.pppoe == nil { evidence.pppoe = child }
                understand(child)
            case "pppoe":
                if words[safe: 1] == "enable", evidence.pppoe == nil { evidence.pppoe = child }
                understand(child)
            case "ppp":
                pppCommand(child, interface: name, chap: &chap, chapHostname: &chapHostname)
            case "standby", "vrrp", "glbp":
                redundancyAuthentication(child, interface: name)
            case "ospfv3":
                routingAuthentication(child, interface: name, protocol: "ospfv3")
            case "zone-member":
                if words[safe: 1] == "security", let zone = words[safe: 2] { value.zone = String(zone) }
                understand(child)
            case "pvc":
                // An ATM PVC carrying PPPoE is the WAN link itself.
                for position in (child + 1)..<command(child).subtreeEnd
                where command(position).keyword == "pppoe-client" && evidence.pppoe == nil {
                    evidence.pppoe = position
                }
                understandSubtree(child)
                continue
            default:
                if CiscoIOSVocabulary.ignorableInterface.contains(words[0]) { understand(child) }
            }
            // A command with children of its own: a real sub-block, or (in `show run all`
            // output) lines indented one space too far, which are still interface commands.
            guard command(child).subtreeEnd > child + 1 else { continue }
            if Self.interfaceSubBlocks.contains(words[0]) {
                understandSubtree(child)
            } else {
                pending.append(contentsOf: config.children(of: child))
            }
        }
        if let chap {
            storeSecret(chap.value, purpose: .service("ppp-chap"), owner: chapHostname ?? name, at: chap.at)
        }
        // Precedence: the block's own WAN markers, then `ip nat inside`; an interface with neither
        // may still become WAN from a default route or an eBGP neighbour (`resolveRoutingRoles`).
        // A PPPoE carrier without an IP address (the ATM or Ethernet under a dialer) terminates no
        // IP traffic itself: the dialer is the WAN interface, so the carrier gets no role.
        let hasIP = evidence.hasIPv4 || value.ipv6Enabled?.value == true || !value.addresses.isEmpty
        if let wan = evidence.wan {
            value.role = Sourced(.wan, source(wan.index))
        } else if let pppoe = evidence.pppoe, hasIP {
            value.role = Sourced(.wan, source(pppoe))
        } else if let lan = evidence.lan {
            value.role = Sourced(.lan, source(lan))
        } else if evidence.pppoe != nil {
            value.role = Sourced(.unknown, CiscoIOSConversion.vendorDefault(
                "a PPPoE carrier without an IP address of its own passes its traffic to the dialer interface and has no role itself"))
        } else {
            routing.roleless.insert(name)
            value.role = Sourced(.unknown, CiscoIOSConversion.vendorDefault(
                "an interface without `ip nat outside`/`inside`, a dialer, PPPoE, a DHCP client address, a default route or an eBGP neighbour has no known role"))
        }
        interfaceIndex[name] = device.interfaces.count
        device.interfaces.append(value)
    }

    private mutating func interfaceIP(_ index: Int, _ value: inout Interface, _ evidence: inout RoleEvidence) {
        let words = command(index).words
        guard let second = words[safe: 1] else { return }
        switch second {
        case "address":
            evidence.hasIPv4 = words.count > 2
            switch words[safe: 2] {
            case "dhcp":
                if evidence.wan == nil { evidence.wan = ("ip address dhcp", index) }
            case "negotiated", "pool", nil:
                break
            case let address?:
                guard let host = CiscoText.ipv4(address), let mask = words[safe: 3].flatMap(CiscoText.ipv4),
                      let length = CiscoText.prefixLength(netmask: mask) else {
                    badValue("ip address \(address) \(words[safe: 3] ?? "") is not an address and netmask", at: index)
                    break
                }
                value.addresses.append(IPPrefix(.v4(host), length: length))
                routing.addressLines[value.name, default: []].append((IPPrefix(.v4(host), length: length), span(index)))
            }
        case "access-group":
            guard let name = words[safe: 2], let direction = words[safe: 3] else {
                badValue("ip access-group needs a list and a direction", at: index)
                break
            }
            let list = String(name)
            if direction == "in" {
                value.inboundFilter = Sourced(list, source(index))
                useFilter(list, .interfaceInbound(value.name), context: "ip access-group in on \(value.name)", filtersTraffic: true, at: index)
            } else {
                value.outboundFilter = Sourced(list, source(index))
                useFilter(list, .interfaceOutbound(value.name), context: "ip access-group out on \(value.name)", filtersTraffic: true, at: index)
            }
        case "nat":
            if words[safe: 2] == "outside" {
                if evidence.wan == nil { evidence.wan = ("ip nat outside", index) }
                if !natOutsideInterfaces.contains(value.name) { natOutsideInterfaces.append(value.name) }
            } else if words[safe: 2] == "inside" {
                evidence.lan = index
            }
        case "ospf":
            if words[safe: 2] == "authentication-key" {
                storeSecret(at: 3, of: index, purpose: .service("ospf"), owner: value.name)
            } else if words[safe: 2] == "message-digest-key", let md5 = words.firstIndex(of: "md5") {
                storeSecret(at: md5 + 1, of: index, purpose: .service("ospf"), owner: "\(value.name) key \(words[safe: 3] ?? "")")
            }
        case "unnumbered":
            evidence.hasIPv4 = true
        case "directed-broadcast", "igmp", "multicast":
            // `ip directed-broadcast ACL`, `ip igmp access-group ACL`, `ip multicast boundary ACL`:
            // the list selects packets for a feature; an undefined one filters nothing.
            let namesList = (second == "directed-broadcast" && words.count == 3)
                || (second == "igmp" && words[safe: 2] == "access-group") || (second == "multicast" && words[safe: 2] == "boundary")
            if namesList, let acl = words.last {
                useFilter(String(acl), .other("ip \(second) on \(value.name)"), context: "ip \(second) on \(value.name)",
                          filtersTraffic: false, at: index)
            }
        default:
            guard CiscoIOSVocabulary.ignorableInterfaceIP.contains(second) else { return }
        }
        understand(index)
    }

    private mutating func interfaceIPv6(_ index: Int, _ value: inout Interface) {
        let words = command(index).words
        guard let second = words[safe: 1] else { return }
        switch second {
        case "address":
            value.ipv6Enabled = Sourced(true, source(index))
            // `ipv6 address P/L [eui-64|link-local]`; `autoconfig`, `dhcp` and general-prefix forms carry no literal prefix.
            if let text = words[safe: 2], text.contains(":") {
                if let prefix = IPPrefix(text) {
                    value.addresses.append(prefix)
                } else {
                    badValue("ipv6 address \(text) is not a prefix", at: index)
                }
            }
        case "enable":
            value.ipv6Enabled = Sourced(true, source(index))
        case "traffic-filter":
            guard let name = words[safe: 2], let direction = words[safe: 3] else {
                badValue("ipv6 traffic-filter needs a list and a direction", at: index)
                break
            }
            let list = String(name)
            if direction == "in" {
                value.ipv6InboundFilter = Sourced(list, source(index))
                useFilter(list, .interfaceInbound(value.name), context: "ipv6 traffic-filter in on \(value.name)",
                          filtersTraffic: true, at: index)
            } else {
                useFilter(list, .interfaceOutbound(value.name), context: "ipv6 traffic-filter out on \(value.name)",
                          filtersTraffic: true, at: index)
            }
        case "ospf":
            routingAuthentication(index, interface: value.name, protocol: "ospfv3")
            return
        default:
            guard CiscoIOSVocabulary.ignorableInterfaceIPv6.contains(second) else { return }
        }
        understand(index)
    }

    private mutating func interfaceNegation(_ index: Int, _ value: inout Interface) {
        let words = command(index).words
        guard let second = words[safe: 1] else { return }
        switch second {
        case "shutdown":
            value.shutdown = false
        case "ip":
            guard let third = words[safe: 2],
                  third == "address" || third == "access-group" || third == "nat" || CiscoIOSVocabulary.ignorableInterfaceIP.contains(third)
            else { return }
        case "ipv6":
            if words[safe: 2] == "enable" {
                value.ipv6Enabled = Sourced(false, source(index))
            } else if let third = words[safe: 2], third == "address" || third == "traffic-filter"
                        || CiscoIOSVocabulary.ignorableInterfaceIPv6.contains(third) {
                // nothing to model
            } else {
                return
            }
        case "description":
            break
        default:
            guard CiscoIOSVocabulary.ignorableInterface.contains(second) else { return }
        }
        understand(index)
    }

    /// `ppp chap password [7] V` (owner: the CHAP hostname when set) and
    /// `ppp pap sent-username U password [7] V`: the ISP login of a PPP/PPPoE link.
    private mutating func pppCommand(_ index: Int, interface: String, chap: inout (value: CiscoSecretValue, at: Int)?,
                                     chapHostname: inout String?) {
        let words = command(index).words
        switch (words[safe: 1], words[safe: 2]) {
        case ("chap"?, "password"?):
            if let value = CiscoSecretParser.read(command(index), at: 3) {
                chap = (value, index)
            } else {
                badValue("ppp chap password has no value", at: index)
            }
        case ("chap"?, "hostname"?):
            chapHostname = words[safe: 3].map(String.init)
        case ("pap"?, "sent-username"?):
            if let password = words.firstIndex(of: "password") {
                storeSecret(at: password + 1, of: index, purpose: .service("ppp-pap"),
                            owner: words[safe: 3].map(String.init) ?? interface)
            }
        default:
            break
        }
        understand(index)
    }

    /// `standby N authentication [text] V`, `standby N authentication md5 key-string [7] V`, VRRP alike.
    private mutating func redundancyAuthentication(_ index: Int, interface: String) {
        let words = command(index).words
        let protocolName = String(words[0])
        if let auth = words.firstIndex(of: "authentication"), auth + 1 < words.count {
            var at = auth + 1
            if words[at] == "text" { at += 1 }
            if words[at] == "md5" {
                if let keyString = words.firstIndex(of: "key-string") { at = keyString + 1 } else { at = words.count }
            }
            if at < words.count {
                storeSecret(at: at, of: index, purpose: .service(protocolName == "standby" ? "hsrp" : protocolName),
                            owner: "\(interface) group \(words[safe: 1] ?? "")")
            }
        }
        understand(index)
    }

    /// OSPFv3 / IPv6 OSPF IPsec keys: `... md5|sha1 [TYPE] KEY`.
    mutating func routingAuthentication(_ index: Int, interface: String, protocol name: String) {
        let words = command(index).words
        for (position, word) in words.enumerated() where (word == "md5" || word == "sha1") && position + 1 < words.count {
            storeSecret(at: position + 1, of: index, purpose: .service(name), owner: interface)
        }
        understand(index)
    }
}
