import AuditCore

/// Turns one `config.xml` (read into a `PfXMLDocument`) into the vendor-neutral `DeviceConfig`.
/// pfSense and OPNsense share the code; `flavor` carries where they differ. Each area lives in its
/// own file as an extension: system and accounts, management services, interfaces and zones,
/// aliases, filter rules, NAT, stored secrets, coverage.
struct PfSenseConversion {
    let flavor: PfSenseFlavor
    let doc: PfXMLDocument
    let file: String
    let root: Int
    var config: DeviceConfig

    /// Interfaces by key (`wan`, `lan`, `opt1`), in file order.
    var interfaces: [PfInterface] = []
    var interfaceIndex: [String: Int] = [:]
    /// Interface groups (`<ifgroups>`) by name, with their member keys.
    var interfaceGroups: [String: [String]] = [:]
    /// Aliases by name.
    var aliases: [String: PfAlias] = [:]
    /// Whether IPv6 is allowed at all (`<system><ipv6allow>`); without it both products block
    /// every IPv6 packet before any user rule.
    var ipv6Allowed = false
    /// `<system><disablefilter>`: pf is off and passes everything.
    var filterDisabled: Sourced<Bool>?
    var sshService: ManagementService?

    init(flavor: PfSenseFlavor, doc: PfXMLDocument, file: String, root: Int, config: DeviceConfig) {
        self.flavor = flavor
        self.doc = doc
        self.file = file
        self.root = root
        self.config = config
    }

    /// Order matters: interfaces and aliases come first because rules, services and port
    /// forwards take roles and addresses from them; services before rules because the
    /// anti-lockout rule opens the GUI and SSH ports.
    mutating func run() -> DeviceConfig {
        recordCoverage()
        convertIdentity()
        convertInterfaces()
        collectAliases()
        convertAccounts()
        convertServices()
        convertFilter()
        convertPortForwards()
        convertStoredSecrets()
        convertVPNProposals()
        convertAuthServers()
        convertAuthReferences()
        return config
    }

    // MARK: - Helpers shared by the area files

    var profile: String { flavor.profile }

    func vendorDefault(_ statement: String) -> Provenance {
        .vendorDefault(profile: profile, statement: statement)
    }

    mutating func diagnose(_ level: Diagnostic.Level, _ code: String, _ message: String, at line: Int? = nil) {
        config.diagnostics.append(Diagnostic(level, code: code, message, at: line.map { SourceSpan(file: file, start: $0) }))
    }

    /// The whole element, start tag to end tag.
    func span(_ element: Int) -> SourceSpan {
        SourceSpan(file: file, start: doc.line(element), end: doc.endLine(element))
    }

    /// The line of the element's start tag.
    func origin(_ element: Int) -> Provenance {
        .source(SourceSpan(file: file, start: doc.line(element)))
    }

    /// The whole element as evidence (a rule, a user).
    func blockOrigin(_ element: Int) -> Provenance {
        .source(span(element))
    }

    func child(_ element: Int, _ name: String) -> Int? { doc.child(element, name) }
    func children(_ element: Int, _ name: String) -> [Int] { doc.children(element, name) }
    func text(_ element: Int) -> String { doc.text(element) }

    /// The text of a child, or nil when the child is absent.
    func value(_ element: Int, _ name: String) -> String? {
        child(element, name).map { doc.text($0) }
    }

    /// The text of a child when present and not empty.
    func nonEmpty(_ element: Int, _ name: String) -> String? {
        guard let value = value(element, name), !value.isEmpty else { return nil }
        return value
    }

    /// Both products test most switches with PHP `isset()`: present means on, whatever the value.
    func isSet(_ element: Int, _ name: String) -> Bool {
        child(element, name) != nil
    }

    /// `system`, `interfaces`, ... below the root.
    func section(_ name: String) -> Int? { child(root, name) }

    func section(_ path: [String]) -> Int? { doc.descendant(root, path) }

    /// Records where a secret value sits so quoted evidence can be masked.
    mutating func markSecret(_ element: Int) {
        guard let location = doc.valueLocation(element) else { return }
        config.markSecret(file: file, line: location.line, range: location.range)
    }

    /// Splits a list written with commas and/or spaces.
    static func list(_ text: String) -> [String] {
        var result: [String] = []
        var text = text
        text.withUTF8 { bytes in
            var start = 0
            for index in 0...bytes.count {
                let separator = index == bytes.count || bytes[index] == 0x2C || PfXMLBytes.isSpace(bytes[index])
                guard separator else { continue }
                if index > start {
                    result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
                }
                start = index + 1
            }
        }
        return result
    }
}

/// One interface of `<interfaces>` as the model needs it.
struct PfInterface {
    var key: String
    var element: Int
    var device: String?
    var description: String?
    var enabled: Bool
    var role: Sourced<ZoneRole>
    /// The IPv4 address and subnet when static.
    var address: IPAddress?
    var prefix: IPPrefix?
    var addressV6: IPAddress?
    var prefixV6: IPPrefix?
    /// `dhcp`, `pppoe`, ... when the address is dynamic.
    var dynamicType: String?
    var blockPrivate: Int?
    var blockBogons: Int?
    /// `<ipaddrv6>` is set (static, tracked or dynamic).
    var hasIPv6 = false

    /// The interface's networks, for resolving `lan` / `opt1` in rules.
    var networks: [IPPrefix] { [prefix, prefixV6].compactMap { $0 } }
    var addresses: [IPAddress] { [address, addressV6].compactMap { $0 } }
}
