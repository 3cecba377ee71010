import AuditCore

/// Turns findings into IOS configuration-mode blocks. Every rollback line is an original line of
/// the configuration (secrets as variables unless shown), or the `no`/`default` form of a line
/// that was not there.
struct IOSRenderer: ConfigModeRenderer {
    let config: DeviceConfig
    var evidence: EvidenceText
    let tree: IOSConfigTree
    let file: String

    init(config: DeviceConfig, showSecrets: Bool) {
        self.config = config
        self.evidence = EvidenceText(config: config, showSecrets: showSecrets)
        let source = config.sources.first
        self.file = source?.path ?? ""
        self.tree = IOSConfigTree(lines: source?.lines.map(String.init) ?? [])
    }

    mutating func plan(_ findings: [Finding]) -> RemediationPlan {
        // The management ACL is created only when a remaining block uses it.
        let (blocks, unfixable) = assemble(findings, sharedKey: "mgmt-acl") {
            $0.key.hasPrefix("access-class|") || $0.key == "http-access-class" || $0.key.hasPrefix("snmp|")
        }
        return RemediationPlan(vendor: config.vendor, device: config.identity.hostname?.value ?? file, findings: findings,
                               blocks: blocks, unfixable: unfixable,
                               variables: evidence.variables, originalSecrets: evidence.originalSecrets)
    }

    // MARK: - Which blocks a finding needs

    func keys(for finding: Finding) -> Result<[String], Reason> {
        switch finding.fix {
        case .disableService(.http):
            return tree.node(text: "ip http server") != nil ? .success(["http-off"]) : .failure(Reason("no `ip http server` line to remove; check `show running-config | include ip http`"))
        case .disableService(.telnet):
            let lines = vtyChannels()
            return lines.isEmpty ? .failure(Reason("no vty line block found; set `transport input ssh` on every vty line by hand"))
                : .success(lines.map { "transport|\($0)" } + ["ssh-v2"])
        case .setTransportInput(let channel, let allowed):
            guard lineNode(channel) != nil else { return .failure(Reason("line \(channel) is not in the configuration")) }
            return .success(["transport|\(channel)"] + (allowed.contains(.ssh) ? ["ssh-v2"] : []))
        case .requireSSHVersion2:
            return .success(["ssh-v2"])
        case .setAccessClass(let channel):
            guard lineNode(channel) != nil else { return .failure(Reason("line \(channel) is not in the configuration")) }
            return managementNetworks().isEmpty ? .failure(noManagementNetwork) : .success(["mgmt-acl", "access-class|\(channel)"])
        case .restrictService(let kind, _):
            if managementNetworks().isEmpty { return .failure(noManagementNetwork) }
            switch kind {
            case .http, .https: return .success(["mgmt-acl", "http-access-class"])
            case .ssh, .telnet: return .success(["mgmt-acl"] + vtyChannels().map { "access-class|\($0)" })
            default: return .failure(Reason("restrict \(kind.rawValue) to the management network by hand"))
            }
        case .setIdleTimeout(let channel, let seconds):
            guard lineNode(channel) != nil else { return .failure(Reason("line \(channel) is not in the configuration")) }
            return .success(["exec-timeout|\(channel)|\(seconds)"])
        case .requireLogin(let channel):
            return loginKeys(channel)
        case .replaceCredential(let owner, let purpose), .hashSecret(let owner, let purpose):
            switch purpose {
            case .privilege: return .success(["enable"])
            case .login:
                let owners = owner.split(separator: ",").map(String.init)
                let missing = owners.filter { usernameNode($0) == nil }
                return missing.isEmpty ? .success(owners.map { "username|\($0)" })
                    : .failure(Reason("account \(missing.joined(separator: ", ")) is not a `username` line; change its password where it is defined"))
            case .linePassword:
                return loginKeys(owner)
            case .service(let kind):
                return .failure(Reason("the \(kind) secret is sent to a peer, so IOS must keep it reversible: change it on both ends by hand and limit who receives configuration copies"))
            }
        case .enablePasswordEncryption:
            return .success(["password-encryption"])
        case .enableLoginProtection:
            return .success(["login-block"])
        case .removeRule(let list, let span):
            guard let index = tree.node(containing: span.start) else { return .failure(Reason("the rule's line \(span.start) was not found")) }
            if Self.isPermitAnyAny(tree.nodes[index], line: span.start) {
                return .failure(Reason("removing the only catch-all permit would also drop return traffic (replies to the router and the LAN): write the permits the site needs (established TCP, DNS/NTP replies, VPN) ending in a deny, then remove it"))
            }
            return .success(["acl|\(list)"])
        case .removePortForward(let span):
            guard let index = tree.node(containing: span.start), tree.nodes[index].words.starts(with: ["ip", "nat"]) else {
                return .failure(Reason("the port forward at line \(span.start) is not an `ip nat` line"))
            }
            return .success(["nat|\(span.start)"])
        case .restrictSNMPCommunity(let span), .replaceSNMPCommunity(let span):
            guard let index = tree.node(containing: span.start), tree.nodes[index].words.starts(with: ["snmp-server", "community"]) else {
                return .failure(Reason("the community at line \(span.start) is not an `snmp-server community` line"))
            }
            return managementNetworks().isEmpty ? .failure(noManagementNetwork) : .success(["mgmt-acl", "snmp|\(span.start)"])
        case .setZonePolicy:
            return .failure(Reason("IOS zone policies need a zone-pair and policy-map designed for the site; write them by hand"))
        case .removeZoneForwarding(let from, let to, _):
            return .failure(Reason("remove the forwarding from \(from) to \(to) by hand"))
        case .defineOrRemoveReference(let name, _):
            return .failure(Reason("decide whether `\(name)` should be defined or its use removed; either changes what traffic passes"))
        default:
            return .failure(.notAutomated(finding.fix, on: dialectName))
        }
    }

