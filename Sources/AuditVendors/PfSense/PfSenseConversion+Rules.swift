import AuditCore

/// A firewall rule as `config.xml` states it, before it is placed into per-interface lists.
struct PfRule {
    enum Direction { case inbound, outbound, both }

    var element: Int
    var action: FilterAction
    /// `type match`: tags or queues packets, never passes or blocks.
    var isMatch = false
    var interfaces: [String]
    /// OPNsense `interfacenot`: the rule applies to every interface except those listed.
    var invertInterfaces = false
    var floating = false
    var quick = true
    var direction = Direction.inbound
    var family: Int?
    var protocols: ProtocolMatch = .any
    var icmpTypes: [String] = []
    var source = PfEndpoint.any
    var destination = PfEndpoint.any
    var sourcePorts: PortMatch = .any
    var destinationPorts: PortMatch = .any
    var enabled = true
    var label: String?
    var origin: Provenance
    /// Conditions the model's fields cannot hold (schedule, tag, OS fingerprint).
    var conditions: [String] = []

    func applies(to key: String) -> Bool {
        invertInterfaces ? !interfaces.contains(key) : interfaces.contains(key)
    }
}

/// One side of a rule: the address match and where that address lies.
struct PfEndpoint {
    enum Placement: Equatable {
        /// Any address: the firewall itself and everything beyond it.
        case any
        /// Only the firewall's own addresses.
        case firewall
        /// A network attached to this interface.
        case zone(String)
        /// Addresses on no attached network.
        case outside
        /// Not known from the file (run-time tables, negations); `firewall` says whether the
        /// firewall's own addresses may be among them.
        case unknown(firewall: Bool)
    }

    var match: AddressMatch
    var placement: Placement

    static let any = PfEndpoint(match: .any, placement: .any)
}

/// Filter rules: `<filter><rule>` (both products) and OPNsense's MVC rules
/// (`OPNsense/Firewall/Filter/rules/rule`), placed per interface in the order pf evaluates them:
///
/// 1. rules the system generates ahead of the user's: `<blockbogons>`, `<blockpriv>`, the
///    anti-lockout rule (filter.inc `filter_rules_generate`, OPNsense filter.lib.inc);
/// 2. quick floating rules (and OPNsense MVC rules) that name the interface, in order;
/// 3. rules on an interface group the interface belongs to;
/// 4. the interface's own rules (always quick);
/// 5. non-quick floating rules, last first: pf lets the last matching non-quick rule decide
///    when no quick rule matched, which is first-match over the reversed list.
///
/// Each pf rule becomes one model rule: a destination of `(self)` or an interface address is
/// traffic to the firewall (`.input`, the destination implied), an attached or outside network is
/// forwarded (`.forward`, with the destination zone when known), and `any` is both (no chain).
extension PfSenseConversion {
    static let pseudoInterfaces: Set<String> = ["openvpn", "enc0", "ipsec", "l2tp", "pppoe", "pptp", "wireguard", "wg", "lo0", "loopback"]

