import AuditCore

/// Which of the router's own services a packet from the WAN can reach, each with a witness
/// packet and the rule (or policy) that decided it at every stage it passed.
public enum ManagementExposure {
    /// One stage a packet passes and what decided it there.
    public struct Step: Sendable {
        /// `acl WAN_IN inbound on Dialer1`, `zone wan input`, `access-class 10 of line vty 0 4`.
        public var stage: String
        /// `rule 'Allow-SSH'`, `permit tcp any any eq 22`, `input policy ACCEPT`, `no filter`.
        public var decidedBy: String
        public var origin: Provenance?
    }

    public struct Exposure: Sendable {
        public var service: ManagementService
        public var witness: Packet
        public var steps: [Step]

        /// The explanation in one line: the packet, then each stage and what let it through.
        public var explanation: String {
            "\(witness) passes " + steps.map { "\($0.stage) (\($0.decidedBy))" }.joined(separator: ", then ")
        }

        public var evidence: [Provenance] {
            [service.enabled.origin] + steps.compactMap(\.origin)
        }
    }

    public static func analyse(_ config: DeviceConfig) -> [Exposure] {
        let compiled = CompiledLists(config)
        return config.services.filter { $0.enabled.value && $0.kind != .upnp }.compactMap { exposure(of: $0, in: config, compiled) }
    }

    public static func exposure(of service: ManagementService, in config: DeviceConfig) -> Exposure? {
        exposure(of: service, in: config, CompiledLists(config))
    }

    static func exposure(of service: ManagementService, in config: DeviceConfig, _ compiled: CompiledLists) -> Exposure? {
        guard service.enabled.value else { return nil }
        return config.zones.isEmpty ? interfaceExposure(service, config, compiled) : zoneExposure(service, config, compiled)
    }

    /// Every rule list compiled once, by name, compiled on first use.
    final class CompiledLists {
        let config: DeviceConfig
        let zones: ZoneIndex
        private var byName: [String: [CompiledRule]] = [:]
        private var zoneRules: [CompiledRule]?

        init(_ config: DeviceConfig) {
            self.config = config
            zones = ZoneIndex(config: config)
        }

        func list(_ list: FilterList) -> [CompiledRule] {
            if let known = byName[list.name] { return known }
            let rules = RuleCompiler.compile(list.rules, zones: zones)
            byName[list.name] = rules
            return rules
        }

        var allZoneRules: [CompiledRule] {
            if let known = zoneRules { return known }
            let rules = RuleCompiler.compile(config.filters.filter { $0.kind == .zoneRules }.flatMap(\.rules), zones: zones)
            zoneRules = rules
            return rules
        }
    }

    /// The packets that open a connection to the service: its protocol and port, any source.
    static func query(_ service: ManagementService, family: Int) -> Cube {
        var cube = Cube.universe(family: family)
        let proto = UInt128(service.kind.transport.number)
        cube[.proto] = proto...proto
        let port = UInt128(service.effectivePort)
        cube[.destinationPort] = port...port
        cube[.state] = 0...0
        return cube
    }

    // MARK: Zone firewalls (OpenWrt fw4)

    static func zoneExposure(_ service: ManagementService, _ config: DeviceConfig, _ lists: CompiledLists) -> Exposure? {
        let zones = lists.zones
        let compiled = lists.allZoneRules
        for zone in config.zones where zone.role.value == .wan {
            guard let listen = listens(service, onZone: zone, config) else { continue }
            guard let number = zones.number(zone.name) else { continue }
            for family in [0, 1] {
                var cube = query(service, family: family)
                cube[.sourceZone] = UInt128(number)...UInt128(number)
                cube[.chain] = 0...0
                let parts = Evaluation.partition(PacketSet([cube]), rules: compiled, defaultAction: zone.input.value, stopAt: .permit)
                guard let allowed = parts.first(where: { $0.decision.action == .permit }) else { continue }
                let witness = Packet.witness(in: allowed.packets.cubes[0], zones: zones)
                let decided: Step
                if let index = allowed.decision.rule {
                    let rule = compiled[index].rule
                    decided = Step(stage: "zone \(zone.name) input", decidedBy: Self.name(rule), origin: rule.origin)
                } else {
                    decided = Step(stage: "zone \(zone.name) input", decidedBy: "policy \(zone.input.value.rawValue)",
                                   origin: zone.input.origin)
                }
                return Exposure(service: service, witness: witness, steps: [listen, decided])
            }
        }
        return nil
    }

