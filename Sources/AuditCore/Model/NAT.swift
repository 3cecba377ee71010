/// A destination NAT / port forward: traffic arriving from outside to `external` is sent to `internal`.
public struct PortForward: Sendable {
    public var label: String?
    /// The zone or interface the forward listens on (`wan`, `Dialer1`).
    public var externalInterface: String?
    public var externalRole: ZoneRole?
    public var protocols: ProtocolMatch
    /// nil when every port is forwarded (a static one-to-one NAT).
    public var externalPorts: PortMatch
    public var internalAddress: IPAddress?
    public var internalPorts: PortMatch
    /// The address the forward answers on when the configuration names one (Cisco inside-global
    /// address); nil when it is the WAN interface's own address.
    public var externalAddress: IPAddress?
    /// The zone the internal host sits in, when the configuration names it (OpenWrt `dest`).
    public var internalZone: String?
    /// Sources the forward accepts; `.any` unless restricted.
    public var allowedSources: AddressMatch
    public var enabled: Bool
    public var origin: Provenance

    public init(label: String? = nil, externalInterface: String?, externalRole: ZoneRole?, protocols: ProtocolMatch,
                externalPorts: PortMatch, internalAddress: IPAddress?, internalPorts: PortMatch,
                allowedSources: AddressMatch = .any, enabled: Bool = true, origin: Provenance,
                externalAddress: IPAddress? = nil, internalZone: String? = nil) {
        self.label = label
        self.externalInterface = externalInterface
        self.externalRole = externalRole
        self.protocols = protocols
        self.externalPorts = externalPorts
        self.internalAddress = internalAddress
        self.internalPorts = internalPorts
        self.allowedSources = allowedSources
        self.enabled = enabled
        self.origin = origin
        self.externalAddress = externalAddress
        self.internalZone = internalZone
    }
}
