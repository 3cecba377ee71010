import AuditCore

/// Turns findings into Huawei VRP system-view commands: `undo` removes, views (`user-interface`,
/// `interface`, `acl number`) are entered and left with `quit`; rollback lines are the original
/// lines (secrets as variables unless shown).
struct VRPRenderer: ConfigModeRenderer {
    let config: DeviceConfig
    var evidence: EvidenceText
    let tree: IOSConfigTree
    let file: String
    static let managementACL = "2999"

    init(config: DeviceConfig, showSecrets: Bool) {
        self.config = config
        self.evidence = EvidenceText(config: config, showSecrets: showSecrets)
        let source = config.sources.first
        self.file = source?.path ?? ""
        self.tree = IOSConfigTree(lines: source?.lines.map(String.init) ?? [], flatAfterSeparator: true)
    }

    mutating func plan(_ findings: [Finding]) -> RemediationPlan {
        let (blocks, unfixable) = assemble(findings, sharedKey: "mgmt-acl") {
            $0.key.hasPrefix("acl-in|") || $0.key == "http-acl" || $0.key.hasPrefix("snmp|")
        }
        return RemediationPlan(vendor: .huaweiVRP, device: config.identity.hostname?.value ?? file, findings: findings, blocks: blocks,
                               unfixable: unfixable, variables: evidence.variables, originalSecrets: evidence.originalSecrets)
    }

    func keys(for finding: Finding) -> Result<[String], Reason> {
        switch finding.fix {
        case .disableService(.http):
            return tree.node(text: "http server enable") != nil ? .success(["http-off"]) : .failure(Reason("no `http server enable` line to undo"))
        case .disableService(.telnet):
            let channels = vtyChannels()
            return channels.isEmpty ? .failure(Reason("no vty user-interface found")) : .success(channels.map { "protocol|\($0)" })
        case .setTransportInput(let channel, let allowed) where allowed == [.ssh]:
            return lineNode(channel) == nil ? .failure(Reason("user-interface \(channel) is not in the configuration")) : .success(["protocol|\(channel)"])
        case .setAccessClass(let channel):
            guard lineNode(channel) != nil else { return .failure(Reason("user-interface \(channel) is not in the configuration")) }
            return managementNetwork == nil ? .failure(noLAN) : .success(["mgmt-acl", "acl-in|\(channel)"])
        case .restrictService(let kind, _):
            if managementNetwork == nil { return .failure(noLAN) }
            switch kind {
            case .http, .https: return .success(["mgmt-acl", "http-acl"])
            case .ssh, .telnet: return .success(["mgmt-acl"] + vtyChannels().map { "acl-in|\($0)" })
            default: return .failure(Reason("restrict \(kind.rawValue) by hand"))
            }
        case .setIdleTimeout(let channel, let seconds):
            return lineNode(channel) == nil ? .failure(Reason("user-interface \(channel) is not in the configuration")) : .success(["idle|\(channel)|\(seconds)"])
        case .requireLogin(let channel):
            return lineNode(channel) == nil ? .failure(Reason("user-interface \(channel) is not in the configuration")) : .success(["auth|\(channel)"])
        case .restrictSNMPCommunity(let span), .replaceSNMPCommunity(let span):
            guard let index = tree.node(containing: span.start), tree.nodes[index].words.starts(with: ["snmp-agent", "community"]), tree.nodes[index].words.count >= 4 else {
                return .failure(Reason("the community at line \(span.start) is not an `snmp-agent community` line"))
            }
            return managementNetwork == nil ? .failure(noLAN) : .success(["mgmt-acl", "snmp|\(span.start)"])
        case .removeRule(_, let span):
            guard let index = tree.node(containing: span.start), tree.nodes[index].words.first == "acl",
                  let child = tree.nodes[index].children.first(where: { $0.number == span.start }) else {
                return .failure(Reason("the rule at line \(span.start) is not in an `acl` view"))
            }
            let words = IOSConfigTree.words(child.text)
            if words.count == 4, words[0] == "rule", words[2] == "permit", words[3] == "ip" {
                return .failure(Reason("removing the only catch-all permit would also drop return traffic: write the permits the site needs, ending in a deny, then remove it"))
            }
            return .success(["rule|\(span.start)"])
        case .removePortForward(let span):
            guard let index = tree.node(containing: span.start), tree.nodes[index].children.contains(where: { $0.number == span.start }) || tree.nodes[index].number == span.start else {
                return .failure(Reason("the port forward at line \(span.start) was not found"))
            }
            return .success(["nat|\(span.start)"])
        case .replaceCredential(let owner, .login), .hashSecret(let owner, .login), .replaceCredential(let owner, .privilege), .hashSecret(let owner, .privilege):
            return .failure(Reason("set the password of \(owner) where VRP prompts for it (`local-user \(owner) password` in the aaa view asks twice and stores it irreversibly), so it never goes into a file"))
        case .replaceCredential(let owner, .linePassword), .hashSecret(let owner, .linePassword):
            return .failure(Reason("use `authentication-mode aaa` on user-interface \(owner) with a local-user instead of a line password"))
        case .replaceCredential(_, .service(let kind)), .hashSecret(_, .service(let kind)):
            return .failure(Reason("the \(kind) secret is sent to a peer, so VRP keeps it reversible: change it on both ends by hand"))
        case .manual(let what):
            return .failure(Reason(what))
        default:
            return .failure(.notAutomated(finding.fix, on: "Huawei VRP"))
        }
    }

