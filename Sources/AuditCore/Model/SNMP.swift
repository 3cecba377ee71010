public enum SNMPAccess: String, Hashable, Sendable, Codable { case readOnly = "ro", readWrite = "rw" }

/// An SNMP v1/v2c community.
public struct SNMPCommunity: Sendable {
    public var name: Secret
    public var access: SNMPAccess
    /// ACL or source restriction by name (Cisco standard ACL), if any.
    public var accessFilter: Sourced<String>?
    /// Inline allowed sources (OpenWrt `source`, RouterOS `addresses`), if any.
    public var allowedSources: [IPPrefix]?
    public var view: String?
    public var origin: Provenance

    public init(name: Secret, access: SNMPAccess, accessFilter: Sourced<String>? = nil,
                allowedSources: [IPPrefix]? = nil, view: String? = nil, origin: Provenance) {
        self.name = name
        self.access = access
        self.accessFilter = accessFilter
        self.allowedSources = allowedSources
        self.view = view
        self.origin = origin
    }

    public var isRestricted: Bool {
        accessFilter != nil || !(allowedSources?.isEmpty ?? true) && !(allowedSources?.contains { $0.isAny } ?? false)
    }
}

public struct SNMPConfig: Sendable {
    public var communities: [SNMPCommunity] = []
    /// SNMP versions with users configured (v3 users); empty when only communities exist.
    public var v3Users: [Sourced<String>] = []
    public init() {}
}
