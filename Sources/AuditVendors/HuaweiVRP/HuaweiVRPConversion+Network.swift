import AuditCore

/// ACLs, interfaces (with their roles), static routes, NAT servers and SNMP.
extension HuaweiVRPConverter {
    // MARK: - acl

    /// `acl number 3000`, `acl 3000`, `acl name NAME [basic|advance|N]`, `acl ipv6 number 3000`.
    mutating func acl(_ index: Int) {
        understand(index)
        let words = command(index).words
        var position = 1
        var family: Int?
        if words.count > position, words[position] == "ipv6" {
            family = 6
            position += 1
        }
        var name: String?
        var number: Int?
        if words.count > position + 1, words[position] == "number" {
            number = HuaweiText.integer(words[position + 1])
            name = String(words[position + 1])
        } else if words.count > position + 1, words[position] == "name" {
            name = String(words[position + 1])
            if words.count > position + 2 { number = HuaweiText.integer(words[position + 2]) }
            if words.count > position + 2, words[position + 2] == "basic" { number = 2000 }
        } else if words.count > position, let n = HuaweiText.integer(words[position]) {
            number = n
            name = String(words[position])
        }
        guard let name else {
            badValue("acl without a number or name", at: index)
            return
        }
        if words.contains("auto") {
            diagnose(.info, "match-order-auto", "acl \(name) uses match-order auto: VRP orders its rules by specificity, not as written",
                     at: index)
        }
        let basic = (2000...2999).contains(number ?? 3000)
        var rules: [FilterRule] = []
        for child in children(of: index) {
            let w = command(child).words
            switch w.first {
            case "rule":
                understand(child)
                if let rule = aclRule(child, words: w, family: family) { rules.append(rule) }
            case "description", "step":
                understand(child)
            default:
                break
            }
        }
        if let existing = filterIndex[name] {
            device.filters[existing].rules += rules
        } else {
            filterIndex[name] = device.filters.count
            device.filters.append(FilterList(
                name: name, kind: basic ? .ciscoStandard : .ciscoExtended, rules: rules,
                defaultAction: Sourced(.deny, HuaweiVRPConversion.vendorDefault("resolved from the list's use")),
                origin: .source(blockSpan(index))))
        }
    }

    private static let ruleKeywords: Set<Substring> = [
        "source", "destination", "source-port", "destination-port", "icmp-type", "time-range", "logging", "vpn-instance",
        "fragment", "none-first-fragment", "tcp-flag", "dscp", "precedence", "tos", "ttl-expired", "counting",
        "active-time", "fragment-type", "first-fragment", "packet-length", "ttl",
    ]

