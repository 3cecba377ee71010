/// Which negotiation an IKE or IPsec proposal belongs to.
public enum ProposalPhase: String, Hashable, Sendable, Codable {
    /// IKE phase 1 (IKE SA): encryption, integrity/PRF and the Diffie-Hellman group.
    case ike
    /// IPsec phase 2 (ESP/AH child SA): encryption, integrity and the PFS group.
    case ipsec
}

/// One IKE or IPsec proposal: the algorithms a tunnel may negotiate. Algorithm names are kept as
/// the vendor writes them, lowercased (`3des-cbc`, `blowfish`, `hmac-md5-96`); `CryptoStrength`
/// judges them. Each value carries the line that set it, or the line naming a predefined set
/// (Junos `proposal-set basic`) with `.derived` provenance.
public struct CryptoProposal: Sendable {
    public var phase: ProposalPhase
    /// How a reader finds it: `ike proposal p1`, `esp-group ESP-1 proposal 1`, `phase1 10`.
    public var name: String
    public var encryption: [Sourced<String>]
    public var integrity: [Sourced<String>]
    /// Diffie-Hellman groups (IKE) or PFS groups (IPsec), by IANA number.
    public var dhGroups: [Sourced<Int>]
    public var origin: Provenance

    public init(phase: ProposalPhase, name: String, encryption: [Sourced<String>] = [],
                integrity: [Sourced<String>] = [], dhGroups: [Sourced<Int>] = [], origin: Provenance) {
        self.phase = phase
        self.name = name
        self.encryption = encryption
        self.integrity = integrity
        self.dhGroups = dhGroups
        self.origin = origin
    }
}

/// Algorithms a management service is configured to offer, when the configuration names them.
/// nil means the configuration says nothing (the platform's defaults apply).
public struct ServiceCrypto: Sendable {
    /// SSH ciphers (`aes128-ctr`, `3des-cbc`) or TLS cipher suites.
    public var ciphers: Sourced<[String]>?
    /// SSH key-exchange methods (`diffie-hellman-group1-sha1`).
    public var keyExchange: Sourced<[String]>?
    /// SSH MACs (`hmac-md5`).
    public var macs: Sourced<[String]>?
    /// SSH host-key algorithms (`ssh-dss`).
    public var hostKeyAlgorithms: Sourced<[String]>?
    /// TLS protocol versions accepted (`tls1.0`, `tls1.2`).
    public var tlsVersions: Sourced<[String]>?
    /// A vendor switch that adds a legacy cipher-suite list (EdgeOS `service gui older-ciphers enable`).
    public var legacyCipherSuites: Sourced<Bool>?

    public init() {}

    public var isEmpty: Bool {
        ciphers == nil && keyExchange == nil && macs == nil && hostKeyAlgorithms == nil && tlsVersions == nil
            && legacyCipherSuites == nil
    }
}

/// The router as an NTP server: who may ask it for the time.
public struct NTPServer: Sendable {
    public var enabled: Sourced<Bool>
    /// Client prefixes allowed to query; nil when the configuration lists none.
    public var allowedClients: Sourced<[IPPrefix]>?

    public init(enabled: Sourced<Bool>, allowedClients: Sourced<[IPPrefix]>? = nil) {
        self.enabled = enabled
        self.allowedClients = allowedClients
    }
}

/// A directory server the router authenticates administrators or VPN users against.
public struct AuthServer: Sendable {
    public enum Kind: String, Hashable, Sendable, Codable { case ldap, radius, tacacs }
    /// How LDAP traffic is protected.
    public enum Transport: String, Hashable, Sendable, Codable {
        /// Plain TCP, binds and passwords readable on the wire.
        case cleartext
        /// STARTTLS on the plain port.
        case startTLS = "starttls"
        /// LDAPS.
        case tls
    }

    public var kind: Kind
    public var name: String
    public var host: String?
    public var transport: Sourced<Transport>?
    public var origin: Provenance

    public init(kind: Kind, name: String, host: String? = nil, transport: Sourced<Transport>? = nil,
                origin: Provenance) {
        self.kind = kind
        self.name = name
        self.host = host
        self.transport = transport
        self.origin = origin
    }
}
