import AuditCore

/// One management protocol an interface answers (`allowaccess`, `ip6-allowaccess`, a secondary IP's).
struct FortiAccess {
    var service: ServiceKind
    var line: Int
    var family: Int?
}

struct FortiInterfaceFacts {
    var entry: FortiScopedEntry
    var access: [FortiAccess] = []
    var addresses: [IPPrefix] = []
    var ipv6Enabled: Sourced<Bool>?
}

/// Where administrators may log in from: FortiOS answers an admin login only from an address in
/// the administrator's `trusthost1..10`; when every administrator has trusted hosts the unit does
/// not even answer other sources.
enum FortiAdminRestriction {
    /// No `config system admin` in the file: the factory `admin` has no trusted hosts.
    case unknown
    case open(lines: [SourceSpan])
    case restricted([IPPrefix], lines: [SourceSpan])
}

extension FortiOSConverter {
    static let globalKeys: Set<String> = [
        "hostname", "admin-port", "admin-sport", "admin-ssh-port", "admin-telnet-port", "admin-telnet",
        "admin-https-redirect", "admintimeout", "admin-lockout-threshold", "admin-lockout-duration",
        "admin-https-ssl-versions", "private-data-encryption", "admin-ssh-v1", "admin-ssh-password", "admin-http-port",
    ]

    // MARK: - system global

    mutating func resolveGlobal() {
        let blocks = take("system global")
        var settings: [FortiSetting] = []
        for scoped in blocks {
            understand(scoped.file, scoped.block.line)
            globalFile = scoped.file
            settings += scoped.block.settings
            for setting in scoped.block.settings
                where Self.globalKeys.contains(setting.key) || FortiOSVocabulary.globalIgnoredKeys.contains(setting.key) {
                understandSubtree(scoped.file, setting.line, setting.endLine)
            }
            for setting in scoped.block.settings { scanSecret(setting, file: scoped.file, owner: "system global") }
            for inner in scoped.block.blocks { understandBlock(scoped.file, inner) }
        }
        global = FortiAttributes(settings)
        if let hostname = global["hostname"], let name = hostname.first {
            device.identity.hostname = Sourced(name, source(globalFile, hostname.lastLine))
        }
        privateDataEncryption = global.isEnabled("private-data-encryption") ?? false

        // Administrator lockout: FortiOS locks an admin out after `admin-lockout-threshold` failed
        // logins (default 3) for `admin-lockout-duration` seconds (default 60); it cannot be
        // switched off, so every FortiOS unit has login protection.
        let threshold = global["admin-lockout-threshold"]
        let duration = global["admin-lockout-duration"]
        let attempts = threshold?.first.flatMap { FortiText.integer($0) } ?? 3
        let seconds = duration?.first.flatMap { FortiText.integer($0) } ?? 60
        let lines = (threshold?.lines ?? []) + (duration?.lines ?? [])
        let origin: Provenance = lines.isEmpty
            ? FortiOSConversion.vendorDefault("an administrator is locked out for 60 s after 3 failed logins (admin-lockout-threshold 3, admin-lockout-duration 60)")
            : derived(globalFile, lines)
        device.hardening.loginProtection = Sourced(LoginProtection(blockSeconds: seconds, attempts: attempts, withinSeconds: 0),
                                                   origin)
    }

    /// `config system password-policy`: with `status enable`, administrator passwords need
    /// `minimum-length` characters (default 8).
    mutating func resolvePasswordPolicy() {
        for scoped in take("system password-policy") {
            understandBlock(scoped.file, scoped.block)
            let attributes = FortiAttributes(scoped.block.settings)
            guard let status = attributes["status"], status.first == "enable" else { continue }
            if let length = attributes["minimum-length"], let value = length.first.flatMap({ FortiText.integer($0) }) {
                device.hardening.minimumPasswordLength = Sourced(value, source(scoped.file, length.lastLine))
            } else {
                device.hardening.minimumPasswordLength = Sourced(8, FortiOSConversion.vendorDefault(
                    "an enabled password policy requires 8 characters unless minimum-length says otherwise"))
            }
        }
    }

    // MARK: - system interface

    static let interfaceKeys: Set<String> = [
        "ip", "allowaccess", "role", "mode", "alias", "status", "dedicated-to", "username", "password",
    ]

