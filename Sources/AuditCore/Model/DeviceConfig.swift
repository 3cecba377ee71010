/// A vendor/platform identifier, stable in the CLI, JSON and profiles (`cisco-ios`, `openwrt`).
public struct VendorID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (a: VendorID, b: VendorID) -> Bool { a.rawValue < b.rawValue }

    public static let ciscoIOS = VendorID("cisco-ios")
    public static let openWrt = VendorID("openwrt")
    public static let junos = VendorID("junos")
    public static let routerOS = VendorID("routeros")
    public static let fortiOS = VendorID("fortios")
    public static let huaweiVRP = VendorID("huawei-vrp")
    public static let pfSense = VendorID("pfsense")
    public static let opnSense = VendorID("opnsense")
    public static let edgeOS = VendorID("edgeos")
    public static let vyOS = VendorID("vyos")
    /// Cisco ASA (and PIX) firewalls, read as a dialect of the IOS parser.
    public static let ciscoASA = VendorID("cisco-asa")
    /// Arista EOS switches and routers, read as a dialect of the IOS parser.
    public static let aristaEOS = VendorID("arista-eos")
    /// Netgate TNSR routers (CLI `show configuration running cli`).
    public static let netgateTNSR = VendorID("netgate-tnsr")
    /// Zyxel ZyWALL/USG/ATP/VPN (ZLD firmware); the raw value matches the credential lists' vendor.
    public static let zyxel = VendorID("zyxel")
    /// DrayTek Vigor routers (DrayOS telnet command scripts).
    public static let drayTek = VendorID("draytek")
}

public struct DeviceIdentity: Sendable {
    public var vendor: VendorID
    public var hostname: Sourced<String>?
    public var model: Sourced<String>?
    public var firmware: Sourced<String>?

    public init(vendor: VendorID, hostname: Sourced<String>? = nil, model: Sourced<String>? = nil,
                firmware: Sourced<String>? = nil) {
        self.vendor = vendor
        self.hostname = hostname
        self.model = model
        self.firmware = firmware
    }
}

/// Login brute-force protection (Cisco `login block-for`, RouterOS/OpenWrt equivalents).
public struct LoginProtection: Sendable, Hashable {
    public var blockSeconds: Int
    public var attempts: Int
    public var withinSeconds: Int

    public init(blockSeconds: Int, attempts: Int, withinSeconds: Int) {
        self.blockSeconds = blockSeconds
        self.attempts = attempts
        self.withinSeconds = withinSeconds
    }
}

/// Device-wide hardening switches. nil means the platform has no such setting; a value with
/// `.vendorDefault` provenance means the setting exists and is left at its default.
public struct Hardening: Sendable {
    /// Cisco `service password-encryption`: obfuscates cleartext line and user passwords.
    public var passwordEncryption: Sourced<Bool>?
    /// nil inside the Sourced means "explicitly not configured".
    public var loginProtection: Sourced<LoginProtection?>?
    /// Minimum password length the device enforces, when it has such a setting.
    public var minimumPasswordLength: Sourced<Int>?

    public init() {}
}

/// The vendor-neutral model of one device's configuration. Parsers fill it; checks read it.
/// Every value carries its provenance (a source line, a vendor default, or unparsed).
public struct DeviceConfig: Sendable {
    public var identity: DeviceIdentity
    public var sources: [ConfigSource]
    /// Where secrets sit in the source lines, so quoted evidence can be masked.
    public var secretSpans: [SecretSpan] = []

    public var accounts: [Account] = []
    /// Secrets that are not account logins: enable, line passwords, PPP, FTP, Wi-Fi keys.
    public var storedSecrets: [StoredSecret] = []
    public var services: [ManagementService] = []
    public var loginChannels: [LoginChannel] = []
    public var snmp = SNMPConfig()
    public var interfaces: [Interface] = []
    public var zones: [Zone] = []
    public var zoneForwardings: [ZoneForwarding] = []
    public var filters: [FilterList] = []
    /// What each filter list is used for, by list name (an ACL can serve several purposes).
    public var filterUses: [String: [FilterUse]] = [:]
    public var portForwards: [PortForward] = []
    public var references: [ObjectReference] = []
    public var hardening = Hardening()
    /// How the configuration was collected live (SSH algorithms); nil when read from a file.
    public var collection: CollectionFacts?
    /// IKE and IPsec proposals of VPN tunnels.
    public var cryptoProposals: [CryptoProposal] = []
    /// The router as an NTP server, when the configuration makes it one.
    public var ntpServer: NTPServer?
    /// LDAP, RADIUS and TACACS+ servers used for logins.
    public var authServers: [AuthServer] = []

    public var diagnostics: [Diagnostic] = []
    public var coverage = ParseCoverage()

    public init(identity: DeviceIdentity, sources: [ConfigSource]) {
        self.identity = identity
        self.sources = sources
    }

    public var vendor: VendorID { identity.vendor }

    public func service(_ kind: ServiceKind) -> ManagementService? {
        services.first { $0.kind == kind }
    }

    public func filter(named name: String) -> FilterList? {
        filters.first { $0.name == name }
    }

    public func zone(named name: String) -> Zone? {
        zones.first { $0.name == name }
    }

    /// Interfaces whose role is WAN.
    public var wanInterfaces: [Interface] { interfaces.filter { $0.role.value == .wan && !$0.shutdown } }

    /// Every stored secret, account passwords included, for checks about storage.
    public var allSecrets: [StoredSecret] {
        accounts.compactMap { account in
            account.secret.map { StoredSecret(purpose: .login, owner: account.name, secret: $0) }
        } + storedSecrets
    }

    /// Records where a secret sits on a line so reports can mask it.
    public mutating func markSecret(file: String, line: Int, range: Range<Int>) {
        secretSpans.append(SecretSpan(file: file, line: line, range: range))
    }
}
