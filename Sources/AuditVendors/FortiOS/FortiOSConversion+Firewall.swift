import AuditCore

/// A policy that names a virtual IP in its destination: the VIP forwards only through such a policy.
struct FortiVIPUse {
    var label: String
    var file: Int
    var line: Int
    /// An enabled policy with action accept.
    var effective: Bool
    var sourceInterfaces: [String]
    var source: AddressMatch
    var services: [FortiServiceEntry]
}

extension FortiOSConverter {
    // MARK: - Address and service objects

    static let addressKeys: Set<String> = [
        "type", "subnet", "start-ip", "end-ip", "wildcard", "fqdn", "country", "associated-interface", "interface",
        "ip6", "sub-type", "sdn", "member", "exclude", "exclude-member", "start-mac", "end-mac", "macaddr",
    ]
    static let objectIgnoredKeys: Set<String> = [
        "uuid", "comment", "comments", "color", "allow-routing", "fabric-object", "visibility", "cache-ttl",
        "list", "tagging", "obj-type", "dirty", "epg-name", "tenant", "organization", "sdn-tag", "node-ip-only",
        "policy-group", "sdn-addr-type", "clearpass-spt", "fsso-group", "hw-vendor", "hw-model", "os", "sw-version",
        "route-tag", "global-object", "category", "proxy", "helper", "check-reset-range", "session-ttl",
        "tcp-halfclose-timer", "tcp-halfopen-timer", "tcp-timewait-timer", "tcp-rst-timer", "udp-idle-timer",
        "app-service-type", "app-category", "application", "fabric-object", "iprange", "icmpcode", "protocol-number",
        "template", "host-type", "host", "end-port", "start-port", "obj-id", "filter", "interface-subnet",
    ]

    mutating func resolveObjects() {
        for key in ["firewall address", "firewall address6", "firewall multicast-address"] {
            for entry in entries(of: take(key)) {
                understandKeys(entry, known: Self.addressKeys, ignored: Self.objectIgnoredKeys)
                for block in entry.blocks { understandBlock(entry.file, block) }
                addresses[entry.name] = entry
                for refKey in ["associated-interface", "interface"] {
                    if let value = entry.attributes[refKey], let name = value.first {
                        referenceInterface(name, context: "address '\(entry.name)' \(refKey)", file: entry.file, line: value.lastLine)
                    }
                }
            }
        }
        for key in ["firewall addrgrp", "firewall addrgrp6"] {
            for entry in entries(of: take(key)) {
                understandKeys(entry, known: Self.addressKeys, ignored: Self.objectIgnoredKeys)
                for block in entry.blocks { understandBlock(entry.file, block) }
                addressGroups[entry.name] = entry
            }
        }
        for entry in entries(of: take("firewall vip")) + entries(of: take("firewall vip6")) {
            understandSubtree(entry.file, entry.line, entry.endLine)
            vips[entry.name] = entry
        }
        for entry in entries(of: take("firewall vipgrp")) + entries(of: take("firewall vipgrp6")) {
            understandSubtree(entry.file, entry.line, entry.endLine)
            vipGroups[entry.name] = entry.attributes["member"]?.strings ?? []
        }
        for entry in entries(of: take("firewall service custom")) {
            understandKeys(entry, known: ["protocol", "tcp-portrange", "udp-portrange", "sctp-portrange", "icmptype"],
                           ignored: Self.objectIgnoredKeys)
            for block in entry.blocks { understandBlock(entry.file, block) }
            services[entry.name] = serviceDefinition(entry)
        }
        for entry in entries(of: take("firewall service group")) {
            understandKeys(entry, known: ["member"], ignored: Self.objectIgnoredKeys)
            serviceGroups[entry.name] = entry.attributes["member"]?.strings ?? []
        }
        // Address groups are checked once every object is known (members may be defined later).
        for (_, group) in addressGroups.sorted(by: { $0.value.line < $1.value.line }) {
            for key in ["member", "exclude-member"] {
                guard let value = group.attributes[key] else { continue }
                for member in value.strings where !isDefinedAddress(member) {
                    referenceAddress(member, context: "address group '\(group.name)'", file: group.file, line: value.lastLine)
                }
            }
        }
        resolveLocalIn()
    }