    mutating func convertFilter() {
        var rules: [PfRule] = []
        if let filter = section("filter") {
            for element in children(filter, "rule") {
                if let rule = legacyRule(element) { rules.append(rule) }
            }
        }
        var mvc: [(sequence: Int, rule: PfRule)] = []
        if let list = section(["OPNsense", "Firewall", "Filter", "rules"]) {
            for (position, element) in children(list, "rule").enumerated() {
                if let rule = mvcRule(element) {
                    let sequence = value(element, "sequence").flatMap { Int($0) } ?? (100_000 + position)
                    mvc.append((sequence, rule))
                }
            }
        }
        let automation = mvc.sorted { $0.sequence < $1.sequence }.map(\.rule)

        // Interfaces that get a list: assigned ones, then groups' and pseudo interfaces named by rules.
        var keys = interfaces.map(\.key)
        var known = Set(keys)
        for rule in rules + automation where !rule.invertInterfaces {
            for key in rule.interfaces where !known.contains(key) {
                known.insert(key)
                if interfaceGroups[key] != nil { continue }
                if Self.pseudoInterfaces.contains(key) {
                    keys.append(key)
                    config.zones.append(pseudoZone(key))
                    config.interfaces.append(Interface(
                        name: key, role: Sourced(.unknown, vendorDefault("'\(key)' is a VPN or server interface")),
                        zone: key, description: "VPN or server interface", origin: vendorDefault("rules name '\(key)'")))
                } else {
                    config.references.append(ObjectReference(
                        kind: .interface, name: key, context: "a firewall rule's <interface>", filtersTraffic: false,
                        origin: rule.origin))
                    diagnose(.warning, "undefined-interface",
                             "interface '\(key)' is not defined: its rules are not loaded", at: rule.origin.spans.first?.start)
                }
            }
        }
        let lockout = antiLockout()
        for key in keys {
            let info = interfaceInfo(key)
            let active = info?.enabled ?? true
            var placed: [PfRule] = []
            placed += automation.filter { $0.quick && $0.applies(to: key) }
            placed += rules.filter { $0.floating && $0.quick && $0.applies(to: key) }
            placed += rules.filter { rule in
                !rule.floating && rule.interfaces.contains { group in interfaceGroups[group]?.contains(key) ?? false }
            }
            placed += rules.filter { !$0.floating && $0.applies(to: key) }
            placed += (automation.filter { !$0.quick && $0.applies(to: key) }
                       + rules.filter { $0.floating && !$0.quick && $0.applies(to: key) }).reversed()
            var modelled: [FilterRule] = []
            if let info { modelled += systemRules(info) }
            if let lockout, lockout.interface == key { modelled.append(lockout.rule) }
            for rule in placed { modelled += expand(rule, on: key) }
            if !active {
                for index in modelled.indices { modelled[index].enabled = false }
                if !placed.isEmpty, let info {
                    diagnose(.info, "interface-disabled", "interface '\(key)' is not enabled: its \(placed.count) rule(s) are not loaded",
                             at: doc.line(info.element))
                }
            }
            let spans = placed.flatMap { $0.origin.spans }
            config.filters.append(FilterList(
                name: key, kind: .zoneRules, rules: modelled,
                defaultAction: filterDisabled.map { Sourced(.permit, $0.origin) }
                    ?? Sourced(.deny, vendorDefault("pf blocks what no rule passes (default deny rule)")),
                origin: spans.isEmpty ? vendorDefault("no rules for interface '\(key)'") : .derived(spans)))
            config.filterUses[key] = [.interfaceInbound(key)]
        }
    }

    // MARK: - Reading one rule

    private mutating func legacyRule(_ element: Int) -> PfRule? {
        let label = nonEmpty(element, "descr")
        var rule = PfRule(element: element, action: .permit, interfaces: [], label: label, origin: blockOrigin(element))
        let type = (value(element, "type") ?? "").lowercased()
        switch type {
        case "pass": rule.action = .permit
        case "block": rule.action = .deny
        case "reject": rule.action = .reject
        case "match": rule.isMatch = true
        default:
            // pfSense: "default (for older rules) is pass"; OPNsense FilterRule parseType: empty is pass.
            if !type.isEmpty {
                diagnose(.warning, "bad-value", "rule type '\(type)' is not pass, block, reject or match; read as pass",
                         at: doc.line(element))
            }
        }
        rule.floating = isSet(element, "floating")
        rule.interfaces = Self.list(value(element, "interface") ?? "")
        if rule.interfaces.isEmpty {
            if rule.floating && flavor == .opnSense {
                // OPNsense FilterRule: a rule without interface is emitted without "on": every interface.
                rule.interfaces = interfaces.map(\.key)
            } else {
                diagnose(.warning, "bad-value", "a rule without an interface is not loaded", at: doc.line(element))
                return nil
            }
        }
        if let quick = child(element, "quick") {
            rule.quick = rule.floating || flavor == .opnSense ? flavor.quick(text(quick)) : true
        } else {
            rule.quick = !rule.floating
        }
        // pfSense forces "in" on interface rules; floating rules and OPNsense rules use the
        // direction given, and no direction (or "any") matches both.
        if flavor == .opnSense || rule.floating {
            switch (value(element, "direction") ?? "").lowercased() {
            case "in": rule.direction = .inbound
            case "out": rule.direction = .outbound
            default: rule.direction = .both
            }
        }
        if let disabled = child(element, "disabled"), flavor.disables(text(disabled)) {
            rule.enabled = false
        }
        rule.family = family(value(element, "ipprotocol"), at: element)
        let protocolText = value(element, "protocol") ?? ""
        let sourceSide = child(element, "source")
        let destinationSide = child(element, "destination")
        let sourcePort = sourceSide.flatMap { nonEmpty($0, "port") }
        let destinationPort = destinationSide.flatMap { nonEmpty($0, "port") }
        rule.protocols = protocols(protocolText, family: rule.family, hasPorts: sourcePort != nil || destinationPort != nil,
                                   at: element)
        if rule.protocols.matches(.icmp) || rule.protocols.matches(.icmpv6), rule.protocols != .any,
           let icmp = nonEmpty(element, "icmptype"), icmp != "any" {
            rule.icmpTypes = Self.list(icmp)
        }
        var resolvable = true
        let context = Self.ruleContext(rule)
        if let sourceSide {
            rule.source = endpoint(sourceSide, context: context, filters: rule.action != .permit, family: rule.family,
                                   resolvable: &resolvable)
        }
        if let destinationSide {
            rule.destination = endpoint(destinationSide, context: context, filters: rule.action != .permit, family: rule.family,
                                        resolvable: &resolvable)
        }
        if Self.portsApply(rule.protocols) {
            rule.sourcePorts = ports(sourcePort, at: sourceSide, resolvable: &resolvable)
            rule.destinationPorts = ports(destinationPort, at: destinationSide, resolvable: &resolvable)
        }
        if !resolvable { rule.enabled = false }
        rule.conditions = conditions(of: element)
        return rule
    }

