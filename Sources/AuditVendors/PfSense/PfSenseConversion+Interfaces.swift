import AuditCore

/// `<interfaces>`: one interface per key (`wan`, `lan`, `optN`), each also a zone of the same
/// name, because pf filters traffic as it enters an interface with that interface's rules.
extension PfSenseConversion {
    /// Address types that make an interface an uplink: the address comes from the provider.
    static let dynamicTypes: Set<String> = ["dhcp", "pppoe", "pptp", "l2tp", "ppp", "dhcp6", "slaac", "6rd", "6to4"]

    mutating func convertInterfaces() {
        guard let list = section("interfaces") else {
            diagnose(.info, "no-interfaces", "no <interfaces> section: no interface roles are known", at: doc.line(root))
            return
        }
        for element in doc.children(of: list) {
            let key = doc.name(element)
            guard interfaceIndex[key] == nil else {
                diagnose(.warning, "duplicate", "interface '\(key)' is defined twice; the first definition is used",
                         at: doc.line(element))
                continue
            }
            let info = interface(key: key, element: element)
            interfaceIndex[key] = interfaces.count
            interfaces.append(info)
            var addresses: [IPPrefix] = []
            if let address = info.address, let prefix = info.prefix { addresses.append(IPPrefix(address, length: prefix.length)) }
            if let address = info.addressV6, let prefix = info.prefixV6 { addresses.append(IPPrefix(address, length: prefix.length)) }
            var ipv6: Sourced<Bool>?
            if let v6 = child(element, "ipaddrv6"), !text(v6).isEmpty {
                ipv6 = Sourced(ipv6Allowed, ipv6Allowed ? origin(v6) : .derived([SourceSpan(file: file, start: doc.line(v6))]))
            }
            config.interfaces.append(Interface(
                name: key, role: info.role, zone: key, addresses: addresses, ipv6Enabled: ipv6,
                shutdown: !info.enabled, description: info.description, origin: blockOrigin(element)))
            config.zones.append(zone(for: info))
        }
        if let groups = section("ifgroups") {
            for entry in children(groups, "ifgroupentry") {
                guard let name = nonEmpty(entry, "ifname") else { continue }
                interfaceGroups[name] = Self.list(value(entry, "members") ?? "")
            }
        }
    }

    private mutating func interface(key: String, element: Int) -> PfInterface {
        let description = nonEmpty(element, "descr")
        var info = PfInterface(
            key: key, element: element, device: nonEmpty(element, "if"), description: description,
            enabled: isSet(element, "enable"), role: Sourced(.unknown, origin(element)))
        if let ipaddr = child(element, "ipaddr"), !text(ipaddr).isEmpty {
            let ipText = text(ipaddr)
            if let address = IPAddress(ipText), address.isV4 {
                info.address = address
                let subnet = value(element, "subnet").flatMap { Int($0) } ?? 32
                info.prefix = Self.network(address, length: min(max(subnet, 0), 32))
            } else if Self.dynamicTypes.contains(ipText.lowercased()) {
                info.dynamicType = ipText.lowercased()
            } else if ipText.lowercased() != "none" {
                diagnose(.warning, "bad-value", "'\(ipText)' is not an IPv4 address or address type for interface '\(key)'",
                         at: doc.line(ipaddr))
            }
        }
        info.hasIPv6 = nonEmpty(element, "ipaddrv6") != nil
        if let ipaddr = nonEmpty(element, "ipaddrv6"), let address = IPAddress(ipaddr), !address.isV4 {
            info.addressV6 = address
            let subnet = value(element, "subnetv6").flatMap { Int($0) } ?? 128
            info.prefixV6 = Self.network(address, length: min(max(subnet, 0), 128))
        }
        info.blockPrivate = child(element, "blockpriv")
        info.blockBogons = child(element, "blockbogons")
        info.role = role(of: info)
        return info
    }