    /// What a `firewall service custom` entry matches; an empty port range list matches nothing.
    private mutating func serviceDefinition(_ entry: FortiScopedEntry) -> [FortiServiceEntry] {
        let attributes = entry.attributes
        let proto = attributes.word("protocol") ?? "tcp/udp/sctp"
        switch proto {
        case "icmp":
            let type = attributes["icmptype"]?.first.flatMap { FortiText.integer($0) }
            return [.icmp(type)]
        case "icmp6":
            let type = attributes["icmptype"]?.first
            return [FortiServiceEntry(protocols: .only([.icmpv6]), icmpTypes: type.map { [$0] } ?? [])]
        case "ip":
            let number = attributes["protocol-number"]?.first.flatMap { FortiText.integer($0) } ?? 0
            if number == 0 { return [.all] }
            return [.proto(IPProtocol(name: String(number)) ?? .number(number))]
        case "all":
            return [.all]
        default:
            var result: [FortiServiceEntry] = []
            for (key, proto) in [("tcp-portrange", IPProtocol.tcp), ("udp-portrange", .udp), ("sctp-portrange", .number(132))] {
                guard let value = attributes[key] else { continue }
                var bySource: [PortMatch: [ClosedRange<Int>]] = [:]
                var order: [PortMatch] = []
                for token in value.strings {
                    guard let (destination, source) = Self.portRange(token) else {
                        badValue("service \(entry.name): '\(token)' is not a port range", file: entry.file, line: value.lastLine)
                        continue
                    }
                    if bySource[source] == nil { order.append(source) }
                    bySource[source, default: []].append(destination)
                }
                for source in order {
                    result.append(FortiServiceEntry(protocols: .only([proto]), destinationPorts: .ranges(bySource[source] ?? []),
                                                    sourcePorts: source))
                }
            }
            return result.isEmpty ? [FortiServiceEntry(protocols: .only([]))] : result
        }
    }

    /// `80`, `8000-8080`, `12:11` (destination 12 from source 11), `1-65535:1024-2048`.
    static func portRange(_ token: String) -> (ClosedRange<Int>, PortMatch)? {
        let parts = token.split(separator: ":", maxSplits: 1)
        guard let destination = parts.first.flatMap({ range($0) }) else { return nil }
        if parts.count == 2 {
            guard let source = range(parts[1]) else { return nil }
            return (destination, source == 0...65535 || source == 1...65535 ? .any : .ranges([source]))
        }
        return (destination, .any)
    }

    static func range(_ text: Substring) -> ClosedRange<Int>? {
        let bounds = text.split(separator: "-", maxSplits: 1)
        guard let low = bounds.first.flatMap({ FortiText.integer($0) }), low <= 65535 else { return nil }
        let high = bounds.count == 2 ? FortiText.integer(bounds[1]) : low
        guard let high, high <= 65535 else { return nil }
        return min(low, high)...max(low, high)
    }

    // MARK: - Resolving names

    func isDefinedAddress(_ name: String) -> Bool {
        addresses[name] != nil || addressGroups[name] != nil || vips[name] != nil || vipGroups[name] != nil
            || FortiOSVocabulary.predefinedAddresses.contains(name)
    }

    func isDefinedInterface(_ name: String) -> Bool {
        interfaces[name] != nil || systemZones[name] != nil || FortiOSVocabulary.isImplicitInterface(name)
            || device.zones.contains { $0.name == name }
    }

    /// One address object as a match; nil when the name is not defined.
    func addressMatch(_ name: String, depth: Int = 0) -> AddressMatch? {
        guard depth < 8 else { return .object(name) }
        if let entry = addresses[name] { return addressMatch(of: entry) }
        if let group = addressGroups[name] {
            if group.attributes.isEnabled("exclude") == true { return .object(name) }
            let members = group.attributes["member"]?.strings ?? []
            let resolved = members.map { addressMatch($0, depth: depth + 1) ?? .object($0) }
            if resolved.contains(where: \.isAny) { return .any }
            if resolved.count == 1 { return resolved[0] }
            return .object(name)
        }
        if let vip = vips[name] {
            // A policy to a VIP matches the mapped (internal) address.
            if let mapped = vip.attributes["mappedip"]?.first, let address = IPAddress(mapped.split(separator: "-").first ?? "") {
                return .prefix(IPPrefix(address, length: address.isV4 ? 32 : 128))
            }
            return .object(name)
        }
        if vipGroups[name] != nil { return .object(name) }
        switch name {
        case "all": return .any
        case "none": return .object("none")
        default: return FortiOSVocabulary.predefinedAddresses.contains(name) ? .object(name) : nil
        }
    }

