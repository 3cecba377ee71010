import AuditCore

/// Which hosts behind the router a new connection from the WAN reaches, and on which ports:
/// through port forwards (destination NAT applied where the vendor applies it, then filtered
/// as the router filters translated traffic) and routed straight through the forward chain.
/// Every path carries a witness packet, the stages it passed with the rule that decided each,
/// and the whole packet set it lets through, so checks can name the ports it opens.
public enum LANExposure {
    public typealias Step = ManagementExposure.Step

    public struct Path: Sendable {
        /// The packet as it arrives from the WAN.
        public var witness: Packet
        /// The same packet after destination NAT; nil for routed paths.
        public var translated: Packet?
        /// The port forward the path goes through; nil for routed paths.
        public var portForward: PortForward?
        /// Stages in order: the port forward (if any), then the filter that decides.
        public var steps: [Step]
        /// The last stage: what finally lets the packet through.
        public var decisive: Step { steps[steps.count - 1] }
        /// The rule that decides the last stage; nil when a forwarding, a zone policy or the
        /// vendor's own acceptance of forwarded traffic decides.
        public var decidingRule: FilterRule?
        /// The path is decided by a zone's forward policy (no rule, no forwarding).
        public var decidedByPolicy: Bool
        /// Every packet the path delivers, as the inside host sees it (after NAT).
        public var packets: PacketSet
        /// Routed paths: the port forwards whose translated traffic the deciding rule also
        /// carries. The rule was written for them, and `packets` is what it admits beyond them.
        public var servedForwards: [PortForward] = []

        /// The packet, then each stage and what let it through.
        public var explanation: String {
            let arrival = translated.map { "\(witness), translated to \($0)," } ?? "\(witness)"
            return arrival + " passes " + steps.map { "\($0.stage) (\($0.decidedBy))" }.joined(separator: ", then ")
        }

        /// Source lines of the stages (vendor defaults left out: they name no line).
        public var evidence: [Provenance] { steps.compactMap(\.origin) }

        /// Whether the path delivers new connections of this protocol to this destination port.
        public func delivers(proto: Int, port: Int) -> Bool {
            packets.cubes.contains { cube in
                cube[.proto].contains(UInt128(proto)) && cube[.destinationPort].contains(UInt128(port))
            }
        }
    }

    /// Every port forward from the WAN that delivers something, each with a witness.
    public static func forwarded(_ config: DeviceConfig) -> [Path] {
        let lists = ManagementExposure.CompiledLists(config)
        return config.portForwards.compactMap { forward in
            guard forward.enabled, forward.externalRole == .wan || forward.externalRole == nil,
                  let host = forward.internalAddress else { return nil }
            return config.zones.isEmpty
                ? forwardThroughInterfaceACL(forward, host, config, lists)
                : forwardThroughZones(forward, host, config, lists)
        }
    }

    /// New connections from the WAN that rules or forwardings let through to inside zones (or, on
    /// interface-ACL routers, that the WAN inbound ACL permits to inside subnets) other than what
    /// the port forwards declare.
    public static func routed(_ config: DeviceConfig) -> [Path] {
        let lists = ManagementExposure.CompiledLists(config)
        return config.zones.isEmpty ? routedThroughInterfaceACL(config, lists) : routedThroughZones(config, lists)
    }

    // MARK: Port forwards

    /// The packets a forward accepts on the WAN, before translation.
    static func externalCubes(_ forward: PortForward, family: Int, destination: ClosedRange<UInt128>?) -> [Cube] {
        var ignored: [String] = []
        // A source restriction we cannot resolve is read as any source: it errs towards reporting.
        let sources = RuleCompiler.ranges(forward.allowedSources, family: family, reasons: &ignored) ?? [Cube.universe(family: family)[.source]]
        let portsMatter = !forward.externalPorts.isAny || !forward.internalPorts.isAny
        var cubes: [Cube] = []
        for proto in RuleCompiler.protocolRanges(forward.protocols, family: family, portsMatter: portsMatter) {
            let hasPorts = proto.lowerBound == proto.upperBound && (proto.lowerBound == 6 || proto.lowerBound == 17)
            for source in sources {
                for ports in hasPorts ? RuleCompiler.portRanges(forward.externalPorts) : [0...65_535] {
                    var cube = Cube.universe(family: family)
                    cube[.proto] = proto
                    cube[.source] = source
                    if let destination { cube[.destination] = destination }
                    cube[.destinationPort] = ports
                    cube[.state] = 0...0
                    cube[.chain] = 1...1
                    cubes.append(cube)
                }
            }
        }
        return cubes
    }