    mutating func resolveInterfaces() {
        for entry in entries(of: take("system interface")) {
            var facts = FortiInterfaceFacts(entry: entry)
            understandKeys(entry, known: Self.interfaceKeys, ignored: FortiOSVocabulary.interfaceIgnoredKeys)
            let attributes = entry.attributes
            if let ip = attributes["ip"] {
                if let prefix = FortiText.prefix(ip.strings) {
                    if !(prefix.address == .v4(0)) { facts.addresses.append(prefix) }
                } else {
                    badValue("interface \(entry.name): '\(ip.joined)' is not an address", file: entry.file, line: ip.lastLine)
                }
            }
            facts.access += access(attributes["allowaccess"], family: nil, file: entry.file, owner: entry.name)
            if let password = entry.settings.last(where: { $0.key == "password" && $0.verb == .set }) {
                markSecret(password, file: entry.file)
                if let (form, _) = secretForm(password.values), form != .empty {
                    device.storedSecrets.append(StoredSecret(purpose: .service("pppoe"), owner: entry.name,
                                                             secret: Secret(form, origin: source(entry.file, password.line))))
                }
            }
            for setting in entry.settings where setting.key != "password" {
                scanSecret(setting, file: entry.file, owner: "interface \(entry.name)")
            }
            for block in entry.blocks {
                switch block.key {
                case "ipv6":
                    readIPv6(block, into: &facts)
                case "secondaryip":
                    understand(entry.file, block.line)
                    for secondary in block.entries {
                        understand(entry.file, secondary.line)
                        let inner = FortiAttributes(secondary.settings)
                        for setting in secondary.settings { understandSubtree(entry.file, setting.line, setting.endLine) }
                        facts.access += access(inner["allowaccess"], family: nil, file: entry.file, owner: entry.name)
                        if let ip = inner["ip"], let prefix = FortiText.prefix(ip.strings) { facts.addresses.append(prefix) }
                    }
                default:
                    understandBlock(entry.file, block)
                }
            }
            if interfaces[entry.name] == nil { interfaceOrder.append(entry.name) }
            interfaces[entry.name] = facts
        }
    }

    private mutating func readIPv6(_ block: FortiBlock, into facts: inout FortiInterfaceFacts) {
        let file = facts.entry.file
        understand(file, block.line)
        let attributes = FortiAttributes(block.settings)
        for setting in block.settings where FortiOSVocabulary.interfaceIPv6IgnoredKeys.contains(setting.key) {
            understandSubtree(file, setting.line, setting.endLine)
        }
        for inner in block.blocks { understandBlock(file, inner) }
        facts.access += access(attributes["ip6-allowaccess"], family: 6, file: file, owner: facts.entry.name)
        if let address = attributes["ip6-address"], let prefix = address.first.flatMap({ IPPrefix($0) }),
           !(prefix.address == .v6(0)) {
            facts.ipv6Enabled = Sourced(true, source(file, address.lastLine))
        } else if let autoconf = attributes["autoconf"], autoconf.first == "enable" {
            facts.ipv6Enabled = Sourced(true, source(file, autoconf.lastLine))
        } else if let mode = attributes["ip6-mode"], ["dhcp", "pppoe", "delegated"].contains(mode.first ?? "") {
            facts.ipv6Enabled = Sourced(true, source(file, mode.lastLine))
        }
    }

    /// The management services an `allowaccess` value opens.
    private mutating func access(_ value: FortiValue?, family: Int?, file: Int, owner: String) -> [FortiAccess] {
        guard let value else { return [] }
        var result: [FortiAccess] = []
        for word in value.strings {
            if let kind = FortiOSVocabulary.allowaccessService(word) {
                result.append(FortiAccess(service: kind, line: value.lastLine, family: family))
            } else if !FortiOSVocabulary.allowaccessWords.contains(word) {
                badValue("interface \(owner): allowaccess '\(word)' is not a FortiOS access type", file: file, line: value.lastLine)
            }
        }
        return result
    }

    // MARK: - system zone