    var noLAN: Reason { Reason("no LAN interface address to take the management network from; write an ACL of the management stations by hand") }

    mutating func render(key: String, members: [(Int, Finding)]) throws -> FixBlock {
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        switch parts[0] {
        case "http-off":
            return FixBlock(key: key, title: "Turn off the plain-HTTP server", apply: ["undo http server enable"], rollback: ["http server enable"])
        case "protocol":
            return try viewSetting(parts[1], key: key, title: "user-interface \(parts[1]) accepts SSH only", command: "protocol inbound ssh", keyWords: 2,
                                   notes: ["SSH needs `stelnet server enable`, a host key (`rsa local-key-pair create`) and `ssh user` entries first."])
        case "mgmt-acl":
            guard let network = managementNetwork else { throw noLAN }
            return FixBlock(key: key, title: "ACL \(Self.managementACL) of the management network (taken from the LAN interface)",
                            apply: ["acl number \(Self.managementACL)", " rule 5 permit source \(network)", "quit"],
                            rollback: ["undo acl number \(Self.managementACL)"], order: 0)
        case "acl-in":
            return try viewSetting(parts[1], key: key, title: "Only the management network may log in on user-interface \(parts[1])",
                                   command: "acl \(Self.managementACL) inbound", keyWords: 1, matchLast: "inbound")
        case "http-acl":
            let existing = tree.nodes.first { $0.words.starts(with: ["http", "acl"]) }
            return FixBlock(key: key, title: "Only the management network may reach the web server", apply: ["http acl \(Self.managementACL)"],
                            rollback: [existing?.text ?? "undo http acl"])
        case "idle":
            let seconds = Int(parts[2]) ?? 600
            return try viewSetting(parts[1], key: key, title: "Idle sessions on user-interface \(parts[1]) end after \(seconds / 60) min",
                                   command: "idle-timeout \(seconds / 60) \(seconds % 60)", keyWords: 1)
        case "auth":
            return try viewSetting(parts[1], key: key, title: "user-interface \(parts[1]) asks for an AAA login", command: "authentication-mode aaa", keyWords: 1,
                                   notes: ["Make sure a local-user with a strong password exists for the console first."])
        case "snmp":
            let line = Int(parts[1]) ?? 0
            guard let index = tree.node(containing: line) else { throw Reason("line \(line) not found") }
            let words = tree.nodes[index].words.map(String.init)
            let access = words[2]
            let name = evidence.scriptSecret(words[3], at: "line \(line) of \(file)")
            let original = evidence.scriptText(file, line) ?? ""
            let replace = members.contains { if case .replaceSNMPCommunity = $0.1.fix { true } else { false } }
            if replace && access == "write" {
                return FixBlock(key: key, title: "Remove the read-write SNMP community at line \(line)", apply: ["undo snmp-agent community write \(name)"], rollback: [original])
            }
            if replace {
                let variable = evidence.newSecret("RA_NEW_SNMP_COMMUNITY_\(line)", "a new read-only SNMP community (long and random)")
                return FixBlock(key: key, title: "Replace the default SNMP community at line \(line) with a new read-only one for the management network",
                                apply: ["undo snmp-agent community \(access) \(name)", "snmp-agent community read \(variable) acl \(Self.managementACL)"],
                                rollback: ["undo snmp-agent community read \(variable)", original],
                                notes: ["Update the community on the monitoring system at the same time."])
            }
            return FixBlock(key: key, title: "SNMP community at line \(line) answers only the management network",
                            apply: ["snmp-agent community \(access) \(name) acl \(Self.managementACL)"], rollback: [original])
        case "rule":
            let line = Int(parts[1]) ?? 0
            guard let index = tree.node(containing: line), let child = tree.nodes[index].children.first(where: { $0.number == line }) else { throw Reason("rule not found") }
            let words = IOSConfigTree.words(child.text)
            let view = tree.nodes[index].text.trimmedBlank
            return FixBlock(key: key, title: "Remove \(words.prefix(2).joined(separator: " ")) from \(view)",
                            apply: [view, " undo \(words.prefix(2).joined(separator: " "))", "quit"],
                            rollback: [view, " " + child.text.trimmedBlank, "quit"])
        case "nat":
            let line = Int(parts[1]) ?? 0
            guard let index = tree.node(containing: line) else { throw Reason("line not found") }
            let node = tree.nodes[index]
            let text = (node.number == line ? node.text : node.children.first { $0.number == line }?.text ?? "").trimmedBlank
            if node.number == line {
                return FixBlock(key: key, title: "Remove the port forward at line \(line)", apply: ["undo \(text)"], rollback: [text])
            }
            return FixBlock(key: key, title: "Remove the port forward at line \(line)", apply: [node.text.trimmedBlank, " undo \(text)", "quit"],
                            rollback: [node.text.trimmedBlank, " \(text)", "quit"],
                            notes: ["Reach the service through a VPN instead."])
        default:
            throw Reason("no renderer for \(key)")
        }
    }

