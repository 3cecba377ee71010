import AuditCore

/// Zones and zone forwardings of the firewall package, with fw4's fallbacks: a zone policy that
/// is not set comes from `config defaults`, and when that is not set either, fw4 uses DROP
/// (fw4.uc `parse_defaults`/`parse_zone`: `input|output|forward: [ "policy", "drop" ]`).
extension OpenWrtConversion {
    mutating func convertFirewall() {
        guard let firewall = packages["firewall"] else { return }
        let defaults = firewall.sections(ofType: "defaults")
        for extra in defaults.dropFirst() {
            diagnose(.info, "duplicate-section", "fw4 ignores a second 'config defaults' section",
                     at: extra.span)
        }
        for section in firewall.sections(ofType: "zone") {
            if let zone = zone(from: section, defaults: defaults.first) { config.zones.append(zone) }
        }
        for section in firewall.sections(ofType: "forwarding") {
            if let forwarding = forwarding(from: section) { config.zoneForwardings.append(forwarding) }
        }
        convertRules(firewall)
        convertRedirects(firewall)
        for section in firewall.sections(ofType: "include") {
            diagnose(.info, "not-visible", "an include adds firewall rules from another file, which is not audited",
                     at: section.span)
        }
    }

    private mutating func zone(from section: UCISection, defaults: UCISection?) -> Zone? {
        guard let name = section.option("name")?.text, !name.isEmpty else {
            diagnose(.warning, "bad-value", "a zone without a name is ignored by fw4", at: section.span)
            return nil
        }
        let enabled = bool("enabled", in: section, default: true, statement: "zones are enabled unless disabled")
        if !enabled.value {
            diagnose(.info, "disabled", "zone '\(name)' is disabled; fw4 ignores it", at: section.span)
            return nil
        }
        let networks = section.values("network")
        let members = networks.map(\.text) + section.values("device").map(\.text)
        let masquerade = bool("masq", in: section, default: false, statement: "fw4 does not masquerade a zone unless masq is 1")
        return Zone(
            name: name,
            role: zoneRole(name: name, nameValue: section.option("name"), networks: networks, in: section),
            members: members,
            input: policy(.input, zone: section, defaults: defaults),
            output: policy(.output, zone: section, defaults: defaults),
            forward: policy(.forward, zone: section, defaults: defaults),
            masquerade: masquerade,
            origin: .source(section.span))
    }

    /// The zone's own policy, else the `config defaults` one, else fw4's DROP.
    private mutating func policy(_ chain: Chain, zone: UCISection, defaults: UCISection?) -> Sourced<FilterAction> {
        let option = chain.rawValue
        let fallback: Sourced<FilterAction>
        if let defaults, let value = defaults.option(option), let action = UCIValueParsing.policy(value.text) {
            fallback = Sourced(action, defaults.origin(value))
        } else {
            if let defaults, let value = defaults.option(option) {
                badValue("'\(value.text)' is not a policy (ACCEPT, REJECT, DROP) for '\(option)'", value, in: defaults)
            }
            fallback = Sourced(.deny, Self.vendorDefault(
                "fw4 drops \(chain.rawValue) traffic of a zone when neither the zone nor 'config defaults' sets '\(option)'"))
        }
        guard let value = zone.option(option) else { return fallback }
        guard let action = UCIValueParsing.policy(value.text) else {
            badValue("'\(value.text)' is not a policy (ACCEPT, REJECT, DROP) for '\(option)'", value, in: zone)
            return Sourced(fallback.value, .unparsed(SourceSpan(file: zone.file, start: value.line)))
        }
        return Sourced(action, zone.origin(value))
    }