    mutating func resolveZones() {
        for entry in entries(of: take("system zone")) {
            understandKeys(entry, known: ["interface", "intrazone", "description"], ignored: ["uuid", "tagging"])
            for block in entry.blocks { understandBlock(entry.file, block) }
            let members = entry.attributes["interface"]?.strings ?? []
            systemZones[entry.name] = (members, entry)
            for member in members { zoneOfInterface[member] = entry.name }
        }
    }

    // MARK: - router static, SD-WAN

    mutating func resolveRoutes() {
        for entry in entries(of: take("router static")) {
            understandSubtree(entry.file, entry.line, entry.endLine)
            let attributes = entry.attributes
            if attributes.word("status") == "disable" || attributes.word("blackhole") == "enable" { continue }
            let destination = attributes["dst"].flatMap { FortiText.prefix($0.strings) }
            guard destination == nil || destination!.isAny else { continue }
            if let device = attributes["device"]?.first {
                defaultRouteDevices[device, default: []].append(span(entry.file, entry.line, entry.endLine))
            }
        }
        for key in ["system sdwan", "system virtual-wan-link"] {
            for scoped in take(key) {
                understandBlock(scoped.file, scoped.block)
                scanSecrets(in: scoped.block, file: scoped.file, owner: key)
                guard let members = scoped.block.block("members") else { continue }
                for member in members.entries {
                    let attributes = FortiAttributes(member.settings)
                    if let name = attributes["interface"]?.first {
                        sdwanMembers[name, default: []].append(span(scoped.file, attributes["interface"]!.lastLine))
                    }
                }
            }
        }
    }

    // MARK: - Interfaces, roles and zones in the model

    mutating func buildInterfacesAndZones() {
        var roles: [String: Sourced<ZoneRole>] = [:]
        for name in interfaceOrder {
            guard let facts = interfaces[name] else { continue }
            let entry = facts.entry
            let role = role(of: facts)
            roles[name] = role
            let attributes = entry.attributes
            let zoneName = zoneOfInterface[name] ?? name
            let description = attributes["alias"]?.first ?? attributes["description"]?.first
            device.interfaces.append(Interface(
                name: name, role: role, zone: zoneName, addresses: facts.addresses, ipv6Enabled: facts.ipv6Enabled,
                shutdown: attributes.word("status") == "down", description: description?.isEmpty == false ? description : nil,
                origin: .source(span(entry.file, entry.line, entry.endLine))))
            if zoneOfInterface[name] == nil {
                device.zones.append(zone(name: name, role: role, members: [name], origin: source(entry.file, entry.line)))
            }
        }
        for (name, zone) in systemZones.sorted(by: { $0.value.entry.line < $1.value.entry.line }) {
            let memberRoles = zone.members.compactMap { roles[$0] }
            let role = memberRoles.first { $0.value == .wan }
                ?? memberRoles.first { $0.value != .unknown }
                ?? Sourced(.unknown, FortiOSConversion.vendorDefault("a zone takes the role of its interfaces; none has one"))
            device.zones.append(self.zone(name: name, role: role, members: zone.members,
                                          origin: source(zone.entry.file, zone.entry.line)))
        }
        if !sdwanMembers.isEmpty {
            let members = Array(sdwanMembers.keys).sorted()
            let spans = sdwanMembers.values.flatMap { $0 }.sorted()
            for name in ["virtual-wan-link", "sdwan"] {
                device.zones.append(zone(name: name, role: Sourced(.wan, .derived(spans)), members: members,
                                         origin: .derived(spans)))
            }
        }
    }

    private func zone(name: String, role: Sourced<ZoneRole>, members: [String], origin: Provenance) -> Zone {
        Zone(name: name, role: role, members: members,
             input: Sourced(.deny, FortiOSConversion.vendorDefault(
                "the unit answers management on an interface only for the protocols its allowaccess lists")),
             output: Sourced(.permit, FortiOSConversion.vendorDefault("traffic the unit sends itself is not filtered by policies")),
             forward: Sourced(.deny, FortiOSConversion.vendorDefault(
                "traffic no firewall policy accepts is dropped by the implicit deny policy")),
             origin: origin)
    }

