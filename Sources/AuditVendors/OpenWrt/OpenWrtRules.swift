import AuditCore

/// `config rule` sections as one ordered rule list (`rules`, kind `zoneRules`), read as fw4
/// reads them (fw4.uc `parse_rule`):
///
/// - chain: `src` without `dest` is input (to the router), `src` and `dest` is forward, no `src`
///   is output; `*` names any zone and is kept as `*`;
/// - `proto` defaults to `tcp udp`; `enabled` defaults to on;
/// - ACCEPT/REJECT/DROP filter; MARK, DSCP, NOTRACK and HELPER only tag packets, so such rules are
///   kept but disabled for filtering, and so is a rule without a target (fw4 gives it no verdict);
/// - several `src_ip`/`dest_ip` values become one model rule per address pair, in order, because a
///   model rule holds one address per side.
extension OpenWrtConversion {
    static let ruleListName = "rules"
    /// More address pairs than this in one section are not expanded (the rule keeps `any`).
    static let maximumAddressPairs = 64

    mutating func convertRules(_ firewall: UCIPackage) {
        let sections = firewall.sections(ofType: "rule")
        var rules: [FilterRule] = []
        for section in sections { rules += filterRules(from: section) }
        let origin: Provenance = sections.isEmpty
            ? Self.vendorDefault("the firewall package has no 'config rule' sections")
            : .derived(sections.map(\.span))
        config.filters.append(FilterList(
            name: Self.ruleListName, kind: .zoneRules, rules: rules,
            defaultAction: Sourced(.deny, Self.vendorDefault(
                "traffic no rule matches is handled by the input, forward or output policy of its zone")),
            origin: origin))
    }

    private mutating func filterRules(from section: UCISection) -> [FilterRule] {
        let label = section.option("name")?.text
        let source = section.option("src")
        let destination = section.option("dest")
        var enabled = bool("enabled", in: section, default: true, statement: "rules are enabled unless disabled").value

        let action: FilterAction
        if let target = section.option("target") {
            if let verdict = UCIValueParsing.policy(target.text) {
                action = verdict
            } else {
                let known = ["mark", "dscp", "notrack", "helper"].contains(target.text.lowercased())
                if known {
                    diagnose(.info, "not-filtering", "target \(target.text.uppercased()) tags packets and does not filter; "
                             + "the rule is kept disabled for filtering", at: section.span)
                } else {
                    badValue("'\(target.text)' is not a rule target", target, in: section)
                }
                action = .permit
                enabled = false
            }
        } else {
            diagnose(.info, "not-filtering", "a rule without a target gets no verdict from fw4 (fw3 rejected); "
                     + "it is kept disabled for filtering", at: section.span)
            action = .permit
            enabled = false
        }

        let chain: Chain = source == nil ? .output : (destination == nil ? .input : .forward)
        if let source {
            referenceZone(source.text, context: "rule \(Self.label(of: section)) src", filtersTraffic: action != .permit,
                          value: source, in: section)
        }
        if let destination {
            referenceZone(destination.text, context: "rule \(Self.label(of: section)) dest", filtersTraffic: action != .permit,
                          value: destination, in: section)
        }

        var family = ruleFamily(section)
        let sources = addresses("src_ip", ipsetDirection: "src", in: section)
        let destinations = addresses("dest_ip", ipsetDirection: "dest", in: section)
        if family == .both {
            // fw4 restricts a rule to the family of the addresses it names.
            let families = Set((sources + destinations).map(\.family).filter { $0 != .both })
            if families.count == 1, let only = families.first { family = only }
        }
        let protocols = protocolMatch(section, family: family)
        var sourcePorts = ports("src_port", in: section)
        var destinationPorts = ports("dest_port", in: section)
        if !Self.portsApply(to: protocols) {
            // fw4 matches ports only for tcp and udp; with `proto all` it drops the port options.
            if protocols == .any, !(sourcePorts.isAny && destinationPorts.isAny) {
                diagnose(.info, "not-modelled", "fw4 ignores ports for proto all; the rule matches every port",
                         at: section.span)
            }
            sourcePorts = .any
            destinationPorts = .any
        }
        let icmpTypes = section.values("icmp_type").map(\.text)

        var pairs: [(AddressMatch, AddressMatch)] = []
        for sourceAddress in sources.isEmpty ? [OpenWrtRuleAddress.any] : sources {
            for destinationAddress in destinations.isEmpty ? [OpenWrtRuleAddress.any] : destinations {
                // A pair of an IPv4 and an IPv6 address matches nothing; fw4 emits no rule for it.
                if sourceAddress.family != .both, destinationAddress.family != .both,
                   sourceAddress.family != destinationAddress.family { continue }
                pairs.append((sourceAddress.match, destinationAddress.match))
            }
        }
        if pairs.isEmpty {
            diagnose(.info, "not-filtering", "the rule pairs only IPv4 with IPv6 addresses; fw4 emits nothing for it",
                     at: section.span)
        }
        if pairs.count > Self.maximumAddressPairs {
            diagnose(.warning, "bad-value", "\(pairs.count) address pairs in one rule; kept as one rule matching any address",
                     at: section.span)
            pairs = [(.any, .any)]
        }
        return pairs.map { pair in
            FilterRule(
                action: action, protocols: protocols, source: pair.0, destination: pair.1,
                sourcePorts: sourcePorts, destinationPorts: destinationPorts, icmpTypes: icmpTypes,
                sourceZone: source?.text, destinationZone: destination?.text, chain: chain,
                family: family.number, enabled: enabled, label: label, origin: .source(section.span))
        }
    }