    private func addressMatch(of entry: FortiScopedEntry) -> AddressMatch {
        let attributes = entry.attributes
        let type = attributes.word("type") ?? "ipmask"
        switch type {
        case "ipmask", "ipprefix":
            // `subnet` (IPv4, default 0.0.0.0 0.0.0.0) or `ip6` (IPv6, default ::/0).
            let words = attributes["subnet"]?.strings ?? attributes["ip6"]?.strings
            guard let words else { return .any }
            guard let prefix = FortiText.prefix(words) else { return .object(entry.name) }
            let network = FortiText.network(prefix)
            return network.isAny ? .any : .prefix(network)
        case "iprange":
            guard let start = attributes["start-ip"]?.first.flatMap({ IPAddress($0) }),
                  let end = attributes["end-ip"]?.first.flatMap({ IPAddress($0) }) else { return .object(entry.name) }
            return Self.exactPrefix(start, end).map { AddressMatch.prefix($0) } ?? .object(entry.name)
        case "wildcard":
            guard let words = attributes["wildcard"]?.strings, words.count == 2,
                  case .v4(let address)? = IPAddress(words[0]), case .v4(let mask)? = IPAddress(words[1]) else {
                return .any
            }
            return .cisco(address: address, wildcard: ~mask)
        default:
            return .object(entry.name)
        }
    }

    /// The prefix an address range covers exactly, when it is one.
    static func exactPrefix(_ start: IPAddress, _ end: IPAddress) -> IPPrefix? {
        guard case .v4(let low) = start, case .v4(let high) = end, low <= high else { return nil }
        let size = UInt64(high) - UInt64(low) + 1
        guard size & (size - 1) == 0 else { return nil }
        let length = 32 - (size.trailingZeroBitCount)
        guard UInt64(low) % size == 0 else { return nil }
        return IPPrefix(.v4(low), length: length)
    }

    /// A list of address names (a policy's `srcaddr`) as one match, recording undefined names.
    mutating func addressList(_ value: FortiValue?, context: String, file: Int) -> AddressMatch {
        guard let value, !value.words.isEmpty else { return .any }
        var resolved: [AddressMatch] = []
        for name in value.strings {
            if let match = addressMatch(name) {
                resolved.append(match)
            } else {
                referenceAddress(name, context: context, file: file, line: value.lastLine)
                resolved.append(.object(name))
            }
        }
        if resolved.contains(where: \.isAny) { return .any }
        if resolved.count == 1 { return resolved[0] }
        return .object(value.strings.joined(separator: ", "))
    }

    /// The service entries of a list of service names, grouped so each group fits one rule
    /// (same protocols, source ports and ICMP types; destination ports united).
    mutating func serviceList(_ names: [String], context: String, file: Int, line: Int) -> [FortiServiceEntry] {
        var flat: [FortiServiceEntry] = []
        for name in names {
            if let entries = serviceEntries(name) {
                flat += entries
            } else {
                diagnose(.warning, "undefined-service", "\(context) uses service '\(name)', which is not defined",
                         file: file, line: line)
                // An unknown service matches something we cannot name: model it as matching no port.
                flat.append(FortiServiceEntry(protocols: .any, destinationPorts: .ranges([])))
            }
        }
        if flat.contains(where: { $0 == .all }) { return [.all] }
        var merged: [FortiServiceEntry] = []
        for entry in flat {
            if let at = merged.firstIndex(where: {
                $0.protocols == entry.protocols && $0.sourcePorts == entry.sourcePorts && $0.icmpTypes == entry.icmpTypes
            }), case .ranges(let existing) = merged[at].destinationPorts, case .ranges(let more) = entry.destinationPorts {
                merged[at].destinationPorts = .ranges(existing + more)
            } else if !merged.contains(entry) {
                merged.append(entry)
            }
        }
        return merged
    }

    func serviceEntries(_ name: String, depth: Int = 0) -> [FortiServiceEntry]? {
        guard depth < 8 else { return nil }
        if let defined = services[name] { return defined }
        if let members = serviceGroups[name] ?? (services[name] == nil ? FortiOSVocabulary.predefinedServiceGroups[name] : nil) {
            var result: [FortiServiceEntry] = []
            for member in members {
                guard let entries = serviceEntries(member, depth: depth + 1) else { return nil }
                result += entries
            }
            return result
        }
        return FortiOSVocabulary.predefinedServices[name]
    }

