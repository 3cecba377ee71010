import AuditCore

/// Step two of reading a FortiOS configuration: the `FortiOSConfig` tree to the vendor-neutral
/// `DeviceConfig`, following the "FortiOS" table of docs/architecture.md.
///
/// Blocks are collected by section (`system interface`, `firewall policy`) with the VDOM they sit
/// in (`config vdom` / `edit NAME`; `config global` holds the device-wide ones), then resolved in
/// dependency order: global settings, interfaces and zones, administrators, management services,
/// address and service objects, policies, virtual IPs, SNMP. Every line is modelled, recognised
/// as carrying nothing the model needs, or reported as `unrecognized-line`.
public enum FortiOSConversion {
    public static let profile = "fortios"

    public static func convert(_ configs: [FortiOSConfig]) -> DeviceConfig {
        var converter = FortiOSConverter(configs: configs)
        converter.collect()
        converter.resolve()
        return converter.finish()
    }

    static func vendorDefault(_ statement: String) -> Provenance {
        .vendorDefault(profile: profile, statement: statement)
    }
}

/// A block as collected, with its file and VDOM.
struct FortiScopedBlock {
    var file: Int
    var vdom: String?
    var block: FortiBlock
}

/// An `edit` entry of a section, merged over every block that edits it (a later `edit` of the same
/// name changes the entry, as FortiOS applies it).
struct FortiScopedEntry {
    var file: Int
    var vdom: String?
    var name: String
    var line: Int
    var endLine: Int
    var settings: [FortiSetting]
    var blocks: [FortiBlock]
    var attributes: FortiAttributes

    func block(_ key: String) -> FortiBlock? { blocks.first { $0.key == key } }
}

struct FortiOSConverter {
    let configs: [FortiOSConfig]
    var device: DeviceConfig
    var understood: [[Bool]]
    var fileDiagnostics: [Diagnostic] = []
    /// Collected blocks by section key, in file order.
    var sections: [String: [FortiScopedBlock]] = [:]
    var sectionOrder: [String] = []
    var vdomNames: Set<String> = []

    // Facts gathered while resolving.
    var global = FortiAttributes([])
    var globalFile = 0
    var privateDataEncryption = false
    var interfaces: [String: FortiInterfaceFacts] = [:]
    var interfaceOrder: [String] = []
    var systemZones: [String: (members: [String], entry: FortiScopedEntry)] = [:]
    var zoneOfInterface: [String: String] = [:]
    var defaultRouteDevices: [String: [SourceSpan]] = [:]
    var sdwanMembers: [String: [SourceSpan]] = [:]
    var adminRestriction: FortiAdminRestriction = .unknown
    var addresses: [String: FortiScopedEntry] = [:]
    var addressGroups: [String: FortiScopedEntry] = [:]
    var vips: [String: FortiScopedEntry] = [:]
    var vipGroups: [String: [String]] = [:]
    var services: [String: [FortiServiceEntry]] = [:]
    var serviceGroups: [String: [String]] = [:]
    var vipUses: [String: [FortiVIPUse]] = [:]
    var localInRules: [FilterRule] = []
    var referenced: Set<String> = []

    init(configs: [FortiOSConfig]) {
        self.configs = configs
        device = DeviceConfig(identity: DeviceIdentity(vendor: .fortiOS), sources: configs.map(\.source))
        understood = configs.map { Array(repeating: false, count: $0.source.lineCount + 2) }
    }

    // MARK: - Collecting

    mutating func collect() {
        for (fileIndex, config) in configs.enumerated() {
            readHeader(config, file: fileIndex)
            for block in config.blocks { collectTopLevel(block, file: fileIndex) }
            for stray in config.strayCommands {
                scanSecret(stray, file: fileIndex, owner: "top level")
            }
        }
    }

    private mutating func collectTopLevel(_ block: FortiBlock, file: Int) {
        switch block.key {
        case "global":
            understand(file, block.line)
            for setting in block.settings { scanSecret(setting, file: file, owner: "global") }
            for inner in block.blocks { collect(inner, file: file, vdom: nil) }
        case "vdom":
            understand(file, block.line)
            for entry in block.entries {
                understand(file, entry.line)
                vdomNames.insert(entry.name)
                for inner in entry.blocks { collect(inner, file: file, vdom: entry.name) }
            }
        default:
            collect(block, file: file, vdom: nil)
        }
    }

