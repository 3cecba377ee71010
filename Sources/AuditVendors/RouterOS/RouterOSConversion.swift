import AuditCore

/// Turns the statements of one device's exports into the vendor-neutral `DeviceConfig`. Each area
/// lives in its own file as an extension: interfaces and roles, firewall, NAT, services, SNMP,
/// accounts and secrets.
///
/// An export prints only what differs from the defaults, so every service, policy and community
/// the platform has out of the box is modelled here as a value with vendor-default provenance
/// (RouterOS manual, "IP Services", "Firewall", "SNMP", "MAC server").
struct RouterOSConversion {
    static let profile = "routeros"

    var config: DeviceConfig
    let documents: [RouterOSDocument]
    /// Every statement of every input, in order (path lines included).
    let statements: [RouterOSStatement]
    /// Command statements by menu path, in order.
    let byPath: [String: [RouterOSStatement]]
    /// Lines the conversion could not use although the syntax read: file → line → why.
    var notUnderstood: [String: [Int: String]] = [:]

    // Worked out by the interface pass and used by the others.
    var interfaces: [String: RouterOSInterface] = [:]
    var interfaceOrder: [String] = []
    var lists: [String: RouterOSInterfaceList] = [:]
    var listOrder: [String] = []
    /// Each list's members with `include=`/`exclude=` applied.
    var resolvedMembers: [String: [String]] = [:]
    /// Names of the zones (one per interface with a role or a list), in order.
    var zoneNames: [String] = []
    /// Interfaces that filter rules name in `in-interface`/`out-interface`.
    var ruleInterfaces: Set<String> = []
    /// Address lists by name (IPv4 and IPv6 share the namespace of their own table).
    var addressLists: [String: RouterOSAddressList] = [:]
    var addressLists6: [String: RouterOSAddressList] = [:]

    init(config: DeviceConfig, documents: [RouterOSDocument]) {
        self.config = config
        self.documents = documents
        var all: [RouterOSStatement] = []
        for document in documents { all += document.statements }
        statements = all
        var index: [String: [RouterOSStatement]] = [:]
        for statement in all where !statement.isPathLine {
            index[statement.path, default: []].append(statement)
        }
        byPath = index
    }

    /// Order matters: interfaces and their roles first (rules, forwards and services name them),
    /// then address lists (rules resolve them), then the firewall, which also sets zone policies.
    mutating func run() -> DeviceConfig {
        convertIdentity()
        convertInterfaces()
        convertAddressLists()
        convertFirewall()
        convertPortForwards()
        convertServices()
        convertSNMP()
        convertAccounts()
        convertStoredSecrets()
        recordCoverage()
        return config
    }

    // MARK: - Statement access

    /// Command statements of a menu, in order.
    func items(_ path: String) -> [RouterOSStatement] {
        byPath[path] ?? []
    }

    /// The `set` statements of a singleton menu (`/ip dns`, `/snmp`), in order.
    func settings(_ path: String) -> [RouterOSStatement] {
        items(path).filter { $0.command == "set" }
    }

    /// The last value a singleton menu's `set` lines give a property, with its statement.
    func setting(_ path: String, _ key: String) -> (value: String, statement: RouterOSStatement, property: RouterOSProperty)? {
        for statement in settings(path).reversed() {
            if let property = statement.property(key) { return (property.value, statement, property) }
        }
        return nil
    }

    // MARK: - Helpers shared by the area files

    static func vendorDefault(_ statement: String) -> Provenance {
        .vendorDefault(profile: profile, statement: statement)
    }

    mutating func diagnose(_ level: Diagnostic.Level, _ code: String, _ message: String, at span: SourceSpan? = nil) {
        config.diagnostics.append(Diagnostic(level, code: code, message, at: span))
    }

    mutating func badValue(_ message: String, _ property: RouterOSProperty, in statement: RouterOSStatement) {
        diagnose(.warning, "bad-value", message, at: SourceSpan(file: statement.file, start: statement.line(of: property)))
    }

