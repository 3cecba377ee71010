import AuditCore

/// Turns findings into Junos `set`/`delete`/`deactivate` commands. The configuration is read in
/// set form whatever its layout, so every command names the statement's full path, and every
/// rollback line is an original statement (secrets as variables unless shown).
struct JunosRenderer {
    let config: DeviceConfig
    /// VyOS and EdgeOS: the same set/delete model with their own paths.
    var vyatta: Bool { config.vendor == .vyOS || config.vendor == .edgeOS }
    var evidence: EvidenceText
    let text: SetFormText
    let file: String

    init(config: DeviceConfig, showSecrets: Bool) {
        self.config = config
        self.evidence = EvidenceText(config: config, showSecrets: showSecrets)
        let source = config.sources.first
        self.file = source?.path ?? ""
        self.text = SetFormText(text: source?.lines.joined(separator: "\n") ?? "")
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
        // Removing a whole service also closes its exposure: no block re-creates it to bind it.
        let removed = blocks.filter { $0.key.hasPrefix("delete|") }.map { String($0.key.dropFirst("delete|".count)) }
        for index in blocks.indices where blocks[index].key.hasPrefix("listen|") {
            let service = String(blocks[index].key.dropFirst("listen|".count))
            guard let owner = blocks.firstIndex(where: { $0.key == "delete|" + service }), removed.contains(service) else { continue }
            blocks[owner].findings += blocks[index].findings
            blocks[index].findings = []
        }
        let unfixable = Set(groups.unfixable.map(\.finding))
        blocks = blocks.compactMap { block in
            var block = block
            block.findings.removeAll { unfixable.contains($0) }
            return block.findings.isEmpty ? nil : block
        }
        return RemediationPlan(vendor: config.vendor, device: config.identity.hostname?.value ?? file, findings: findings,
                               blocks: blocks, unfixable: groups.unfixable.sorted { $0.finding < $1.finding },
                               variables: evidence.variables, originalSecrets: evidence.originalSecrets)
    }

    // MARK: - Which blocks a finding needs

    func keys(for finding: Finding) -> Result<[String], Reason> {
        let first = config.sources.first?.lines.first(where: { !$0.trimmedBlank.isEmpty })?.trimmedBlank ?? ""
        if first.hasPrefix("<") || first == "{" || first.hasPrefix("{\"") {
            return .failure(Reason("the configuration is in \(first.hasPrefix("<") ? "XML" : "JSON"); export it as commands (`show configuration | display set` / `show configuration commands`) and run fix on that"))
        }
        let paths = finding.evidence.flatMap(\.spans).compactMap { text.linePaths[$0.start] }
        switch finding.fix {
        case .disableService(let kind):
            guard let path = servicePath(kind), !text.commands(under: path).isEmpty else {
                return .failure(Reason("turn off \(kind.rawValue) under `system services` by hand"))
            }
            return .success(["delete|" + path.joined(separator: " ")])
        case .restrictService, .setAccessClass:
            if vyatta {
                guard lanAddress != nil else { return .failure(noLAN) }
                let services = Set(paths.filter { $0.count >= 2 && $0[0] == "service" }.map { "listen|service " + $0[1] })
                return services.isEmpty ? .failure(Reason("no `service` statement to bind to the LAN; write a firewall `local` rule-set for the WAN interface"))
                    : .success(services.sorted())
            }
            let inbound = paths.filter { $0.contains("host-inbound-traffic") && $0.contains("system-services") }
            if inbound.contains(where: { $0.last == "all" }) {
                return .failure(Reason("the WAN zone allows `host-inbound-traffic system-services all`: list only the services the zone needs"))
            }
            guard !inbound.isEmpty else {
                return .failure(Reason("no host-inbound-traffic statement to remove; protect the routing engine with a firewall filter on lo0 that admits management only from the management network"))
            }
            return .success(inbound.map { "delete|" + $0.joined(separator: " ") })
        case .requireSSHVersion2:
            return .success(["ssh-v2"])
        case .replaceCredential(let owner, .login), .hashSecret(let owner, .login):
            guard let path = accountPath(owner) else { return .failure(Reason("account \(owner) is not under `system login user`; change its password where it is defined")) }
            return .success(["password|" + path.joined(separator: " ")])
        case .replaceCredential(_, let purpose), .hashSecret(_, let purpose):
            return .failure(Reason("this \(Self.describe(purpose)) secret is sent to a peer or kept reversible by design: change it on both ends by hand"))
        case .restrictSNMPCommunity(let span), .replaceSNMPCommunity(let span):
            let base = snmpBase
            guard let path = text.linePaths[span.start], path.count > base.count, path.starts(with: base) else {
                return .failure(Reason("the community at line \(span.start) is not an `snmp community` statement"))
            }
            return lanSubnet == nil ? .failure(noLAN) : .success(["snmp|" + path[base.count]])
        case .removeRule(_, let span), .removePortForward(let span):
            guard let path = text.linePaths[span.start], let cut = path.lastIndex(where: { $0 == "policy" || $0 == "rule" || $0 == "term" }), cut + 1 < path.count else {
                return .failure(Reason("the rule at line \(span.start) is not a policy, NAT rule or filter term"))
            }
            return .success([(vyatta ? "disable|" : "deactivate|") + path[...(cut + 1)].joined(separator: " ")])
        case .setZonePolicy:
            if vyatta {
                guard let path = paths.first(where: { $0.contains("default-action") }), let cut = path.firstIndex(of: "default-action") else {
                    return .failure(Reason("the WAN interface has no firewall rule-set: write `in` and `local` rule-sets that end in drop and attach them"))
                }
                return .success(["default-action|" + path[..<cut].joined(separator: " ")])
            }
            guard paths.contains(where: { $0.starts(with: ["security", "policies", "default-policy"]) }) else {
                return .failure(Reason("write a deny policy from the WAN zone, or a firewall filter on the WAN interface, that fits the site"))
            }
            return .success(["default-policy"])
        case .manual(let what):
            return .failure(Reason(what))
        default:
            return .failure(.notAutomated(finding.fix, on: vyatta ? "VyOS/EdgeOS" : "Junos"))
        }
    }

