/// Management and infrastructure services the router itself offers.
public enum ServiceKind: String, Hashable, Sendable, Codable, CaseIterable {
    case telnet, ssh, http, https, snmp, tr069, upnp, winbox, api, apiSSL = "api-ssl", ftp, netconf, dns
    /// RouterOS: MAC Telnet and MAC Winbox (layer 2, `/tool mac-server`), SOCKS and web proxy.
    case macTelnet = "mac-telnet", macWinbox = "mac-winbox", socks, webProxy = "web-proxy"

    public var displayName: String {
        switch self {
        case .telnet: "Telnet"
        case .ssh: "SSH"
        case .http: "HTTP"
        case .https: "HTTPS"
        case .snmp: "SNMP"
        case .tr069: "TR-069"
        case .upnp: "UPnP"
        case .winbox: "Winbox"
        case .api: "RouterOS API"
        case .apiSSL: "RouterOS API-SSL"
        case .ftp: "FTP"
        case .netconf: "NETCONF"
        case .dns: "DNS"
        case .macTelnet: "MAC Telnet"
        case .macWinbox: "MAC Winbox"
        case .socks: "SOCKS proxy"
        case .webProxy: "web proxy"
        }
    }

    /// The port the service listens on unless configured otherwise.
    public var defaultPort: Int {
        switch self {
        case .telnet: 23
        case .ssh: 22
        case .http: 80
        case .https: 443
        case .snmp: 161
        case .tr069: 7547
        case .upnp: 5000
        case .winbox: 8291
        case .api: 8728
        case .apiSSL: 8729
        case .ftp: 21
        case .netconf: 830
        case .dns: 53
        // MAC Telnet and MAC Winbox run over layer 2 (MikroTik's MAC-Telnet protocol, UDP 20561).
        case .macTelnet, .macWinbox: 20561
        case .socks: 1080
        case .webProxy: 8080
        }
    }

    public var transport: IPProtocol {
        switch self {
        case .snmp, .dns, .macTelnet, .macWinbox: .udp
        default: .tcp
        }
    }

    /// Sends credentials or session data without encryption.
    public var isCleartext: Bool {
        switch self {
        case .telnet, .http, .ftp, .api, .snmp, .tr069, .macTelnet, .socks, .webProxy: true
        default: false
        }
    }
}

/// Where a service accepts connections.
public enum ListenScope: Hashable, Sendable {
    /// Every interface and address.
    case any
    /// Interfaces in a zone with this role (OpenWrt: a UCI interface name resolved to its zone).
    case role(ZoneRole)
    /// A named interface or UCI network.
    case interface(String)
    /// A local address.
    case address(IPAddress)
}

/// A management service of the router, whether set explicitly or on by vendor default.
public struct ManagementService: Sendable {
    public var kind: ServiceKind
    public var enabled: Sourced<Bool>
    public var port: Sourced<Int>?
    public var listen: Sourced<[ListenScope]>
    /// A named filter that restricts who may connect (Cisco vty access-class, `ip http access-class`).
    public var accessFilter: Sourced<String>?
    /// Source prefixes allowed, when the vendor lists them inline (RouterOS `address=`).
    public var allowedSources: Sourced<[IPPrefix]>?
    /// Vendor detail a check may need (ssh version, password auth), as key and value.
    public var settings: [String: Sourced<String>]
    /// Algorithms the service is configured to offer (SSH ciphers, TLS versions), when named.
    public var crypto = ServiceCrypto()

    public init(kind: ServiceKind, enabled: Sourced<Bool>, port: Sourced<Int>? = nil,
                listen: Sourced<[ListenScope]>, accessFilter: Sourced<String>? = nil,
                allowedSources: Sourced<[IPPrefix]>? = nil, settings: [String: Sourced<String>] = [:]) {
        self.kind = kind
        self.enabled = enabled
        self.port = port
        self.listen = listen
        self.accessFilter = accessFilter
        self.allowedSources = allowedSources
        self.settings = settings
    }

    public var effectivePort: Int { port?.value ?? kind.defaultPort }
}

/// A terminal line or login channel (Cisco `line con 0`, `line vty 0 4`).
public struct LoginChannel: Sendable {
    public enum Kind: String, Sendable, Codable { case console, aux, vty, tty }
    public enum Authentication: Hashable, Sendable {
        /// No login at all: anyone at the line gets a session.
        case none
        /// `login` with a line password.
        case linePassword
        /// Local user database.
        case local
        /// An AAA method list by name, with the methods it resolves to when known.
        case aaa(list: String, methods: [String])
    }

    public var kind: Kind
    /// As written: `vty 0 4`.
    public var name: String
    public var authentication: Sourced<Authentication>
    /// Protocols accepted inbound (vty `transport input`).
    public var transportInput: Sourced<Set<ServiceKind>>
    public var accessClass: Sourced<String>?
    /// Idle timeout in seconds; 0 means never.
    public var execTimeout: Sourced<Int>
    public var privilegeLevel: Sourced<Int>?
    public var origin: Provenance

    public init(kind: Kind, name: String, authentication: Sourced<Authentication>,
                transportInput: Sourced<Set<ServiceKind>>, accessClass: Sourced<String>?,
                execTimeout: Sourced<Int>, privilegeLevel: Sourced<Int>?, origin: Provenance) {
        self.kind = kind
        self.name = name
        self.authentication = authentication
        self.transportInput = transportInput
        self.accessClass = accessClass
        self.execTimeout = execTimeout
        self.privilegeLevel = privilegeLevel
        self.origin = origin
    }
}