    /// Match conditions the model's fields cannot hold: the rule matches only when they hold too
    /// (a schedule is active, a tag was set, an OS fingerprint or a DSCP / 802.1p value matches).
    private func conditions(of element: Int) -> [String] {
        var result: [String] = []
        for (name, word) in [("sched", "schedule"), ("tagged", "tagged"), ("os", "os"), ("dscp", "dscp"), ("vlanprio", "vlan-priority")] {
            if let value = nonEmpty(element, name), !(name == "vlanprio" && value == "none") {
                result.append("\(word) \(value)")
            }
        }
        return result
    }

    /// OPNsense MVC rule: `enabled`, `action`, `quick`, `interface`, `interfacenot`,
    /// `direction`, `ipprotocol`, `protocol`, `source_net`/`_not`/`_port`, `destination_*`.
    private mutating func mvcRule(_ element: Int) -> PfRule? {
        let label = nonEmpty(element, "description")
        var rule = PfRule(element: element, action: .permit, interfaces: [], label: label, origin: blockOrigin(element))
        switch (value(element, "action") ?? "pass").lowercased() {
        case "block": rule.action = .deny
        case "reject": rule.action = .reject
        default: rule.action = .permit
        }
        rule.enabled = value(element, "enabled") != "0"
        rule.quick = value(element, "quick") != "0"
        rule.invertInterfaces = value(element, "interfacenot") == "1"
        rule.interfaces = Self.list(value(element, "interface") ?? "")
        rule.floating = true
        if rule.interfaces.isEmpty && !rule.invertInterfaces { rule.interfaces = interfaces.map(\.key) }
        switch (value(element, "direction") ?? "in").lowercased() {
        case "out": rule.direction = .outbound
        case "any": rule.direction = .both
        default: rule.direction = .inbound
        }
        rule.family = family(value(element, "ipprotocol"), at: element)
        let sourcePort = nonEmpty(element, "source_port")
        let destinationPort = nonEmpty(element, "destination_port")
        rule.protocols = protocols(value(element, "protocol") ?? "any", family: rule.family, hasPorts: false, at: element)
        var resolvable = true
        let context = Self.ruleContext(rule)
        rule.source = mvcEndpoint(element, "source", context: context, filters: rule.action != .permit, family: rule.family,
                                  resolvable: &resolvable)
        rule.destination = mvcEndpoint(element, "destination", context: context, filters: rule.action != .permit,
                                       family: rule.family, resolvable: &resolvable)
        if Self.portsApply(rule.protocols) {
            rule.sourcePorts = ports(sourcePort, at: child(element, "source_port"), resolvable: &resolvable)
            rule.destinationPorts = ports(destinationPort, at: child(element, "destination_port"), resolvable: &resolvable)
        }
        if !resolvable { rule.enabled = false }
        return rule
    }

    private mutating func mvcEndpoint(_ element: Int, _ side: String, context: String, filters: Bool, family: Int?,
                                      resolvable: inout Bool) -> PfEndpoint {
        guard let net = child(element, "\(side)_net"), !text(net).isEmpty, text(net).lowercased() != "any" else { return .any }
        var endpoint = network(text(net), at: net, context: context, filters: filters, family: family, resolvable: &resolvable,
                               allowAddress: true)
        if value(element, "\(side)_not") == "1" { endpoint = negated(endpoint, text(net)) }
        return endpoint
    }