    /// How a forward maps ports: kept, shifted range onto range, or many onto the inside ports.
    struct PortMap {
        var outside: [ClosedRange<UInt128>]
        var inside: [ClosedRange<UInt128>]
        var keeps: Bool { inside == outside || inside == [0...65_535] }
        var shifts: Bool {
            outside.count == 1 && inside.count == 1
                && outside[0].upperBound - outside[0].lowerBound == inside[0].upperBound - inside[0].lowerBound
        }

        init(_ forward: PortForward) {
            outside = RuleCompiler.portRanges(forward.externalPorts)
            inside = RuleCompiler.portRanges(forward.internalPorts)
        }

        func translated(_ port: UInt128) -> UInt128 {
            if keeps { return port }
            if shifts { return inside[0].lowerBound + (port - outside[0].lowerBound) }
            return inside[0].lowerBound
        }

        func original(_ port: UInt128) -> UInt128 {
            if keeps { return port }
            if shifts { return outside[0].lowerBound + (port - inside[0].lowerBound) }
            return outside[0].lowerBound
        }

        /// The cube as the inside host sees it.
        func translate(_ cube: Cube, to address: UInt128) -> [Cube] {
            var out = cube
            out[.destination] = address...address
            let hasPorts = cube[.proto] == 6...6 || cube[.proto] == 17...17
            guard hasPorts, !keeps else { return [out] }
            if shifts {
                let ports = cube[.destinationPort]
                out[.destinationPort] = translated(ports.lowerBound)...translated(ports.upperBound)
                return [out]
            }
            return inside.map { ports in
                var piece = out
                piece[.destinationPort] = ports
                return piece
            }
        }
    }

    static func value(_ address: IPAddress) -> (family: Int, value: UInt128) {
        switch address {
        case .v4(let a): (0, UInt128(a))
        case .v6(let a): (1, a)
        }
    }

    /// Zone vendors (fw4 and the like): the translated packet meets the forward chain of the
    /// forward's source zone; what no rule decides is accepted, as fw4 accepts port forwards
    /// (`ct status dnat accept`) after the zone's own rules.
    static func forwardThroughZones(_ forward: PortForward, _ host: IPAddress, _ config: DeviceConfig,
                                    _ lists: ManagementExposure.CompiledLists) -> Path? {
        let zones = lists.zones
        guard let wan = sourceZone(of: forward, config), let w = zones.number(wan.name) else { return nil }
        let inside = insideZone(of: host, named: forward.internalZone, config)
        let (family, address) = value(host)
        let map = PortMap(forward)
        var translated: [Cube] = []
        for var cube in externalCubes(forward, family: family, destination: nil) {
            cube[.sourceZone] = UInt128(w)...UInt128(w)
            if let inside, let z = zones.number(inside.name) { cube[.destinationZone] = UInt128(z)...UInt128(z) }
            translated += map.translate(cube, to: address)
        }
        let acceptance = Sourced(FilterAction.permit, .vendorDefault(
            profile: config.vendor.rawValue, statement: "translated (port-forwarded) traffic is accepted unless a rule of the source zone decides otherwise"))
        let rules = lists.allZoneRules
        let parts = Evaluation.partition(PacketSet(translated), rules: rules, defaultAction: .permit)
        let delivered = parts.filter { $0.decision.action == .permit }
        guard let first = delivered.first else { return nil }
        let post = Packet.witness(in: first.packets.cubes[0], zones: zones)
        var pre = post
        pre.destination = forward.externalAddress.map { value($0).value } ?? documentationAddress(family)
        pre.destinationPort = Int(map.original(UInt128(post.destinationPort)))
        let dnat = Step(stage: "port forward\(forward.label.map { " '\($0)'" } ?? "")\(line(forward.origin)) from \(wan.name)",
                        decidedBy: "destination NAT to \(host)", origin: forward.origin)
        let rule = first.decision.rule.map { rules[$0].rule }
        let filter = Step(stage: "zone \(wan.name) forward to \(inside?.name ?? "the inside")",
                          decidedBy: rule.map(cite) ?? "port forwards accepted by default",
                          origin: rule?.origin ?? acceptance.origin)
        return Path(witness: pre, translated: post, portForward: forward, steps: [dnat, filter], decidingRule: rule,
                    decidedByPolicy: false, packets: PacketSet(delivered.flatMap(\.packets.cubes)))
    }

