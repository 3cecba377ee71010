import AuditCore

/// A first, rule-pattern view of what the WAN can reach. The firewall engine (exact packet-space
/// semantics) replaces this; until then it answers the one question checks need: could a
/// packet from the WAN reach this service of the router?
enum WANExposure {
    /// Why a service is reachable from the WAN, as evidence lines; nil when it is not (or we
    /// cannot tell).
    static func evidence(for service: ManagementService, in config: DeviceConfig) -> [Provenance]? {
        guard service.enabled.value else { return nil }
        if !config.zones.isEmpty {
            return zoneEvidence(for: service, in: config)
        }
        return interfaceEvidence(for: service, in: config)
    }

    /// Zone-based platforms (OpenWrt): the service listens on the WAN and the WAN zone's input
    /// policy, or an input rule from the WAN, accepts its port.
    private static func zoneEvidence(for service: ManagementService, in config: DeviceConfig) -> [Provenance]? {
        let wanZones = config.zones.filter { $0.role.value == .wan }
        guard !wanZones.isEmpty else { return nil }
        let wanMembers = Set(wanZones.flatMap(\.members))
        let listensOnWAN = service.listen.value.contains { scope in
            switch scope {
            case .any, .role(.wan): true
            case .interface(let name): wanMembers.contains(name)
            default: false
            }
        }
        guard listensOnWAN else { return nil }
        for zone in wanZones {
            if let rule = firstInputRule(from: zone.name, port: service.effectivePort, proto: service.kind.transport, in: config) {
                if rule.action == .permit { return service.listen.origin.with(context: service.enabled.origin) + [rule.origin] }
                continue
            }
            if zone.input.value == .permit { return service.listen.origin.with(context: service.enabled.origin) + [zone.input.origin] }
        }
        return nil
    }

    /// The first enabled input rule from a zone that matches a port, in order.
    static func firstInputRule(from zone: String, port: Int, proto: IPProtocol, in config: DeviceConfig) -> FilterRule? {
        for list in config.filters where list.kind == .zoneRules {
            for rule in list.rules where rule.enabled && rule.chain == .input
                && (rule.sourceZone == zone || rule.sourceZone == "*")
                && rule.protocols.matches(proto) && rule.destinationPorts.contains(port)
                && rule.source.isAny && rule.family != 6 {
                return rule
            }
        }
        return nil
    }

    /// Interface-ACL platforms (Cisco): a WAN interface with no inbound filter lets anything reach
    /// the router; a service with no access filter of its own then answers it.
    private static func interfaceEvidence(for service: ManagementService, in config: DeviceConfig) -> [Provenance]? {
        guard service.accessFilter == nil else { return nil }
        for wan in config.wanInterfaces where wan.inboundFilter == nil {
            return [service.enabled.origin, wan.role.origin]
        }
        return nil
    }

    /// True when some login service of the router is reachable from the WAN.
    static func loginReachableFromWAN(_ config: DeviceConfig) -> Bool {
        config.services.contains { [.telnet, .ssh, .http, .https].contains($0.kind) && evidence(for: $0, in: config) != nil }
    }
}
