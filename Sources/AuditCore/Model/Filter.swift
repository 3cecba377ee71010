public enum FilterAction: String, Hashable, Sendable, Codable {
    case permit, deny, reject

    public var allows: Bool { self == .permit }
}

/// Which traffic a rule list sees, for vendors with chains (OpenWrt) rather than attached ACLs.
public enum Chain: String, Hashable, Sendable, Codable {
    /// Traffic to the router itself.
    case input
    /// Traffic through the router.
    case forward
    /// Traffic from the router.
    case output
}

/// One ordered rule of a filter list.
public struct FilterRule: Sendable {
    public var action: FilterAction
    public var protocols: ProtocolMatch
    public var source: AddressMatch
    public var destination: AddressMatch
    public var sourcePorts: PortMatch
    public var destinationPorts: PortMatch
    /// Matches only packets of existing connections (Cisco `established`).
    public var establishedOnly: Bool
    /// ICMP types by name or number, when the rule names them.
    public var icmpTypes: [String]
    /// Zone-based vendors: where the packet comes from and goes to. A nil destination zone with a
    /// chain of `.input` is traffic to the router.
    public var sourceZone: String?
    public var destinationZone: String?
    public var chain: Chain?
    /// IP version the rule applies to; nil when both.
    public var family: Int?
    public var enabled: Bool
    /// A name the user gave the rule (OpenWrt `option name`), or the Cisco sequence number.
    public var label: String?
    public var origin: Provenance
    /// Match conditions the fields above cannot hold, as written (RouterOS `ipsec-policy=in,ipsec`,
    /// `connection-state=invalid`, a negated address list): the rule matches only packets that also
    /// meet them. Empty for vendors whose rules the fields describe fully. A rule with conditions
    /// does not match everything, covers only rules with the same conditions, and a deny with
    /// conditions is no proof that traffic is blocked.
    public var conditions: [String] = []

    public init(action: FilterAction, protocols: ProtocolMatch = .any, source: AddressMatch = .any,
                destination: AddressMatch = .any, sourcePorts: PortMatch = .any, destinationPorts: PortMatch = .any,
                establishedOnly: Bool = false, icmpTypes: [String] = [], sourceZone: String? = nil,
                destinationZone: String? = nil, chain: Chain? = nil, family: Int? = nil, enabled: Bool = true,
                label: String? = nil, origin: Provenance, conditions: [String] = []) {
        self.action = action
        self.protocols = protocols
        self.source = source
        self.destination = destination
        self.sourcePorts = sourcePorts
        self.destinationPorts = destinationPorts
        self.establishedOnly = establishedOnly
        self.icmpTypes = icmpTypes
        self.sourceZone = sourceZone
        self.destinationZone = destinationZone
        self.chain = chain
        self.family = family
        self.enabled = enabled
        self.label = label
        self.origin = origin
        self.conditions = conditions
    }

    /// Matches every packet of every protocol (an any-any rule).
    public var matchesEverything: Bool {
        protocols == .any && source.isAny && destination.isAny && sourcePorts.isAny
            && destinationPorts.isAny && !establishedOnly && icmpTypes.isEmpty && conditions.isEmpty
    }
}

/// What a filter list is used for, so checks can tell a traffic filter from an ACL that only
/// selects addresses (a NAT source list, a CBAC java-list, an SNMP or vty access-class).
public enum FilterUse: Hashable, Sendable {
    case interfaceInbound(String)
    case interfaceOutbound(String)
    case managementAccess(String)
    case natSelection
    case other(String)
}

/// An ordered rule list: a Cisco ACL, or the OpenWrt rule set.
public struct FilterList: Sendable {
    public enum Kind: String, Sendable, Codable {
        case ciscoStandard = "standard", ciscoExtended = "extended", zoneRules = "zone-rules"
    }
    public var name: String
    public var kind: Kind
    public var rules: [FilterRule]
    /// What happens to a packet no rule matches (Cisco: implicit deny).
    public var defaultAction: Sourced<FilterAction>
    public var origin: Provenance

    public init(name: String, kind: Kind, rules: [FilterRule], defaultAction: Sourced<FilterAction>, origin: Provenance) {
        self.name = name
        self.kind = kind
        self.rules = rules
        self.defaultAction = defaultAction
        self.origin = origin
    }
}

/// A named thing that a line refers to, so a check can report references to undefined objects.
public struct ObjectReference: Sendable {
    public enum Kind: String, Sendable, Codable {
        case filter, zone, interface, addressObject = "address-object"
        /// An authentication server (LDAP, RADIUS) named by a login or VPN setting.
        case authServer = "auth-server"
    }
    public var kind: Kind
    public var name: String
    /// What refers to it, in words: `ip access-group on GigabitEthernet2`.
    public var context: String
    /// Whether the reference filters traffic (an undefined ACL on an interface means no filtering).
    public var filtersTraffic: Bool
    public var origin: Provenance
    /// Set by a parser that looked for the definition and found none. The model does not list
    /// address objects, so for them only the parser can tell; references of other kinds are
    /// checked against the model's filters, zones and interfaces.
    public var knownUndefined: Bool = false

    public init(kind: Kind, name: String, context: String, filtersTraffic: Bool, origin: Provenance) {
        self.kind = kind
        self.name = name
        self.context = context
        self.filtersTraffic = filtersTraffic
        self.origin = origin
    }
}