    /// The role an interface plays: a dedicated management port; the role set on it; the names
    /// FortiOS gives its uplinks (`wan`, `wan1`, `wan2`) or an alias that says WAN; an address
    /// learnt by DHCP or PPPoE; the device of a static default route; an SD-WAN member.
    private func role(of facts: FortiInterfaceFacts) -> Sourced<ZoneRole> {
        let entry = facts.entry
        let attributes = entry.attributes
        if let dedicated = attributes["dedicated-to"], dedicated.first == "management" {
            return Sourced(.mgmt, source(entry.file, dedicated.lastLine))
        }
        if let role = attributes["role"], let value = role.first {
            switch value {
            case "wan": return Sourced(.wan, source(entry.file, role.lastLine))
            case "lan": return Sourced(.lan, source(entry.file, role.lastLine))
            case "dmz": return Sourced(.dmz, source(entry.file, role.lastLine))
            default: break
            }
        }
        if Self.isWANName(entry.name) { return Sourced(.wan, source(entry.file, entry.line)) }
        if let alias = attributes["alias"], let value = alias.first, Self.isWANName(value) {
            return Sourced(.wan, source(entry.file, alias.lastLine))
        }
        if let mode = attributes["mode"], mode.first == "dhcp" || mode.first == "pppoe" {
            return Sourced(.wan, source(entry.file, mode.lastLine))
        }
        if let routes = defaultRouteDevices[entry.name] { return Sourced(.wan, .derived(routes)) }
        if let members = sdwanMembers[entry.name] { return Sourced(.wan, .derived(members)) }
        return Sourced(.unknown, FortiOSConversion.vendorDefault("an interface's role is 'undefined' unless set"))
    }

    /// `wan`, `wan1`, `WAN2`, `wan-a`: FortiGate's names for its Internet ports.
    static func isWANName(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard lower.hasPrefix("wan") else { return false }
        let rest = lower.dropFirst(3)
        return rest.isEmpty || rest.allSatisfy(\.isNumber) || rest.hasPrefix("-") || rest.hasPrefix("_")
    }

    // MARK: - system admin, system api-user

    static let adminKeys: Set<String> = ["accprofile", "password", "remote-auth", "trusthost1", "trusthost2", "trusthost3",
        "trusthost4", "trusthost5", "trusthost6", "trusthost7", "trusthost8", "trusthost9", "trusthost10",
        "ip6-trusthost1", "ip6-trusthost2", "ip6-trusthost3", "ip6-trusthost4", "ip6-trusthost5", "ip6-trusthost6",
        "ip6-trusthost7", "ip6-trusthost8", "ip6-trusthost9", "ip6-trusthost10", "two-factor"]

