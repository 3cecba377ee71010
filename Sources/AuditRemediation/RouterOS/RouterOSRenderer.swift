import AuditCore

/// Turns findings into RouterOS commands usable in safe mode. Items are found by their
/// properties (`[ find ... ]`), never by the numbers `print` shows, so the script does not depend
/// on the order the router lists them in; rules are disabled, not removed.
struct RouterOSRenderer {
    let config: DeviceConfig
    var evidence: EvidenceText
    let text: RouterOSScriptText
    let file: String

    static let ipServices: [ServiceKind: String] = [.telnet: "telnet", .ftp: "ftp", .http: "www", .https: "www-ssl", .ssh: "ssh",
                                                    .api: "api", .apiSSL: "api-ssl", .winbox: "winbox"]
    static let servicePorts: [String: (enabled: Bool, port: String)] = ["telnet": (true, "23"), "ftp": (true, "21"), "www": (true, "80"), "ssh": (true, "22"),
                                                                        "www-ssl": (false, "443"), "api": (true, "8728"), "winbox": (true, "8291"), "api-ssl": (true, "8729")]
    static let switches: [ServiceKind: String] = [.upnp: "ip upnp", .socks: "ip socks", .webProxy: "ip proxy"]

    init(config: DeviceConfig, showSecrets: Bool) {
        self.config = config
        self.evidence = EvidenceText(config: config, showSecrets: showSecrets)
        let source = config.sources.first
        self.file = source?.path ?? ""
        self.text = RouterOSScriptText(text: source?.lines.joined(separator: "\n") ?? "")
    }

    mutating func plan(_ findings: [Finding]) -> RemediationPlan {
        var groups = FindingGroups()
        let kept = RuleRemovalSafety.keep(findings)
        for (index, finding) in findings.enumerated() {
            groups.add(index, finding, keys: kept[index].map { .failure(Reason($0)) } ?? keys(for: finding))
        }
        var blocks: [FixBlock] = []
        var failed: [Int: String] = [:]
        for key in groups.order {
            let members = groups.members[key] ?? []
            do {
                var block = try render(key: key, members: members)
                block.findings = members.map(\.0)
                blocks.append(block)
            } catch let reason as Reason {
                for member in members { failed[member.0] = reason.text }
            } catch {}
        }
        for (index, reason) in failed.sorted(by: { $0.key < $1.key }) { groups.markUnfixable(index, reason) }
        let unfixable = Set(groups.unfixable.map(\.finding))
        blocks = blocks.compactMap { block in
            var block = block
            block.findings.removeAll { unfixable.contains($0) }
            return block.findings.isEmpty ? nil : block
        }
        return RemediationPlan(vendor: .routerOS, device: config.identity.hostname?.value ?? file, findings: findings, blocks: blocks,
                               unfixable: groups.unfixable.sorted { $0.finding < $1.finding },
                               variables: evidence.variables, originalSecrets: evidence.originalSecrets)
    }

