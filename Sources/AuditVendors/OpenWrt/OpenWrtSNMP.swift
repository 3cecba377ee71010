import AuditCore

/// net-snmp's UCI package: the agent (`config agent` agentaddress), and v1/v2c communities from
/// `config com2sec` (`community`, `source`, `secname`). A community is read-write when an
/// `access` section grants its security name's group a write view, or, without access sections,
/// when its security name says `rw` (the shipped `ro`/`rw` names).
extension OpenWrtConversion {
    mutating func convertSNMP() {
        guard let snmpd = packages["snmpd"], !snmpd.sections.isEmpty else { return }
        let switches = snmpd.sections(ofType: "snmpd")
        let enabled = switches.first.map {
            bool("enabled", in: $0, default: true, statement: "snmpd runs once installed unless 'config snmpd' disables it")
        } ?? Sourced(true, Self.vendorDefault("snmpd runs once installed unless 'config snmpd' disables it"))

        var scopes: [ListenScope] = []
        var port: Sourced<Int>?
        var lines: [SourceSpan] = []
        for agent in snmpd.sections(ofType: "agent") {
            for value in agent.values("agentaddress") {
                for address in value.text.split(separator: ",") {
                    guard let (scope, number) = Self.agentAddress(address) else {
                        badValue("'\(address)' is not an agent address", value, in: agent)
                        continue
                    }
                    if !scopes.contains(scope) { scopes.append(scope) }
                    if port == nil { port = Sourced(number, agent.origin(value)) }
                    lines.append(SourceSpan(file: agent.file, start: value.line))
                }
            }
        }
        let listen = scopes.isEmpty
            ? Sourced([ListenScope.any], Self.vendorDefault("snmpd listens on UDP 161 on every address without an agentaddress"))
            : Sourced(scopes, Set(lines).count == 1 ? .source(lines[0]) : .derived(Array(Set(lines)).sorted()))
        config.services.append(ManagementService(kind: .snmp, enabled: enabled, port: port, listen: listen))

        for section in snmpd.sections where section.type == "com2sec" || section.type == "com2sec6" {
            if let community = community(from: section, in: snmpd) { config.snmp.communities.append(community) }
        }
    }

    /// `UDP:161`, `udp:127.0.0.1:161`, `UDP6:[::1]:161`, `161`: a transport prefix, then an
    /// optional address, then the port.
    static func agentAddress(_ text: Substring) -> (ListenScope, Int)? {
        var rest = text.trimmingBlanks()
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy({ $0.isLetter || $0.isNumber }),
           rest[..<colon].first?.isLetter == true {
            rest = rest[rest.index(after: colon)...]
        }
        if let (scope, port) = listenAddress(String(rest)) { return (scope, port) }
        // An address without a port listens on the default SNMP port.
        if let address = IPAddress(rest.trimmingCharacters(in: "[]")) {
            return (address == .v4(0) || address == .v6(0) ? .any : .address(address), ServiceKind.snmp.defaultPort)
        }
        return nil
    }

    private mutating func community(from section: UCISection, in snmpd: UCIPackage) -> SNMPCommunity? {
        guard let name = section.option("community") else {
            diagnose(.warning, "bad-value", "a com2sec section without a community grants nothing", at: section.span)
            return nil
        }
        markSecret(name, in: section)
        let securityName = section.option("secname")?.text ?? ""
        let (access, view) = Self.access(ofSecurityName: securityName, in: snmpd)
        var allowed: [IPPrefix]?
        var filter: Sourced<String>?
        let isV6 = section.type == "com2sec6"
        if let source = section.option("source") {
            switch source.text.lowercased() {
            case "default":
                allowed = [isV6 ? IPPrefix(.v6(0), length: 0) : .anyV4]
            case "localhost":
                allowed = [isV6 ? IPPrefix(.v6(1), length: 128) : IPPrefix(.v4(0x7F00_0001), length: 32)]
            default:
                if let prefix = UCIValueParsing.prefix(source.text) {
                    allowed = [prefix]
                } else {
                    filter = Sourced(source.text, section.origin(source))
                }
            }
        } else {
            allowed = [isV6 ? IPPrefix(.v6(0), length: 0) : .anyV4]
        }
        return SNMPCommunity(name: Secret(.cleartext(name.text), origin: section.origin(name)), access: access,
                             accessFilter: filter, allowedSources: allowed, view: view, origin: .source(section.span))
    }

    /// Follows secname → `config group` → `config access` (its `write` and `read` views).
    static func access(ofSecurityName securityName: String, in snmpd: UCIPackage) -> (SNMPAccess, String?) {
        let groups = Set(snmpd.sections(ofType: "group")
            .filter { $0.option("secname")?.text == securityName }
            .compactMap { $0.option("group")?.text })
        let grants = snmpd.sections(ofType: "access").filter { groups.contains($0.option("group")?.text ?? "") }
        if !grants.isEmpty {
            let writes = grants.contains { section in
                guard let write = section.option("write")?.text.lowercased() else { return false }
                return !write.isEmpty && write != "none"
            }
            return (writes ? .readWrite : .readOnly, grants.first?.option("read")?.text)
        }
        return (securityName.lowercased().contains("rw") ? .readWrite : .readOnly, nil)
    }
}

fileprivate extension Substring {
    func trimmingBlanks() -> Substring {
        var result = self
        while let first = result.utf8.first, UCILexer.isBlank(first) { result = result.dropFirst() }
        while let last = result.utf8.last, UCILexer.isBlank(last) { result = result.dropLast() }
        return result
    }

    func trimmingCharacters(in set: String) -> Substring {
        var result = self
        while let first = result.first, set.contains(first) { result = result.dropFirst() }
        while let last = result.last, set.contains(last) { result = result.dropLast() }
        return result
    }
}