    private mutating func family(_ text: String?, at element: Int) -> Int? {
        let family: Int?
        switch (text ?? "").lowercased() {
        case "inet": family = 4
        case "inet6": family = 6
        case "inet46": family = nil
        case "": family = flavor.defaultRuleFamily
        default:
            diagnose(.warning, "bad-value", "'\(text ?? "")' is not inet, inet6 or inet46", at: doc.line(element))
            family = nil
        }
        // Without <ipv6allow> a quick "Block all IPv6" rule precedes every user rule.
        if !ipv6Allowed && family == nil { return 4 }
        return family
    }

    static let extraProtocols: [String: Int] = [
        "ipv6": 41, "pim": 103, "ospf": 89, "sctp": 132, "carp": 112, "pfsync": 240, "vrrp": 112, "l2tp": 115,
        "ipencap": 4, "ipip": 4, "rsvp": 46, "egp": 8, "idp": 22,
    ]

    mutating func protocols(_ text: String, family: Int?, hasPorts: Bool, at element: Int) -> ProtocolMatch {
        let name = text.lowercased()
        switch name {
        case "":
            // pfSense filter.inc: no protocol but a port given means tcp.
            return hasPorts && flavor == .pfSense ? .only([.tcp]) : .any
        case "any": return .any
        case "tcp/udp": return .only([.tcp, .udp])
        case "icmp": return family == 6 ? .only([.icmpv6]) : .only([.icmp])
        case "ipv6-icmp", "icmp6", "icmpv6": return .only([.icmpv6])
        default:
            if let known = IPProtocol(name: name) { return .only([known]) }
            if let number = Self.extraProtocols[name] { return .only([IPProtocol(name: String(number)) ?? .number(number)]) }
            diagnose(.warning, "bad-value", "'\(text)' is not a known protocol; read as any protocol", at: doc.line(element))
            return .any
        }
    }

    static func portsApply(_ protocols: ProtocolMatch) -> Bool {
        protocols != .any && (protocols.matches(.tcp) || protocols.matches(.udp))
    }

    /// A rule side (`<source>` / `<destination>`): `<any/>`, `<network>`, `<address>`, `<not/>`.
    mutating func endpoint(_ side: Int, context: String, filters: Bool, family: Int?, resolvable: inout Bool) -> PfEndpoint {
        var endpoint = PfEndpoint.any
        var written = "any"
        if isSet(side, "any") {
            endpoint = .any
        } else if let network = child(side, "network"), !text(network).isEmpty {
            written = text(network)
            endpoint = self.network(written, at: network, context: context, filters: filters, family: family,
                                    resolvable: &resolvable, allowAddress: false)
        } else if let address = child(side, "address"), !text(address).isEmpty {
            written = text(address)
            endpoint = self.address(written, at: address, context: context, filters: filters, resolvable: &resolvable)
        }
        if isSet(side, "not"), written != "any" {
            endpoint = negated(endpoint, written)
        }
        return endpoint
    }

    private func negated(_ endpoint: PfEndpoint, _ written: String) -> PfEndpoint {
        let includesFirewall = endpoint.placement != .firewall
        return PfEndpoint(match: .object("not \(written)"), placement: .unknown(firewall: includesFirewall))
    }

    /// `<network>`: `(self)`, an interface's address (`wanip`, `opt1ip`), an interface's
    /// network (`lan`, `opt1`), a VPN or server network (`pppoe`, `l2tp`, `openvpn`), or, in
    /// OPNsense MVC rules, an alias or address.
    private mutating func network(_ name: String, at element: Int, context: String, filters: Bool, family: Int?,
                                  resolvable: inout Bool, allowAddress: Bool) -> PfEndpoint {
        if name == "(self)" || name == "self" || name == "This Firewall" {
            return PfEndpoint(match: .selfAddress, placement: .firewall)
        }
        if name.hasSuffix("ip"), interfaceIndex[String(name.dropLast(2))] != nil {
            return PfEndpoint(match: .selfAddress, placement: .firewall)
        }
        if let info = interfaceInfo(name) {
            // pf's `(if:network)` is the interface's network of the rule's family; a rule for both
            // families gets both when IPv6 is on and the interface has IPv6.
            let prefix: IPPrefix?
            switch family {
            case 6: prefix = info.prefixV6
            case 4: prefix = info.prefix
            default: prefix = ipv6Allowed && info.hasIPv6 ? nil : info.prefix
            }
            if let prefix { return PfEndpoint(match: .prefix(prefix), placement: .zone(name)) }
            return PfEndpoint(match: .object("\(name) net"), placement: .zone(name))
        }
        if allowAddress { return address(name, at: element, context: context, filters: filters, resolvable: &resolvable) }
        if Self.pseudoInterfaces.contains(name) || interfaceGroups[name] != nil {
            return PfEndpoint(match: .object("\(name) net"), placement: .unknown(firewall: false))
        }
        diagnose(.warning, "bad-value", "network '\(name)' names no interface; read as an unknown network", at: doc.line(element))
        return PfEndpoint(match: .object(name), placement: .unknown(firewall: true))
    }

