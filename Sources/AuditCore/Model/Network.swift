/// What a network segment is for. Checks reason in roles, never in vendor interface names.
public enum ZoneRole: String, Hashable, Sendable, Codable, CaseIterable {
    case wan, lan, guest, mgmt, dmz, unknown
}

/// An interface (Cisco) or a UCI network (OpenWrt).
public struct Interface: Sendable {
    public var name: String
    /// How we know the role: a dialer/PPPoE link or `ip nat outside` (Cisco), zone membership (OpenWrt).
    public var role: Sourced<ZoneRole>
    /// The zone the interface belongs to, when the vendor has zones.
    public var zone: String?
    public var addresses: [IPPrefix]
    public var inboundFilter: Sourced<String>?
    public var outboundFilter: Sourced<String>?
    public var ipv6Enabled: Sourced<Bool>?
    public var ipv6InboundFilter: Sourced<String>?
    public var shutdown: Bool
    public var description: String?
    public var origin: Provenance

    public init(name: String, role: Sourced<ZoneRole>, zone: String? = nil, addresses: [IPPrefix] = [],
                inboundFilter: Sourced<String>? = nil, outboundFilter: Sourced<String>? = nil,
                ipv6Enabled: Sourced<Bool>? = nil, ipv6InboundFilter: Sourced<String>? = nil,
                shutdown: Bool = false, description: String? = nil, origin: Provenance) {
        self.name = name
        self.role = role
        self.zone = zone
        self.addresses = addresses
        self.inboundFilter = inboundFilter
        self.outboundFilter = outboundFilter
        self.ipv6Enabled = ipv6Enabled
        self.ipv6InboundFilter = ipv6InboundFilter
        self.shutdown = shutdown
        self.description = description
        self.origin = origin
    }
}

/// A firewall zone with its default policies (OpenWrt fw4; later Junos/FortiOS zones).
public struct Zone: Sendable {
    public var name: String
    public var role: Sourced<ZoneRole>
    /// Interfaces or UCI networks in the zone.
    public var members: [String]
    /// Policy for traffic to the router itself.
    public var input: Sourced<FilterAction>
    public var output: Sourced<FilterAction>
    /// Policy for traffic between interfaces of this zone and, unless a forwarding says otherwise, to others.
    public var forward: Sourced<FilterAction>
    public var masquerade: Sourced<Bool>?
    public var origin: Provenance

    public init(name: String, role: Sourced<ZoneRole>, members: [String], input: Sourced<FilterAction>,
                output: Sourced<FilterAction>, forward: Sourced<FilterAction>,
                masquerade: Sourced<Bool>? = nil, origin: Provenance) {
        self.name = name
        self.role = role
        self.members = members
        self.input = input
        self.output = output
        self.forward = forward
        self.masquerade = masquerade
        self.origin = origin
    }
}

/// Traffic from one zone to another is allowed (OpenWrt `config forwarding`).
public struct ZoneForwarding: Sendable {
    public var from: String
    public var to: String
    public var enabled: Bool
    public var origin: Provenance

    public init(from: String, to: String, enabled: Bool = true, origin: Provenance) {
        self.from = from
        self.to = to
        self.enabled = enabled
        self.origin = origin
    }
}
