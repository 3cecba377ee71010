import AuditCore

/// Address and service objects and groups, zones and interfaces.
extension ZLDConverter {
    /// `address-object NAME A.B.C.D`, `... A.B.C.D M.M.M.M`, `... A.B.C.D-E.F.G.H`,
    /// `... INTERFACE_SUBNET ge3`, `... INTERFACE_IP ge1`.
    mutating func addressObject(_ index: Int) {
        understandSubtree(index)
        let words = command(index).words
        guard words.count >= 3 else { return badValue("address-object has no value", at: index) }
        let name = String(words[1])
        let value = words[2]
        if value == "INTERFACE_SUBNET" || value == "INTERFACE_IP", words.count >= 4 {
            interfaceAddressObjects[name] = (String(words[3]), value == "INTERFACE_SUBNET")
            return
        }
        if let dash = value.firstIndex(of: "-"), let low = IPAddress(value[..<dash]),
           let high = IPAddress(value[value.index(after: dash)...]), case .v4(let a) = low, case .v4(let b) = high, a <= b {
            addressObjects[name] = ZLDAddressMath.prefixes(from: a, to: b)
            return
        }
        if words.count >= 4, let length = ZLDText.prefixLength(netmask: words[3]), let address = IPAddress(value) {
            addressObjects[name] = [ZLDAddressMath.network(IPPrefix(address, length: length))]
            return
        }
        if let prefix = IPPrefix(value) {
            addressObjects[name] = [prefix]
            return
        }
        // FQDN, GEOIP and MAC objects match no fixed prefix: rules that use them stay inexact.
        if ["FQDN", "GEOIP", "MAC"].contains(value.uppercased()) || value.contains(".") { return }
        badValue("address-object \(name) value does not read", at: index)
    }

    /// `service-object NAME tcp|udp eq N`, `... tcp|udp range A B`, `... icmp ...`, `... protocol N`.
    mutating func serviceObject(_ index: Int) {
        understandSubtree(index)
        let words = command(index).words
        guard words.count >= 3 else { return badValue("service-object has no value", at: index) }
        let name = String(words[1])
        let proto = words[2].lowercased()
        switch proto {
        case "tcp", "udp", "tcp/udp":
            let protocols: ProtocolMatch = proto == "tcp" ? .only([.tcp]) : proto == "udp" ? .only([.udp]) : .only([.tcp, .udp])
            var ports = PortMatch.any
            if words.count >= 5, words[3] == "eq", let port = ZLDText.port(words[4]) {
                ports = .single(port)
            } else if words.count >= 6, words[3] == "range", let low = ZLDText.port(words[4]), let high = ZLDText.port(words[5]), low <= high {
                ports = .ranges([low...high])
            } else if words.count > 3 {
                return badValue("service-object \(name) ports do not read", at: index)
            }
            serviceObjects[name] = [(protocols, ports)]
        case "icmp":
            serviceObjects[name] = [(.only([.icmp]), .any)]
        case "protocol":
            guard words.count >= 4, let number = ZLDText.integer(words[3]), let ip = IPProtocol(name: String(number)) else {
                return badValue("service-object \(name) protocol does not read", at: index)
            }
            serviceObjects[name] = [(.only([ip]), .any)]
        default:
            if let ip = IPProtocol(name: proto) { serviceObjects[name] = [(.only([ip]), .any)] }
            else { badValue("service-object \(name) protocol does not read", at: index) }
        }
    }

    /// `object-group address|service NAME` with ` address-object X`, ` service-object X`,
    /// ` object-group X` members.
    mutating func objectGroup(_ index: Int) {
        understandSubtree(index)
        let words = command(index).words
        guard words.count >= 3 else { return }
        let name = String(words[2])
        var members: [String] = []
        for child in children(of: index) {
            let w = command(child).words
            if w.count >= 2, ["address-object", "service-object", "object-group"].contains(w[0]) { members.append(String(w[1])) }
        }
        if words[1] == "address" { addressGroups[name] = members } else if words[1] == "service" { serviceGroups[name] = members }
    }