    var dialectName: String { config.vendor == .aristaEOS ? "Arista EOS" : "Cisco IOS" }

    var noManagementNetwork: Reason {
        Reason("no LAN interface with an address to take the management network from; write an access list of the management stations by hand")
    }

    func loginKeys(_ channel: String) -> Result<[String], Reason> {
        guard lineNode(channel) != nil else { return .failure(Reason("line \(channel) is not in the configuration")) }
        if tree.node(text: "aaa new-model") != nil {
            return .failure(Reason("under aaa new-model, apply an AAA login list without `none` to line \(channel) (`login authentication LIST`)"))
        }
        let hasAccount = tree.nodes.contains { node in
            let w = node.words
            return w.first == "username" && (w.contains("secret") || w.contains("password"))
        }
        return hasAccount ? .success(["login|\(channel)"])
            : .failure(Reason("no local account exists for `login local`: create one with a strong secret first, then set `login local` on line \(channel)"))
    }

    // MARK: - Rendering one block

    mutating func render(key: String, members: [(Int, Finding)]) throws -> FixBlock {
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        switch parts[0] {
        case "http-off":
            return FixBlock(key: key, title: "Turn off the plain-HTTP management server", apply: ["no ip http server"],
                            rollback: [try original(text: "ip http server")])
        case "transport":
            return try lineSetting(channel: parts[1], key: key, title: "Accept only SSH on line \(parts[1])",
                                   command: "transport input ssh", keyWords: 2,
                                   notes: ["Make sure SSH works first (a hostname, `ip domain name`, `crypto key generate rsa modulus 2048` and a local account), or you lose remote access."])
        case "ssh-v2":
            return topLevelSetting(key: key, title: "Allow SSH version 2 only", command: "ip ssh version 2", keyWords: 3)
        case "mgmt-acl":
            let number = managementACLNumber()
            var apply = ["! standard ACL \(number): the LAN networks that may manage this router (review it)"]
            apply += managementNetworks().map { "access-list \(number) permit \($0)" }
            return FixBlock(key: key, title: "Access list \(number) of management networks (taken from the LAN interfaces)",
                            apply: apply, rollback: ["no access-list \(number)"],
                            notes: ["Access list \(number) permits only the LAN networks; add your NOC or VPN range before applying if you manage the router from elsewhere."], order: 0)
        case "access-class":
            return try lineSetting(channel: parts[1], key: key, title: "Only management networks may open a session on line \(parts[1])",
                                   command: "access-class \(managementACLNumber()) in", keyWords: 1, matchLast: "in")
        case "http-access-class":
            return topLevelSetting(key: key, title: "Only management networks may reach the web server",
                                   command: "ip http access-class \(managementACLNumber())", keyWords: 3)
        case "exec-timeout":
            let seconds = Int(parts[2]) ?? 600
            return try lineSetting(channel: parts[1], key: key, title: "Idle sessions on line \(parts[1]) end after \(seconds / 60) min \(seconds % 60) s",
                                   command: "exec-timeout \(seconds / 60) \(seconds % 60)", keyWords: 1)
        case "login":
            return try loginBlock(channel: parts[1], key: key)
        case "enable":
            return enableBlock(key: key)
        case "username":
            return try usernameBlock(owner: parts[1], key: key)
        case "password-encryption":
            return passwordEncryptionBlock(key: key)
        case "login-block":
            return topLevelSetting(key: key, title: "Slow down login brute force", command: "login block-for 120 attempts 5 within 60", keyWords: 2)
        case "acl":
            return try aclBlock(list: parts[1], key: key, members: members)
        case "nat":
            let number = Int(parts[1]) ?? 0
            let line = try original(line: number)
            let plain = evidence.raw(file, number)?.trimmedBlank ?? ""
            return FixBlock(key: key, title: "Remove the port forward at line \(number)", apply: ["no \(plain)"], rollback: [line],
                            notes: ["Reach the service through a VPN instead; if it must stay, restrict it to known sources."])
        case "snmp":
            return try snmpBlock(line: Int(parts[1]) ?? 0, key: key, members: members)
        default:
            throw Reason("no renderer for \(key)")
        }
    }

