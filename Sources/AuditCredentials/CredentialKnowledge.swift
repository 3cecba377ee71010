import AuditCore

/// A vendor's documented or widely published default login.
public struct DefaultLogin: Sendable, Hashable {
    public var vendor: String
    /// Empty when the device asks for a password only (enable, console).
    public var user: String
    /// Empty for a blank password.
    public var password: String
    public var `protocol`: String
    public var source: String

    public init(vendor: String, user: String, password: String, protocol: String, source: String) {
        self.vendor = vendor
        self.user = user
        self.password = password
        self.protocol = `protocol`
        self.source = source
    }
}

/// Default logins, weak passwords and SNMP communities, from `profiles/credentials/*.yaml`.
public struct CredentialKnowledge: Sendable {
    public var defaults: [DefaultLogin]
    /// Most common first: the default depth tries the top of the list.
    public var weakPasswords: [String]
    public var defaultCommunities: [String]
    public var guessableCommunities: [String]

    private let weakSet: Set<String>
    private let communitySet: Set<String>
    /// Each vendor's defaults, most prominent first: vendor documentation, then the number of
    /// lists that cite a login. Sorted once here, not on every lookup.
    private let byVendor: [String: [DefaultLogin]]

    public init(defaults: [DefaultLogin], weakPasswords: [String], defaultCommunities: [String],
                guessableCommunities: [String]) {
        self.defaults = defaults
        self.weakPasswords = weakPasswords
        self.defaultCommunities = defaultCommunities
        self.guessableCommunities = guessableCommunities
        self.weakSet = Set(weakPasswords.map { $0.lowercased() })
        self.communitySet = Set((defaultCommunities + guessableCommunities).map { $0.lowercased() })
        // Prominence: how many sources name the login, and vendor documentation above all. It is
        // computed once per login (not per comparison: the built-in list has thousands of entries).
        func prominence(_ login: DefaultLogin) -> Int {
            let sources = login.source.utf8.split(separator: UInt8(ascii: ";"))
            let vendorDoc = sources.contains { $0.starts(with: "vendor-doc".utf8) }
            return sources.count + (vendorDoc ? 100 : 0)
        }
        var grouped: [String: [(offset: Int, rank: Int, login: DefaultLogin)]] = [:]
        for (offset, login) in defaults.enumerated() {
            grouped[login.vendor, default: []].append((offset, prominence(login), login))
        }
        self.byVendor = grouped.mapValues { entries in
            entries.sorted { a, b in a.rank != b.rank ? a.rank > b.rank : a.offset < b.offset }.map(\.login)
        }
    }

    /// The vendor's defaults, most prominent first.
    public func defaults(for vendor: VendorID) -> [DefaultLogin] {
        byVendor[vendor.rawValue] ?? []
    }

    public func isWeak(_ password: String) -> Bool { weakSet.contains(password.lowercased()) }

    public func isGuessableCommunity(_ community: String) -> Bool { communitySet.contains(community.lowercased()) }
}