    private mutating func collect(_ block: FortiBlock, file: Int, vdom: String?) {
        if sections[block.key] == nil { sectionOrder.append(block.key) }
        sections[block.key, default: []].append(FortiScopedBlock(file: file, vdom: vdom, block: block))
    }

    /// `#config-version=FGVMK6-7.4.4-FW-build2662-240514:opmode=0:...` and oxidized's
    /// `# Version: FortiGate-3001F v7.4.8,build2795,...` / `# Hostname:` lines.
    private mutating func readHeader(_ config: FortiOSConfig, file: Int) {
        for number in config.commentLines {
            guard let line = config.source.line(number) else { continue }
            let text = line.drop { $0 == " " || $0 == "\t" }
            let span = SourceSpan(file: config.file, start: number)
            if text.hasPrefix("#config-version=") {
                let value = text.dropFirst("#config-version=".count).prefix { $0 != ":" }
                let parts = value.split(separator: "-")
                if parts.count >= 2, device.identity.firmware == nil {
                    device.identity.firmware = Sourced(String(parts[1]), .source(span))
                    if device.identity.model == nil { device.identity.model = Sourced(String(parts[0]), .source(span)) }
                }
            } else if text.hasPrefix("# Version: ") {
                let words = text.dropFirst("# Version: ".count).split(separator: " ")
                if words.count >= 2 {
                    device.identity.model = Sourced(String(words[0]), .source(span))
                    let version = words[1].prefix { $0 != "," }
                    device.identity.firmware = Sourced(String(version.hasPrefix("v") ? version.dropFirst() : version), .source(span))
                }
            } else if text.hasPrefix("# Hostname: "), device.identity.hostname == nil {
                let name = FortiText.trimmed(text.dropFirst("# Hostname: ".count))
                if !name.isEmpty { device.identity.hostname = Sourced(String(name), .source(span)) }
            }
        }
    }

    // MARK: - Resolving

    mutating func resolve() {
        resolveGlobal()
        resolvePasswordPolicy()
        resolveInterfaces()
        resolveZones()
        resolveRoutes()
        buildInterfacesAndZones()
        resolveAdmins()
        resolveObjects()
        resolveManagement()
        resolvePolicies()
        resolveVIPs()
        resolveSNMP()
        resolveUsers()
        resolveRemaining()
    }

    /// Every section no resolver claimed: ignored on purpose when known, else left for the
    /// `unrecognized-line` report. Secrets are recorded and masked in either case.
    private mutating func resolveRemaining() {
        for key in sectionOrder {
            guard let blocks = sections[key] else { continue }
            let ignored = FortiOSVocabulary.isIgnoredSection(key)
            for scoped in blocks {
                scanSecrets(in: scoped.block, file: scoped.file, owner: key)
                if ignored { understandSubtree(scoped.file, scoped.block.line, scoped.block.endLine) }
            }
        }
    }

    /// Takes the blocks of a section out of the pending list (so `resolveRemaining` skips them).
    mutating func take(_ key: String) -> [FortiScopedBlock] {
        sections.removeValue(forKey: key) ?? []
    }