    // MARK: - References

    mutating func referenceInterface(_ name: String, context: String, file: Int, line: Int) {
        guard !isDefinedInterface(name), referenced.insert("interface\u{1F}\(name)").inserted else { return }
        device.references.append(ObjectReference(kind: .interface, name: name, context: context, filtersTraffic: false,
                                                 origin: source(file, line)))
    }

    /// Address-object references are recorded only for names the file does not define, marked
    /// `knownUndefined` (the model lists no address objects, so only the parser can tell).
    mutating func referenceAddress(_ name: String, context: String, file: Int, line: Int) {
        guard !isDefinedAddress(name), referenced.insert("address\u{1F}\(name)").inserted else { return }
        var reference = ObjectReference(kind: .addressObject, name: name, context: context, filtersTraffic: true,
                                        origin: source(file, line))
        reference.knownUndefined = true
        device.references.append(reference)
    }

    /// A policy interface name as a zone name: the system zone it belongs to, `*` for `any`.
    func zoneName(_ interface: String) -> String {
        if interface == "any" { return "*" }
        return zoneOfInterface[interface] ?? interface
    }

    func role(ofZone name: String) -> ZoneRole? {
        if name == "any" || name == "*" { return nil }
        let zone = zoneOfInterface[name] ?? name
        return device.zones.first { $0.name == zone }?.role.value
    }

    // MARK: - firewall policy

    static let policyKeys: Set<String> = [
        "name", "srcintf", "dstintf", "srcaddr", "dstaddr", "srcaddr6", "dstaddr6", "action", "status", "schedule",
        "service", "srcaddr-negate", "dstaddr-negate", "service-negate", "srcaddr6-negate", "dstaddr6-negate",
        "internet-service", "internet-service-name", "internet-service-id", "internet-service-group",
        "internet-service-custom", "internet-service-custom-group", "internet-service-src", "internet-service-src-name",
        "internet-service-src-id", "internet-service-src-group", "internet-service-src-custom",
        "internet-service-src-custom-group", "users", "groups", "fsso-groups", "nat",
    ]
    static let policyIgnoredKeys: Set<String> = [
        "uuid", "comments", "logtraffic", "logtraffic-start", "ippool", "poolname", "poolname6", "utm-status",
        "inspection-mode", "profile-type", "profile-group", "profile-protocol-options", "av-profile", "webfilter-profile",
        "dnsfilter-profile", "ips-sensor", "application-list", "ssl-ssh-profile", "emailfilter-profile", "spamfilter-profile",
        "file-filter-profile", "voip-profile", "waf-profile", "ssh-filter-profile", "cifs-profile", "icap-profile",
        "videofilter-profile", "dlp-profile", "dlp-sensor", "sctp-filter-profile", "casb-profile", "virtual-patch-profile",
        "ips-voip-filter", "match-vip", "match-vip-only", "tcp-mss-sender", "tcp-mss-receiver", "global-label", "label",
        "fsso", "fsso-agent-for-ntlm", "rsso", "ntlm", "ntlm-guest", "ntlm-enabled-browsers", "auth-path", "auth-cert",
        "auth-redirect-addr", "disclaimer", "captive-portal-exempt", "natip", "natinbound", "natoutbound", "fixedport",
        "permit-any-host", "permit-stun-host", "vpntunnel", "inbound", "outbound", "traffic-shaper",
        "traffic-shaper-reverse", "per-ip-shaper", "diffserv-forward", "diffserv-reverse", "diffservcode-forward",
        "diffservcode-rev", "wccp", "session-ttl", "vlan-cos-fwd", "vlan-cos-rev", "tos", "tos-mask", "tos-negate",
        "anti-replay", "tcp-session-without-syn", "geoip-anycast", "geoip-match", "dynamic-shaping",
        "passive-wan-health-measurement", "application", "app-category", "app-group", "url-category",
        "auto-asic-offload", "np-acceleration", "timeout-send-rst", "capture-packet", "send-deny-packet",
        "block-notification", "replacemsg-override-group", "reputation-minimum", "reputation-direction", "nat46",
        "nat64", "policy-expiry", "policy-expiry-date", "decrypted-traffic-mirror", "email-collect", "webcache",
        "webcache-https", "ztna-status", "radius-mac-auth-bypass", "delay-tcp-npu-session", "vlan-filter", "sgt-check",
        "network-service-dynamic", "identity-based-route", "schedule-timeout", "policyid", "webproxy-profile",
        "webproxy-forward-server", "internet-service6", "internet-service6-name", "internet-service6-src",
        "internet-service6-src-name", "src-vendor-mac", "ztna-ems-tag", "ztna-geo-tag", "learning-mode",
        "http-policy-redirect", "ssh-policy-redirect", "firewall-session-dirty", "srcaddr-negate", "ippool6",
        "redirect-url", "custom-log-fields", "devices", "device-detection-portal", "mms-profile", "cgn-session-quota",
        "cgn-resource-quota", "cgn-log-server-grp", "cgn-eif", "cgn-eim", "central-nat", "pcp-outbound", "pcp-inbound",
        "pcp-poolname", "fec", "port-preserve", "port-random", "uuid-idx", "log-http-transaction",
    ]