    /// `zone NAME` with ` interface X` members.
    mutating func zone(_ index: Int) {
        understandSubtree(index)
        let words = command(index).words
        guard words.count >= 2 else { return }
        let name = String(words[1])
        var members: [String] = []
        for child in children(of: index) {
            let w = command(child).words
            if w.count >= 2, w[0] == "interface" { members.append(String(w[1])) }
        }
        if zoneMembers[name] == nil { zoneOrder.append(name) }
        zoneMembers[name] = (members, blockSpan(index))
    }

    /// `interface NAME` with ` type external|internal|general`, ` ip address dhcp|A M`,
    /// ` description X`, ` shutdown`, and sub-commands with no security meaning.
    mutating func interface(_ index: Int) {
        understand(index)
        let words = command(index).words
        guard words.count >= 2 else { return }
        let name = String(words[1])
        var addresses: [IPPrefix] = []
        var description: String?
        var shutdown = false
        var dhcp: SourceSpan?
        for child in children(of: index) {
            understandSubtree(child)
            let w = command(child).words
            guard let first = w.first else { continue }
            switch first {
            case "type":
                if w.count >= 2 { interfaceTypes[name] = Sourced(String(w[1]), source(child)) }
            case "ip":
                if w.count >= 3, w[1] == "address" {
                    if w[2] == "dhcp" { dhcp = span(child) }
                    else if w.count >= 4, let length = ZLDText.prefixLength(netmask: w[3]), let address = IPAddress(w[2]) {
                        addresses.append(IPPrefix(address, length: length))
                    } else {
                        badValue("interface \(name) address does not read", at: child)
                    }
                }
            case "description":
                description = w.dropFirst().joined(separator: " ")
            case "shutdown":
                shutdown = true
            case "account", "password", "pppoe":
                storeServiceSecrets(in: child)
            default:
                if !ZLDVocabulary.ignoredInterfaceCommands.contains(first) { understood[child] = false }
            }
        }
        // PPPoE and DHCP client interfaces face the provider.
        var role = Sourced(ZoneRole.unknown, ZyxelZLDConversion.vendorDefault("the interface's role follows its zone"))
        if let dhcp { role = Sourced(.wan, .source(dhcp)) }
        if name.hasPrefix("ppp") || name.hasPrefix("wan") { role = Sourced(.wan, source(index)) }
        device.interfaces.append(Interface(name: name, role: role, addresses: addresses, shutdown: shutdown,
                                           description: description, origin: .source(blockSpan(index))))
    }

    // MARK: - Resolution

    /// `INTERFACE_SUBNET`/`INTERFACE_IP` objects take their interface's addresses.
    mutating func resolveAddressObjects() {
        for (name, ref) in interfaceAddressObjects {
            guard let interface = device.interfaces.first(where: { $0.name == ref.interface }) else { continue }
            addressObjects[name] = interface.addresses.map { ref.subnet ? ZLDAddressMath.network($0) : IPPrefix($0.address, length: 32) }
        }
    }

    /// An address object or group as prefixes; nil when it is not defined (or matches no fixed
    /// prefix); `[anyV4]` for `any`/`ALL`.
    func resolveAddress(_ name: String, depth: Int = 0) -> [IPPrefix]? {
        if name == "any" || name == "ALL" { return [IPPrefix.anyV4] }
        if let prefixes = addressObjects[name] { return prefixes }
        guard depth < 8, let members = addressGroups[name] else { return nil }
        var result: [IPPrefix] = []
        for member in members {
            guard let prefixes = resolveAddress(member, depth: depth + 1) else { return nil }
            result += prefixes
        }
        return result
    }

    /// A service object or group as protocol/port pairs; nil when unknown. Well-known names are
    /// ZLD's predefined service objects, used when the file does not print them.
    func resolveService(_ name: String, depth: Int = 0) -> [(protocols: ProtocolMatch, ports: PortMatch)]? {
        if name == "any" || name == "ALL" { return [(.any, .any)] }
        if let entries = serviceObjects[name] { return entries }
        if let members = serviceGroups[name], depth < 8 {
            var result: [(protocols: ProtocolMatch, ports: PortMatch)] = []
            for member in members {
                guard let entries = resolveService(member, depth: depth + 1) else { return nil }
                result += entries
            }
            return result
        }
        return ZLDVocabulary.predefinedServices[name.uppercased()].map { [$0] }
    }

