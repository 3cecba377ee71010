import AuditCore

/// Step two of reading an IOS configuration: the command tree (`CiscoIOSConfig`) to the
/// vendor-neutral `DeviceConfig`, following the "Cisco IOS / IOS-XE" table of
/// docs/architecture.md. Every command is either modelled, recognised as carrying no modelled
/// meaning, or reported as an `unrecognized-line` warning.
public enum CiscoIOSConversion {
    public static let profile = "cisco-ios"

    public static func convert(_ config: CiscoIOSConfig) -> DeviceConfig {
        convert([config])
    }

    /// Several files of one device (rare for IOS) are read in order into one model.
    public static func convert(_ configs: [CiscoIOSConfig], dialect: CiscoDialect = .ios) -> DeviceConfig {
        var converter = CiscoIOSConverter(sources: configs.map(\.source), dialect: dialect)
        for config in configs { converter.read(config) }
        return converter.finish()
    }

    /// A value the platform assumes when the configuration says nothing.
    static func vendorDefault(_ statement: String) -> Provenance {
        .vendorDefault(profile: profile, statement: statement)
    }
}

/// The converter's working state. Values that depend on lines elsewhere in the file (AAA method
/// lists, the IOS version, interface roles) are collected first and resolved in `finish()`.
struct CiscoIOSConverter {
    var device: DeviceConfig

    /// The file being read; set by `read(_:)` before anything looks at it.
    var config: CiscoIOSConfig!
    var understood: [Bool] = []
    var fileDiagnostics: [Diagnostic] = []

    // Facts resolved at the end.
    var version: (major: Int, minor: Int)?
    var aaaNewModel: Sourced<Bool>?
    var loginLists: [String: (methods: [String], span: SourceSpan)] = [:]
    var lineBlocks: [CiscoLineBlock] = []
    var http = CiscoHTTPSettings()
    var sshVersion: Sourced<String>?
    var snmpSpans: [SourceSpan] = []
    var snmpDisabled: SourceSpan?
    /// Other servers IOS runs only when a line turns them on (`ip dns server`, `netconf-yang`, `ftp-server enable`).
    var optionalServers: [(kind: ServiceKind, span: SourceSpan)] = []
    var interfaceIndex: [String: Int] = [:]
    var filterIndex: [CiscoFilterKey: Int] = [:]
    var filterSpans: [[SourceSpan]] = []
    var recordedUses: Set<CiscoFilterUseKey> = []
    var pendingForwards: [CiscoPendingForward] = []
    var natOutsideInterfaces: [String] = []
    var routing = CiscoRoutingFacts()
    var objectGroupsDefined: Set<String> = []
    var objectGroupUses: [(name: String, context: String, span: SourceSpan)] = []
    var accountIndex: [String: Int] = [:]
    var ftpUsername: String?
    /// `ip ftp password` lines, owned by the `ip ftp username` that may come later.
    var ftpSecrets: [Secret] = []

    /// Which IOS-like syntax is read; `.ios` unless an ASA or EOS support asks.
    let dialect: CiscoDialect
    var dialectFacts = CiscoDialectFacts()

    init(sources: [ConfigSource], dialect: CiscoDialect = .ios) {
        self.dialect = dialect
        device = DeviceConfig(identity: DeviceIdentity(vendor: dialect.vendor), sources: sources)
    }

    var file: String { config.file }

    // MARK: - Reading one file

    mutating func read(_ config: CiscoIOSConfig) {
        self.config = config
        understood = Array(repeating: false, count: config.commands.count)
        fileDiagnostics = []
        for index in config.topLevel { topLevel(index) }
        finishFile()
    }

    /// Counts coverage for the file and reports every command nobody understood, in line order.
    mutating func finishFile() {
        let commands = config.commands
        var understoodCount = 0
        var unrecognized: [Diagnostic] = []
        // Parent of each command, found with one stack pass, to name the block an unknown line is in.
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
        let textLines = config.banners.reduce(0) { $0 + $1.lineCount } + config.textBlockLines
        device.coverage = device.coverage + ParseCoverage(meaningfulLines: commands.count + textLines,
                                                          understoodLines: understoodCount + textLines)
        var diagnostics = fileDiagnostics + unrecognized
        diagnostics.sort { ($0.span?.start ?? 0) < ($1.span?.start ?? 0) }
        device.diagnostics += config.diagnostics + diagnostics
    }