    mutating func viewSetting(_ channel: String, key: String, title: String, command: String, keyWords: Int,
                              matchLast: Substring? = nil, notes: [String] = []) throws -> FixBlock {
        guard let index = lineNode(channel) else { throw Reason("user-interface \(channel) is not in the configuration") }
        let (apply, rollback) = tree.modeSetting(node: index, command: command, keyWords: keyWords, matchLast: matchLast,
                                                 words: .vrp, file: file, evidence: &evidence)
        return FixBlock(key: key, title: title, apply: apply, rollback: rollback, notes: notes)
    }

    func lineNode(_ channel: String) -> Int? {
        // The model names the console `console 0`; VRP writes `con 0`.
        tree.node(text: "user-interface \(channel)") ?? tree.node(text: "user-interface \(channel.hasPrefix("console") ? "con" + channel.dropFirst("console".count) : channel)")
    }

    func vtyChannels() -> [String] {
        tree.nodes.compactMap { node in
            let w = node.words
            return w.count >= 2 && w[0] == "user-interface" && w[1] == "vty" ? w.dropFirst().joined(separator: " ") : nil
        }
    }

    /// `A.B.C.D wildcard` of the first LAN network.
    var managementNetwork: String? {
        // The LAN interfaces, or else the non-WAN interfaces with a private address.
        let lan = config.interfaces.filter { $0.role.value == .lan && !$0.shutdown }
        let candidates = lan.isEmpty ? config.interfaces.filter { $0.role.value != .wan && !$0.shutdown && $0.addresses.contains { $0.address.isV4 && $0.isPrivate } } : lan
        for interface in candidates {
            for prefix in interface.addresses {
                guard case .v4(let address) = prefix.address, prefix.length > 0 else { continue }
                let mask: UInt32 = prefix.length >= 32 ? ~0 : ~(~UInt32(0) >> UInt32(prefix.length))
                return "\(IOSRenderer.dotted(address & mask)) \(IOSRenderer.dotted(~mask))"
            }
        }
        return nil
    }
}