    /// `rule [N] permit|deny [protocol] [source A W|any] [source-port OP P] [destination ...] ...`
    private mutating func aclRule(_ index: Int, words: [Substring], family: Int?) -> FilterRule? {
        var position = 1
        var label = "rule"
        if position < words.count, let number = HuaweiText.integer(words[position]) {
            label = "rule \(number)"
            position += 1
        }
        guard position < words.count, words[position] == "permit" || words[position] == "deny" else {
            badValue("rule without permit or deny", at: index)
            return nil
        }
        let action: FilterAction = words[position] == "permit" ? .permit : .deny
        position += 1
        var protocols = ProtocolMatch.any
        if position < words.count, !Self.ruleKeywords.contains(words[position]) {
            let word = words[position]
            switch word {
            case "ip", "ipv6": protocols = .any
            case "ipinip": protocols = .only([.number(4)])
            case "ospf": protocols = .only([.number(89)])
            default:
                if let p = IPProtocol(name: word) { protocols = .only([p]) } else {
                    badValue("rule protocol '\(word)' does not read", at: index)
                    return FilterRule(action: action, label: label, origin: .unparsed(span(index)), conditions: ["protocol \(word)"])
                }
            }
            position += 1
        }
        var rule = FilterRule(action: action, protocols: protocols, family: family, label: label, origin: source(index))
        while position < words.count {
            let keyword = words[position]
            position += 1
            switch keyword {
            case "source", "destination":
                guard let (match, next) = address(words, at: position, family: family) else {
                    badValue("\(keyword) address does not read", at: index)
                    rule.origin = .unparsed(span(index))
                    return rule
                }
                if keyword == "source" { rule.source = match } else { rule.destination = match }
                position = next
            case "source-port", "destination-port":
                guard let (ports, next) = Self.ports(words, at: position) else {
                    badValue("\(keyword) does not read", at: index)
                    rule.origin = .unparsed(span(index))
                    return rule
                }
                if keyword == "source-port" { rule.sourcePorts = ports } else { rule.destinationPorts = ports }
                position = next
            case "icmp-type":
                if position < words.count {
                    rule.icmpTypes.append(String(words[position]))
                    position += 1
                    if position < words.count, HuaweiText.integer(words[position]) != nil { position += 1 }
                }
            case "tcp-flag":
                if position < words.count, words[position] == "established" {
                    rule.establishedOnly = true
                    position += 1
                } else {
                    var flags: [Substring] = []
                    while position < words.count, !Self.ruleKeywords.contains(words[position]) {
                        flags.append(words[position])
                        position += 1
                    }
                    rule.conditions.append("tcp-flag \(flags.joined(separator: " "))")
                }
            case "time-range", "vpn-instance", "dscp", "precedence", "tos", "ttl", "packet-length", "fragment-type":
                if position < words.count {
                    rule.conditions.append("\(keyword) \(words[position])")
                    position += 1
                }
            case "fragment", "none-first-fragment", "first-fragment", "ttl-expired":
                rule.conditions.append(String(keyword))
            case "logging", "counting":
                break
            default:
                badValue("rule keyword '\(keyword)' is not understood", at: index)
                rule.conditions.append(String(keyword))
            }
        }
        return rule
    }

    /// `any`, `A W` (wildcard, `0` for a host), `A LEN`, `A/LEN` (IPv6).
    private func address(_ words: [Substring], at position: Int, family: Int?) -> (AddressMatch, Int)? {
        guard position < words.count else { return nil }
        let first = words[position]
        if first == "any" { return (.any, position + 1) }
        if first.contains("/"), let prefix = IPPrefix(first) { return (prefix.isAny ? .any : .prefix(prefix), position + 1) }
        guard let address = IPAddress(first) else { return nil }
        guard position + 1 < words.count, !Self.ruleKeywords.contains(words[position + 1]) else {
            return (.prefix(IPPrefix(address, length: address.isV4 ? 32 : 128)), position + 1)
        }
        let second = words[position + 1]
        if second == "0" { return (.prefix(IPPrefix(address, length: address.isV4 ? 32 : 128)), position + 2) }
        if case .v4(let a) = address, case .v4(let wildcard)? = IPAddress(second) {
            return (.cisco(address: a, wildcard: wildcard), position + 2)
        }
        if let length = HuaweiText.integer(second), length <= (address.isV4 ? 32 : 128) {
            let prefix = HuaweiText.network(IPPrefix(address, length: length))
            return (prefix.isAny ? .any : .prefix(prefix), position + 2)
        }
        return nil
    }

    /// `eq P`, `gt P`, `lt P`, `range A B`, with VRP's port names.
    static func ports(_ words: [Substring], at position: Int) -> (PortMatch, Int)? {
        guard position + 1 < words.count else { return nil }
        let op = words[position]
        guard let low = port(words[position + 1]) else { return nil }
        switch op {
        case "eq": return (.single(low), position + 2)
        case "gt": return (low >= 65535 ? .ranges([]) : .ranges([(low + 1)...65535]), position + 2)
        case "lt": return (low <= 0 ? .ranges([]) : .ranges([0...(low - 1)]), position + 2)
        case "range":
            guard position + 2 < words.count, let high = port(words[position + 2]) else { return nil }
            return (.ranges([min(low, high)...max(low, high)]), position + 3)
        default: return nil
        }
    }

    static func port(_ word: Substring) -> Int? {
        if let n = HuaweiText.integer(word), n <= 65535 { return n }
        return portNames[word]
    }