    /// The first words of a command, stopping before anything that may be a secret.
    static func safeExcerpt(_ words: [Substring]) -> String {
        var shown: [Substring] = []
        for word in words.prefix(4) {
            if CiscoIOSVocabulary.secretKeywords.contains(word) {
                shown.append(word)
                shown.append("…")
                break
            }
            shown.append(word)
        }
        if words.count > shown.count, shown.last != "…" { shown.append("…") }
        return "'\(shown.joined(separator: " "))'"
    }

    // MARK: - Helpers used by every area

    func command(_ index: Int) -> CiscoCommand { config.commands[index] }

    func span(_ index: Int) -> SourceSpan {
        SourceSpan(file: config.file, start: config.commands[index].line)
    }

    /// A block header with its children, for values that stand for the whole block.
    func blockSpan(_ index: Int) -> SourceSpan {
        let end = config.commands[index].subtreeEnd - 1
        return SourceSpan(file: config.file, start: config.commands[index].line, end: config.commands[end].line)
    }

    func source(_ index: Int) -> Provenance { .source(span(index)) }

    mutating func understand(_ index: Int) { understood[index] = true }

    /// Marks a block and everything under it as understood (a recognised block with no modelled meaning).
    mutating func understandSubtree(_ index: Int) {
        for position in index..<config.commands[index].subtreeEnd { understood[position] = true }
    }

    mutating func diagnose(_ level: Diagnostic.Level, _ code: String, _ message: String, at index: Int) {
        fileDiagnostics.append(Diagnostic(level, code: code, message, at: span(index)))
    }

    /// A value that does not read: a `bad-value` warning on its line.
    mutating func badValue(_ message: String, at index: Int) {
        diagnose(.warning, "bad-value", message, at: index)
    }

    /// Records a secret that is not an account password, and where it sits on its line.
    mutating func storeSecret(_ value: CiscoSecretValue, purpose: SecretPurpose, owner: String, at index: Int) {
        device.storedSecrets.append(StoredSecret(purpose: purpose, owner: owner,
                                                 secret: Secret(value.form, origin: source(index))))
        markSecret(value, at: index)
    }

    mutating func markSecret(_ value: CiscoSecretValue, at index: Int) {
        device.markSecret(file: config.file, line: config.commands[index].line, range: value.range)
    }

    /// Reads and stores the secret at `words[position]`, reporting a missing value.
    mutating func storeSecret(at position: Int, of index: Int, purpose: SecretPurpose, owner: String,
                              restOfLine: Bool = false, stopWords: Set<Substring> = []) {
        guard let value = CiscoSecretParser.read(command(index), at: position, restOfLine: restOfLine,
                                                 stopWords: stopWords) else {
            return badValue("\(command(index).words[safe: position - 1] ?? "secret") has no value", at: index)
        }
        storeSecret(value, purpose: purpose, owner: owner, at: index)
    }

    /// Stores the secret after the first of `keywords` on every command of a block (for blocks
    /// that are otherwise not modelled, such as `radius server` or `key chain`).
    mutating func scanSecrets(in index: Int, keywords: Set<Substring>, purpose: SecretPurpose,
                              owner: (CiscoCommand) -> String) {
        for position in index..<config.commands[index].subtreeEnd {
            let current = command(position)
            guard let keyword = current.words.firstIndex(where: { keywords.contains($0) }),
                  keyword + 1 < current.words.count else { continue }
            storeSecret(at: keyword + 1, of: position, purpose: purpose, owner: owner(current))
        }
    }

    // MARK: - Finishing

    mutating func finish() -> DeviceConfig {
        resolveFilterOrigins()
        resolveRoutingRoles()
        resolveLoginChannels()
        resolveManagementServices()
        resolveForwards()
        resolveObjectGroupReferences()
        resolveHardeningDefaults()
        // The dialects replace what IOS defaults would have said about their services.
        switch dialect {
        case .ios: break
        case .asa: finishASA()
        case .eos: finishEOS()
        }
        for secret in ftpSecrets {
            device.storedSecrets.append(StoredSecret(purpose: .service("ftp"), owner: ftpUsername ?? "ftp", secret: secret))
        }
        return device
    }
}

/// One entry of the filter-use map, to add each use of a list once.
struct CiscoFilterUseKey: Hashable {
    var name: String
    var use: FilterUse
}

/// Filter lists are keyed by name and address family: IOS keeps `ip access-list FOO` and
/// `ipv6 access-list FOO` apart.
struct CiscoFilterKey: Hashable {
    var name: String
    var family: Int
}