    mutating func resolveAdmins() {
        let profiles = adminProfiles()
        var open: [SourceSpan] = []
        var restrictedTo: [IPPrefix] = []
        var restrictionLines: [SourceSpan] = []
        var sawAdmin = false
        for entry in entries(of: take("system admin")) {
            sawAdmin = true
            understandKeys(entry, known: Self.adminKeys, ignored: FortiOSVocabulary.adminIgnoredKeys)
            for block in entry.blocks { understandBlock(entry.file, block) }
            let attributes = entry.attributes
            let origin = Provenance.source(span(entry.file, entry.line, entry.endLine))
            let profile = attributes["accprofile"]?.first
            let isAdministrator: Bool
            if let profile {
                isAdministrator = profile == "super_admin" || profile == "prof_admin" || profiles[profile] == true
            } else {
                isAdministrator = entry.name == "admin"
            }
            let remote = attributes.isEnabled("remote-auth") == true
            var secret: Secret?
            if let password = entry.settings.last(where: { $0.key == "password" && ($0.verb == .set || $0.verb == .unset) }),
               password.verb == .set {
                markSecret(password, file: entry.file)
                if let (form, _) = secretForm(password.values) {
                    secret = Secret(form, origin: source(entry.file, password.line))
                }
            } else if !remote {
                secret = Secret(.empty, origin: FortiOSConversion.vendorDefault(
                    "an administrator without `set password` has an empty password (`show` prints every password that is set)"))
            }
            for setting in entry.settings where setting.key != "password" {
                scanSecret(setting, file: entry.file, owner: "admin \(entry.name)")
            }

            // Trusted hosts: unset ones are 0.0.0.0/0 (and ::/0), which admits any source.
            var trusted: [IPPrefix] = []
            var trustLines: [SourceSpan] = []
            for index in 1...10 {
                for key in ["trusthost\(index)", "ip6-trusthost\(index)"] {
                    guard let value = attributes[key] else { continue }
                    guard let prefix = FortiText.prefix(value.strings) else {
                        badValue("admin \(entry.name): \(key) '\(value.joined)' is not an address", file: entry.file, line: value.lastLine)
                        continue
                    }
                    if !prefix.isAny {
                        trusted.append(FortiText.network(prefix))
                        trustLines.append(span(entry.file, value.lastLine))
                    }
                }
            }
            let allowed: Sourced<[IPPrefix]>
            if trusted.isEmpty {
                allowed = Sourced([.anyV4], FortiOSConversion.vendorDefault(
                    "an administrator without trusthost1..10 may log in from any address (0.0.0.0/0)"))
                open.append(span(entry.file, entry.line))
            } else {
                allowed = Sourced(trusted, trustLines.count == 1 ? .source(trustLines[0]) : .derived(trustLines))
                restrictedTo += trusted
                restrictionLines += trustLines
            }
            var account = Account(name: entry.name, secret: secret, isAdministrator: isAdministrator, origin: origin)
            account.allowedSources = allowed
            device.accounts.append(account)
        }
        if sawAdmin {
            adminRestriction = open.isEmpty ? .restricted(restrictedTo, lines: restrictionLines) : .open(lines: open)
        }

        for entry in entries(of: take("system api-user")) {
            understandKeys(entry, known: ["api-key"], ignored: ["accprofile", "vdom", "comments", "schedule", "cors-allow-origin",
                                                                "peer-auth", "peer-group", "cors", "vdom-name"])
            for block in entry.blocks { understandBlock(entry.file, block) }
            if let key = entry.settings.last(where: { $0.key == "api-key" && $0.verb == .set }) {
                markSecret(key, file: entry.file)
                if let (form, _) = secretForm(key.values), form != .empty {
                    device.storedSecrets.append(StoredSecret(purpose: .service("api-key"), owner: "api-user \(entry.name)",
                                                             secret: Secret(form, origin: source(entry.file, key.line))))
                }
            }
        }
    }

    /// Access profiles defined in the file, true when they grant read-write on system settings.
    private func adminProfiles() -> [String: Bool] {
        var result: [String: Bool] = [:]
        for scoped in sections["system accprofile"] ?? [] {
            for entry in scoped.block.entries {
                let attributes = FortiAttributes(entry.settings)
                result[entry.name] = attributes.word("sysgrp") == "read-write"
            }
        }
        return result
    }

    // MARK: - Management services (allowaccess)