    /// The role a zone plays, from its name, else from its networks' names, else from the
    /// protocol of one of its networks (a PPPoE or DHCP-client uplink in the network package).
    private func zoneRole(name: String, nameValue: UCIValue?, networks: [UCIValue], in section: UCISection) -> Sourced<ZoneRole> {
        if let role = Self.role(forName: name) {
            return Sourced(role, nameValue.map { section.origin($0) } ?? .source(section.span))
        }
        for network in networks {
            if let role = Self.role(forName: network.text) {
                let spans = [nameValue?.line, network.line].compactMap { $0 }.map { SourceSpan(file: section.file, start: $0) }
                return Sourced(role, .derived(spans))
            }
        }
        for network in networks {
            if let uplink = uplinkEvidence(network: network.text) {
                return Sourced(.wan, .derived([SourceSpan(file: section.file, start: network.line), uplink]))
            }
        }
        return Sourced(.unknown, Self.vendorDefault("zone '\(name)' has no name or network that tells its role"))
    }

    /// A role told by a zone or network name: `wan`, `wan6`, `wwan` (and `wan2`, `wan_4g`) are
    /// uplinks; `lan`, `guest`, `dmz`, `mgmt` are what they say.
    static func role(forName name: String) -> ZoneRole? {
        let lower = name.lowercased()
        let bases: [(String, ZoneRole)] = [
            ("wwan", .wan), ("wan", .wan), ("lan", .lan), ("guest", .guest), ("dmz", .dmz), ("mgmt", .mgmt),
            ("management", .mgmt),
        ]
        for (base, role) in bases where lower == base || hasNumberedSuffix(lower, base: base) {
            return role
        }
        return nil
    }

    /// `wan6`, `wan2`, `wan_b`, `lan-iot`: the base name followed by a digit, `_` or `-`.
    private static func hasNumberedSuffix(_ name: String, base: String) -> Bool {
        guard name.hasPrefix(base), let next = name.dropFirst(base.count).utf8.first else { return false }
        return (next >= 0x30 && next <= 0x39) || next == UInt8(ascii: "_") || next == UInt8(ascii: "-")
    }

    /// The `proto` line of a network that dials out (PPPoE, PPPoA, 3G/LTE, DHCP client on a
    /// network not named lan), when the network package is present.
    func uplinkEvidence(network: String) -> SourceSpan? {
        guard let section = packages["network"]?.sections.first(where: { $0.type == "interface" && $0.name == network }),
              let proto = section.option("proto") else { return nil }
        let uplinkProtocols: Set<String> = ["pppoe", "pppoa", "3g", "qmi", "ncm", "mbim", "modemmanager", "wwan", "dhcp", "dhcpv6"]
        guard uplinkProtocols.contains(proto.text.lowercased()) else { return nil }
        return SourceSpan(file: section.file, start: proto.line)
    }

    private mutating func forwarding(from section: UCISection) -> ZoneForwarding? {
        guard let source = section.option("src"), let destination = section.option("dest") else {
            diagnose(.warning, "bad-value", "a forwarding needs both src and dest; fw4 ignores this one", at: section.span)
            return nil
        }
        let enabled = bool("enabled", in: section, default: true, statement: "forwardings are enabled unless disabled")
        referenceZone(source.text, context: "forwarding src", filtersTraffic: false, value: source, in: section)
        referenceZone(destination.text, context: "forwarding dest", filtersTraffic: false, value: destination, in: section)
        return ZoneForwarding(from: source.text, to: destination.text, enabled: enabled.value, origin: .source(section.span))
    }

    /// Records a reference to a zone by name (`*` means any zone and refers to none).
    mutating func referenceZone(_ name: String, context: String, filtersTraffic: Bool, value: UCIValue, in section: UCISection) {
        guard name != "*", !name.isEmpty else { return }
        config.references.append(ObjectReference(
            kind: .zone, name: name, context: context, filtersTraffic: filtersTraffic, origin: section.origin(value)))
    }

    /// The role of a zone by name, for rules and port forwards that name it.
    func roleOfZone(named name: String) -> ZoneRole? {
        config.zone(named: name)?.role.value ?? Self.role(forName: name)
    }
}