    /// A setting inside `line X`: replaces the line of the same keyword, or is added.
    mutating func lineSetting(channel: String, key: String, title: String, command: String, keyWords: Int,
                              matchLast: Substring? = nil, notes: [String] = []) throws -> FixBlock {
        guard let index = lineNode(channel) else { throw Reason("line \(channel) is not in the configuration") }
        let (apply, rollback) = tree.modeSetting(node: index, command: command, keyWords: keyWords, matchLast: matchLast,
                                                 words: .ios, file: file, evidence: &evidence)
        return FixBlock(key: key, title: title, apply: apply, rollback: rollback, notes: notes)
    }

    /// A global setting: replaces the line of the same keyword, or is added (`no` form to roll back).
    mutating func topLevelSetting(key: String, title: String, command: String, keyWords: Int) -> FixBlock {
        let wanted = IOSConfigTree.words(command)
        let existing = tree.nodes.filter { node in
            let w = node.words
            return w.count >= keyWords && Array(w.prefix(keyWords)) == Array(wanted.prefix(keyWords))
        }
        var rollback: [String] = []
        if existing.isEmpty {
            rollback = ["no " + wanted.prefix(keyWords).joined(separator: " ")]
        } else {
            for node in existing { rollback.append(evidence.scriptText(file, node.number ?? 0) ?? node.text) }
        }
        return FixBlock(key: key, title: title, apply: [command], rollback: rollback)
    }

    mutating func loginBlock(channel: String, key: String) throws -> FixBlock {
        guard let index = lineNode(channel) else { throw Reason("line \(channel) is not in the configuration") }
        let node = tree.nodes[index]
        var apply = [node.text.trimmedBlank, " login local"]
        var rollback = [node.text.trimmedBlank]
        let logins = node.children.filter { IOSConfigTree.words($0.text).first == "login" }
        let passwords = node.children.filter { IOSConfigTree.words($0.text).first == "password" }
        if !passwords.isEmpty { apply.append(" no password") }
        rollback += logins.isEmpty ? [" no login"] : logins.map { " " + $0.text.trimmedBlank }
        for password in passwords { rollback.append(" " + (evidence.scriptText(file, password.number ?? 0) ?? "").trimmedBlank) }
        apply.append("exit")
        rollback.append("exit")
        return FixBlock(key: key, title: "Line \(channel) asks for a local account instead of a shared line password", apply: apply, rollback: rollback,
                        notes: ["`login local` uses the `username` accounts: make sure one you can log in with exists and has a strong secret before applying."])
    }

    mutating func enableBlock(key: String) -> FixBlock {
        let variable = evidence.newSecret("RA_NEW_ENABLE_SECRET", "the new enable secret (long and unique); IOS stores it as a type 9 scrypt hash")
        var apply = ["enable algorithm-type scrypt secret \(variable)"]
        var rollback: [String] = []
        let secrets = tree.nodes.filter { $0.words.starts(with: ["enable", "secret"]) }
        let passwords = tree.nodes.filter { $0.words.starts(with: ["enable", "password"]) }
        if !passwords.isEmpty { apply.append("no enable password") }
        rollback += secrets.isEmpty ? ["no enable secret"] : secrets.map { evidence.scriptText(file, $0.number ?? 0) ?? "" }
        rollback += passwords.map { evidence.scriptText(file, $0.number ?? 0) ?? "" }
        return FixBlock(key: key, title: "A new enable secret stored with scrypt (type 9)" + (passwords.isEmpty ? "" : "; `enable password` removed"),
                        apply: apply, rollback: rollback, order: 10)
    }