    mutating func resolveManagement() {
        var byKind: [ServiceKind: [(interface: String, access: FortiAccess, file: Int)]] = [:]
        for name in interfaceOrder {
            guard let facts = interfaces[name] else { continue }
            for access in facts.access { byKind[access.service, default: []].append((name, access, facts.entry.file)) }
        }
        let sources = adminRestriction
        var inputRules = localInRules
        for kind in ServiceKind.allCases {
            guard let uses = byKind[kind], !uses.isEmpty else { continue }
            let accessLines = uses.map { span($0.file, $0.access.line) }
            let accessOrigin: Provenance = Set(accessLines).count == 1 ? .source(accessLines[0]) : .derived(Array(Set(accessLines)).sorted())
            var interfacesListed: [String] = []
            for use in uses where !interfacesListed.contains(use.interface) { interfacesListed.append(use.interface) }

            var enabled = Sourced(true, accessOrigin)
            var port: Sourced<Int>?
            var settings: [String: Sourced<String>] = [:]
            let portKey: String?
            switch kind {
            case .http: portKey = "admin-port"
            case .https: portKey = "admin-sport"
            case .ssh: portKey = "admin-ssh-port"
            case .telnet: portKey = "admin-telnet-port"
            default: portKey = nil
            }
            if let portKey, let value = global[portKey], let number = value.first.flatMap({ FortiText.integer($0) }) {
                port = Sourced(number, source(globalFile, value.lastLine))
            }
            switch kind {
            case .telnet:
                if let telnet = global["admin-telnet"], telnet.first == "disable" {
                    enabled = Sourced(false, source(globalFile, telnet.lastLine))
                }
            case .http:
                if let redirect = global["admin-https-redirect"], let value = redirect.first {
                    settings["admin-https-redirect"] = Sourced(value, source(globalFile, redirect.lastLine))
                } else {
                    settings["admin-https-redirect"] = Sourced("enable", FortiOSConversion.vendorDefault(
                        "admin-https-redirect is enable: HTTP admin connections are redirected to HTTPS"))
                }
            case .https:
                if let versions = global["admin-https-ssl-versions"] {
                    settings["tls-versions"] = Sourced(versions.joined, source(globalFile, versions.lastLine))
                }
            case .ssh:
                if let v1 = global["admin-ssh-v1"], v1.first == "enable" {
                    settings["version"] = Sourced("1.99", source(globalFile, v1.lastLine))
                } else {
                    settings["version"] = Sourced("2", global["admin-ssh-v1"].map { source(globalFile, $0.lastLine) }
                        ?? FortiOSConversion.vendorDefault("admin-ssh-v1 is disable: the SSH server speaks version 2 only"))
                }
                if let password = global["admin-ssh-password"], let value = password.first {
                    settings["password-authentication"] = Sourced(value, source(globalFile, password.lastLine))
                }
            case .snmp:
                enabled = snmpAgentEnabled(accessOrigin: accessOrigin)
            default:
                break
            }
            if let timeout = global["admintimeout"], let value = timeout.first, kind != .snmp {
                settings["admintimeout-minutes"] = Sourced(value, source(globalFile, timeout.lastLine))
            }
            var service = ManagementService(kind: kind, enabled: enabled, port: port,
                                            listen: Sourced(interfacesListed.map { .interface($0) }, accessOrigin),
                                            settings: settings)
            if kind != .snmp, case .restricted(let prefixes, let lines) = sources {
                service.allowedSources = Sourced(prefixes, .derived(lines))
            }
            // Protocol versions and algorithms the admin services offer, when the configuration names them.
            func algorithms(_ key: String) -> Sourced<[String]>? {
                guard let value = global[key], !value.isUnset, !value.strings.isEmpty else { return nil }
                return Sourced(value.strings.map { $0.lowercased() }, source(globalFile, value.lastLine))
            }
            if kind == .https { service.crypto.tlsVersions = algorithms("admin-https-ssl-versions") }
            if kind == .ssh {
                service.crypto.ciphers = algorithms("ssh-enc-algo")
                service.crypto.keyExchange = algorithms("ssh-kex-algo")
                service.crypto.macs = algorithms("ssh-mac-algo")
                service.crypto.hostKeyAlgorithms = algorithms("ssh-hostkey-algo")
            }
            device.services.append(service)

            // The allowaccess entries as input rules from each interface's zone, after local-in policies.
            guard enabled.value else { continue }
            let sourceMatch = kind == .snmp ? AddressMatch.any : adminSourceMatch(sources)
            for use in uses {
                let zoneName = zoneOfInterface[use.interface] ?? use.interface
                inputRules.append(FilterRule(
                    action: .permit, protocols: .only([kind.transport]), source: sourceMatch,
                    destinationPorts: .single(port?.value ?? kind.defaultPort), sourceZone: zoneName, chain: .input,
                    family: use.access.family ?? 4, label: "allowaccess \(kind.rawValue) on \(use.interface)",
                    origin: source(use.file, use.access.line)))
            }
        }
        if !inputRules.isEmpty {
            device.filters.append(FilterList(
                name: "local-in", kind: .zoneRules, rules: inputRules,
                defaultAction: Sourced(.deny, FortiOSConversion.vendorDefault(
                    "traffic to the unit that no allowaccess entry or local-in policy accepts is dropped")),
                origin: inputRules[0].origin))
        }
    }

    private func adminSourceMatch(_ restriction: FortiAdminRestriction) -> AddressMatch {
        switch restriction {
        case .unknown, .open: .any
        case .restricted(let prefixes, _):
            prefixes.count == 1 ? .prefix(prefixes[0]) : .object("admin trusthosts")
        }
    }