    /// Interface-ACL vendors (Cisco IOS): the WAN interface's inbound ACL sees the packet before
    /// translation (outside-to-inside NAT runs after the inbound ACL), addressed to the global
    /// address or the interface's own.
    static func forwardThroughInterfaceACL(_ forward: PortForward, _ host: IPAddress, _ config: DeviceConfig,
                                           _ lists: ManagementExposure.CompiledLists) -> Path? {
        let (family, address) = value(host)
        let map = PortMap(forward)
        var candidates = config.wanInterfaces.filter { forward.externalInterface == nil || $0.name == forward.externalInterface }
        if candidates.isEmpty { candidates = config.wanInterfaces }
        let interfaces: [Interface?] = candidates.isEmpty ? [nil] : candidates
        for wan in interfaces {
            let own = wan?.addresses.first { value($0.address).family == family }.map { value($0.address).value }
            let global = forward.externalAddress.map { value($0).value } ?? own
            let outside = externalCubes(forward, family: family, destination: global.map { $0...$0 })
            var delivered = PacketSet(outside)
            var steps = [Step(stage: "static nat\(line(forward.origin))\(wan.map { " on \($0.name)" } ?? "")",
                              decidedBy: "destination NAT to \(host)", origin: forward.origin)]
            var rule: FilterRule?
            if let wan, let name = wan.inboundFilter?.value, let list = config.filter(named: name) {
                let compiled = lists.list(list)
                let parts = Evaluation.partition(delivered, rules: compiled, defaultAction: list.defaultAction.value)
                let permitted = parts.filter { $0.decision.action == .permit }
                guard let first = permitted.first else { continue }
                rule = first.decision.rule.map { compiled[$0].rule }
                steps.append(Step(stage: "acl \(name) inbound on \(wan.name)",
                                  decidedBy: rule.map(cite) ?? "default \(list.defaultAction.value.rawValue)",
                                  origin: rule?.origin ?? list.defaultAction.origin))
                // The witness comes from the first permitted part; the path delivers all of them.
                delivered = PacketSet(permitted.flatMap(\.packets.cubes))
            } else {
                let why = wan?.inboundFilter.map { "acl \($0.value) is not defined" } ?? "no inbound acl"
                steps.append(Step(stage: "interface \(wan?.name ?? "outside") inbound", decidedBy: why,
                                  origin: wan?.inboundFilter?.origin))
            }
            guard let head = delivered.cubes.first else { continue }
            let pre = Packet.witness(in: head, zones: ZoneIndex([]))
            var post = pre
            post.destination = address
            post.destinationPort = Int(map.translated(UInt128(pre.destinationPort)))
            let inside = PacketSet(delivered.cubes.flatMap { map.translate($0, to: address) })
            return Path(witness: pre, translated: post, portForward: forward, steps: steps, decidingRule: rule,
                        decidedByPolicy: false, packets: inside)
        }
        return nil
    }

    /// A rule by name with its line, so the chain of stages reads with its source lines.
    static func cite(_ rule: FilterRule) -> String {
        let name = ManagementExposure.name(rule)
        return name.contains(" at line ") ? name : name + line(rule.origin)
    }

    static func line(_ origin: Provenance) -> String {
        origin.spans.first.map { " (line \($0.start))" } ?? ""
    }

    /// A witness from the piece that holds the readable documentation destination when one does
    /// (subtracting the declared forwards cuts a query into pieces, the first often at 0.0.0.0).
    static func readableWitness(in cubes: [Cube], zones: ZoneIndex) -> Packet {
        let readable: [UInt128] = [0xC633_6401, UInt128(0x2001_0db8) << 96 | 0x1_0001]
        let cube = cubes.first { cube in readable.contains { cube[.destination].contains($0) } }
            ?? cubes.first { $0[.destination].lowerBound != 0 } ?? cubes[0]
        return Packet.witness(in: cube, zones: zones)
    }

    static func documentationAddress(_ family: Int) -> UInt128 {
        // 192.0.2.1 or 2001:db8::2:1 (documentation ranges), apart from the witness sources.
        family == 0 ? 0xC000_0201 : UInt128(0x2001_0db8) << 96 | 0x2_0001
    }