    mutating func usernameBlock(owner: String, key: String) throws -> FixBlock {
        guard let index = usernameNode(owner) else { throw Reason("no `username \(owner)` line") }
        let node = tree.nodes[index]
        let words = node.words
        let keep = words.prefix { $0 != "password" && $0 != "secret" }.joined(separator: " ")
        let variable = evidence.newSecret("RA_NEW_PASSWORD_\(EvidenceText.token(owner))", "the new password of account \(owner); IOS stores it as a type 9 scrypt hash")
        return FixBlock(key: key, title: "Account \(owner): a new password stored with scrypt (type 9)",
                        apply: ["\(keep) algorithm-type scrypt secret \(variable)"],
                        rollback: ["no username \(owner)", evidence.scriptText(file, node.number ?? 0) ?? node.text], order: 10)
    }

    /// IOS turns every cleartext password into type 7 when encryption is switched on, and does not
    /// turn them back when it is switched off: the rollback puts the original lines back itself.
    mutating func passwordEncryptionBlock(key: String) -> FixBlock {
        var rollback: [String] = []
        if let existing = tree.node(text: "no service password-encryption") {
            rollback.append(tree.nodes[existing].text)
        } else {
            rollback.append("no service password-encryption")
        }
        for node in tree.nodes where IOSPasswordEncryption.cleartextValue(node.text) != nil {
            rollback.append(evidence.scriptText(file, node.number ?? 0) ?? node.text)
        }
        for node in tree.nodes where node.children.contains(where: { IOSPasswordEncryption.cleartextValue($0.text) != nil }) {
            rollback.append(node.text.trimmedBlank)
            for child in node.children where IOSPasswordEncryption.cleartextValue(child.text) != nil {
                rollback.append(" " + (evidence.scriptText(file, child.number ?? 0) ?? child.text).trimmedBlank)
            }
            rollback.append("exit")
        }
        return FixBlock(key: key, title: "Encrypt the passwords that must stay reversible (service password-encryption)",
                        apply: ["service password-encryption"], rollback: rollback,
                        notes: ["IOS converts every remaining cleartext password to type 7 at once; the rollback writes the original lines back."], order: 90)
    }

    mutating func aclBlock(list: String, key: String, members: [(Int, Finding)]) throws -> FixBlock {
        var targets = Set<Int>()
        for (_, finding) in members {
            if case .removeRule(_, let span) = finding.fix { targets.insert(span.start) }
        }
        guard let first = targets.min(), let index = tree.node(containing: first) else { throw Reason("ACL \(list) not found") }
        let node = tree.nodes[index]
        let words = node.words
        if words.first == "access-list" {
            // Numbered list: `no access-list N` deletes the whole list, so it is rebuilt without the rules.
            let number = String(words[1])
            let entries = tree.nodes.filter { $0.words.count > 1 && $0.words[0] == "access-list" && $0.words[1] == words[1] }
            var apply = ["no access-list \(number)"]
            var rollback = ["no access-list \(number)"]
            for entry in entries {
                let text = evidence.scriptText(file, entry.number ?? 0) ?? entry.text
                rollback.append(text)
                if !targets.contains(entry.number ?? 0) { apply.append(text) }
            }
            return FixBlock(key: key, title: "Access list \(number) rebuilt without \(targets.count) rule(s)", apply: apply, rollback: rollback,
                            notes: ["IOS deletes a numbered list as a whole; for a moment the list is empty. Apply from the console or from a LAN session."])
        }
        guard words.first == "ip" || words.first == "ipv6", words.contains("access-list") else {
            throw Reason("rule at line \(first) is not in an access list this tool can edit")
        }
        var apply = [node.text.trimmedBlank]
        for child in node.children where targets.contains(child.number ?? 0) {
            apply.append(" no " + child.text.trimmedBlank)
        }
        apply.append("exit")
        var rollback = ["no " + node.text.trimmedBlank, node.text.trimmedBlank]
        for child in node.children { rollback.append(" " + (evidence.scriptText(file, child.number ?? 0) ?? child.text).trimmedBlank) }
        rollback.append("exit")
        return FixBlock(key: key, title: "Remove \(targets.count) rule(s) from access list \(list)", apply: apply, rollback: rollback,
                        notes: ["The rollback re-creates the whole list so every rule returns to its place."])
    }