    /// The role of an interface: `wan` and `lan` by their keys (the setup wizard's names); an
    /// optional interface by a description naming a role, else WAN when it has a gateway or
    /// takes its address from the provider, else LAN (an internal segment: pfSense's automatic
    /// outbound NAT and OPNsense's treat every interface without a gateway as internal).
    private func role(of info: PfInterface) -> Sourced<ZoneRole> {
        let element = info.element
        if info.key == "wan" { return Sourced(.wan, origin(element)) }
        if info.key == "lan" { return Sourced(.lan, origin(element)) }
        if info.device == "lo0" || info.key == "lo0" {
            return Sourced(.unknown, vendorDefault("the loopback interface is not a network segment"))
        }
        if let description = info.description, let descr = child(element, "descr"), let role = Self.role(forName: description) {
            return Sourced(role, .derived([SourceSpan(file: file, start: doc.line(descr))]))
        }
        if let gateway = child(element, "gateway"), !text(gateway).isEmpty {
            return Sourced(.wan, .derived([SourceSpan(file: file, start: doc.line(gateway))]))
        }
        if info.dynamicType != nil, let ipaddr = child(element, "ipaddr") {
            return Sourced(.wan, .derived([SourceSpan(file: file, start: doc.line(ipaddr))]))
        }
        return Sourced(.lan, .derived([SourceSpan(file: file, start: doc.line(element))]))
    }

    /// A role told by a name or description: its first word, without trailing digits
    /// (`WAN2`, `dmz_servers`, `Guest VLAN`).
    static func role(forName name: String) -> ZoneRole? {
        let word = name.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).first.map(String.init) ?? ""
        let base = String(word.reversed().drop(while: { $0.isNumber }).reversed())
        switch base {
        case "wan", "wwan", "internet", "uplink": return .wan
        case "lan": return .lan
        case "guest", "guests": return .guest
        case "dmz": return .dmz
        case "mgmt", "management": return .mgmt
        default: return nil
        }
    }

    static func network(_ address: IPAddress, length: Int) -> IPPrefix {
        switch address {
        case .v4(let a):
            let mask: UInt32 = length == 0 ? 0 : ~UInt32(0) << (32 - length)
            return IPPrefix(.v4(a & mask), length: length)
        case .v6(let a):
            let mask: UInt128 = length == 0 ? 0 : ~UInt128(0) << (128 - length)
            return IPPrefix(.v6(a & mask), length: length)
        }
    }

    /// pf blocks what no rule passes: both products generate "block in log inet all" / "Default
    /// deny rule" ahead of the user rules and "pass out ... let out anything from firewall host
    /// itself" (pfSense filter.inc `filter_rules_generate`, OPNsense filter.lib.inc).
    func zone(for info: PfInterface) -> Zone {
        let deny: Sourced<FilterAction>
        if let filterDisabled {
            deny = Sourced(.permit, filterDisabled.origin)
        } else {
            deny = Sourced(.deny, vendorDefault(
                "pf blocks traffic entering an interface unless a rule passes it (default deny rule)"))
        }
        return Zone(
            name: info.key, role: info.role, members: [info.key] + (info.device.map { [$0] } ?? []),
            input: deny, output: Sourced(.permit, vendorDefault("the firewall may send anything (let out anything from firewall host itself)")),
            forward: deny, origin: blockOrigin(info.element))
    }

    /// A zone for rules on an interface that is not in `<interfaces>` (OpenVPN, IPsec, PPPoE
    /// server, WireGuard group): pf filters it with its own tab of rules.
    func pseudoZone(_ name: String) -> Zone {
        Zone(
            name: name, role: Sourced(.unknown, vendorDefault("'\(name)' is a VPN or server interface group, not an assigned interface")),
            members: [name],
            input: filterDisabled.map { Sourced(.permit, $0.origin) }
                ?? Sourced(.deny, vendorDefault("pf blocks traffic entering an interface unless a rule passes it (default deny rule)")),
            output: Sourced(.permit, vendorDefault("the firewall may send anything (let out anything from firewall host itself)")),
            forward: filterDisabled.map { Sourced(.permit, $0.origin) }
                ?? Sourced(.deny, vendorDefault("pf blocks traffic entering an interface unless a rule passes it (default deny rule)")),
            origin: vendorDefault("rules name the interface group '\(name)'"))
    }

    func interfaceInfo(_ key: String) -> PfInterface? {
        interfaceIndex[key].map { interfaces[$0] }
    }
}
