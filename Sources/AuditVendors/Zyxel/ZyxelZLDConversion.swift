import AuditCore

/// Step two of reading a ZLD configuration: the command tree (`ZyxelZLDConfig`) to the
/// vendor-neutral `DeviceConfig`. Every command is modelled, recognised as carrying nothing the
/// model needs, or reported as an `unrecognized-line` warning. docs/vendors.md lists what is
/// covered and which documents the syntax comes from.
public enum ZyxelZLDConversion {
    public static let profile = "zyxel"

    public static func convert(_ configs: [ZyxelZLDConfig]) -> DeviceConfig {
        var converter = ZLDConverter(sources: configs.map(\.source))
        for config in configs { converter.read(config) }
        return converter.finish()
    }

    static func vendorDefault(_ statement: String) -> Provenance {
        .vendorDefault(profile: profile, statement: statement)
    }
}

/// One rule of a management service's service control table (`ip http secure-server table admin
/// rule 1 access-group ALL zone WAN action deny`).
struct ZLDControlRule {
    var addressObject: String
    var zone: String
    var accept: Bool
    var span: SourceSpan
}

/// A management server as its `ip ... server` lines describe it.
struct ZLDServerFacts {
    var enabled: Sourced<Bool>?
    var port: Sourced<Int>?
    var rules: [ZLDControlRule] = []
    var settings: [String: Sourced<String>] = [:]
}

/// A `secure-policy` / `firewall` block before its objects are resolved.
struct ZLDPolicyFacts {
    var label: String
    var from: String?
    var to: String?
    var sources: [String] = []
    var destinations: [String] = []
    var services: [String] = []
    var action: FilterAction?
    var enabled = true
    var span: SourceSpan
}

/// An `ip virtual-server` line before its objects are resolved.
struct ZLDVirtualServer {
    var name: String
    var interface: String?
    var originalIP: String?
    var mapTo: String?
    var mapType: String?
    var protocols: ProtocolMatch = .any
    var originalPorts: PortMatch = .any
    var mappedPorts: PortMatch = .any
    var enabled = true
    var span: SourceSpan
}

struct ZLDConverter {
    var device: DeviceConfig
    var config: ZyxelZLDConfig!
    var understood: [Bool] = []
    var fileDiagnostics: [Diagnostic] = []

    // Facts resolved at the end.
    var servers: [ServiceKind: ZLDServerFacts] = [:]
    var addressObjects: [String: [IPPrefix]] = [:]
    /// `address-object X INTERFACE_SUBNET ge3`: resolved once interfaces are known.
    var interfaceAddressObjects: [String: (interface: String, subnet: Bool)] = [:]
    var addressGroups: [String: [String]] = [:]
    var serviceObjects: [String: [(protocols: ProtocolMatch, ports: PortMatch)]] = [:]
    var serviceGroups: [String: [String]] = [:]
    var zoneMembers: [String: (members: [String], span: SourceSpan)] = [:]
    var zoneOrder: [String] = []
    var interfaceTypes: [String: Sourced<String>] = [:]
    var policies: [ZLDPolicyFacts] = []
    var virtualServers: [ZLDVirtualServer] = []
    var communities: [SNMPCommunity] = []
    var snmpEnabled: Sourced<Bool>?
    var upnp: Sourced<Bool>?
    var sawAdmin = false

    init(sources: [ConfigSource]) {
        device = DeviceConfig(identity: DeviceIdentity(vendor: .zyxel), sources: sources)
    }

    var file: String { config.file }

    // MARK: - Reading one file

    mutating func read(_ config: ZyxelZLDConfig) {
        self.config = config
        understood = Array(repeating: false, count: config.commands.count)
        fileDiagnostics = []
        for index in config.topLevel { topLevel(index) }
        finishFile()
    }

