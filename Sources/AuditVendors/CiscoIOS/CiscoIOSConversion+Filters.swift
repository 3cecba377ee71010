import AuditCore

/// Access lists, and every place that names one (interfaces, lines, NAT, route-maps, ...).
extension CiscoIOSConverter {
    /// What a numbered list is, from its number (IOS reserves ranges per kind).
    enum NumberedListKind {
        case standard, extended, notIP
    }

    static func numberedKind(_ number: Int) -> NumberedListKind {
        switch number {
        case 1...99, 1300...1999: .standard
        case 100...199, 2000...2699: .extended
        default: .notIP
        }
    }

    /// `access-list N permit|deny|remark ...`: one entry per line; lines with the same number
    /// form one list, wherever they are in the file.
    mutating func numberedAccessList(_ index: Int) {
        let words = command(index).words
        guard let nameWord = words[safe: 1] else { return badValue("access-list without a number", at: index) }
        guard let number = CiscoText.integer(nameWord) else {
            // access-list compiled / dynamic-extended / rate-limit: global switches.
            understand(index)
            return
        }
        switch Self.numberedKind(number) {
        case .notIP:
            // MAC, protocol-type and IPX lists: no IP meaning.
            understand(index)
        case .standard:
            addEntry(index, list: String(nameWord), kind: .ciscoStandard, grammar: .standard, from: 2)
        case .extended:
            addEntry(index, list: String(nameWord), kind: .ciscoExtended, grammar: .extended, from: 2)
        }
    }

    /// `ip access-list standard|extended NAME` with its entries as children.
    mutating func namedAccessList(_ index: Int) {
        let words = command(index).words
        let grammar: CiscoACLParser.Grammar
        let kind: FilterList.Kind
        switch words[safe: 2] {
        case "standard":
            (grammar, kind) = (.standard, .ciscoStandard)
        case "extended":
            (grammar, kind) = (.extended, .ciscoExtended)
        default:
            // logging, resequence, log-update, role-based, match-local-traffic: not lists of rules.
            understandSubtree(index)
            return
        }
        guard let name = words[safe: 3] else { return badValue("ip access-list without a name", at: index) }
        openList(String(name), kind: kind, family: 4, at: index)
        understand(index)
        for child in config.children(of: index) {
            addEntry(child, list: String(name), kind: kind, grammar: grammar, from: 0)
        }
    }

    /// `ipv6 access-list NAME` with `[sequence N] permit|deny ...` children.
    mutating func ipv6AccessList(_ index: Int) {
        let words = command(index).words
        guard let name = words[safe: 2] else { return badValue("ipv6 access-list without a name", at: index) }
        if name == "log-update" || name == "cache" {
            understandSubtree(index)
            return
        }
        openList(String(name), kind: .ciscoExtended, family: 6, at: index)
        understand(index)
        for child in config.children(of: index) {
            addEntry(child, list: String(name), kind: .ciscoExtended, grammar: .ipv6, from: 0)
        }
    }

    /// The list's index in `device.filters`, created on first sight with the implicit deny.
    @discardableResult
    mutating func openList(_ name: String, kind: FilterList.Kind, family: Int, at index: Int) -> Int {
        let key = CiscoFilterKey(name: name, family: family)
        if let existing = filterIndex[key] {
            filterSpans[existing].append(span(index))
            return existing
        }
        filterIndex[key] = device.filters.count
        filterSpans.append([span(index)])
        device.filters.append(FilterList(
            name: name, kind: kind, rules: [],
            defaultAction: Sourced(.deny, CiscoIOSConversion.vendorDefault("every IOS access list ends with an implicit deny")),
            origin: source(index)))
        return device.filters.count - 1
    }

