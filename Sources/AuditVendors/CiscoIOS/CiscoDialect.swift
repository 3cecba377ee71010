import AuditCore

/// The IOS-like syntaxes read by the IOS parser and converter. They share the indentation tree,
/// `hostname`, `snmp-server community`, `object-group` and most of the vocabulary; where they
/// differ (accounts, management services and their defaults) the converter asks the dialect and
/// the dialect's own file (`CiscoIOSConversion+ASA.swift`, `+EOS.swift`) reads the command.
public enum CiscoDialect: Sendable {
    case ios, asa, eos

    public var vendor: VendorID {
        switch self {
        case .ios: .ciscoIOS
        case .asa: .ciscoASA
        case .eos: .aristaEOS
        }
    }

    /// The profile named by vendor-default provenance.
    var profile: String { vendor.rawValue }
}

/// Management facts of the dialects, gathered while reading and turned into services at the end.
struct CiscoDialectFacts {
    /// ASA `name ADDRESS NAME`: names an address for later commands.
    var names: [String: IPAddress] = [:]
    /// ASA `ssh|telnet|http ADDRESS MASK INTERFACE`: who may connect, per service.
    var allowed: [ServiceKind: [(prefix: IPPrefix, span: SourceSpan)]] = [:]
    /// ASA `http server enable [PORT]`.
    var httpServer: (port: Int?, span: SourceSpan)?
    /// ASA `interface X` with `nameif NAME` and `security-level N`.
    var zones: [(interface: String, name: String, level: Int?, span: SourceSpan)] = []
    /// ASA `snmp-server host IF ADDRESS`: the only stations the ASA answers SNMP polls from.
    var snmpHosts: [IPPrefix] = []
    /// ASA `ssh key-exchange group ...`, `ssh cipher encryption ...`.
    var sshCrypto = ServiceCrypto()
    /// EOS `management api http-commands`: protocols, and whether `no shutdown` turned it on.
    var eapiProtocols: [(kind: ServiceKind, port: Int?, span: SourceSpan)] = []
    var eapiEnabled: Sourced<Bool>?
    /// EOS `management telnet` / `management ssh`: `no shutdown` or `shutdown`.
    var telnetEnabled: Sourced<Bool>?
    var sshEnabled: Sourced<Bool>?
}