    mutating func snmpBlock(line: Int, key: String, members: [(Int, Finding)]) throws -> FixBlock {
        guard let index = tree.node(containing: line) else { throw Reason("line \(line) not found") }
        let node = tree.nodes[index]
        let words = node.words.map(String.init)
        guard words.count >= 3 else { throw Reason("`snmp-server community` without a name at line \(line)") }
        let community = evidence.scriptSecret(words[2], at: "line \(line) of \(file)")
        let original = evidence.scriptText(file, node.number ?? 0) ?? node.text
        let acl = managementACLNumber()
        let replace = members.contains { if case .replaceSNMPCommunity = $0.1.fix { true } else { false } }
        let readWrite = words.dropFirst(3).contains { $0.uppercased() == "RW" }
        var options = Array(words.dropFirst(3))
        // The last option is an ACL when it is not a keyword or a view's name.
        if let last = options.last, !["RO", "RW"].contains(last.uppercased()), options.count >= 1,
           !(options.count >= 2 && options[options.count - 2] == "view") {
            options.removeLast()
        }
        if !replace {
            return FixBlock(key: key, title: "SNMP community at line \(line) answers only the management networks",
                            apply: (["snmp-server community", community] + options + [acl]).joined(separator: " ").split(separator: "\n").map(String.init),
                            rollback: ["no snmp-server community \(community)", original])
        }
        if readWrite {
            return FixBlock(key: key, title: "Remove the read-write SNMP community at line \(line)",
                            apply: ["no snmp-server community \(community)"], rollback: [original],
                            notes: ["Use SNMPv3 with authPriv if anything must write over SNMP."])
        }
        let variable = evidence.newSecret("RA_NEW_SNMP_COMMUNITY_\(line)", "a new read-only SNMP community (long and random) to replace the one at line \(line)")
        return FixBlock(key: key, title: "Replace the default SNMP community at line \(line) with a new read-only one limited to the management networks",
                        apply: ["no snmp-server community \(community)", "snmp-server community \(variable) RO \(acl)"],
                        rollback: ["no snmp-server community \(variable)", original],
                        notes: ["Update the community on the monitoring system at the same time."])
    }

    // MARK: - Looking things up

    /// `permit ip any any` (or `access-list N permit ip any any`): the rule that carries all traffic.
    static func isPermitAnyAny(_ node: IOSConfigTree.Node, line: Int) -> Bool {
        let text = node.number == line ? node.text : (node.children.first { $0.number == line }?.text ?? "")
        var words = IOSConfigTree.words(text)
        if words.first == "access-list", words.count > 2 { words.removeFirst(2) }
        if let first = words.first, first.allSatisfy(\.isNumber) { words.removeFirst() }
        return words.count >= 4 && words[0] == "permit" && (words[1] == "ip" || words[1] == "ipv6") && words[2] == "any" && words[3] == "any"
    }

    mutating func original(text: String) throws -> String {
        guard let index = tree.node(text: text) else { throw Reason("`\(text)` not found") }
        return evidence.scriptText(file, tree.nodes[index].number ?? 0) ?? text
    }

    mutating func original(line: Int) throws -> String {
        guard let text = evidence.scriptText(file, line) else { throw Reason("line \(line) not found") }
        return text
    }

    func lineNode(_ channel: String) -> Int? {
        tree.node(text: "line \(channel)")
    }

    func usernameNode(_ owner: String) -> Int? {
        tree.nodes.firstIndex { $0.words.count >= 2 && $0.words[0] == "username" && $0.words[1] == owner }
    }

    func vtyChannels() -> [String] {
        tree.nodes.compactMap { node in
            let w = node.words
            return w.count >= 2 && w[0] == "line" && w[1] == "vty" ? w.dropFirst().joined(separator: " ") : nil
        }
    }

    /// `A.B.C.D wildcard` for every IPv4 network on a LAN interface.
    func managementNetworks() -> [String] {
        var result: [String] = []
        for interface in config.interfaces where interface.role.value == .lan && !interface.shutdown {
            for prefix in interface.addresses {
                guard case .v4(let address) = prefix.address, prefix.length > 0 else { continue }
                let mask: UInt32 = prefix.length >= 32 ? ~0 : ~(~UInt32(0) >> UInt32(prefix.length))
                let entry = "\(Self.dotted(address & mask)) \(Self.dotted(~mask))"
                if !result.contains(entry) { result.append(entry) }
            }
        }
        return result
    }

    /// The highest standard ACL number (1-99) not already used.
    func managementACLNumber() -> String {
        let used = Set(tree.nodes.compactMap { node -> String? in
            let w = node.words
            return w.count >= 2 && w[0] == "access-list" ? String(w[1]) : nil
        })
        return (1...99).reversed().map(String.init).first { !used.contains($0) } ?? "99"
    }

    static func dotted(_ value: UInt32) -> String {
        "\(value >> 24).\((value >> 16) & 255).\((value >> 8) & 255).\(value & 255)"
    }
}
