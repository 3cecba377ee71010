import AuditCore

/// Step two of reading a Junos configuration: the word tree (`JunosTree`) to the vendor-neutral
/// `DeviceConfig`. Every statement is modelled, recognised as carrying no security meaning, or
/// reported as an `unrecognized-line` warning.
public enum JunosConversion {
    public static let profile = "junos"

    public static func convert(_ tree: JunosTree, sources: [ConfigSource]) -> DeviceConfig {
        var converter = JunosConverter(tree: tree, sources: sources)
        return converter.run()
    }

    /// A value the platform assumes when the configuration says nothing.
    static func vendorDefault(_ statement: String) -> Provenance {
        .vendorDefault(profile: profile, statement: statement)
    }
}

/// The converter's working state. Facts that depend on other stanzas (interface roles, zone
/// roles, service ports) are collected first and resolved in order by `run()`.
struct JunosConverter {
    let tree: JunosTree
    var device: DeviceConfig
    var understood: [Bool]
    var diagnostics: [Diagnostic] = []

    /// Interfaces by unit name (`ge-0/0/0.0`), as indexes into `device.interfaces`.
    var interfaceIndex: [String: Int] = [:]
    /// Why an interface faces the Internet or is a management port, before zones are read.
    var interfaceHints: [String: Sourced<ZoneRole>] = [:]
    var defaultRouteSpans: [SourceSpan] = []
    var zoneOfInterface: [String: String] = [:]
    var zoneMemberNodes: [String: Int32] = [:]
    /// `host-inbound-traffic` blocks of zones and of zone interfaces, read once services are known.
    var hostInbound: [(zone: String, node: Int32, interface: String?)] = []
    /// Address books: book name → address or set name → addresses; zone → attached books.
    var addressBooks: [String: [String: JunosAddressEntry]] = [:]
    var booksOfZone: [String: [String]] = [:]
    var applications: [String: [JunosApplicationTerm]] = [:]
    var applicationSets: [String: [String]] = [:]
    var prefixLists: [String: [IPPrefix]] = [:]
    /// Prefix lists filled at commit time (`apply-path`): known to exist, not resolvable here.
    var dynamicPrefixLists: Set<String> = []
    /// Filter list names by family and Junos filter name (inet and inet6 names are separate).
    var filterNames: [JunosFilterKey: String] = [:]
    /// Value nodes already stored as secrets, so the final scan does not store them twice.
    var claimedSecrets: Set<Int32> = []
    var servicePorts: [ServiceKind: Int] = [:]
    /// References already recorded, by kind and name.
    var referencedNames: Set<String> = []
    var isSecurityDevice = false

    init(tree: JunosTree, sources: [ConfigSource]) {
        self.tree = tree
        device = DeviceConfig(identity: DeviceIdentity(vendor: .junos), sources: sources)
        understood = Array(repeating: false, count: tree.nodes.count)
    }

    static let root = JunosTree.root

    mutating func run() -> DeviceConfig {
        let root = Self.root
        isSecurityDevice = tree.path(root, "security", "zones") != nil || tree.path(root, "security", "policies") != nil
        readIdentity()
        readPrefixLists()
        readFilters()
        readInterfaces()
        readDefaultRoute()
        readApplications()
        readAddressBooks()
        readSystem()
        readSNMP()
        readZones()
        applyInterfaceRoles()
        readPolicies()
        readNAT()
        readHostInbound()
        readVPNProposals()
        scanSecrets()
        readRemainingStanzas()
        finishCoverage()
        return device
    }

    // MARK: - Helpers used by every area

    func word(_ node: Int32) -> Substring { tree.word(node) }
    func text(_ node: Int32) -> String { String(tree.word(node)) }
    func span(_ node: Int32) -> SourceSpan { tree.span(node) }
    func source(_ node: Int32) -> Provenance { tree.source(node) }
    func blockSpan(_ node: Int32) -> SourceSpan { tree.blockSpan(node) }
    func children(_ node: Int32) -> JunosChildren { tree.children(node) }