    /// A `yes`/`no` property, or the platform default.
    mutating func bool(_ key: String, in statement: RouterOSStatement, default fallback: Bool, statement text: String) -> Sourced<Bool> {
        guard let property = statement.property(key) else { return Sourced(fallback, Self.vendorDefault(text)) }
        guard let value = RouterOSValues.bool(property.value) else {
            badValue("'\(property.value)' is not yes or no for '\(key)'", property, in: statement)
            return Sourced(fallback, .unparsed(SourceSpan(file: statement.file, start: statement.line(of: property))))
        }
        return Sourced(value, statement.origin(of: property))
    }

    /// Whether an item line is switched off with `disabled=yes`.
    static func isDisabled(_ statement: RouterOSStatement) -> Bool {
        statement.value("disabled").flatMap(RouterOSValues.bool) ?? false
    }

    /// Records where a secret value sits so quoted evidence can be masked.
    mutating func markSecret(_ property: RouterOSProperty, in statement: RouterOSStatement) {
        for (line, range) in statement.physicalRanges(of: property) where !range.isEmpty {
            config.markSecret(file: statement.file, line: line, range: range)
        }
    }

    mutating func notUnderstood(_ statement: RouterOSStatement, _ reason: String) {
        for line in statement.firstLine...statement.lastLine {
            notUnderstood[statement.file, default: [:]][line] = reason
        }
    }

    // MARK: - Identity

    mutating func convertIdentity() {
        if let name = setting("system identity", "name") {
            config.identity.hostname = Sourced(name.value, name.statement.origin(of: name.property))
        } else if let prompt = documents.lazy.compactMap(\.promptHost).first {
            config.identity.hostname = prompt
        }
        config.identity.firmware = documents.lazy.compactMap(\.header.version).first
        config.identity.model = documents.lazy.compactMap(\.header.model).first
    }

    /// The major RouterOS version (6, 7) from the export header, when it says.
    var majorVersion: Int? {
        guard let version = config.identity.firmware?.value, let first = version.split(separator: ".").first else { return nil }
        return Int(first)
    }

    // MARK: - Coverage

    static let unrecognizedWarningsPerFile = 200

    /// Counts meaningful and understood lines and reports each line that is neither readable
    /// export syntax nor a statement under a known menu.
    mutating func recordCoverage() {
        var coverage = ParseCoverage()
        var known: [String: Bool] = [:]
        func isKnown(_ path: String) -> Bool {
            if let cached = known[path] { return cached }
            let value = RouterOSVocabulary.isKnown(path)
            known[path] = value
            return value
        }
        for document in documents {
            var problems = document.unreadable
            for (line, reason) in notUnderstood[document.file] ?? [:] { problems[line] = reason }
            for statement in document.statements where statement.path != ":script" {
                if statement.isPathLine {
                    if !isKnown(statement.path) {
                        problems[statement.firstLine] = "menu '/\(statement.path)' is not known to this parser"
                    }
                } else if statement.path.isEmpty {
                    for line in statement.firstLine...statement.lastLine {
                        problems[line] = "'\(statement.command)' outside any menu"
                    }
                } else if !isKnown(statement.path) {
                    for line in statement.firstLine...statement.lastLine {
                        problems[line] = "menu '/\(statement.path)' is not known to this parser"
                    }
                }
            }
            coverage = coverage + ParseCoverage(meaningfulLines: document.meaningfulLines,
                                                understoodLines: max(0, document.meaningfulLines - problems.count))
            config.diagnostics += document.diagnostics
            let lines = problems.keys.sorted()
            for line in lines.prefix(Self.unrecognizedWarningsPerFile) {
                diagnose(.warning, "unrecognized-line", "line not understood: \(problems[line] ?? "")",
                         at: SourceSpan(file: document.file, start: line))
            }
            if lines.count > Self.unrecognizedWarningsPerFile, let first = lines.dropFirst(Self.unrecognizedWarningsPerFile).first {
                diagnose(.warning, "unrecognized-line",
                         "\(lines.count - Self.unrecognizedWarningsPerFile) more lines not understood (not listed one by one)",
                         at: SourceSpan(file: document.file, start: first, end: lines.last))
            }
        }
        config.coverage = coverage
    }
}