    /// The listening step when the service listens where this zone's traffic arrives.
    static func listens(_ service: ManagementService, onZone zone: Zone, _ config: DeviceConfig) -> Step? {
        let members = Set(zone.members)
        let matching = service.listen.value.first { scope in
            switch scope {
            case .any, .role(.wan): true
            case .interface(let name): members.contains(name)
            case .address(let address): config.interfaces.contains { members.contains($0.name) && $0.addresses.contains { $0.address == address } }
            default: false
            }
        }
        guard let scope = matching else { return nil }
        let place: String
        switch scope {
        case .any: place = "all interfaces"
        case .interface(let name): place = "interface \(name)"
        default: place = "the wan"
        }
        return Step(stage: "\(service.kind.rawValue) listening", decidedBy: "on \(place)", origin: service.listen.origin)
    }

    // MARK: Interface ACLs (Cisco IOS)

    static func interfaceExposure(_ service: ManagementService, _ config: DeviceConfig, _ lists: CompiledLists) -> Exposure? {
        let zones = ZoneIndex([])
        for wan in config.wanInterfaces {
            var cube = query(service, family: 0)
            if let address = wan.addresses.first(where: { $0.address.isV4 })?.address, case .v4(let a) = address {
                cube[.destination] = UInt128(a)...UInt128(a)
            }
            var steps: [Step] = []
            var packets = PacketSet([cube])
            // Stage 1: the WAN interface's inbound ACL (none, or undefined, filters nothing on IOS).
            if let name = wan.inboundFilter?.value, let list = config.filter(named: name) {
                let compiled = lists.list(list)
                let parts = Evaluation.partition(packets, rules: compiled, defaultAction: list.defaultAction.value, stopAt: .permit)
                guard let allowed = parts.first(where: { $0.decision.action == .permit }) else { continue }
                let rule = allowed.decision.rule.map { compiled[$0].rule }
                steps.append(Step(stage: "acl \(name) inbound on \(wan.name)",
                                  decidedBy: rule.map(Self.name) ?? "default \(list.defaultAction.value.rawValue)",
                                  origin: rule?.origin ?? list.defaultAction.origin))
                packets = allowed.packets
            } else {
                let why = wan.inboundFilter.map { "acl \($0.value) is not defined" } ?? "no inbound acl"
                steps.append(Step(stage: "interface \(wan.name) inbound", decidedBy: why, origin: wan.inboundFilter?.origin ?? wan.origin))
            }
            // Stage 2: the service's own access filter (vty access-class, ip http access-class).
            if let filter = service.accessFilter?.value {
                guard let list = config.filter(named: filter) else {
                    steps.append(Step(stage: "access-class \(filter)", decidedBy: "not defined", origin: service.accessFilter?.origin))
                    return Exposure(service: service, witness: Packet.witness(in: packets.cubes[0], zones: zones), steps: steps)
                }
                let compiled = lists.list(list)
                let parts = Evaluation.partition(packets, rules: compiled, defaultAction: list.defaultAction.value, stopAt: .permit)
                guard let allowed = parts.first(where: { $0.decision.action == .permit }) else { continue }
                let rule = allowed.decision.rule.map { compiled[$0].rule }
                steps.append(Step(stage: "access-class \(filter)", decidedBy: rule.map(Self.name) ?? "default", origin: rule?.origin))
                packets = allowed.packets
            }
            return Exposure(service: service, witness: Packet.witness(in: packets.cubes[0], zones: zones), steps: steps)
        }
        return nil
    }

    public static func name(_ rule: FilterRule) -> String {
        if let label = rule.label, !label.allSatisfy(\.isNumber) { return "rule '\(label)'" }
        let line = rule.origin.spans.first.map { " at line \($0.start)" } ?? ""
        return "\(rule.action.rawValue) rule\(line)"
    }
}