    /// Marks a word and the words above it as understood.
    mutating func understand(_ node: Int32) {
        var cursor = node
        while cursor > 0 && !understood[Int(cursor)] {
            understood[Int(cursor)] = true
            let origin = tree[cursor].origin
            if origin != cursor { understood[Int(origin)] = true }
            cursor = tree[cursor].parent
        }
    }

    /// Marks a recognised block and everything under it as understood.
    mutating func understandSubtree(_ node: Int32) {
        understand(node)
        var cursor = node
        while true {
            understood[Int(cursor)] = true
            let origin = tree.nodes[Int(cursor)].origin
            if origin != cursor { understood[Int(origin)] = true }
            let first = tree.nodes[Int(cursor)].firstChild
            if first >= 0 {
                cursor = first
                continue
            }
            while cursor != node && tree.nodes[Int(cursor)].nextSibling < 0 {
                cursor = tree.nodes[Int(cursor)].parent
            }
            if cursor == node { return }
            cursor = tree.nodes[Int(cursor)].nextSibling
        }
    }

    /// The children of a block whose words are in `known`, understood; the others left for the
    /// unrecognized-line report.
    mutating func understandKnown(_ node: Int32, _ known: Set<Substring>) {
        for child in children(node) where known.contains(word(child)) {
            understandSubtree(child)
        }
    }

    mutating func diagnose(_ level: Diagnostic.Level, _ code: String, _ message: String, at node: Int32) {
        diagnostics.append(Diagnostic(level, code: code, message, at: span(node)))
    }

    mutating func badValue(_ message: String, at node: Int32) {
        diagnose(.warning, "bad-value", message, at: node)
    }

    /// A reference to a named object (address-book entry, application, prefix list, pool, client
    /// list) that the configuration does not define, recorded once per name.
    mutating func referenceUndefined(kind: ObjectReference.Kind, name: String, context: String, filtersTraffic: Bool,
                                     origin: Provenance) {
        guard referencedNames.insert("\(kind.rawValue) \(name)").inserted else { return }
        var reference = ObjectReference(kind: kind, name: name, context: context, filtersTraffic: filtersTraffic, origin: origin)
        reference.knownUndefined = true
        device.references.append(reference)
    }

    /// Records where a secret value sits on its line so reports can mask it.
    mutating func markSecret(_ node: Int32) {
        let value = tree[node]
        guard value.length > 0 else { return }
        device.markSecret(file: tree.file(node), line: Int(value.line),
                          range: Int(value.column)..<Int(value.column + value.length))
    }

    /// The role a zone, interface or network name tells.
    static func role(forName name: String) -> ZoneRole? {
        let lower = name.lowercased()
        var tokens: [Substring] = []
        // Split on separators and digits: `untrust1`, `wan-isp`, `Trust_Zone`.
        var start = lower.startIndex
        var index = lower.startIndex
        while index < lower.endIndex {
            let character = lower[index]
            if character == "-" || character == "_" || character == "." || character == " " || character.isNumber {
                if start < index { tokens.append(lower[start..<index]) }
                start = lower.index(after: index)
            }
            index = lower.index(after: index)
        }
        if start < lower.endIndex { tokens.append(lower[start...]) }
        let wan: Set<Substring> = ["untrust", "untrusted", "internet", "outside", "wan", "external", "ext", "isp", "public",
                                   "uplink"]
        let lan: Set<Substring> = ["trust", "trusted", "inside", "lan", "internal", "private", "corp", "office"]
        if tokens.contains(where: { wan.contains($0) }) { return .wan }
        if tokens.contains(where: { $0 == "dmz" }) { return .dmz }
        if tokens.contains(where: { $0 == "guest" || $0 == "guests" || $0 == "visitor" }) { return .guest }
        if tokens.contains(where: { $0 == "mgmt" || $0 == "management" || $0 == "oob" || $0 == "manage" }) { return .mgmt }
        if tokens.contains(where: { lan.contains($0) }) { return .lan }
        return nil
    }