    /// Zones from `zone` blocks, plus ZLD's system zones a file refers to without printing
    /// them; interface roles from zone membership, then from `type external|internal`.
    mutating func resolveZonesAndInterfaces() {
        var names = zoneOrder
        var referenced = Set(policies.flatMap { [$0.from, $0.to].compactMap { $0 } })
        for facts in servers.values { referenced.formUnion(facts.rules.map(\.zone)) }
        for name in referenced.sorted() where zoneMembers[name] == nil && !ZLDVocabulary.notZones.contains(name.lowercased()) {
            names.append(name)
        }
        // External interfaces belong to the WAN zone by default.
        let external = device.interfaces.filter { interfaceTypes[$0.name]?.value == "external" }.map(\.name)
        if zoneMembers["WAN"] == nil, !external.isEmpty, !names.contains("WAN") { names.append("WAN") }
        var zoneOf: [String: String] = [:]
        for name in names {
            let role = ZLDVocabulary.role(ofZone: name)
            var members = zoneMembers[name]?.members ?? []
            let origin: Provenance = zoneMembers[name].map { .source($0.span) }
                ?? ZyxelZLDConversion.vendorDefault("\(name) is a ZLD system zone")
            if zoneMembers[name] == nil, role == .wan { members = external }
            for member in members where zoneOf[member] == nil { zoneOf[member] = name }
            let statement = ZyxelZLDConversion.vendorDefault(role == .wan
                ? "ZLD blocks traffic the WAN zone starts, to the device and to other zones, unless a security policy allows it"
                : "ZLD's default policies let \(name) reach the device and the other zones")
            let allow: FilterAction = role == .wan ? .deny : .permit
            device.zones.append(Zone(name: name, role: Sourced(role, origin), members: members, input: Sourced(allow, statement),
                                     output: Sourced(.permit, statement),
                                     forward: Sourced(role == .dmz ? .deny : allow, statement), origin: origin))
        }
        for position in device.interfaces.indices {
            let name = device.interfaces[position].name
            if let zone = zoneOf[name] {
                device.interfaces[position].zone = zone
                let role = ZLDVocabulary.role(ofZone: zone)
                if role != .unknown, let span = zoneMembers[zone]?.span {
                    device.interfaces[position].role = Sourced(role, .source(span))
                } else if role != .unknown {
                    device.interfaces[position].role = Sourced(role, ZyxelZLDConversion.vendorDefault("\(zone) is a ZLD system zone"))
                }
            } else if let type = interfaceTypes[name], device.interfaces[position].role.value == .unknown {
                if type.value == "external" { device.interfaces[position].role = Sourced(.wan, type.origin) }
                if type.value == "internal" { device.interfaces[position].role = Sourced(.lan, type.origin) }
            }
        }
    }
}

/// IPv4 ranges to prefixes.
enum ZLDAddressMath {
    static func network(_ prefix: IPPrefix) -> IPPrefix {
        guard case .v4(let a) = prefix.address else { return prefix }
        let mask: UInt32 = prefix.length == 0 ? 0 : ~UInt32(0) << (32 - prefix.length)
        return IPPrefix(.v4(a & mask), length: prefix.length)
    }

    /// The smallest set of prefixes covering `low...high` exactly (at most 64 of them).
    static func prefixes(from low: UInt32, to high: UInt32) -> [IPPrefix] {
        var result: [IPPrefix] = []
        var start = UInt64(low)
        let end = UInt64(high)
        while start <= end, result.count < 64 {
            var size: UInt64 = 1
            while start % (size * 2) == 0, start + size * 2 - 1 <= end, size < (1 << 32) { size *= 2 }
            result.append(IPPrefix(.v4(UInt32(start)), length: 32 - size.trailingZeroBitCount))
            start += size
        }
        return result
    }
}