    func keys(for finding: Finding) -> Result<[String], Reason> {
        switch finding.fix {
        case .disableService(let kind), .restrictService(let kind, _):
            if let name = Self.ipServices[kind] {
                if case .restrictService = finding.fix, lanSubnet == nil { return .failure(noLAN) }
                return .success(["service|\(name)"])
            }
            if let menu = Self.switches[kind] { return .success(["switch|\(menu)"]) }
            if kind == .macTelnet || kind == .macWinbox {
                guard let version = routerOSVersion, version >= (6, 41) else {
                    return .failure(Reason("before RouterOS 6.41 (or when the export does not say its version) MAC access is set per interface: disable the `all` entry of /tool mac-server by hand"))
                }
                return .success(["mac|" + (kind == .macTelnet ? "tool mac-server" : "tool mac-server mac-winbox")])
            }
            if kind == .dns {
                return .failure(Reason("the LAN uses the router's resolver: drop udp and tcp port 53 from the WAN in the input chain instead of turning it off"))
            }
            return .failure(Reason("restrict \(kind.rawValue) by hand"))
        case .restrictSNMPCommunity(let span), .replaceSNMPCommunity(let span):
            if lanSubnet == nil { return .failure(noLAN) }
            if span.start == 0 { return .success(["snmp|default"]) }
            guard let statement = statement(at: span.start), statement.menu == "snmp community" else {
                return .failure(Reason("the community at line \(span.start) is not in /snmp community"))
            }
            if statement.selector?.contains(where: { $0.key == "default" && $0.value == "yes" }) == true { return .success(["snmp|default"]) }
            return statement.command == "add" ? .success(["snmp|\(span.start)"]) : .failure(Reason("change the community at line \(span.start) by hand"))
        case .removeRule(_, let span), .removePortForward(let span):
            guard let statement = statement(at: span.start), statement.command == "add", statement.menu.contains("firewall") else {
                return .failure(Reason("the rule at line \(span.start) is not an `add` in a firewall menu"))
            }
            let matching = statement.properties.filter { !["action", "chain", "comment", "disabled", "log", "log-prefix"].contains($0.key) }
            if statement.menu.hasSuffix("filter"), statement.value("action") == "accept", matching.isEmpty {
                return .failure(Reason("RouterOS accepts what no rule drops, so disabling this catch-all accept changes nothing: add the accepts the site needs and a final drop for the WAN in this chain"))
            }
            return .success(["rule|\(span.start)"])
        case .replaceCredential(let owner, _), .hashSecret(let owner, _):
            return .failure(Reason("set it from a terminal where it is prompted for (`/user set \(owner) password=` or `/password`), so it never goes into a script file"))
        case .setZonePolicy:
            return .failure(Reason("RouterOS chains have no policy: add the accept rules the WAN needs, then a final drop for in-interface-list=WAN in the chain"))
        case .manual(let what):
            return .failure(Reason(what))
        default:
            return .failure(.notAutomated(finding.fix, on: "RouterOS"))
        }
    }

    var noLAN: Reason { Reason("no LAN address to take the management network from; set address= to your management network by hand") }