    var noLAN: Reason {
        Reason("no LAN interface address to take the management network from; add `clients` for the management stations by hand")
    }

    func servicePath(_ kind: ServiceKind) -> [String]? {
        if vyatta {
            switch kind {
            case .telnet: return ["service", "telnet"]
            case .upnp: return [["service", "upnp2"], ["service", "upnp"]].first { !text.commands(under: $0).isEmpty }
            default: return nil
            }
        }
        switch kind {
        case .telnet: return ["system", "services", "telnet"]
        case .http: return ["system", "services", "web-management", "http"]
        case .ftp: return ["system", "services", "ftp"]
        default: return nil
        }
    }

    var snmpBase: [String] { vyatta ? ["service", "snmp", "community"] : ["snmp", "community"] }
    var sshBase: [String] { vyatta ? ["service", "ssh"] : ["system", "services", "ssh"] }
    /// Junos quotes with double quotes, VyOS/EdgeOS with single quotes.
    func quoted(_ value: String) -> String { vyatta ? "'\(value)'" : "\"\(value)\"" }

    static func describe(_ purpose: SecretPurpose) -> String {
        switch purpose {
        case .service(let kind): kind
        case .login: "login"
        case .privilege: "privilege"
        case .linePassword: "line"
        }
    }

    func accountPath(_ owner: String) -> [String]? {
        let user = ["system", "login", "user", owner]
        if !text.commands(under: user).isEmpty { return user + ["authentication"] }
        if owner == "root", !text.commands(under: ["system", "root-authentication"]).isEmpty { return ["system", "root-authentication"] }
        return nil
    }

    // MARK: - Rendering

