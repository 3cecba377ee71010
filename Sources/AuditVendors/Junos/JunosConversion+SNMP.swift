import AuditCore

/// `snmp`: communities with their authorization and allowed clients, v3 users, and the SNMP
/// service itself. Junos answers SNMP only when a community or v3 user is configured; a
/// community is read-only unless `authorization read-write` says otherwise ("community (SNMP)",
/// Junos OS Network Management Administration Guide), and answers any client unless `clients` or
/// `client-list-name` restrict it (`0.0.0.0/0` among the clients allows any; `restrict` excludes).
extension JunosConverter {
    static let snmpKnown: Set<Substring> = [
        "location", "contact", "description", "name", "trap-group", "trap-options", "view", "engine-id", "filter-interfaces",
        "health-monitor", "routing-instance-access", "rmon", "filter-duplicates", "nonvolatile", "traceoptions",
        "stats-cache-lifetime", "logical-system-trap-filter", "apply-groups", "apply-groups-except", "arp",
        "alarm-management", "if-count-with-filter-interfaces", "subagent", "interface", "client-list", "proxy",
        "system-name", "community", "v3", "customization",
    ]

    mutating func readSNMP() {
        guard let snmp = tree.child(Self.root, "snmp") else { return }
        understand(snmp)
        var clientLists: [String: [IPPrefix]] = [:]
        if let lists = tree.child(snmp, "client-list") {
            for list in children(lists) {
                clientLists[text(list)] = children(list).compactMap { item in
                    tree.child(item, "restrict") == nil ? IPPrefix(word(item)) : nil
                }
            }
        }
        var configured: [SourceSpan] = []
        for child in children(snmp) {
            switch word(child) {
            case "community":
                understand(child)
                for community in children(child) {
                    readCommunity(community, clientLists: clientLists)
                    configured.append(span(community))
                }
            case "v3":
                understandSubtree(child)
                if let users = tree.path(child, "usm", "local-engine", "user") {
                    for user in children(users) {
                        device.snmp.v3Users.append(Sourced(text(user), source(user)))
                        configured.append(span(user))
                    }
                }
            default:
                if Self.snmpKnown.contains(word(child)) { understandSubtree(child) }
            }
        }
        guard !configured.isEmpty else { return }
        var listen = Sourced<[ListenScope]>([.any], JunosConversion.vendorDefault(
            "the SNMP agent answers on every interface unless snmp interface lists some"))
        if let interfaces = tree.child(snmp, "interface") {
            let names = children(interfaces).map { ListenScope.interface(text($0)) }
            if !names.isEmpty { listen = Sourced(names, source(interfaces)) }
        }
        device.services.append(ManagementService(kind: .snmp, enabled: Sourced(true, .derived(configured)), listen: listen))
    }

    private mutating func readCommunity(_ node: Int32, clientLists: [String: [IPPrefix]]) {
        understandSubtree(node)
        markSecret(node)
        claimedSecrets.insert(node)
        var access = SNMPAccess.readOnly
        if let authorization = tree.value(node, "authorization") {
            switch word(authorization) {
            case "read-write": access = .readWrite
            case "read-only": access = .readOnly
            default: badValue("'\(word(authorization))' is not read-only or read-write", at: authorization)
            }
        }
        var allowed: [IPPrefix]?
        if let clients = tree.child(node, "clients") {
            allowed = children(clients).compactMap { item in
                guard tree.child(item, "restrict") == nil else { return nil }
                guard let prefix = IPPrefix(word(item)) else {
                    badValue("'\(word(item))' is not a client prefix", at: item)
                    return nil
                }
                return prefix
            }
        }
        if let listName = tree.value(node, "client-list-name") {
            if let list = clientLists[text(listName)] {
                allowed = (allowed ?? []) + list
            } else {
                referenceUndefined(kind: .addressObject, name: text(listName),
                                   context: "snmp community client-list-name",
                                   filtersTraffic: true, origin: source(listName))
            }
        }
        device.snmp.communities.append(SNMPCommunity(
            name: Secret(.cleartext(text(node)), origin: source(node)), access: access, allowedSources: allowed,
            view: tree.value(node, "view").map(text), origin: .source(blockSpan(node))))
    }

    /// Top-level stanzas and `security` children not modelled elsewhere: recognised ones are
    /// understood; anything else is left for the unrecognized-line report.
    mutating func readRemainingStanzas() {
        for child in children(Self.root) {
            let keyword = word(child)
            switch keyword {
            case "groups", "apply-groups", "apply-groups-except", "version":
                understandSubtree(child)
            case "security":
                understand(child)
                for item in children(child) where JunosVocabulary.neutralSecurity.contains(word(item)) {
                    understandSubtree(item)
                }
            default:
                if JunosVocabulary.neutralTopLevel.contains(keyword) { understandSubtree(child) }
            }
        }
        // `apply-groups` anywhere is resolved by the reader.
        for index in tree.nodes.indices where tree.nodes[index].word == "apply-groups" || tree.nodes[index].word == "apply-groups-except" {
            understandSubtree(Int32(index))
        }
    }
}