    mutating func resolvePolicies() {
        for key in ["firewall policy", "firewall policy6"] {
            var lists: [String: [FilterRule]] = [:]
            var listOrder: [String] = []
            var listOrigin: [String: Provenance] = [:]
            for entry in entries(of: take(key)) {
                understandKeys(entry, known: Self.policyKeys, ignored: Self.policyIgnoredKeys)
                for block in entry.blocks { understandBlock(entry.file, block) }
                let listName = entry.vdom.map { "\(key) (vdom \($0))" } ?? key
                if lists[listName] == nil {
                    listOrder.append(listName)
                    listOrigin[listName] = source(entry.file, entry.line)
                }
                lists[listName, default: []] += policyRules(entry, family6: key.hasSuffix("6"))
            }
            for name in listOrder {
                device.filters.append(FilterList(
                    name: name, kind: .zoneRules, rules: lists[name] ?? [],
                    defaultAction: Sourced(.deny, FortiOSConversion.vendorDefault(
                        "traffic no policy accepts is dropped by the implicit deny policy (policy 0)")),
                    origin: listOrigin[name] ?? FortiOSConversion.vendorDefault("firewall policy")))
            }
        }
    }

    private mutating func policyRules(_ entry: FortiScopedEntry, family6: Bool) -> [FilterRule] {
        let attributes = entry.attributes
        let id = entry.name
        let title = attributes["name"]?.first.map { "policy \(id) (\($0))" } ?? "policy \(id)"
        let context = "firewall policy \(id)"
        let actionWord = attributes.word("action") ?? "deny"
        let action: FilterAction = actionWord == "accept" || actionWord == "ipsec" ? .permit : .deny
        let enabled = attributes.word("status") != "disable"
        let origin = Provenance.source(span(entry.file, entry.line, entry.endLine))

        let sourceInterfaces = attributes["srcintf"]?.strings ?? []
        let destinationInterfaces = attributes["dstintf"]?.strings ?? []
        for (key, names) in [("srcintf", sourceInterfaces), ("dstintf", destinationInterfaces)] {
            for name in names {
                referenceInterface(name, context: "\(context) \(key)", file: entry.file, line: attributes[key]?.lastLine ?? entry.line)
            }
        }

        var conditions: [String] = []
        if let schedule = attributes["schedule"]?.first, schedule != "always" { conditions.append("schedule \(schedule)") }
        let identities = (attributes["users"]?.strings ?? []) + (attributes["groups"]?.strings ?? [])
            + (attributes["fsso-groups"]?.strings ?? [])
        if !identities.isEmpty { conditions.append("authenticated as \(identities.joined(separator: ", "))") }

        // Destination: addresses, or Internet Service Database entries.
        var serviceEntries: [FortiServiceEntry]
        var destinationInternetService: String?
        if attributes.isEnabled("internet-service") == true {
            let names = (attributes["internet-service-name"]?.strings ?? []) + (attributes["internet-service-id"]?.strings ?? [])
                + (attributes["internet-service-group"]?.strings ?? []) + (attributes["internet-service-custom"]?.strings ?? [])
            destinationInternetService = "internet-service " + names.joined(separator: ", ")
            serviceEntries = [.all]
        } else if let service = attributes["service"] {
            serviceEntries = serviceList(service.strings, context: context, file: entry.file, line: service.lastLine)
        } else {
            serviceEntries = [FortiServiceEntry(protocols: .only([]))]
            if action == .permit { conditions.append("no service") }
        }
        if attributes.isEnabled("service-negate") == true {
            conditions.append("service negated")
            serviceEntries = [.all]
        }
        if attributes.isEnabled("internet-service-src") == true { conditions.append("source is an internet service") }

        var families: [(family: Int, source: AddressMatch, destination: AddressMatch)] = []
        let hasV6 = attributes["srcaddr6"] != nil || attributes["dstaddr6"] != nil
        let hasV4 = attributes["srcaddr"] != nil || attributes["dstaddr"] != nil || !hasV6
        if hasV4 && !family6 {
            var source = addressList(attributes["srcaddr"], context: "\(context) srcaddr", file: entry.file)
            var destination = addressList(attributes["dstaddr"], context: "\(context) dstaddr", file: entry.file)
            if attributes.isEnabled("srcaddr-negate") == true { source = .object("not \(source)"); conditions.append("source negated") }
            if attributes.isEnabled("dstaddr-negate") == true { destination = .object("not \(destination)"); conditions.append("destination negated") }
            if let isdb = destinationInternetService { destination = .object(isdb) }
            families.append((4, source, destination))
        }
        if hasV6 || family6 {
            let source = addressList(attributes["srcaddr6"] ?? attributes["srcaddr"], context: "\(context) srcaddr6", file: entry.file)
            var destination = addressList(attributes["dstaddr6"] ?? attributes["dstaddr"], context: "\(context) dstaddr6", file: entry.file)
            if let isdb = destinationInternetService { destination = .object(isdb) }
            families.append((6, source, destination))
        }

        // VIPs named in the destination forward through this policy.
        if let dstaddr = attributes["dstaddr"] {
            for name in dstaddr.strings {
                for vip in vipGroups[name] ?? [name] where vips[vip] != nil {
                    vipUses[vip, default: []].append(FortiVIPUse(
                        label: title, file: entry.file, line: dstaddr.lastLine, effective: enabled && action == .permit,
                        sourceInterfaces: sourceInterfaces, source: families.first?.source ?? .any, services: serviceEntries))
                }
            }
        }

        let pairs: [(String, String)] = (sourceInterfaces.isEmpty ? ["any"] : sourceInterfaces).flatMap { source in
            (destinationInterfaces.isEmpty ? ["any"] : destinationInterfaces).map { (source, $0) }
        }
        var rules: [FilterRule] = []
        for (sourceInterface, destinationInterface) in pairs {
            let label = pairs.count > 1 ? "\(title) \(sourceInterface) -> \(destinationInterface)" : title
            for family in families {
                for service in serviceEntries {
                    rules.append(FilterRule(
                        action: action, protocols: service.protocols, source: family.source, destination: family.destination,
                        sourcePorts: service.sourcePorts, destinationPorts: service.destinationPorts, icmpTypes: service.icmpTypes,
                        sourceZone: zoneName(sourceInterface), destinationZone: zoneName(destinationInterface), chain: .forward,
                        family: family.family, enabled: enabled,
                        label: label, origin: origin, conditions: conditions))
                }
            }
        }
        return rules
    }

