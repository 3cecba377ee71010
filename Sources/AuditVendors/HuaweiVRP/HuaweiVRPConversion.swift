import AuditCore

/// Step two of reading a VRP configuration: the command tree (`HuaweiVRPConfig`) to the
/// vendor-neutral `DeviceConfig`, following the "Huawei VRP" table of docs/architecture.md. Every
/// command is modelled, recognised as carrying nothing the model needs, or reported as an
/// `unrecognized-line` warning.
public enum HuaweiVRPConversion {
    public static let profile = "huawei-vrp"

    public static func convert(_ configs: [HuaweiVRPConfig]) -> DeviceConfig {
        var converter = HuaweiVRPConverter(sources: configs.map(\.source))
        for config in configs { converter.read(config) }
        return converter.finish()
    }

    static func vendorDefault(_ statement: String) -> Provenance {
        .vendorDefault(profile: profile, statement: statement)
    }
}

/// A local user as its `local-user NAME ...` lines describe it.
struct HuaweiAccountFacts {
    var name: String
    var secret: Secret?
    var privilege: Sourced<Int>?
    var blocked: Sourced<Bool>?
    var spans: [SourceSpan]
}

/// A `user-interface` view.
struct HuaweiLineFacts {
    var kind: LoginChannel.Kind
    var name: String
    var span: SourceSpan
    var authentication: Sourced<LoginChannel.Authentication>?
    var protocols: Sourced<Set<ServiceKind>>?
    var accessClass: Sourced<String>?
    var timeout: Sourced<Int>?
    var privilege: Sourced<Int>?
    var shellDisabled = false
}

struct HuaweiVRPConverter {
    var device: DeviceConfig
    var config: HuaweiVRPConfig!
    var understood: [Bool] = []
    var fileDiagnostics: [Diagnostic] = []

    // Facts resolved at the end.
    /// True when the version line says V200R010 or later (SSH-only vty and no Telnet server by
    /// default); false for older releases; nil when the file has no version line.
    var modernDefaults: Bool?
    var accounts: [String: HuaweiAccountFacts] = [:]
    var accountOrder: [String] = []
    var lines: [HuaweiLineFacts] = []
    var telnetServer: Sourced<Bool>?
    var sshServer: Sourced<Bool>?
    var httpServer: Sourced<Bool>?
    var httpsServer: Sourced<Bool>?
    var ftpServer: Sourced<Bool>?
    var servicePorts: [ServiceKind: Sourced<Int>] = [:]
    var serviceACLs: [ServiceKind: Sourced<String>] = [:]
    var sshVersion: Sourced<String>?
    var authenticationSchemes: [String: [String]] = [:]
    var loginProtection: Sourced<LoginProtection?>?
    var snmpSpans: [SourceSpan] = []
    var snmpDisabled: SourceSpan?
    var snmpVersions: Sourced<Set<String>>?
    var snmpGlobalACL: Sourced<String>?
    var communities: [SNMPCommunity] = []
    var communityACLSet: [Bool] = []
    var filterIndex: [String: Int] = [:]
    var trafficFilters: Set<String> = []
    var interfaceIndex: [String: Int] = [:]
    var interfaceFiles: [String: String] = [:]
    var wanHints: [String: [SourceSpan]] = [:]
    var pppoeBundles: [(interface: String, bundle: String, span: SourceSpan)] = []
    var dialerBundles: [String: [String]] = [:]
    var defaultRoutes: [(interface: String?, nextHop: IPAddress?, span: SourceSpan)] = []
    var pendingForwards: [(interface: String?, forward: PortForward)] = []
    var referencedFilters: [(name: String, context: String, filtersTraffic: Bool, origin: Provenance)] = []

    init(sources: [ConfigSource]) {
        device = DeviceConfig(identity: DeviceIdentity(vendor: .huaweiVRP), sources: sources)
    }

    var file: String { config.file }

    // MARK: - Reading one file

    mutating func read(_ config: HuaweiVRPConfig) {
        self.config = config
        understood = Array(repeating: false, count: config.commands.count)
        fileDiagnostics = []
        readVersion()
        for index in config.topLevel { topLevel(index) }
        finishFile()
    }

    /// `!Software Version V200R010C00SPC600`: VRP V200R010 and later (V300, VRP8) ship with SSH-only
    /// vty lines and the Telnet server off; earlier releases accept Telnet by default.
    private mutating func readVersion() {
        guard let (number, text) = config.versionLine else { return }
        let words = HuaweiText.words(text)
        guard let version = words.first(where: { $0.hasPrefix("V") && $0.count >= 4 && $0.dropFirst().first?.isNumber == true }) else {
            return
        }
        device.identity.firmware = Sourced(String(version), .source(SourceSpan(file: file, start: number)))
        let major = HuaweiText.integer(version.dropFirst().prefix { $0.isNumber }) ?? 0
        var release = 0
        if let r = version.firstIndex(of: "R") {
            release = HuaweiText.integer(version[version.index(after: r)...].prefix { $0.isNumber }) ?? 0
        }
        modernDefaults = major > 200 || (major == 200 && release >= 10)
    }