    private mutating func addEntry(_ index: Int, list: String, kind: FilterList.Kind, grammar: CiscoACLParser.Grammar, from start: Int) {
        let family = grammar == .ipv6 ? 6 : 4
        let position = openList(list, kind: kind, family: family, at: index)
        let entry = CiscoACLParser.parse(command(index).words, from: start, grammar: grammar, origin: source(index))
        if let rule = entry.rule { device.filters[position].rules.append(rule) }
        if let problem = entry.problem {
            badValue("access-list \(list): \(problem)", at: index)
        }
        for note in entry.notes {
            diagnose(.info, "not-modelled", "access-list \(list): \(note)", at: index)
        }
        for group in entry.objectGroups {
            objectGroupUses.append((group, "access-list \(list)", span(index)))
        }
        // Entries with a problem are still recognised: the bad-value diagnostic says what failed.
        understandSubtree(index)
    }

    /// A list written on several lines (a named block, or numbered lines) points at all of them.
    /// Entries with sequence numbers are evaluated in sequence order, whatever order they were written in.
    mutating func resolveFilterOrigins() {
        for (position, spans) in filterSpans.enumerated() where spans.count > 1 {
            device.filters[position].origin = .derived(Self.merged(spans))
        }
        for position in device.filters.indices where device.filters[position].rules.count > 1 {
            let rules = device.filters[position].rules
            let sequence = rules.compactMap { $0.label.flatMap { Int($0) } }
            guard sequence.count == rules.count, sequence != sequence.sorted() else { continue }
            device.filters[position].rules = zip(sequence, rules).enumerated()
                .sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }
                .map(\.element.1)
        }
    }

    /// Adjacent one-line spans (a numbered list) become one range.
    static func merged(_ spans: [SourceSpan]) -> [SourceSpan] {
        var result: [SourceSpan] = []
        for span in spans {
            if var last = result.last, last.file == span.file, span.start <= last.end + 1 {
                last.end = max(last.end, span.end)
                result[result.count - 1] = last
            } else {
                result.append(span)
            }
        }
        return result
    }

    /// Records that a line uses access list `name`, for the filter-use map and reference checks.
    /// (`FilterUse` has no address family, so an IPv6 list and an IPv4 list of the same name share an entry.)
    mutating func useFilter(_ name: String, _ use: FilterUse, context: String, filtersTraffic: Bool, at index: Int) {
        if recordedUses.insert(CiscoFilterUseKey(name: name, use: use)).inserted {
            device.filterUses[name, default: []].append(use)
        }
        device.references.append(ObjectReference(kind: .filter, name: name, context: context,
                                                 filtersTraffic: filtersTraffic, origin: source(index)))
    }

    // MARK: - Other places that name ACLs

    /// `object-group network|service NAME`: definitions are not modelled (the model has no
    /// address objects), but their names resolve references.
    mutating func objectGroup(_ index: Int) {
        if let name = command(index).words[safe: 2] { objectGroupsDefined.insert(String(name)) }
        understandSubtree(index)
    }

    /// The model cannot list defined object-groups, so only references to groups this file does
    /// not define are recorded: each is a dangling reference.
    mutating func resolveObjectGroupReferences() {
        // One reference per missing group, with every line that names it.
        var order: [String] = []
        var uses: [String: (context: String, spans: [SourceSpan])] = [:]
        for use in objectGroupUses where !objectGroupsDefined.contains(use.name) {
            if uses[use.name] == nil { order.append(use.name) }
            uses[use.name, default: (use.context, [])].spans.append(use.span)
        }
        for name in order {
            guard let use = uses[name] else { continue }
            var reference = ObjectReference(kind: .addressObject, name: name, context: use.context, filtersTraffic: true,
                                            origin: use.spans.count == 1 ? .source(use.spans[0]) : .derived(use.spans))
            reference.knownUndefined = true
            device.references.append(reference)
        }
    }

    /// `ip nat inside source ...`, `ip nat outside`, pools and timeouts.
    mutating func nat(_ index: Int) {
        let words = command(index).words
        if words[safe: 2] == "inside", words[safe: 3] == "source" {
            switch words[safe: 4] {
            case "list":
                if let name = words[safe: 5] {
                    useFilter(String(name), .natSelection, context: "ip nat inside source list", filtersTraffic: false, at: index)
                }
                if let interfaceAt = words.firstIndex(of: "interface"), let name = words[safe: interfaceAt + 1] {
                    referenceInterface(String(name), context: "ip nat inside source list", at: index)
                }
            case "static":
                staticNAT(index)
            default:
                break
            }
        }
        understandSubtree(index)
    }

    mutating func referenceInterface(_ name: String, context: String, at index: Int) {
        device.references.append(ObjectReference(kind: .interface, name: name, context: context,
                                                 filtersTraffic: false, origin: source(index)))
    }

    /// `ip inspect name N http java-list ACL`: the list selects applet sources, it filters nothing.
    mutating func inspect(_ index: Int) {
        let words = command(index).words
        if let javaList = words.firstIndex(of: "java-list"), let name = words[safe: javaList + 1] {
            useFilter(String(name), .other("ip inspect java-list"), context: "ip inspect \(words[safe: 3] ?? "") java-list",
                      filtersTraffic: false, at: index)
        }
        understandSubtree(index)
    }

    /// `ip wccp SERVICE redirect-list ACL [group-list ACL]`.
    mutating func wccp(_ index: Int) {
        let words = command(index).words
        for keyword in ["redirect-list", "group-list"] as [Substring] {
            if let at = words.firstIndex(of: keyword), let name = words[safe: at + 1] {
                useFilter(String(name), .other("ip wccp \(keyword)"), context: "ip wccp \(words[safe: 2] ?? "") \(keyword)",
                          filtersTraffic: false, at: index)
            }
        }
        understandSubtree(index)
    }

    /// `route-map NAME ...` / `match ip address ACL...`: ACLs used to select routes or policy-route.
    mutating func routeMap(_ index: Int) {
        let mapName = command(index).words[safe: 1].map(String.init) ?? ""
        for child in config.children(of: index) {
            let words = command(child).words
            guard words[0] == "match", words[safe: 1] == "ip" || words[safe: 1] == "ipv6", words[safe: 2] == "address",
                  words[safe: 3] != "prefix-list" else { continue }
            for name in words.dropFirst(3) {
                useFilter(String(name), .other("route-map \(mapName)"), context: "route-map \(mapName) match \(words[1]) address",
                          filtersTraffic: false, at: child)
            }
        }
        understandSubtree(index)
    }

    /// `class-map NAME` / `match access-group [name] ACL`: traffic classes for QoS or inspection.
    mutating func classMap(_ index: Int) {
        let mapName = command(index).words.last.map(String.init) ?? ""
        for child in config.children(of: index) {
            let words = command(child).words
            guard words[0] == "match", words[safe: 1] == "access-group", let name = words.last, words.count >= 3 else { continue }
            useFilter(String(name), .other("class-map \(mapName)"), context: "class-map \(mapName) match access-group",
                      filtersTraffic: false, at: child)
        }
        understandSubtree(index)
    }

    /// `router bgp|ospf|eigrp|rip ...`: routing has no modelled meaning, but BGP session passwords
    /// are secrets and `distribute-list` names ACLs.
    mutating func routingProcess(_ index: Int) {
        let process = command(index).words.dropFirst().joined(separator: " ")
        if command(index).words[safe: 1] == "bgp" { bgpNeighbors(index) }
        for position in (index + 1)..<command(index).subtreeEnd {
            let words = command(position).words
            if words[0] == "neighbor", let password = words.firstIndex(of: "password"), password + 1 < words.count {
                storeSecret(at: password + 1, of: position, purpose: .service("bgp"),
                            owner: "bgp neighbor \(words[safe: 1] ?? "")", restOfLine: true)
            } else if words[0] == "distribute-list", let name = words[safe: 1], name != "prefix", name != "route-map" {
                useFilter(String(name), .other("\(process) distribute-list"), context: "\(process) distribute-list",
                          filtersTraffic: false, at: position)
            }
        }
        understandSubtree(index)
    }
}