    /// `<address>`: an address, a subnet, a range or an alias.
    private mutating func address(_ text: String, at element: Int, context: String, filters: Bool,
                                  resolvable: inout Bool) -> PfEndpoint {
        if let prefix = IPPrefix(text) {
            return PfEndpoint(match: prefix.isAny ? .any : .prefix(prefix), placement: placement(of: [prefix]))
        }
        if let range = Self.addressRange(text) {
            return PfEndpoint(match: range.count == 1 ? .prefix(range[0]) : .object(text), placement: placement(of: range))
        }
        if aliases[text] != nil {
            guard let prefixes = aliasAddresses(text) else {
                return PfEndpoint(match: .object(text), placement: .unknown(firewall: false))
            }
            if prefixes.count == 1 {
                return PfEndpoint(match: prefixes[0].isAny ? .any : .prefix(prefixes[0]), placement: placement(of: prefixes))
            }
            return PfEndpoint(match: .object(text), placement: placement(of: prefixes))
        }
        // pfSense filter.inc: "Unresolvable source alias ... for rule": the rule is skipped;
        // OPNsense FilterRule: an address it cannot convert disables the rule.
        var reference = ObjectReference(
            kind: .addressObject, name: text, context: context, filtersTraffic: filters, origin: origin(element))
        reference.knownUndefined = true
        config.references.append(reference)
        diagnose(.warning, "undefined-alias", "'\(text)' is neither an address nor a defined alias: \(flavor.displayName) does not load this rule",
                 at: doc.line(element))
        resolvable = false
        return PfEndpoint(match: .object(text), placement: .unknown(firewall: false))
    }

    static func ruleContext(_ rule: PfRule) -> String {
        rule.label.map { "rule '\($0)'" } ?? "a firewall rule"
    }

    /// Where a set of prefixes lies: the firewall's addresses, one attached network, elsewhere.
    func placement(of prefixes: [IPPrefix]) -> PfEndpoint.Placement {
        var sawFirewall = false
        var zones: Set<String> = []
        var sawOutside = false
        for prefix in prefixes {
            if prefix.isAny { return .any }
            let fullLength = prefix.address.isV4 ? 32 : 128
            if prefix.length == fullLength, interfaces.contains(where: { $0.addresses.contains(prefix.address) }) {
                sawFirewall = true
                continue
            }
            if let owner = interfaces.first(where: { info in
                info.networks.contains { $0.length <= prefix.length && $0.contains(prefix.address) }
            }) {
                zones.insert(owner.key)
            } else {
                sawOutside = true
            }
        }
        if sawFirewall && zones.isEmpty && !sawOutside { return .firewall }
        if sawFirewall { return .unknown(firewall: true) }
        if zones.count == 1 && !sawOutside, let only = zones.first { return .zone(only) }
        if zones.isEmpty { return .outside }
        return .unknown(firewall: false)
    }

    /// A port, a range (`1000-2000`, `1000:2000`) or a port alias; `any` when absent. A port
    /// alias that cannot be resolved is read as any port.
    mutating func ports(_ text: String?, at side: Int?, resolvable: inout Bool) -> PortMatch {
        guard let text, !text.isEmpty, text.lowercased() != "any" else { return .any }
        if let range = Self.portRange(text) { return .ranges([range]) }
        let line = side.flatMap { child($0, "port") ?? $0 }.map { doc.line($0) }
        if aliases[text] != nil {
            if let ranges = aliasPorts(text), !ranges.isEmpty { return .ranges(ranges) }
            diagnose(.info, "not-modelled", "port alias '\(text)' cannot be resolved from the file; read as any port", at: line)
            return .any
        }
        diagnose(.warning, "undefined-alias", "'\(text)' is neither a port nor a defined port alias: \(flavor.displayName) does not load this rule",
                 at: line)
        resolvable = false
        return .any
    }