    mutating func finishFile() {
        let commands = config.commands
        var understoodCount = 0
        var unrecognized: [Diagnostic] = []
        var parents: [Int?] = []
        parents.reserveCapacity(commands.count)
        var open: [Int] = []
        for index in commands.indices {
            while let top = open.last, commands[top].subtreeEnd <= index { open.removeLast() }
            parents.append(open.last)
            open.append(index)
            if understood[index] {
                understoodCount += 1
                continue
            }
            let context = parents[index].map { " (in \(Self.safeExcerpt(commands[$0].words)))" } ?? ""
            unrecognized.append(Diagnostic(.warning, code: "unrecognized-line",
                                           "not understood: \(Self.safeExcerpt(commands[index].words))\(context)",
                                           at: span(index)))
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
            if HuaweiVocabulary.secretKeywords.contains(word) {
                shown.append("…")
                break
            }
        }
        if words.count > shown.count, shown.last != "…" { shown.append("…") }
        return "'\(shown.joined(separator: " "))'"
    }

    // MARK: - Helpers

    func command(_ index: Int) -> HuaweiCommand { config.commands[index] }

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

    mutating func diagnose(_ level: Diagnostic.Level, _ code: String, _ message: String, at index: Int) {
        fileDiagnostics.append(Diagnostic(level, code: code, message, at: span(index)))
    }

    mutating func badValue(_ message: String, at index: Int) {
        diagnose(.warning, "bad-value", message, at: index)
    }

    /// Masks a word of a command on its line.
    mutating func markSecret(_ word: Substring, at index: Int) {
        let command = command(index)
        device.markSecret(file: config.file, line: command.line, range: LineBytes.range(of: word, in: command.raw))
    }

    /// Masks every secret value in a command (`cipher X`, `simple X`, `irreversible-cipher X`,
    /// `pass-phrase X`) and returns the first one with the keyword before it.
    @discardableResult
    mutating func scanSecret(at index: Int) -> (keyword: Substring, value: Substring)? {
        let words = command(index).words
        var found: (Substring, Substring)?
        var position = 0
        while position < words.count - 1 {
            if HuaweiVocabulary.secretKeywords.contains(words[position]) {
                let value = words[position + 1]
                if !HuaweiVocabulary.secretKeywords.contains(value) {
                    markSecret(value, at: index)
                    if found == nil { found = (words[position], value) }
                }
                position += 2
            } else {
                position += 1
            }
        }
        return found
    }

    /// Records the secret of a command that is not modelled otherwise (OSPF and BGP keys, RADIUS
    /// shared keys, IKE pre-shared keys, PPP passwords) as a service secret.
    mutating func storeServiceSecret(at index: Int, owner: String, kind: String? = nil) {
        guard let (keyword, value) = scanSecret(at: index) else { return }
        let secret = HuaweiSecrets.secret(keyword: keyword, value: value, origin: source(index))
        let purpose = kind ?? String(command(index).words.first ?? "service")
        device.storedSecrets.append(StoredSecret(purpose: .service(purpose), owner: owner, secret: secret))
    }

    /// Scans a whole view for secrets (a view that is otherwise not modelled); they are secrets of
    /// the view's feature (`ospf`, `bgp`, `radius-server`).
    mutating func storeServiceSecrets(in index: Int) {
        let words = command(index).words
        let kind = String(words.first ?? "service")
        let owner = words.prefix(2).joined(separator: " ")
        for position in index..<config.commands[index].subtreeEnd {
            storeServiceSecret(at: position, owner: owner, kind: kind)
        }
    }

    // MARK: - Finishing

    mutating func finish() -> DeviceConfig {
        resolveAccounts()
        resolveInterfaceRoles()
        resolveFilters()
        resolveLoginChannels()
        resolveServices()
        resolveSNMP()
        resolveForwards()
        device.hardening.loginProtection = loginProtection ?? Sourced(
            LoginProtection(blockSeconds: 300, attempts: 3, withinSeconds: 300),
            HuaweiVRPConversion.vendorDefault(
                "a local user is locked for 5 minutes after 3 wrong passwords within 5 minutes (local-aaa-user wrong-password retry-interval 5 retry-time 3 block-time 5)"))
        return device
    }
}