    static let portNames: [Substring: Int] = [
        "bgp": 179, "chargen": 19, "cmd": 514, "daytime": 13, "discard": 9, "domain": 53, "dns": 53, "echo": 7,
        "exec": 512, "finger": 79, "ftp": 21, "ftp-data": 20, "gopher": 70, "hostname": 101, "irc": 194, "klogin": 543,
        "kshell": 544, "login": 513, "lpd": 515, "nntp": 119, "pop2": 109, "pop3": 110, "smtp": 25, "sunrpc": 111,
        "tacacs": 49, "talk": 517, "telnet": 23, "time": 37, "uucp": 540, "whois": 43, "www": 80, "http": 80,
        "https": 443, "ssh": 22, "biff": 512, "bootpc": 68, "bootps": 67, "mobilip-ag": 434, "mobilip-mn": 435,
        "nameserver": 42, "netbios-dgm": 138, "netbios-ns": 137, "netbios-ssn": 139, "ntp": 123, "rip": 520,
        "snmp": 161, "snmptrap": 162, "syslog": 514, "tftp": 69, "xdmcp": 177,
    ]

    /// Records that a line uses ACL `name`, for the filter-use map and reference checks.
    mutating func useFilter(_ name: String, _ use: FilterUse, context: String, filtersTraffic: Bool, at index: Int) {
        if !(device.filterUses[name]?.contains(use) ?? false) { device.filterUses[name, default: []].append(use) }
        if filtersTraffic { trafficFilters.insert(name) }
        referencedFilters.append((name, context, filtersTraffic, source(index)))
    }

    /// What a packet no rule matches meets: a traffic-filter forwards it, a login or SNMP ACL refuses it.
    mutating func resolveFilters() {
        for index in device.filters.indices {
            let name = device.filters[index].name
            device.filters[index].defaultAction = trafficFilters.contains(name)
                ? Sourced(.permit, HuaweiVRPConversion.vendorDefault("traffic-filter forwards packets that match no rule of the ACL"))
                : Sourced(.deny, HuaweiVRPConversion.vendorDefault("an ACL used for logins or SNMP refuses sources that match no permit rule"))
        }
        for reference in referencedFilters {
            device.references.append(ObjectReference(kind: .filter, name: reference.name, context: reference.context,
                                                     filtersTraffic: reference.filtersTraffic, origin: reference.origin))
        }
    }

    // MARK: - interface