    /// The entries of a section's blocks merged by name, in first-seen order; `delete NAME`
    /// removes an entry. Marks the block headers, entry headers and `delete` lines understood.
    mutating func entries(of blocks: [FortiScopedBlock]) -> [FortiScopedEntry] {
        var result: [FortiScopedEntry] = []
        var index: [String: Int] = [:]
        for scoped in blocks {
            understand(scoped.file, scoped.block.line)
            func key(_ name: String) -> String { scoped.vdom.map { "\($0)\u{1F}\(name)" } ?? name }
            for setting in scoped.block.settings where setting.verb == .delete {
                understand(scoped.file, setting.line)
                if let at = index[key(setting.key)] {
                    result.remove(at: at)
                    index = [:]
                    for (offset, kept) in result.enumerated() {
                        index[kept.vdom.map { "\($0)\u{1F}\(kept.name)" } ?? kept.name] = offset
                    }
                }
            }
            for entry in scoped.block.entries {
                understand(scoped.file, entry.line)
                let key = key(entry.name)
                if let at = index[key] {
                    result[at].settings += entry.settings
                    result[at].blocks += entry.blocks
                    result[at].endLine = max(result[at].endLine, entry.endLine)
                } else {
                    index[key] = result.count
                    result.append(FortiScopedEntry(file: scoped.file, vdom: scoped.vdom, name: entry.name, line: entry.line,
                                                   endLine: entry.endLine, settings: entry.settings, blocks: entry.blocks,
                                                   attributes: FortiAttributes([])))
                }
            }
        }
        for i in result.indices { result[i].attributes = FortiAttributes(result[i].settings) }
        return result
    }

    // MARK: - Finishing

    mutating func finish() -> DeviceConfig {
        var coverage = ParseCoverage()
        for (fileIndex, config) in configs.enumerated() {
            var meaningful = Set<Int>()
            var unrecognized: [Diagnostic] = []
            var understoodCount = 0
            for line in config.meaningfulLines where meaningful.insert(line).inserted {
                if understood[fileIndex][line] {
                    understoodCount += 1
                } else {
                    unrecognized.append(Diagnostic(.warning, code: "unrecognized-line",
                                                   "not understood: \(excerpt(config, line))",
                                                   at: SourceSpan(file: config.file, start: line)))
                }
            }
            coverage = coverage + ParseCoverage(meaningfulLines: meaningful.count, understoodLines: understoodCount)
            let ownDiagnostics = fileDiagnostics.filter { $0.span?.file == config.file }
            var diagnostics = ownDiagnostics + unrecognized
            diagnostics.sort { ($0.span?.start ?? 0) < ($1.span?.start ?? 0) }
            device.diagnostics += config.diagnostics + diagnostics
        }
        device.diagnostics += fileDiagnostics.filter { diagnostic in !configs.contains { $0.file == diagnostic.span?.file } }
        device.coverage = coverage
        return device
    }

    /// The first words of a line, stopping before anything that may be a secret.
    func excerpt(_ config: FortiOSConfig, _ line: Int) -> String {
        guard let text = config.source.line(line) else { return "''" }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        var shown: [Substring] = []
        for word in words.prefix(4) {
            shown.append(word.prefix(40))
            if FortiOSVocabulary.isSecretKey(String(word)) || word == "ENC" {
                shown.append("…")
                break
            }
        }
        if words.count > shown.count, shown.last != "…" { shown.append("…") }
        return "'\(shown.joined(separator: " "))'"
    }

    // MARK: - Helpers

    func fileName(_ file: Int) -> String { configs[file].file }

    func span(_ file: Int, _ line: Int, _ end: Int? = nil) -> SourceSpan {
        SourceSpan(file: configs[file].file, start: line, end: end)
    }

    func source(_ file: Int, _ line: Int) -> Provenance { .source(span(file, line)) }

    func derived(_ file: Int, _ lines: [Int]) -> Provenance {
        let unique = Array(Set(lines)).sorted()
        if unique.count == 1 { return source(file, unique[0]) }
        return .derived(unique.map { span(file, $0) })
    }

    mutating func understand(_ file: Int, _ line: Int) {
        guard line >= 0, line < understood[file].count else { return }
        understood[file][line] = true
    }

    mutating func understand(_ file: Int, _ value: FortiValue?) {
        guard let value else { return }
        for line in value.lines { understand(file, line) }
    }

    /// Marks every line of a block or entry (a recognised part with no modelled meaning).
    mutating func understandSubtree(_ file: Int, _ from: Int, _ to: Int) {
        guard from <= to else { return }
        for line in from...min(to, understood[file].count - 1) { understood[file][line] = true }
    }

    mutating func understandBlock(_ file: Int, _ block: FortiBlock) {
        understandSubtree(file, block.line, block.endLine)
    }