    // MARK: - Coverage

    /// Counts coverage per line and reports every line nobody understood, in line order.
    mutating func finishCoverage() {
        // Inactive statements are recognised: Junos ignores them, and so does the audit.
        for index in tree.nodes.indices where index > 0 && tree.nodes[index].inactive {
            understandSubtree(Int32(index))
            diagnose(.info, "inactive", "'\(Self.excerpt(tree.pathWords(Int32(index))))' is inactive (deactivated); it is ignored",
                     at: Int32(index))
        }
        // Per file and line: 0 no statement, 1 understood, 2 not understood (with its node).
        var states: [[UInt8]] = Array(repeating: [], count: tree.files.count)
        var firstUnknown: [[Int32]] = Array(repeating: [], count: tree.files.count)
        for statement in tree.statements {
            let file = Int(statement.file), line = Int(statement.line)
            guard file < states.count else { continue }
            if states[file].count <= line {
                states[file] += Array(repeating: 0, count: line + 1 - states[file].count)
                firstUnknown[file] += Array(repeating: -1, count: line + 1 - firstUnknown[file].count)
            }
            let ok: Bool
            switch statement.node {
            case -1: ok = true
            case -2: ok = false
            default: ok = understood[Int(statement.node)]
            }
            if states[file][line] == 0 {
                states[file][line] = ok ? 1 : 2
                if !ok { firstUnknown[file][line] = statement.node }
            } else if states[file][line] == 1 && !ok {
                states[file][line] = 2
                firstUnknown[file][line] = statement.node
            }
        }
        var unrecognized: [Diagnostic] = []
        var meaningful = 0
        var understoodCount = 0
        for (file, lines) in states.enumerated() {
            for (line, state) in lines.enumerated() where state != 0 {
                meaningful += 1
                if state == 1 {
                    understoodCount += 1
                    continue
                }
                let node = firstUnknown[file][line]
                guard node >= 0 else { continue }
                unrecognized.append(Diagnostic(.warning, code: "unrecognized-line",
                                               "not understood: '\(Self.excerpt(tree.pathWords(node)))'",
                                               at: SourceSpan(file: tree.files[file], start: line)))
            }
        }
        unrecognized.sort { ($0.span?.file ?? "", $0.span?.start ?? 0) < ($1.span?.file ?? "", $1.span?.start ?? 0) }
        device.coverage = ParseCoverage(meaningfulLines: meaningful, understoodLines: understoodCount)
        var all = tree.diagnostics + diagnostics
        all.sort { ($0.span?.file ?? "", $0.span?.start ?? 0) < ($1.span?.file ?? "", $1.span?.start ?? 0) }
        device.diagnostics += all + unrecognized
    }

    /// The words of a statement for a message, stopping after a word that introduces a secret.
    static func excerpt(_ words: [Substring]) -> String {
        var shown: [Substring] = []
        for word in words.prefix(8) {
            shown.append(word)
            if JunosVocabulary.secretKeywords.contains(word) {
                if words.count > shown.count { shown.append("…") }
                return shown.joined(separator: " ")
            }
        }
        if words.count > shown.count { shown.append("…") }
        return shown.joined(separator: " ")
    }
}

/// A filter is named per address family: `family inet filter F` and `family inet6 filter F` are two.
struct JunosFilterKey: Hashable {
    var family: Int
    var name: String
}

/// One address-book entry: resolved addresses, or the names of the entries it groups.
struct JunosAddressEntry {
    var addresses: [AddressMatch]
    var members: [String]
    var node: Int32
}

/// One term of an application: protocol and ports.
struct JunosApplicationTerm: Hashable {
    var protocols: ProtocolMatch
    var sourcePorts: PortMatch = .any
    var destinationPorts: PortMatch = .any
    var icmpTypes: [String] = []
}