    mutating func render(key: String, members: [(Int, Finding)]) throws -> FixBlock {
        let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
        switch parts[0] {
        case "service":
            let name = parts[1]
            let disable = members.contains { if case .disableService = $0.1.fix { true } else { false } }
            let current = text.statements.filter { $0.menu == "ip service" && $0.command == "set" && ($0.item == name || $0.selector?.contains { $0.key == "name" && $0.value == name } == true) }
            let wasDisabled = current.compactMap { $0.value("disabled") }.last ?? ((Self.servicePorts[name]?.enabled ?? true) ? "no" : "yes")
            let address = current.compactMap { $0.value("address") }.last ?? ""
            if disable {
                return FixBlock(key: key, title: "Turn off /ip service \(name)", apply: ["/ip service set \(name) disabled=yes"],
                                rollback: ["/ip service set \(name) disabled=\(wasDisabled)"])
            }
            guard let subnet = lanSubnet else { throw noLAN }
            return FixBlock(key: key, title: "/ip service \(name) answers only \(subnet)", apply: ["/ip service set \(name) address=\(subnet)"],
                            rollback: ["/ip service set \(name) address=\(RouterOSScriptText.quote(address))"],
                            notes: ["Manage the router from the LAN (or a VPN into it) afterwards."])
        case "mac":
            let menu = parts[1]
            let was = text.statements.filter { $0.menu == menu && $0.command == "set" }.compactMap { $0.value("allowed-interface-list") }.last ?? "all"
            return FixBlock(key: key, title: "No \(menu.hasSuffix("mac-winbox") ? "MAC Winbox" : "MAC Telnet") on any interface", apply: ["/\(menu) set allowed-interface-list=none"],
                            rollback: ["/\(menu) set allowed-interface-list=\(was)"],
                            notes: ["To keep it for the LAN, create an interface list of the LAN ports and use it instead of none."])
        case "switch":
            let menu = parts[1]
            let was = text.statements.filter { $0.menu == menu && $0.command == "set" }.compactMap { $0.value("enabled") }.last ?? "no"
            return FixBlock(key: key, title: "Turn off /\(menu)", apply: ["/\(menu) set enabled=no"], rollback: ["/\(menu) set enabled=\(was)"])
        case "snmp":
            guard let subnet = lanSubnet else { throw noLAN }
            let replace = members.contains { if case .replaceSNMPCommunity = $0.1.fix { true } else { false } }
            let isDefault = parts[1] == "default"
            let statement = isDefault ? text.statements.last { $0.menu == "snmp community" && $0.selector?.contains { $0.key == "default" } == true }
                                      : self.statement(at: Int(parts[1]) ?? 0)
            let name = isDefault ? (statement?.value("name") ?? "public") : (statement?.value("name") ?? "")
            let shownName = statement.map { _ in maskedName(name, line: statement?.line ?? 0) } ?? evidence.scriptSecret(name, at: "the RouterOS default community")
            let oldAddresses = statement?.value("addresses") ?? "0.0.0.0/0"
            let oldWrite = statement?.value("write-access") ?? "no"
            let selector = isDefault ? "[ find default=yes ]" : "[ find name=\(RouterOSScriptText.quote(shownName)) ]"
            if replace {
                let variable = evidence.newSecret("RA_NEW_SNMP_COMMUNITY_\(EvidenceText.token(parts[1]))", "a new read-only SNMP community (long and random)")
                let newSelector = isDefault ? selector : "[ find name=\"\(variable)\" ]"
                return FixBlock(key: key, title: "Replace the SNMP community \(isDefault ? "public (the default)" : "at line \(parts[1])") by a new read-only one that answers only \(subnet)",
                                apply: ["/snmp community set \(selector) name=\"\(variable)\" write-access=no addresses=\(subnet)"],
                                rollback: ["/snmp community set \(newSelector) name=\(RouterOSScriptText.quote(shownName)) write-access=\(oldWrite) addresses=\(oldAddresses)"],
                                notes: ["Update the community on the monitoring system at the same time."])
            }
            return FixBlock(key: key, title: "SNMP community answers only \(subnet)", apply: ["/snmp community set \(selector) addresses=\(subnet)"],
                            rollback: ["/snmp community set \(selector) addresses=\(oldAddresses)"])
        case "rule":
            guard let statement = statement(at: Int(parts[1]) ?? 0) else { throw Reason("rule not found") }
            let conditions = statement.properties.filter { $0.key != "disabled" }
            let find = "[ find " + conditions.map { "\($0.key)=\(RouterOSScriptText.quote($0.value))" }.joined(separator: " ") + " ]"
            let was = statement.value("disabled") ?? "no"
            return FixBlock(key: key, title: "Disable the \(statement.menu) rule at line \(parts[1])", apply: ["/\(statement.menu) set \(find) disabled=yes"],
                            rollback: ["/\(statement.menu) set \(find) disabled=\(was)"],
                            notes: ["The rule stays, disabled, so it can be enabled again."])
        default:
            throw Reason("no renderer for \(key)")
        }
    }

    /// `# ... by RouterOS 6.48.6` in the export's header.
    var routerOSVersion: (Int, Int)? {
        for line in text.preamble {
            guard let range = line.firstRange(of: "by RouterOS ") else { continue }
            let numbers = line[range.upperBound...].split(whereSeparator: { !$0.isNumber }).prefix(2).compactMap { Int($0) }
            if numbers.count == 2 { return (numbers[0], numbers[1]) }
        }
        return nil
    }

    func statement(at line: Int) -> RouterOSScriptText.Statement? {
        text.statements.first { $0.line == line && $0.command != "#" }
    }

    mutating func maskedName(_ name: String, line: Int) -> String {
        let secret = config.secretSpans.contains { $0.file == file && $0.line >= line && $0.line <= line + 3 }
        return secret ? evidence.scriptSecret(name, at: "line \(line) of \(file)") : name
    }

    var lanSubnet: String? {
        for interface in config.interfaces where interface.role.value == .lan {
            for prefix in interface.addresses {
                guard case .v4(let address) = prefix.address, prefix.length > 0 else { continue }
                let mask: UInt32 = prefix.length >= 32 ? ~0 : ~(~UInt32(0) >> UInt32(prefix.length))
                return "\(IOSRenderer.dotted(address & mask))/\(prefix.length)"
            }
        }
        return nil
    }
}