    // MARK: - firewall local-in-policy

    mutating func resolveLocalIn() {
        for key in ["firewall local-in-policy", "firewall local-in-policy6"] {
            for entry in entries(of: take(key)) {
                understandSubtree(entry.file, entry.line, entry.endLine)
                let attributes = entry.attributes
                let context = "local-in policy \(entry.name)"
                let action: FilterAction = attributes.word("action") == "accept" ? .permit : .deny
                let interfaceNames = attributes["intf"]?.strings ?? ["any"]
                var conditions: [String] = []
                if let schedule = attributes["schedule"]?.first, schedule != "always" { conditions.append("schedule \(schedule)") }
                var source = addressList(attributes["srcaddr"], context: "\(context) srcaddr", file: entry.file)
                if attributes.isEnabled("srcaddr-negate") == true { source = .object("not \(source)"); conditions.append("source negated") }
                let destination = addressList(attributes["dstaddr"], context: "\(context) dstaddr", file: entry.file)
                let serviceNames = attributes["service"]?.strings ?? ["ALL"]
                var serviceEntries = serviceList(serviceNames, context: context, file: entry.file,
                                                 line: attributes["service"]?.lastLine ?? entry.line)
                if attributes.isEnabled("service-negate") == true { serviceEntries = [.all]; conditions.append("service negated") }
                for name in interfaceNames {
                    referenceInterface(name, context: "\(context) intf", file: entry.file, line: attributes["intf"]?.lastLine ?? entry.line)
                    for service in serviceEntries {
                        localInRules.append(FilterRule(
                            action: action, protocols: service.protocols, source: source, destination: destination,
                            sourcePorts: service.sourcePorts, destinationPorts: service.destinationPorts,
                            icmpTypes: service.icmpTypes, sourceZone: zoneName(name), chain: .input,
                            family: key.hasSuffix("6") ? 6 : 4, enabled: attributes.word("status") != "disable",
                            label: context, origin: .source(span(entry.file, entry.line, entry.endLine)),
                            conditions: conditions))
                    }
                }
            }
        }
    }

