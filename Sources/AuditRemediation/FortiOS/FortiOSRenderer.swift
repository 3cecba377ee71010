import AuditCore

/// Turns findings into FortiOS CLI blocks (`config` … `end`), each naming the full chain of
/// headers it changes, so it can be pasted on its own.
struct FortiOSRenderer {
    let config: DeviceConfig
    var evidence: EvidenceText
    let text: FortiOSText
    let file: String

    static let keywords: [ServiceKind: String] = [.telnet: "telnet", .http: "http", .https: "https", .ssh: "ssh", .snmp: "snmp"]

    init(config: DeviceConfig, showSecrets: Bool) {
        self.config = config
        self.evidence = EvidenceText(config: config, showSecrets: showSecrets)
        let source = config.sources.first
        self.file = source?.path ?? ""
        self.text = FortiOSText(lines: source?.lines.map(String.init) ?? [])
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
                // A block that acts on only some of its members says so itself.
                if block.findings.isEmpty { block.findings = members.map(\.0) }
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
        return RemediationPlan(vendor: .fortiOS, device: config.identity.hostname?.value ?? file, findings: findings, blocks: blocks,
                               unfixable: groups.unfixable.sorted { $0.finding < $1.finding },
                               variables: evidence.variables, originalSecrets: evidence.originalSecrets)
    }

    func keys(for finding: Finding) -> Result<[String], Reason> {
        let spans = finding.evidence.flatMap(\.spans)
        switch finding.fix {
        case .disableService(let kind), .restrictService(let kind, _):
            guard Self.keywords[kind] != nil else { return .failure(Reason("turn off \(kind.rawValue) by hand")) }
            let lines = Set(spans.filter { isAllowaccess($0.start) }.map(\.start))
            return lines.isEmpty ? .failure(Reason("no `set allowaccess` line to change; restrict \(kind.rawValue) with trusted hosts or a local-in policy"))
                : .success(lines.sorted().map { "allowaccess|\($0)" })
        case .removeRule(_, let span):
            let chain = text.chain(around: span.start + 1)
            guard chain.first == "config firewall policy", chain.count == 2 else { return .failure(Reason("the rule at line \(span.start) is not a firewall policy")) }
            return .success(["policy|\(span.start)"])
        case .replaceCredential(let owner, .login):
            guard text.block(["config system admin", "edit \"\(owner)\""]) != nil else { return .failure(Reason("administrator \(owner) is not under `config system admin`")) }
            return .success(["admin|\(owner)"])
        case .replaceCredential(_, let purpose), .hashSecret(_, let purpose):
            if case .service(let kind) = purpose {
                return .failure(Reason("the \(kind) secret is sent to a peer, so FortiOS keeps it reversible (ENC): change it on both ends by hand"))
            }
            return .failure(Reason("change this password where FortiOS asks for it"))
        case .restrictSNMPCommunity(let span), .replaceSNMPCommunity(let span):
            let chain = text.chain(around: span.start + 1)
            guard chain.first == "config system snmp community", chain.count >= 2 else { return .failure(Reason("the community at line \(span.start) is not in `config system snmp community`")) }
            return lanSubnet == nil ? .failure(Reason("no LAN address to take the management network from; add hosts to the community by hand")) : .success(["snmp|\(chain[1])"])
        case .manual(let what):
            return .failure(Reason(what))
        default:
            return .failure(.notAutomated(finding.fix, on: "FortiOS"))
        }
    }

    func isAllowaccess(_ line: Int) -> Bool {
        guard line >= 1, line <= text.lines.count else { return false }
        let words = FortiOSText.words(text.lines[line - 1])
        return words.count >= 2 && words[0] == "set" && words[1] == "allowaccess"
    }

    /// `config a` / `edit b` / commands / `next` / `end`, indented as FortiOS prints it.
    static func wrap(_ chain: [String], _ commands: [String]) -> [String] {
        var out: [String] = []
        for (depth, header) in chain.enumerated() { out.append(String(repeating: "    ", count: depth) + header) }
        out += commands.map { String(repeating: "    ", count: chain.count) + $0 }
        for (depth, header) in chain.enumerated().reversed() {
            out.append(String(repeating: "    ", count: depth) + (header.hasPrefix("config") ? "end" : "next"))
        }
        return out
    }