    mutating func interface(_ index: Int) {
        understand(index)
        let words = command(index).words
        guard words.count >= 2 else {
            badValue("interface without a name", at: index)
            return
        }
        let name = words.dropFirst().joined()
        var addresses: [IPPrefix] = []
        var inbound: Sourced<String>?
        var outbound: Sourced<String>?
        var ipv6: Sourced<Bool>?
        var ipv6Inbound: Sourced<String>?
        var shutdown = false
        var description: String?
        for child in children(of: index) {
            let w = command(child).words
            guard let first = w.first else { continue }
            switch first {
            case "description":
                understand(child)
                description = w.dropFirst().joined(separator: " ")
            case "ip":
                understandSubtree(child)
                guard w.count >= 3, w[1] == "address" else { continue }
                switch w[2] {
                case "dhcp-alloc", "ppp-negotiate":
                    wanHints[name, default: []].append(span(child))
                case "unnumbered":
                    break
                default:
                    if w.count >= 4, let address = IPAddress(w[2]), case .v4(let mask)? = IPAddress(w[3]),
                       let length = HuaweiText.prefixLength(netmask: mask) {
                        addresses.append(IPPrefix(address, length: length))
                    } else if let prefix = IPPrefix(w[2]) {
                        addresses.append(prefix)
                    } else {
                        badValue("interface \(name): address does not read", at: child)
                    }
                }
            case "ipv6":
                understandSubtree(child)
                if w.count >= 2, w[1] == "enable" || w[1] == "address" { ipv6 = Sourced(true, source(child)) }
            case "traffic-filter":
                understand(child)
                // traffic-filter inbound|outbound [ipv6] acl [name] X
                guard w.count >= 4 else { continue }
                let direction = w[1]
                var at = 2
                let isV6 = w[at] == "ipv6"
                if isV6 { at += 1 }
                guard at < w.count, w[at] == "acl" else { continue }
                at += 1
                if at < w.count, w[at] == "name" { at += 1 }
                guard at < w.count else { continue }
                let list = String(w[at])
                let value = Sourced(list, source(child))
                if isV6 {
                    if direction == "inbound" { ipv6Inbound = value }
                } else if direction == "inbound" {
                    inbound = value
                } else {
                    outbound = value
                }
                useFilter(list, direction == "inbound" ? .interfaceInbound(name) : .interfaceOutbound(name),
                          context: "traffic-filter \(direction) on \(name)", filtersTraffic: true, at: child)
            case "nat":
                understand(child)
                if w.count >= 2, w[1] == "outbound" {
                    wanHints[name, default: []].append(span(child))
                    if w.count >= 3 {
                        useFilter(String(w[2]), .natSelection, context: "nat outbound on \(name)", filtersTraffic: false, at: child)
                    }
                } else if w.count >= 2, w[1] == "server" || w[1] == "static" {
                    wanHints[name, default: []].append(span(child))
                    natServer(child, interface: name)
                }
            case "pppoe-client":
                understand(child)
                storeServiceSecret(at: child, owner: name)
                if w.count >= 3, w[1] == "dial-bundle-number" {
                    pppoeBundles.append((name, String(w[2]), span(child)))
                }
            case "dialer":
                understand(child)
                if w.count >= 3, w[1] == "bundle" || w[1] == "number" { dialerBundles[name, default: []].append(String(w[2])) }
                scanSecret(at: child)
            case "shutdown":
                understand(child)
                shutdown = true
            case "undo":
                understandSubtree(child)
                if w.count >= 2, w[1] == "shutdown" { shutdown = false }
            default:
                if HuaweiVocabulary.ignoredInterfaceCommands.contains(first) {
                    storeServiceSecret(at: child, owner: name)
                    understandSubtree(child)
                }
            }
        }
        interfaceIndex[name] = device.interfaces.count
        device.interfaces.append(Interface(
            name: name, role: Sourced(.unknown, HuaweiVRPConversion.vendorDefault("resolved from the configuration")),
            addresses: addresses, inboundFilter: inbound, outboundFilter: outbound, ipv6Enabled: ipv6,
            ipv6InboundFilter: ipv6Inbound, shutdown: shutdown, description: description, origin: .source(blockSpan(index))))
    }

    // MARK: - ip route-static

    /// `ip route-static [vpn-instance V] 0.0.0.0 0.0.0.0|0 [INTERFACE] [NEXT-HOP] [preference ...]`.
    mutating func routeStatic(_ index: Int) {
        understand(index)
        var words = Array(command(index).words.dropFirst(2))
        if words.first == "vpn-instance" { return }
        guard words.count >= 3, let destination = IPAddress(words[0]) else { return }
        guard destination == .v4(0), words[1] == "0" || words[1] == "0.0.0.0" else { return }
        words.removeFirst(2)
        var interfaceName: String?
        var nextHop: IPAddress?
        if let address = IPAddress(words[0]) {
            nextHop = address
        } else {
            var name = String(words[0])
            if words.count >= 2, words[1].first?.isNumber == true, words[1].contains("/") { name += words[1] }
            interfaceName = name
            if let next = words.dropFirst().first(where: { IPAddress($0) != nil }) { nextHop = IPAddress(next) }
        }
        if let interfaceName, interfaceName.uppercased().hasPrefix("NULL") { return }
        defaultRoutes.append((interfaceName, nextHop, span(index)))
    }

