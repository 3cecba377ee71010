import AuditCore

/// `config interface` sections of the network package (UCI networks, not Linux devices) and the
/// host name from the system package.
extension OpenWrtConversion {
    mutating func convertSystem() {
        guard let system = packages["system"]?.sections(ofType: "system").first,
              let hostname = system.option("hostname"), !hostname.text.isEmpty else { return }
        config.identity.hostname = Sourced(hostname.text, system.origin(hostname))
    }

    mutating func convertInterfaces() {
        guard let network = packages["network"] else { return }
        for section in network.sections(ofType: "interface") {
            guard let name = section.name else {
                diagnose(.warning, "bad-value", "an interface section without a name cannot be referenced", at: section.span)
                continue
            }
            let zone = config.zones.first { $0.members.contains(name) }
            var ipv6: Sourced<Bool>?
            if let value = section.option("ipv6") {
                // PPP-style protocols take `ipv6 'auto'`: on, with a DHCPv6 client created for it.
                ipv6 = value.text.lowercased() == "auto"
                    ? Sourced(true, section.origin(value))
                    : bool("ipv6", in: section, default: true, statement: "IPv6 is on unless disabled")
            }
            let disabled = bool("disabled", in: section, default: false, statement: "interfaces are enabled unless disabled")
            config.interfaces.append(Interface(
                name: name,
                role: interfaceRole(name: name, zone: zone, section: section),
                zone: zone?.name,
                addresses: addresses(of: section),
                ipv6Enabled: ipv6,
                shutdown: disabled.value,
                origin: .source(section.span)))
        }
    }

    /// The role of the zone the interface belongs to; without a firewall package (or outside
    /// every zone), the role its name or uplink protocol tells.
    private func interfaceRole(name: String, zone: Zone?, section: UCISection) -> Sourced<ZoneRole> {
        if let zone, zone.role.value != .unknown {
            // Evidence: the zone line that lists this network, and what gave the zone its role.
            let membership = zoneMembershipLine(network: name, zone: zone.name) ?? section.span
            let spans = Array(Set([membership] + zone.role.origin.spans)).sorted()
            return Sourced(zone.role.value, .derived(spans))
        }
        if let role = Self.role(forName: name) {
            return Sourced(role, .source(SourceSpan(file: section.file, start: section.headerLine)))
        }
        if let uplink = uplinkEvidence(network: name) {
            return Sourced(.wan, .source(uplink))
        }
        if let zone {
            return zone.role
        }
        return Sourced(.unknown, Self.vendorDefault("interface '\(name)' is in no zone and its name tells no role"))
    }

    /// The `network` line of the zone section that names this network.
    private func zoneMembershipLine(network: String, zone: String) -> SourceSpan? {
        for section in packages["firewall"]?.sections(ofType: "zone") ?? [] where section.option("name")?.text == zone {
            if let line = section.values("network").first(where: { $0.text == network }) {
                return SourceSpan(file: section.file, start: line.line)
            }
        }
        return nil
    }

    /// `ipaddr` (with `/len` or with `netmask`) and `ip6addr` values.
    private mutating func addresses(of section: UCISection) -> [IPPrefix] {
        var result: [IPPrefix] = []
        let netmask = section.option("netmask").flatMap { IPAddress($0.text) }
        for value in section.values("ipaddr") + section.values("ip6addr") {
            guard var prefix = UCIValueParsing.prefix(value.text) else {
                badValue("'\(value.text)' is not an address", value, in: section)
                continue
            }
            if !value.text.contains("/"), prefix.address.isV4, case .v4(let mask)? = netmask {
                prefix = IPPrefix(prefix.address, length: mask.nonzeroBitCount)
            }
            result.append(prefix)
        }
        return result
    }
}