    mutating func finishFile() {
        let commands = config.commands
        var understoodCount = 0
        var unrecognized: [Diagnostic] = []
        for index in commands.indices {
            if understood[index] {
                understoodCount += 1
                continue
            }
            unrecognized.append(Diagnostic(.warning, code: "unrecognized-line",
                                           "not understood: \(Self.safeExcerpt(commands[index].words))", at: span(index)))
        }
        device.coverage = device.coverage + ParseCoverage(meaningfulLines: commands.count, understoodLines: understoodCount)
        var diagnostics = fileDiagnostics + unrecognized
        diagnostics.sort { ($0.span?.start ?? 0) < ($1.span?.start ?? 0) }
        device.diagnostics += config.diagnostics + diagnostics
    }

    /// The first words of a command, stopping before anything that may be a secret.
    static func safeExcerpt(_ words: [Substring]) -> String {
        var shown: [Substring] = []
        for word in words.prefix(5) {
            shown.append(word)
            if ZLDVocabulary.secretKeywords.contains(word) {
                shown.append("…")
                break
            }
        }
        if words.count > shown.count, shown.last != "…" { shown.append("…") }
        return "'\(shown.joined(separator: " "))'"
    }

    // MARK: - Helpers

    func command(_ index: Int) -> ZLDCommand { config.commands[index] }

    func span(_ index: Int) -> SourceSpan { SourceSpan(file: config.file, start: config.commands[index].line) }

    func blockSpan(_ index: Int) -> SourceSpan {
        let end = config.commands[index].subtreeEnd - 1
        return SourceSpan(file: config.file, start: config.commands[index].line, end: config.commands[max(index, end)].line)
    }

    func source(_ index: Int) -> Provenance { .source(span(index)) }

    func children(of index: Int) -> [Int] {
        var result: [Int] = []
        var child = index + 1
        let end = config.commands[index].subtreeEnd
        while child < end {
            result.append(child)
            child = config.commands[child].subtreeEnd
        }
        return result
    }

    mutating func understand(_ index: Int) { understood[index] = true }

    mutating func understandSubtree(_ index: Int) {
        for position in index..<config.commands[index].subtreeEnd { understood[position] = true }
    }

    mutating func badValue(_ message: String, at index: Int) {
        fileDiagnostics.append(Diagnostic(.warning, code: "bad-value", message, at: span(index)))
    }

    mutating func markSecret(_ word: Substring, at index: Int) {
        let command = command(index)
        device.markSecret(file: config.file, line: command.line, range: LineBytes.range(of: word, in: command.raw))
    }

    /// Masks every value after a secret keyword in a command the model does not hold otherwise
    /// (IKE pre-shared keys, DDNS and PPPoE passwords, RADIUS keys) and keeps it as a service secret.
    mutating func storeServiceSecrets(in index: Int) {
        let owner = command(index).words.prefix(2).joined(separator: " ")
        for position in index..<config.commands[index].subtreeEnd {
            let words = command(position).words
            // A description is free text: `description "vpn key holder"` holds no secret.
            if words.first == "description" { continue }
            var at = 0
            while at < words.count - 1 {
                if ZLDVocabulary.secretKeywords.contains(words[at]) {
                    markSecret(words[at + 1], at: position)
                    device.storedSecrets.append(StoredSecret(
                        purpose: .service(String(command(index).words.first ?? "service")), owner: owner,
                        secret: Secret(.cleartext(String(words[at + 1])), origin: source(position))))
                    at += 2
                } else {
                    at += 1
                }
            }
        }
    }

    // MARK: - Top level

    mutating func topLevel(_ index: Int) {
        let words = command(index).words
        guard let first = words.first else { return }
        switch first {
        case "hostname":
            if words.count >= 2 { device.identity.hostname = Sourced(String(words[1]), source(index)) }
            understandSubtree(index)
        case "username": username(index)
        case "address-object": addressObject(index)
        case "service-object": serviceObject(index)
        case "object-group": objectGroup(index)
        case "zone": zone(index)
        case "interface": interface(index)
        case "secure-policy", "firewall": policy(index)
        case "ip": ipCommand(index, words: words[...], negated: false)
        case "snmp-server": snmpServer(index, negated: false)
        case "no": negated(index)
        case "upnp":
            upnpLine(index, words: words[...], negated: false)
        default:
            if ZLDVocabulary.ignoredTopLevel.contains(first) {
                storeServiceSecrets(in: index)
                understandSubtree(index)
            }
        }
    }