    // MARK: - firewall vip

    mutating func resolveVIPs() {
        for (name, entry) in vips.sorted(by: { ($0.value.file, $0.value.line) < ($1.value.file, $1.value.line) }) {
            let attributes = entry.attributes
            let vipSpan = span(entry.file, entry.line)
            let mappedText = attributes["mappedip"]?.first ?? attributes["mapped-addr"]?.first
            let internalAddress = mappedText.flatMap { IPAddress($0.split(separator: "-").first ?? "") }
                ?? realServerAddress(entry)
            let extintf = attributes["extintf"]?.first ?? "any"
            referenceInterface(extintf, context: "vip '\(name)' extintf", file: entry.file,
                               line: attributes["extintf"]?.lastLine ?? entry.line)
            let portForward = attributes.isEnabled("portforward") == true
            let protoWord = attributes.word("protocol") ?? "tcp"
            let proto: IPProtocol = protoWord == "udp" ? .udp : protoWord == "sctp" ? .number(132) : protoWord == "icmp" ? .icmp : .tcp
            var externalPorts = PortMatch.any
            var internalPorts = PortMatch.any
            if portForward {
                if let value = attributes["extport"]?.first, let range = Self.range(Substring(value)) {
                    externalPorts = .ranges([range])
                }
                if let value = attributes["mappedport"]?.first, let range = Self.range(Substring(value)) {
                    internalPorts = .ranges([range])
                } else {
                    internalPorts = externalPorts
                }
            }
            var filter: AddressMatch = .any
            if let sources = attributes["src-filter"]?.strings, !sources.isEmpty {
                let prefixes = sources.compactMap { IPPrefix($0) }
                filter = prefixes.count == 1 ? .prefix(prefixes[0]) : .object("src-filter \(sources.joined(separator: " "))")
            }

            let uses = (vipUses[name] ?? []).filter(\.effective)
            if uses.isEmpty {
                diagnose(.info, "vip-unused", "virtual IP '\(name)' is not the destination of any enabled accept policy: it forwards nothing",
                         file: entry.file, line: entry.line)
                device.portForwards.append(PortForward(
                    label: name, externalInterface: extintf, externalRole: role(ofZone: extintf),
                    protocols: portForward ? .only([proto]) : .any, externalPorts: externalPorts,
                    internalAddress: internalAddress, internalPorts: internalPorts, allowedSources: filter, enabled: false,
                    origin: .source(vipSpan)))
                continue
            }
            for use in uses {
                let viaInterface = extintf != "any" ? extintf : (use.sourceInterfaces.count == 1 ? use.sourceInterfaces[0] : "any")
                let sources: AddressMatch = filter.isAny ? use.source : filter
                let origin = Provenance.derived([vipSpan, span(use.file, use.line)])
                if portForward {
                    device.portForwards.append(PortForward(
                        label: name, externalInterface: viaInterface, externalRole: role(ofZone: viaInterface),
                        protocols: .only([proto]), externalPorts: externalPorts, internalAddress: internalAddress,
                        internalPorts: internalPorts, allowedSources: sources, origin: origin))
                } else {
                    // A static VIP maps every port; the policy's services decide which ones pass.
                    for service in use.services {
                        device.portForwards.append(PortForward(
                            label: name, externalInterface: viaInterface, externalRole: role(ofZone: viaInterface),
                            protocols: service.protocols, externalPorts: service.destinationPorts, internalAddress: internalAddress,
                            internalPorts: service.destinationPorts, allowedSources: sources, origin: origin))
                    }
                }
            }
        }
    }

    private func realServerAddress(_ entry: FortiScopedEntry) -> IPAddress? {
        guard let servers = entry.block("realservers"), let first = servers.entries.first else { return nil }
        return FortiAttributes(first.settings)["ip"]?.first.flatMap { IPAddress($0) }
    }
}