    mutating func render(key: String, members: [(Int, Finding)]) throws -> FixBlock {
        let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
        switch parts[0] {
        case "allowaccess":
            let line = Int(parts[1]) ?? 0
            let chain = text.chain(around: line)
            let interface = chain.last.map { FortiOSText.words($0).dropFirst().joined(separator: " ").replacingQuotes() } ?? ""
            let isWAN = config.interfaces.contains { $0.name == interface && $0.role.value == .wan }
            var words = Array(FortiOSText.words(text.lines[line - 1]).dropFirst(2))
            var acted: [Int] = []
            for (index, finding) in members {
                switch finding.fix {
                case .disableService(let kind): words.removeAll { $0 == Self.keywords[kind] }; acted.append(index)
                case .restrictService(let kind, _) where isWAN: words.removeAll { $0 == Self.keywords[kind] }; acted.append(index)
                default: break
                }
            }
            let original = text.lines[line - 1].trimmedBlank
            let command = words.isEmpty ? "unset allowaccess" : "set allowaccess " + words.joined(separator: " ")
            guard command != original else { throw Reason("the service is allowed on \(interface), which is not a WAN interface; restrict it with trusted hosts") }
            return FixBlock(key: key, title: "Interface \(interface) answers only \(words.isEmpty ? "no management" : words.joined(separator: " "))",
                            findings: acted, apply: Self.wrap(chain, [command]), rollback: Self.wrap(chain, [original]),
                            notes: ["Manage the firewall from the LAN (or a VPN into it) afterwards."])
        case "policy":
            let line = Int(parts[1]) ?? 0
            let chain = text.chain(around: line + 1)
            guard let block = text.block(chain) else { throw Reason("policy not found") }
            let status = text.setting(block, "status").map { text.lines[$0].trimmedBlank } ?? "unset status"
            return FixBlock(key: key, title: "Disable firewall policy \(chain.last.map { FortiOSText.words($0).dropFirst().joined() } ?? "")",
                            apply: Self.wrap(chain, ["set status disable"]), rollback: Self.wrap(chain, [status]),
                            notes: ["The policy stays, disabled, so it can be enabled again."])
        case "admin":
            let chain = ["config system admin", "edit \"\(parts[1])\""]
            guard let block = text.block(chain) else { throw Reason("administrator not found") }
            let variable = evidence.newSecret("RA_NEW_PASSWORD_\(EvidenceText.token(parts[1]))", "the new password of administrator \(parts[1]); FortiOS stores it as an SH2 hash")
            let before = text.setting(block, "password").map { evidence.scriptText(file, $0 + 1)?.trimmedBlank ?? "" } ?? "unset password"
            return FixBlock(key: key, title: "Administrator \(parts[1]): a new password", apply: Self.wrap(chain, ["set password \(variable)"]),
                            rollback: Self.wrap(chain, [before]), order: 10)
        case "snmp":
            guard let subnet = lanSubnet else { throw Reason("no LAN address") }
            let chain = ["config system snmp community", parts[1]]
            guard let block = text.block(chain) else { throw Reason("community not found") }
            let replace = members.contains { if case .replaceSNMPCommunity = $0.1.fix { true } else { false } }
            var apply: [String] = []
            var rollback: [String] = []
            if replace {
                let variable = evidence.newSecret("RA_NEW_SNMP_COMMUNITY_\(EvidenceText.token(parts[1]))", "a new SNMP community (long and random)")
                apply.append("set name \"\(variable)\"")
                if let name = text.setting(block, "name") { rollback.append(evidence.scriptText(file, name + 1)?.trimmedBlank ?? "") }
            }
            let hosts = text.block(chain + ["config hosts"])
            if hosts == nil {
                apply += ["config hosts", "    edit 1", "        set ip \(subnet)", "    next", "end"]
                rollback += ["config hosts", "    delete 1", "end"]
            } else {
                throw Reason("the community already has hosts; review them by hand")
            }
            return FixBlock(key: key, title: "SNMP community \(parts[1]) \(replace ? "replaced by a new one that answers" : "answers") only \(subnet)",
                            apply: Self.wrap(chain, apply), rollback: Self.wrap(chain, rollback))
        default:
            throw Reason("no renderer for \(key)")
        }
    }

    var lanSubnet: String? {
        for interface in config.interfaces where interface.role.value == .lan {
            for prefix in interface.addresses {
                guard case .v4(let address) = prefix.address, prefix.length > 0 else { continue }
                let mask: UInt32 = prefix.length >= 32 ? ~0 : ~(~UInt32(0) >> UInt32(prefix.length))
                return "\(IOSRenderer.dotted(address & mask)) \(IOSRenderer.dotted(mask))"
            }
        }
        return nil
    }
}

extension String {
    func replacingQuotes() -> String { String(filter { $0 != "\"" }) }
}