    /// Marks the settings of an entry whose keys are modelled or in `ignored`.
    mutating func understandKeys(_ entry: FortiScopedEntry, known: Set<String>, ignored: Set<String>) {
        for setting in entry.settings where known.contains(setting.key) || ignored.contains(setting.key) {
            understandSubtree(entry.file, setting.line, setting.endLine)
        }
    }

    mutating func diagnose(_ level: Diagnostic.Level, _ code: String, _ message: String, file: Int, line: Int) {
        fileDiagnostics.append(Diagnostic(level, code: code, message, at: span(file, line)))
    }

    mutating func badValue(_ message: String, file: Int, line: Int) {
        diagnose(.warning, "bad-value", message, file: file, line: line)
    }

    // MARK: - Secrets

    /// Reads a secret value as FortiOS writes it: `ENC <base64>` (reversible with the key every
    /// FortiOS shares, unless `private-data-encryption` is on), `ENC SH2...`/`ENC AK1...` (admin
    /// password hashes), a placeholder (`ENC <removed>`), or cleartext as typed in a script.
    func secretForm(_ words: [FortiWord]) -> (form: SecretForm, word: FortiWord?)? {
        guard let first = words.first else { return nil }
        if first.text == "ENC", !first.quoted {
            guard words.count >= 2 else { return (.opaque(scheme: "fortios-enc", encoded: ""), first) }
            let value = words[1].text
            if value.hasPrefix("SH2") { return (.hashed(scheme: .fortiosSH2, encoded: value), words[1]) }
            if value.hasPrefix("AK1") { return (.hashed(scheme: .fortiosAK1, encoded: value), words[1]) }
            if Self.isPlaceholder(value) { return (.opaque(scheme: "redacted", encoded: value), words[1]) }
            if privateDataEncryption {
                return (.opaque(scheme: "fortios-enc-private-key", encoded: value), words[1])
            }
            return (.reversible(scheme: .fortiosENC, encoded: value), words[1])
        }
        let text = words.map(\.text).joined(separator: " ")
        if Self.isPlaceholder(text) { return (.opaque(scheme: "redacted", encoded: text), first) }
        return (text.isEmpty ? .empty : .cleartext(text), first)
    }

    static func isPlaceholder(_ value: String) -> Bool {
        value.hasPrefix("<") && value.hasSuffix(">") || value.hasPrefix("*") && value.allSatisfy { $0 == "*" }
            || value == "REMOVED" || value.hasPrefix("%CENSORED") || value == "xxxxxx"
    }

    /// Masks the secret of a setting on its line (every word of the value after `ENC`).
    mutating func markSecret(_ setting: FortiSetting, file: Int) {
        let words = setting.values.first?.text == "ENC" && !setting.values[0].quoted ? Array(setting.values.dropFirst())
            : setting.values
        for word in words {
            device.markSecret(file: fileName(file), line: word.line, range: word.range)
        }
    }

    /// Records a secret found outside the modelled sections (VPN keys, RADIUS secrets, HA
    /// passwords) as a service secret, and masks it.
    mutating func scanSecret(_ setting: FortiSetting, file: Int, owner: String) {
        guard setting.verb == .set, FortiOSVocabulary.isSecretKey(setting.key), !setting.values.isEmpty else { return }
        markSecret(setting, file: file)
        guard let (form, _) = secretForm(setting.values) else { return }
        if case .empty = form { return }
        device.storedSecrets.append(StoredSecret(purpose: .service(setting.key), owner: owner,
                                                 secret: Secret(form, origin: source(file, setting.line))))
    }

    mutating func scanSecrets(in block: FortiBlock, file: Int, owner: String) {
        for setting in block.settings { scanSecret(setting, file: file, owner: owner) }
        for entry in block.entries {
            let entryOwner = "\(owner) \(entry.name)"
            for setting in entry.settings { scanSecret(setting, file: file, owner: entryOwner) }
            for inner in entry.blocks { scanSecrets(in: inner, file: file, owner: entryOwner) }
        }
        for inner in block.blocks { scanSecrets(in: inner, file: file, owner: owner) }
    }
}