    /// Ports are matched only for tcp and udp.
    static func portsApply(to protocols: ProtocolMatch) -> Bool {
        protocols != .any && (protocols.matches(.tcp) || protocols.matches(.udp))
    }

    func ruleFamily(_ section: UCISection) -> UCIValueParsing.Family {
        guard let value = section.option("family") else { return .both }
        return UCIValueParsing.family(value.text) ?? .both
    }

    /// `proto`, default `tcp udp` (fw4's `tcpudp`). An unknown protocol name is reported and read
    /// as any protocol, so a permit rule is never read narrower than it may be.
    mutating func protocolMatch(_ section: UCISection, family: UCIValueParsing.Family) -> ProtocolMatch {
        let words = section.values("proto")
        guard !words.isEmpty else { return .only([.tcp, .udp]) }
        var set: Set<IPProtocol> = []
        for word in words {
            if word.text.hasPrefix("!") {
                diagnose(.info, "not-modelled", "negated protocol '\(word.text)' is read as any protocol",
                         at: SourceSpan(file: section.file, start: word.line))
                return .any
            }
            switch UCIValueParsing.protocols(word.text, family: family) {
            case .any:
                return .any
            case .only(let protocols):
                set.formUnion(protocols)
            case .unknown:
                badValue("'\(word.text)' is not a known protocol; read as any protocol", word, in: section)
                return .any
            }
        }
        return .only(set)
    }

    /// Port list of an option; `any` when absent. Negated or unreadable ports are reported and
    /// read as any port.
    mutating func ports(_ option: String, in section: UCISection) -> PortMatch {
        let values = section.values(option)
        guard !values.isEmpty else { return .any }
        var ranges: [ClosedRange<Int>] = []
        for value in values {
            if value.text.hasPrefix("!") {
                diagnose(.info, "not-modelled", "negated port '\(value.text)' is read as any port",
                         at: SourceSpan(file: section.file, start: value.line))
                return .any
            }
            guard let range = UCIValueParsing.portRange(Substring(value.text)) else {
                badValue("'\(value.text)' is not a port or port range; read as any port", value, in: section)
                return .any
            }
            ranges.append(range)
        }
        return .ranges(ranges)
    }

    /// Addresses of an option (and of `option ipset` matching that direction), each with its
    /// family. Negations and ranges the model cannot hold are reported and read as any address.
    mutating func addresses(_ option: String, ipsetDirection: String?, in section: UCISection) -> [OpenWrtRuleAddress] {
        var result: [OpenWrtRuleAddress] = []
        for value in section.values(option) {
            switch UCIValueParsing.address(value.text) {
            case .match(let match, let family)?:
                result.append(OpenWrtRuleAddress(match: match, family: family))
            case .negated?:
                diagnose(.info, "not-modelled", "negated address '\(value.text)' is read as any address",
                         at: SourceSpan(file: section.file, start: value.line))
                return []
            case .range?:
                diagnose(.info, "not-modelled", "address range '\(value.text)' is read as any address",
                         at: SourceSpan(file: section.file, start: value.line))
                return []
            case nil:
                badValue("'\(value.text)' is not an address; read as any address", value, in: section)
                return []
            }
        }
        if let ipsetDirection, result.isEmpty, let ipset = section.option("ipset") {
            // `option ipset 'name [src|dest ...]'`: the set matches the source unless it says dest.
            let words = ipset.text.split(separator: " ")
            let direction = words.dropFirst().first.map { $0.hasPrefix("dst") || $0.hasPrefix("dest") ? "dest" : "src" } ?? "src"
            if let name = words.first, !name.hasPrefix("!"), direction == ipsetDirection {
                result.append(OpenWrtRuleAddress(match: .object(String(name)), family: .both))
            }
        }
        return result
    }
}

/// One address of a rule side with the IP family it restricts the rule to.
struct OpenWrtRuleAddress {
    var match: AddressMatch
    var family: UCIValueParsing.Family

    static let any = OpenWrtRuleAddress(match: .any, family: .both)
}