    /// An interface is the WAN when it learns its address by DHCP or PPP, translates outbound
    /// traffic (`nat outbound`), publishes servers (`nat server`), carries a PPPoE dialer with no
    /// Dialer interface of its own in the file, is a Dialer fed by a PPPoE client, or is where the
    /// default route leaves (named, or holding the next hop; VLAN interfaces and loopbacks are
    /// not taken from a next hop, since on a switch the default route points at the core).
    mutating func resolveInterfaceRoles() {
        var hints = wanHints
        for bundle in pppoeBundles {
            let dialers = dialerBundles.filter { $0.value.contains(bundle.bundle) }.map(\.key)
            if dialers.isEmpty {
                hints[bundle.interface, default: []].append(bundle.span)
            } else {
                for dialer in dialers { hints[dialer, default: []].append(bundle.span) }
            }
        }
        for route in defaultRoutes {
            if let name = route.interface, interfaceIndex[name] != nil {
                hints[name, default: []].append(route.span)
            } else if let hop = route.nextHop {
                for interface in device.interfaces
                    where !interface.name.hasPrefix("Vlanif") && !interface.name.hasPrefix("LoopBack")
                    && interface.addresses.contains(where: { $0.contains(hop) }) {
                    hints[interface.name, default: []].append(route.span)
                }
            }
        }
        for index in device.interfaces.indices {
            let name = device.interfaces[index].name
            if let spans = hints[name], !spans.isEmpty {
                let unique = Array(Set(spans)).sorted()
                device.interfaces[index].role = Sourced(.wan, unique.count == 1 ? .source(unique[0]) : .derived(unique))
            } else {
                device.interfaces[index].role = Sourced(.unknown, HuaweiVRPConversion.vendorDefault(
                    "VRP interfaces have no role; nothing marks this one as the WAN (DHCP or PPP address, nat outbound, default route)"))
            }
        }
    }

    // MARK: - nat server

    /// `nat server [protocol P] global {A | current-interface | interface IF} [PORT [END]] inside A [PORT [END]]`
    /// and `nat static global A inside B`.
    mutating func natServer(_ index: Int, interface: String?) {
        understand(index)
        let words = command(index).words
        var protocols = ProtocolMatch.any
        if let at = words.firstIndex(of: "protocol"), at + 1 < words.count {
            let word = words[at + 1]
            if let p = IPProtocol(name: word) { protocols = .only([p]) } else if word == "ip" { protocols = .any }
        }
        guard let globalAt = words.firstIndex(of: "global"), let insideAt = words.firstIndex(of: "inside"), globalAt < insideAt else {
            badValue("nat server without global and inside parts", at: index)
            return
        }
        var external = interface
        var position = globalAt + 1
        if position < insideAt, words[position] == "current-interface" {
            position += 1
        } else if position < insideAt, words[position] == "interface" {
            if position + 1 < insideAt { external = String(words[position + 1]) }
            position += 2
        } else if position < insideAt, IPAddress(words[position]) != nil {
            position += 1
        }
        let externalPorts = Self.portList(Array(words[min(position, insideAt)..<insideAt]))
        var insidePosition = insideAt + 1
        let internalAddress = insidePosition < words.count ? IPAddress(words[insidePosition]) : nil
        insidePosition += 1
        if insidePosition < words.count, IPAddress(words[insidePosition]) != nil { insidePosition += 1 }
        var portWords: [Substring] = []
        while insidePosition < words.count, Self.port(words[insidePosition]) != nil, portWords.count < 2 {
            portWords.append(words[insidePosition])
            insidePosition += 1
        }
        let internalPorts = Self.portList(portWords)
        pendingForwards.append((external, PortForward(
            externalInterface: external, externalRole: nil, protocols: protocols, externalPorts: externalPorts,
            internalAddress: internalAddress, internalPorts: internalPorts.isAny ? externalPorts : internalPorts,
            origin: source(index))))
    }

    private static func portList(_ words: [Substring]) -> PortMatch {
        let numbers = words.compactMap { port($0) }
        switch numbers.count {
        case 0: return .any
        case 1: return .single(numbers[0])
        default: return .ranges([min(numbers[0], numbers[1])...max(numbers[0], numbers[1])])
        }
    }