    /// The zone a forward listens in: the one it names (or whose member it names), else the first WAN zone.
    static func sourceZone(of forward: PortForward, _ config: DeviceConfig) -> Zone? {
        if let name = forward.externalInterface {
            if let zone = config.zone(named: name) ?? config.zones.first(where: { $0.members.contains(name) }) { return zone }
        }
        return config.zones.first { $0.role.value == .wan }
    }

    /// The zone of an inside host: the one named, else the zone of the interface whose subnet
    /// holds it (as fw4 derives `dest` from `dest_ip`), else the LAN zone.
    static func insideZone(of address: IPAddress, named: String?, _ config: DeviceConfig) -> Zone? {
        if let named, let zone = config.zone(named: named) { return zone }
        if let interface = config.interfaces.first(where: { $0.addresses.contains { $0.contains(address) } }) {
            if let zone = interface.zone.flatMap(config.zone(named:))
                ?? config.zones.first(where: { $0.members.contains(interface.name) }) { return zone }
        }
        return config.zones.first { $0.role.value == .lan } ?? config.zones.first { $0.role.value != .wan }
    }

    // MARK: Routed

    /// Ports probed one by one on paths decided by a forwarding or policy (their exact packet set
    /// would fragment): the well-known services (the ports of the checks' risky-port table), so
    /// checks can name what is open.
    public static let probedPorts: [UInt128] = [
        21, 22, 23, 25, 53, 69, 80, 110, 111, 135, 137, 138, 139, 143, 161, 389, 443, 445, 1433, 1521, 1723, 2049,
        2323, 3306, 3389, 5432, 5900, 5901, 5985, 5986, 6379, 7547, 8080, 8291, 8443, 8728, 9200, 11211, 27017,
    ]

    /// The forwarded packets each port forward declares, as the forward chain sees them.
    static func declaredCubes(_ config: DeviceConfig, _ zones: ZoneIndex) -> [(forward: PortForward, cubes: [Cube])] {
        config.portForwards.compactMap { forward -> (PortForward, [Cube])? in
            guard forward.enabled, let host = forward.internalAddress else { return nil }
            let (family, address) = value(host)
            let map = PortMap(forward)
            var cubes: [Cube] = []
            for var cube in externalCubes(forward, family: family, destination: nil) {
                if let wan = sourceZone(of: forward, config), let w = zones.number(wan.name) {
                    cube[.sourceZone] = UInt128(w)...UInt128(w)
                }
                cubes += map.translate(cube, to: address)
            }
            return (forward, cubes)
        }
    }