    // MARK: - Rules the system adds

    /// `<blockbogons>` and `<blockpriv>` on an interface: quick block rules ahead of the user's,
    /// for packets to the firewall and through it alike.
    private func systemRules(_ info: PfInterface) -> [FilterRule] {
        var rules: [FilterRule] = []
        let name = info.description ?? info.key.uppercased()
        if let bogons = info.blockBogons {
            rules.append(FilterRule(
                action: .deny, source: .object("bogons table"), sourceZone: info.key, destinationZone: "*", chain: nil,
                label: "block bogon networks from \(name)", origin: origin(bogons)))
        }
        if let block = info.blockPrivate {
            for network in flavor.privateNetworks {
                guard let prefix = IPPrefix(network) else { continue }
                rules.append(FilterRule(
                    action: .deny, source: .prefix(prefix), sourceZone: info.key, destinationZone: "*", chain: nil,
                    family: prefix.address.isV4 ? 4 : 6, label: "Block private networks from \(name)", origin: origin(block)))
            }
        }
        return rules
    }

    /// The anti-lockout rule: pass tcp from any to the LAN address on the webConfigurator ports
    /// (and SSH when it is on), on LAN, or on WAN when WAN is the only interface, unless
    /// `<noantilockout>` (pfSense filter.inc `filter_get_antilockout_ports`, OPNsense
    /// filter.lib.inc `filter_core_antilockout_ports`).
    private func antiLockout() -> (interface: String, rule: FilterRule)? {
        guard let system = section("system") else { return nil }
        let webgui = child(system, "webgui")
        if flavor == .pfSense && webgui == nil { return nil }
        if let webgui, isSet(webgui, "noantilockout") { return nil }
        let target: String
        if let lan = interfaceInfo("lan"), lan.enabled || flavor == .opnSense, lan.device != nil, interfaces.count > 1 {
            target = "lan"
        } else if interfaces.count == 1, interfaceInfo("wan") != nil {
            target = "wan"
        } else {
            return nil
        }
        var ports: [ClosedRange<Int>] = []
        let gui = config.services.first { $0.kind == .http || $0.kind == .https }
        let guiPort = gui?.effectivePort ?? 80
        ports.append(guiPort...guiPort)
        if gui?.kind == .https, gui?.settings["http_redirect"]?.value == "on", guiPort != 80 { ports.append(80...80) }
        if let ssh = sshService, ssh.enabled.value { ports.append(ssh.effectivePort...ssh.effectivePort) }
        let rule = FilterRule(
            action: .permit, protocols: .only([.tcp]), destination: .any, destinationPorts: .ranges(ports),
            sourceZone: target, chain: .input, label: "anti-lockout rule",
            origin: vendorDefault("\(flavor.displayName) passes tcp from any to the \(target.uppercased()) address on the "
                                  + "webConfigurator and SSH ports (anti-lockout rule) unless <webgui><noantilockout> is set"))
        return (target, rule)
    }

    // MARK: - Expansion into model rules

    /// One pf rule on one interface as a model rule. pf filters a packet entering an interface
    /// with the same rules whether it is for the firewall or passes through, so a rule whose
    /// destination may be either has no chain; `(self)` and the interface addresses are the
    /// input chain (the destination is then implied), attached and outside networks forward.
    private func expand(_ rule: PfRule, on key: String) -> [FilterRule] {
        guard rule.direction != .outbound else { return [] }
        var enabled = rule.enabled && !rule.isMatch
        if rule.family == 6 && !ipv6Allowed { enabled = false }
        var model = FilterRule(
            action: rule.action, protocols: rule.protocols, source: rule.source.match, destination: rule.destination.match,
            sourcePorts: rule.sourcePorts, destinationPorts: rule.destinationPorts, icmpTypes: rule.icmpTypes,
            sourceZone: key, chain: .forward, family: rule.family, enabled: enabled, label: rule.label, origin: rule.origin,
            conditions: rule.conditions)
        switch rule.destination.placement {
        case .any:
            model.chain = nil
            model.destinationZone = "*"
        case .firewall:
            model.chain = .input
            model.destination = .any
        case .zone(let zone):
            model.destinationZone = zone
        case .outside:
            break
        case .unknown(let firewall):
            if firewall { model.chain = nil }
        }
        return [model]
    }
}
