import AuditCore

/// The two products that write Vyatta configurations. They share the syntax and most semantics;
/// where they differ (user levels, the web GUI, defaults) the conversion asks the flavor.
enum VyattaFlavor: Sendable {
    case edgeOS, vyOS

    var id: VendorID { self == .edgeOS ? .edgeOS : .vyOS }
    var profile: String { id.rawValue }
    var productName: String { self == .edgeOS ? "EdgeOS" : "VyOS" }
}

/// Reads every input of one device into one tree and converts it.
enum VyattaParser {
    static func parse(_ inputs: [ConfigInput], flavor: VyattaFlavor) -> DeviceConfig {
        var document = VyattaDocument()
        var sources: [ConfigSource] = []
        var problems: [Diagnostic] = []
        for (index, input) in inputs.enumerated() {
            let source = ConfigSource(path: input.path, text: input.text)
            sources.append(source)
            document.tree.files.append(input.path)
            if input.text.utf8.contains(0) {
                problems.append(Diagnostic(.error, code: "binary", "the input contains NUL bytes: not a text configuration",
                                           at: SourceSpan(file: input.path, start: 1)))
                continue
            }
            if input.text.utf8.allSatisfy({ VyattaReader.isBlank($0) || $0 == 0x0A }) {
                problems.append(Diagnostic(.warning, code: "empty", "the input is empty", at: SourceSpan(file: input.path, start: 1)))
                continue
            }
            if VyattaJSONReader.looksLikeJSON(input.text) {
                document = VyattaJSONReader.read(input, into: document, fileIndex: Int32(index))
            } else {
                document = VyattaReader.read(source, into: document, fileIndex: Int32(index))
            }
        }
        var config = DeviceConfig(identity: DeviceIdentity(vendor: flavor.id), sources: sources)
        config.diagnostics = problems + document.diagnostics
        var conversion = VyattaConversion(flavor: flavor, document: document, config: config)
        return conversion.run()
    }
}

/// Turns the tree into the vendor-neutral `DeviceConfig`. Each area lives in its own file as an
/// extension: interfaces and roles, firewall, NAT, services, accounts and secrets.
struct VyattaConversion {
    let flavor: VyattaFlavor
    let document: VyattaDocument
    var tree: VyattaTree { document.tree }
    var config: DeviceConfig

    /// Interfaces as read, by name, in file order.
    var interfaces: [VyattaInterface] = []
    var interfaceIndex: [String: Int] = [:]
    /// Switch ports and bridge members, by name.
    var memberPorts: Set<String> = []
    /// Firewall groups, resolved.
    var addressGroups: [String: [IPPrefix]] = [:]
    var portGroups: [String: [ClosedRange<Int>]] = [:]
    var interfaceGroups: [String: [String]] = [:]
    /// Filter list name for each rule-set, by family and name.
    var rulesets: [RulesetKey: VyattaRuleset] = [:]

    init(flavor: VyattaFlavor, document: VyattaDocument, config: DeviceConfig) {
        self.flavor = flavor
        self.document = document
        self.config = config
    }

    /// Order matters: interfaces and roles before the firewall (zones take their roles) and NAT
    /// (forwards take the role of their interface); services after roles.
    mutating func run() -> DeviceConfig {
        recordCoverage()
        convertIdentity()
        convertInterfaces()
        decideRoles()
        convertFirewall()
        convertPortForwards()
        convertServices()
        convertVPNProposals()
        convertNTPServer()
        convertAccounts()
        convertSecrets()
        return config
    }

    // MARK: - Helpers

    mutating func diagnose(_ level: Diagnostic.Level, _ code: String, _ message: String, at span: SourceSpan? = nil) {
        config.diagnostics.append(Diagnostic(level, code: code, message, at: span))
    }

    func vendorDefault(_ statement: String) -> Provenance {
        .vendorDefault(profile: flavor.profile, statement: statement)
    }

    /// One line as `.source`, several as `.derived`.
    func provenance(_ nodes: [Int32]) -> Provenance {
        var spans: [SourceSpan] = []
        for node in nodes where !spans.contains(tree.lineSpan(node)) { spans.append(tree.lineSpan(node)) }
        spans.sort()
        return spans.count == 1 ? .source(spans[0]) : .derived(spans)
    }

    /// Records where a value sits on its line so quoted evidence can be masked.
    mutating func markSecret(_ node: Int32) {
        let n = tree[node]
        guard n.byteEnd > n.byteStart, n.line > 0 else { return }
        config.markSecret(file: tree.file(node), line: Int(n.line), range: Int(n.byteStart)..<Int(n.byteEnd))
    }

    /// The `system`, `service`, `firewall` ... node, if present.
    func top(_ word: String) -> Int32? { tree.child(VyattaTree.root, word) }

    func firstChild(_ node: Int32) -> Int32? {
        let first = tree[node].firstChild
        return first >= 0 ? first : nil
    }

    // MARK: - Coverage

    /// At most this many `unrecognized-line` warnings per file; the rest are summarised.
    static let unrecognizedWarningsPerFile = 200

    mutating func recordCoverage() {
        var understood = 0
        var unknown: [Int32: [(line: Int32, modelled: Bool)]] = [:]
        let statuses = VyattaVocabulary.statuses(tree)
        for line in document.lines {
            switch statuses[Int(line.node)] {
            case .understood: understood += 1
            case .notModelled: unknown[line.file, default: []].append((line.line, true))
            case .unknown: unknown[line.file, default: []].append((line.line, false))
            }
        }
        config.coverage = ParseCoverage(meaningfulLines: document.lines.count, understoodLines: understood)
        for (file, lines) in unknown.sorted(by: { $0.key < $1.key }) {
            let path = Int(file) < tree.files.count ? tree.files[Int(file)] : ""
            for entry in lines.prefix(Self.unrecognizedWarningsPerFile) {
                let message = entry.modelled
                    ? "line recognised but not assessed: the model has no place for this setting yet"
                    : "line not understood: no modelled or known \(flavor.productName) node"
                diagnose(.warning, "unrecognized-line", message, at: SourceSpan(file: path, start: Int(entry.line)))
            }
            if lines.count > Self.unrecognizedWarningsPerFile {
                let rest = lines.dropFirst(Self.unrecognizedWarningsPerFile)
                diagnose(.warning, "unrecognized-line", "\(rest.count) more lines not understood (not listed one by one)",
                         at: SourceSpan(file: path, start: Int(rest.first?.line ?? 0), end: Int(rest.last?.line ?? 0)))
            }
        }
    }

    // MARK: - Identity

    mutating func convertIdentity() {
        if let system = top("system"), let name = tree.value(system, "host-name") {
            config.identity.hostname = Sourced(String(tree.word(name)), tree.origin(name))
        }
        if let release = document.release {
            let path = Int(release.file) < tree.files.count ? tree.files[Int(release.file)] : ""
            config.identity.firmware = Sourced("\(flavor.productName) \(release.text)",
                                               .source(SourceSpan(file: path, start: Int(release.line))))
        }
    }
}