    mutating func resolveForwards() {
        for (interface, var forward) in pendingForwards {
            if let interface, let at = interfaceIndex[interface] {
                forward.externalRole = device.interfaces[at].role.value == .wan ? .wan : device.interfaces[at].role.value
            }
            device.portForwards.append(forward)
        }
    }

    // MARK: - snmp-agent

    mutating func snmp(_ index: Int) {
        understandSubtree(index)
        let words = command(index).words
        snmpSpans.append(span(index))
        guard words.count >= 2 else { return }
        switch words[1] {
        case "sys-info":
            if words.count >= 3, words[2] == "version" {
                snmpVersions = Sourced(Set(words.dropFirst(3).map(String.init)), source(index))
            }
        case "community":
            guard words.count >= 4, words[2] == "read" || words[2] == "write" else { return }
            var position = 3
            var keyword: Substring = "simple"
            if words[position] == "cipher" || words[position] == "simple" {
                keyword = words[position]
                position += 1
            }
            guard position < words.count else {
                badValue("snmp-agent community has no name", at: index)
                return
            }
            let value = words[position]
            markSecret(value, at: index)
            let name = keyword == "cipher" ? HuaweiSecrets.secret(keyword: "cipher", value: value, origin: source(index))
                : Secret(.cleartext(String(value)), origin: source(index))
            var filter: Sourced<String>?
            var view: String?
            if let at = words.firstIndex(of: "acl"), at > position, at + 1 < words.count {
                let list = words[at + 1] == "name" && at + 2 < words.count ? words[at + 2] : words[at + 1]
                filter = Sourced(String(list), source(index))
                useFilter(String(list), .managementAccess("snmp"), context: "snmp-agent community acl", filtersTraffic: false, at: index)
            }
            if let at = words.firstIndex(of: "mib-view"), at + 1 < words.count { view = String(words[at + 1]) }
            communities.append(SNMPCommunity(name: name, access: words[2] == "write" ? .readWrite : .readOnly,
                                             accessFilter: filter, view: view, origin: source(index)))
        case "acl":
            if words.count >= 3 {
                let list = words[2] == "name" && words.count >= 4 ? words[3] : words[2]
                snmpGlobalACL = Sourced(String(list), source(index))
                useFilter(String(list), .managementAccess("snmp"), context: "snmp-agent acl", filtersTraffic: false, at: index)
            }
        case "usm-user":
            if words.count >= 4 {
                device.snmp.v3Users.append(Sourced(String(words[3]), source(index)))
            }
            storeServiceSecret(at: index, owner: "snmp usm-user")
        case "target-host":
            if let at = words.firstIndex(of: "securityname"), at + 1 < words.count {
                let value = words[at + 1] == "cipher" && at + 2 < words.count ? words[at + 2] : words[at + 1]
                markSecret(value, at: index)
            }
        default:
            scanSecret(at: index)
        }
    }

    mutating func resolveSNMP() {
        let versions = snmpVersions?.value
        let communityVersions = versions.map { !$0.isDisjoint(with: ["v1", "v2c", "all"]) } ?? true
        if !communityVersions, let origin = snmpVersions?.origin, !communities.isEmpty {
            device.diagnostics.append(Diagnostic(.info, code: "snmp-communities-unused",
                                                 "snmp-agent sys-info version enables neither v1 nor v2c: the communities answer nothing",
                                                 at: origin.spans.first))
        } else {
            for var community in communities {
                if community.accessFilter == nil, let global = snmpGlobalACL { community.accessFilter = global }
                device.snmp.communities.append(community)
            }
        }
        guard !snmpSpans.isEmpty else { return }
        if let disabled = snmpDisabled {
            device.services.append(ManagementService(kind: .snmp, enabled: Sourced(false, .source(disabled)),
                                                     listen: Sourced([.any], .source(disabled))))
            return
        }
        let origin: Provenance = .source(snmpSpans[0])
        device.services.append(ManagementService(kind: .snmp, enabled: Sourced(true, origin), listen: Sourced([.any], origin),
                                                 accessFilter: snmpGlobalACL))
    }
}