    /// SNMP answers only when `config system snmp sysinfo` has `set status enable` (default disable).
    private mutating func snmpAgentEnabled(accessOrigin: Provenance) -> Sourced<Bool> {
        for scoped in sections["system snmp sysinfo"] ?? [] {
            let attributes = FortiAttributes(scoped.block.settings)
            if let status = attributes["status"] {
                return Sourced(status.first == "enable", status.first == "enable"
                               ? .derived([span(scoped.file, status.lastLine)] + accessOrigin.spans)
                               : source(scoped.file, status.lastLine))
            }
        }
        return Sourced(false, FortiOSConversion.vendorDefault("the SNMP agent is off unless `config system snmp sysinfo` sets status enable"))
    }

    // MARK: - SNMP

    mutating func resolveSNMP() {
        for entry in entries(of: take("system snmp community")) {
            understandKeys(entry, known: ["name", "status", "query-v1-status", "query-v2c-status"], ignored: [
                "events", "query-v1-port", "query-v2c-port", "trap-v1-status", "trap-v2c-status", "trap-v1-lport",
                "trap-v1-rport", "trap-v2c-lport", "trap-v2c-rport", "mib-view", "vdoms", "id"])
            let attributes = entry.attributes
            if attributes.word("status") == "disable" { continue }
            if attributes.word("query-v1-status") == "disable" && attributes.word("query-v2c-status") == "disable" { continue }
            guard let nameSetting = entry.settings.last(where: { $0.key == "name" && $0.verb == .set }),
                  let nameWord = nameSetting.values.first else {
                badValue("snmp community \(entry.name) has no name", file: entry.file, line: entry.line)
                continue
            }
            device.markSecret(file: fileName(entry.file), line: nameWord.line, range: nameWord.range)
            var sources: [IPPrefix] = []
            var restricted = false
            for block in entry.blocks {
                understand(entry.file, block.line)
                guard block.key == "hosts" || block.key == "hosts6" else {
                    understandBlock(entry.file, block)
                    continue
                }
                for host in block.entries {
                    understandSubtree(entry.file, host.line, host.endLine)
                    let hostAttributes = FortiAttributes(host.settings)
                    if hostAttributes.word("host-type") == "trap" { continue }
                    guard let ip = hostAttributes["ip"] ?? hostAttributes["ipv6"], let prefix = FortiText.prefix(ip.strings) else { continue }
                    sources.append(FortiText.network(prefix))
                    restricted = true
                }
            }
            let origin = Provenance.source(span(entry.file, entry.line, entry.endLine))
            device.snmp.communities.append(SNMPCommunity(
                name: Secret(.cleartext(nameWord.text), origin: source(entry.file, nameSetting.line)),
                access: .readOnly, allowedSources: restricted ? sources : nil, origin: origin))
        }
        for entry in entries(of: take("system snmp user")) {
            understandSubtree(entry.file, entry.line, entry.endLine)
            device.snmp.v3Users.append(Sourced(entry.name, source(entry.file, entry.line)))
            for setting in entry.settings { scanSecret(setting, file: entry.file, owner: "snmp user \(entry.name)") }
        }
        for scoped in take("system snmp sysinfo") { understandBlock(scoped.file, scoped.block) }
    }

    // MARK: - user local

    mutating func resolveUsers() {
        for entry in entries(of: take("user local")) {
            understandKeys(entry, known: ["passwd", "type", "status"], ignored: [
                "two-factor", "fortitoken", "email-to", "sms-server", "sms-phone", "passwd-policy", "passwd-time",
                "authtimeout", "auth-concurrent-override", "auth-concurrent-value", "ppk-identity", "username-sensitivity",
                "ldap-server", "radius-server", "tacacs+-server", "workstation", "id", "two-factor-authentication",
                "two-factor-notification", "sms-custom-server", "ppk-secret", "qkd-profile", "username-case-sensitivity"])
            if entry.attributes.word("status") == "disable" { continue }
            guard let passwd = entry.settings.last(where: { $0.key == "passwd" && $0.verb == .set }) else { continue }
            markSecret(passwd, file: entry.file)
            if let (form, _) = secretForm(passwd.values), form != .empty {
                device.storedSecrets.append(StoredSecret(purpose: .service("local user"), owner: entry.name,
                                                         secret: Secret(form, origin: source(entry.file, passwd.line))))
            }
        }
    }
}