    private mutating func negated(_ index: Int) {
        let words = command(index).words
        guard words.count >= 2 else { return }
        switch words[1] {
        case "ip":
            ipCommand(index, words: words.dropFirst(), negated: true)
        case "snmp-server":
            snmpServer(index, negated: true)
        case "upnp":
            upnpLine(index, words: words.dropFirst(), negated: true)
        default:
            if ZLDVocabulary.ignoredTopLevel.contains(words[1]) { understandSubtree(index) }
        }
    }

    // MARK: - Accounts

    /// `username NAME password PW user-type T`, `username NAME encrypted-password ENC user-type T`,
    /// `username NAME nopassword user-type T`, and the account's other settings.
    private mutating func username(_ index: Int) {
        understandSubtree(index)
        let words = command(index).words
        guard words.count >= 3 else { return }
        let name = String(words[1])
        let origin = source(index)
        var secret: Secret?
        switch words[2] {
        case "password":
            guard words.count >= 4 else { return badValue("username \(name) password has no value", at: index) }
            markSecret(words[3], at: index)
            secret = Secret(.cleartext(String(words[3])), origin: origin)
        case "encrypted-password":
            guard words.count >= 4 else { return badValue("username \(name) encrypted-password has no value", at: index) }
            markSecret(words[3], at: index)
            secret = Secret(ZLDSecrets.form(encrypted: words[3]), origin: origin)
        case "nopassword":
            secret = Secret(.empty, origin: origin)
        default:
            // description, logon-lease-time, logon-re-auth-time, user-type ext-user: no secret.
            return
        }
        var userType: Substring = "user"
        if let at = words.firstIndex(of: "user-type"), at + 1 < words.count { userType = words[at + 1] }
        if name == "admin" { sawAdmin = true }
        device.accounts.append(Account(name: name, secret: secret, isAdministrator: userType == "admin", origin: origin))
    }

    // MARK: - Finishing

    mutating func finish() -> DeviceConfig {
        if !sawAdmin {
            // ZLD ships with one administrator, `admin` with password `1234` (the User's Guide's
            // "Default Login Details"); a file that does not redefine it leaves it as shipped.
            let origin = ZyxelZLDConversion.vendorDefault(
                "the built-in administrator 'admin' has the factory password '1234' unless a `username admin` line changes it")
            device.accounts.insert(Account(name: "admin", secret: Secret(.cleartext("1234"), origin: origin),
                                           isAdministrator: true, origin: origin), at: 0)
        }
        resolveAddressObjects()
        resolveZonesAndInterfaces()
        resolvePolicies()
        resolveServices()
        resolveSNMP()
        resolveVirtualServers()
        return device
    }
}

/// How ZLD stores an `encrypted-password`.
enum ZLDSecrets {
    /// `$1$`/`$5$`/`$6$` are crypt hashes. `$4$...$` is ZLD's own encryption: the firmware
    /// decrypts it with a built-in key (it uses such values itself, for VPN pre-shared keys), so
    /// whoever holds the file and the firmware can read it. No public specification or test
    /// vector exists, so it is classed as reversible without being decoded.
    static func form(encrypted value: Substring) -> SecretForm {
        let text = String(value)
        if text.hasPrefix("$1$") { return .hashed(scheme: .md5crypt, encoded: text) }
        if text.hasPrefix("$5$") { return .hashed(scheme: .sha256crypt, encoded: text) }
        if text.hasPrefix("$6$") { return .hashed(scheme: .sha512crypt, encoded: text) }
        if text.hasPrefix("$4$") { return .reversible(scheme: .zyxelZLD4, encoded: text) }
        return .opaque(scheme: "zyxel-zld", encoded: text)
    }
}