    mutating func render(key: String, members: [(Int, Finding)]) throws -> FixBlock {
        let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
        switch parts[0] {
        case "delete":
            let path = parts[1].split(separator: " ").map(String.init)
            return FixBlock(key: key, title: "Remove `\(parts[1])`", apply: ["delete \(parts[1])"], rollback: original(under: path))
        case "ssh-v2":
            let path = sshBase + ["protocol-version"]
            let before = original(under: path)
            let joined = path.joined(separator: " ")
            return FixBlock(key: key, title: "Allow SSH version 2 only", apply: ["delete \(joined)", "set \(joined) v2"],
                            rollback: ["delete \(joined)"] + before)
        case "listen":
            guard let address = lanAddress else { throw noLAN }
            let path = parts[1].split(separator: " ").map(String.init) + ["listen-address"]
            let joined = path.joined(separator: " ")
            let before = original(under: path)
            return FixBlock(key: key, title: "`\(parts[1])` listens on the LAN address \(address) only",
                            apply: ["delete \(joined)", "set \(joined) \(address)"], rollback: ["delete \(joined)"] + before,
                            notes: ["Manage the router from the LAN (or a VPN into it) afterwards."])
        case "disable":
            return FixBlock(key: key, title: "Disable `\(parts[1])`", apply: ["set \(parts[1]) disable"],
                            rollback: text.commands(under: parts[1].split(separator: " ").map(String.init) + ["disable"]).isEmpty ? ["delete \(parts[1]) disable"] : [],
                            notes: ["The rule stays in the configuration, disabled, so it can be enabled again."])
        case "default-action":
            let path = parts[1].split(separator: " ").map(String.init) + ["default-action"]
            return FixBlock(key: key, title: "`\(parts[1])` drops what no rule accepts", apply: ["set \(parts[1]) default-action drop"],
                            rollback: original(under: path),
                            notes: ["Return traffic needs an accept rule for established and related connections in this rule-set before it ends in drop."])
        case "password":
            let path = parts[1].split(separator: " ").map(String.init)
            let owner = path.count >= 4 && path[2] == "user" ? path[3] : "root"
            let variable = evidence.newPasswordHash("RA_NEW_HASH_\(EvidenceText.token(owner))", scheme: "sha512-crypt",
                                                    "the SHA-512 crypt hash of the new password of \(owner): make it with `openssl passwd -6` (the password itself never goes in the file)")
            let before = original(under: path + ["encrypted-password"])
            let plaintext = original(under: path + ["plaintext-password"]) + original(under: path + ["plain-text-password"])
            var apply = ["set \(parts[1]) encrypted-password \(quoted(variable))"]
            if !plaintext.isEmpty { apply.insert("delete \(parts[1]) \(vyatta ? "plaintext-password" : "plain-text-password")", at: 0) }
            return FixBlock(key: key, title: "Account \(owner): a new password, stored as SHA-512 crypt",
                            apply: apply,
                            rollback: (before.isEmpty ? ["delete \(parts[1]) encrypted-password"] : before) + plaintext, order: 10)
        case "snmp":
            guard let subnet = lanSubnet else { throw noLAN }
            let name = parts[1]
            let base = snmpBase.joined(separator: " ")
            let path = snmpBase + [name]
            let before = original(under: path)
            let shownName = maskedWord(name, under: path)
            let replace = members.contains { if case .replaceSNMPCommunity = $0.1.fix { true } else { false } }
            let readWrite = text.commands(under: path + ["authorization"]).contains { ["read-write", "rw", "'rw'"].contains($0.words.last ?? "") }
            let clients = vyatta ? "network" : "clients"
            let readOnly = vyatta ? "ro" : "read-only"
            if replace && readWrite {
                return FixBlock(key: key, title: "Remove the read-write SNMP community", apply: ["delete \(base) \(shownName)"], rollback: before,
                                notes: ["Use SNMPv3 with privacy if anything must write over SNMP."])
            }
            if replace {
                let variable = evidence.newSecret("RA_NEW_SNMP_COMMUNITY_\(EvidenceText.token(String(members[0].1.primarySpan?.start ?? 0)))",
                                                  "a new read-only SNMP community (long and random)")
                return FixBlock(key: key, title: "Replace the default SNMP community by a new read-only one that answers only \(subnet)",
                                apply: ["delete \(base) \(shownName)", "set \(base) \(quoted(variable)) authorization \(readOnly)",
                                        "set \(base) \(quoted(variable)) \(clients) \(subnet)"],
                                rollback: ["delete \(base) \(quoted(variable))"] + before,
                                notes: ["Update the community on the monitoring system at the same time."])
            }
            return FixBlock(key: key, title: "SNMP community answers only \(subnet)", apply: ["set \(base) \(shownName) \(clients) \(subnet)"],
                            rollback: ["delete \(base) \(shownName) \(clients) \(subnet)"] + before.filter { $0.contains(" \(clients) ") })
        case "deactivate":
            return FixBlock(key: key, title: "Deactivate `\(parts[1])`", apply: ["deactivate \(parts[1])"], rollback: ["activate \(parts[1])"],
                            notes: ["Deactivated statements stay in the configuration and can be activated again."])
        case "default-policy":
            let before = original(under: ["security", "policies", "default-policy"])
            return FixBlock(key: key, title: "Deny traffic no policy permits (default-policy deny-all)",
                            apply: ["delete security policies default-policy", "set security policies default-policy deny-all"],
                            rollback: ["delete security policies default-policy"] + before,
                            notes: ["Traffic between zones then needs an explicit permit policy; check `show security policies` for what the site needs first."])
        default:
            throw Reason("no renderer for \(key)")
        }
    }

    /// The original statements at or below a path, as `set`/`deactivate` lines with secrets masked.
    mutating func original(under path: [String]) -> [String] {
        text.commands(under: path).map { command in
            ([command.verb] + command.words.enumerated().map { masked($0.element, line: command.line(ofWord: $0.offset)) }).joined(separator: " ")
        }
    }

    mutating func maskedWord(_ word: String, under path: [String]) -> String {
        guard let command = text.commands(under: path).first, let index = command.words.firstIndex(of: word) else { return word }
        return masked(word, line: command.line(ofWord: index))
    }

    /// A word that is a secret on its line becomes a variable (quoted as the word was).
    mutating func masked(_ word: String, line: Int) -> String {
        guard !evidence.showSecrets, let raw = evidence.raw(file, line) else { return word }
        let bytes = Array(raw.utf8)
        let (plain, quote) = Self.unquoted(word)
        for span in config.secretSpans where span.file == file && span.line == line && span.range.upperBound <= bytes.count {
            let secret = Self.unquoted(String(decoding: bytes[span.range], as: UTF8.self)).0
            if secret == plain {
                let reference = evidence.scriptSecret(secret, at: "line \(line) of \(file)")
                return quote.map { "\($0)\(reference)\($0)" } ?? reference
            }
        }
        return word
    }

    /// A word without its surrounding quotes, and the quote it had.
    static func unquoted(_ word: String) -> (String, Character?) {
        guard word.count >= 2, let first = word.first, first == "\"" || first == "'", word.last == first else { return (word, nil) }
        return (String(word.dropFirst().dropLast()), first)
    }

    var lanAddress: String? {
        for interface in config.interfaces where interface.role.value == .lan {
            if let prefix = interface.addresses.first(where: { $0.address.isV4 }) { return "\(prefix.address)" }
        }
        return nil
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