    static func routedThroughZones(_ config: DeviceConfig, _ lists: ManagementExposure.CompiledLists) -> [Path] {
        let zones = lists.zones
        let rules = lists.allZoneRules
        let declared = declaredCubes(config, zones)
        var paths: [Path] = []
        for wan in config.zones where wan.role.value == .wan {
            guard let w = zones.number(wan.name) else { continue }
            // Every inside zone, and the interfaces no zone of the model holds (vendors whose rule
            // sets name only the WAN side reach those with rules to any zone).
            var targets: [(name: String, numbers: ClosedRange<UInt128>)] = config.zones.filter { $0.role.value != .wan }
                .compactMap { zone in zones.number(zone.name).map { (zone.name, UInt128($0)...UInt128($0)) } }
            if zones.names.count < ZoneIndex.capacity {
                targets.append(("any other interface", UInt128(zones.names.count)...UInt128(ZoneIndex.capacity - 1)))
            }
            for (insideName, numbers) in targets {
                let forwarding = config.zoneForwardings.first { $0.enabled && $0.from == wan.name && $0.to == insideName }
                let fallback = forwarding.map { Sourced(FilterAction.permit, $0.origin) } ?? wan.forward
                let query = (0...1).map { family in
                    var cube = Cube.universe(family: family)
                    cube[.sourceZone] = UInt128(w)...UInt128(w)
                    cube[.destinationZone] = numbers
                    cube[.chain] = 1...1
                    cube[.state] = 0...0
                    return cube
                }
                let stage = "zone \(wan.name) forward to \(insideName)"
                // Each permit rule decides its own packets: the query's part of it, minus what earlier
                // rules and the declared forwards take. Working rule by rule keeps the sets small;
                // cutting the whole query by every rule in turn fragments it into tens of thousands of pieces.
                let relevant = rules.filter { $0.rule.enabled && $0.exact && PacketSet(query).intersects($0.cubes) }
                let taken = declared.flatMap(\.cubes)
                for (position, candidate) in relevant.enumerated() where candidate.rule.action == .permit {
                    var mine = PacketSet(query).intersection(candidate.cubes)
                    mine.subtract(taken)
                    for earlier in relevant[..<position] where mine.intersects(earlier.cubes) {
                        mine.subtract(earlier.cubes)
                        if mine.isEmpty || mine.overflowed { break }
                    }
                    guard !mine.isEmpty else { continue }
                    let served = declared.filter { PacketSet($0.cubes).intersects(candidate.cubes) }.map(\.forward)
                    paths.append(Path(witness: readableWitness(in: mine.cubes, zones: zones), translated: nil, portForward: nil,
                                      steps: [Step(stage: stage, decidedBy: cite(candidate.rule), origin: candidate.rule.origin)],
                                      decidingRule: candidate.rule, decidedByPolicy: false, packets: mine, servedForwards: served))
                }
                // What no rule decides goes by the forwarding or the policy: found by witness search
                // (no set algebra), with one packet per risky port left open for the checks to name.
                guard fallback.value == .permit else { continue }
                let covers = relevant.flatMap(\.cubes) + taken
                guard let witness = query.lazy.compactMap({ WitnessSearch.uncovered(in: $0, avoiding: covers) }).first else { continue }
                var open = [witness]
                for base in query {
                    for port in Self.probedPorts {
                        for proto: UInt128 in [6, 17] {
                            var probe = base
                            probe[.proto] = proto...proto
                            probe[.destinationPort] = port...port
                            if let found = WitnessSearch.uncovered(in: probe, avoiding: covers) { open.append(found) }
                        }
                    }
                }
                let step = forwarding.map { Step(stage: stage, decidedBy: "forwarding \(wan.name)->\(insideName)", origin: $0.origin) }
                    ?? Step(stage: stage, decidedBy: "forward policy \(fallback.value.rawValue) of zone \(wan.name)", origin: fallback.origin)
                paths.append(Path(witness: Packet.witness(in: witness, zones: zones), translated: nil, portForward: nil, steps: [step],
                                  decidingRule: nil, decidedByPolicy: forwarding == nil, packets: PacketSet(open)))
            }
        }
        return paths
    }

    /// Interface-ACL routers: a rule of the WAN inbound ACL that permits new connections to an
    /// inside subnet. Without an ACL nothing is decided by a rule; whether inside addresses are
    /// routable from the Internet at all is not in the model, so that case is not reported here.
    static func routedThroughInterfaceACL(_ config: DeviceConfig, _ lists: ManagementExposure.CompiledLists) -> [Path] {
        let insideSubnets = config.interfaces.filter { [.lan, .guest, .dmz, .mgmt].contains($0.role.value) && !$0.shutdown }
            .flatMap(\.addresses).filter { $0.address.isV4 && $0.length > 0 }
        var paths: [Path] = []
        for wan in config.wanInterfaces {
            guard let name = wan.inboundFilter?.value, let list = config.filter(named: name) else { continue }
            let compiled = lists.list(list)
            var ignored: [String] = []
            let cubes = insideSubnets.flatMap { subnet -> [Cube] in
                (RuleCompiler.ranges(.prefix(subnet), family: 0, reasons: &ignored) ?? []).map { range in
                    var cube = Cube.universe(family: 0)
                    cube[.destination] = range
                    cube[.state] = 0...0
                    return cube
                }
            }
            guard !cubes.isEmpty else { continue }
            for part in Evaluation.partition(PacketSet(cubes), rules: compiled, defaultAction: list.defaultAction.value)
            where part.decision.action == .permit {
                // A permit to any destination on a WAN ACL is usually meant for return traffic or
                // the router itself; only rules that name inside addresses show an intent to reach them.
                guard let index = part.decision.rule, !compiled[index].rule.destination.isAny else { continue }
                let rule = compiled[index].rule
                paths.append(Path(witness: Packet.witness(in: part.packets.cubes[0], zones: ZoneIndex([])), translated: nil,
                                  portForward: nil,
                                  steps: [Step(stage: "acl \(name) inbound on \(wan.name)", decidedBy: cite(rule), origin: rule.origin)],
                                  decidingRule: rule, decidedByPolicy: false, packets: part.packets))
            }
        }
        return paths
    }
}
