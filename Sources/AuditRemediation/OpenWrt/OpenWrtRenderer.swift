import AuditCore

/// Turns findings into `uci batch` commands. Sections are addressed as uci addresses them (by
/// name, or `@type[n]` when anonymous); rules and forwards are switched off with `enabled 0`
/// rather than deleted, so no other section's `@type[n]` moves and the rollback is exact.
struct OpenWrtRenderer {
    let config: DeviceConfig
    var evidence: EvidenceText
    let uci: UCIText

    init(config: DeviceConfig, showSecrets: Bool) {
        self.config = config
        self.evidence = EvidenceText(config: config, showSecrets: showSecrets)
        self.uci = UCIText(files: config.sources.map { UCIText.File(path: $0.path, lines: $0.lines.map(String.init), endsWithNewline: true) })
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
        return RemediationPlan(vendor: .openWrt, device: config.identity.hostname?.value ?? config.sources.first?.path ?? "openwrt",
                               findings: findings, blocks: blocks, unfixable: groups.unfixable.sorted { $0.finding < $1.finding },
                               variables: evidence.variables, originalSecrets: evidence.originalSecrets)
    }

    // MARK: - Which blocks a finding needs

    func keys(for finding: Finding) -> Result<[String], Reason> {
        switch finding.fix {
        case .disableService(.http), .restrictService(.http, _):
            guard let section = section(ofType: "uhttpd", near: finding) else { return .failure(Reason("no uhttpd section found")) }
            return .success(["uhttpd|listen_http|\(section)"])
        case .restrictService(.https, _):
            guard let section = section(ofType: "uhttpd", near: finding) else { return .failure(Reason("no uhttpd section found")) }
            return lanAddress == nil ? .failure(noLAN) : .success(["uhttpd|listen_https|\(section)"])
        case .restrictService(.ssh, _):
            guard let section = section(ofType: "dropbear", near: finding) else { return .failure(Reason("no dropbear section found")) }
            return lanNetwork == nil ? .failure(noLAN) : .success(["dropbear|\(section)"])
        case .disableService(.upnp):
            guard let section = section(ofType: "upnpd", near: finding) else { return .failure(Reason("no upnpd section found")) }
            return .success(["upnpd|\(section)"])
        case .setZonePolicy(let zone, let chain, _):
            guard zoneSection(zone) != nil else { return .failure(Reason("zone \(zone) is not a `config zone` section")) }
            return .success(["zone|\(zone)|\(chain.rawValue)"])
        case .removeRule(_, let span), .removePortForward(let span), .removeZoneForwarding(_, _, let span):
            guard let section = uci.section(file: span.file, line: span.start) else { return .failure(Reason("no section at \(span)")) }
            return .success(["disable|\(section.package)|\(UCIText.address(section))"])
        case .restrictSNMPCommunity(let span), .replaceSNMPCommunity(let span):
            guard let section = uci.section(file: span.file, line: span.start), section.type == "com2sec" else {
                return .failure(Reason("the community at \(span) is not in a com2sec section"))
            }
            return lanSubnet == nil ? .failure(noLAN) : .success(["snmp|\(UCIText.address(section))"])
        case .replaceCredential(let owner, .login), .hashSecret(let owner, .login):
            guard ShadowFile.entry(of: owner, in: config, near: finding) != nil else {
                return .failure(Reason("the password of \(owner) is not in an /etc/shadow given to the audit: run `passwd \(owner)` on the router"))
            }
            return .success(["passwd|\(owner)"])
        case .manual(let what):
            return .failure(Reason(what))
        default:
            return .failure(.notAutomated(finding.fix, on: "uci"))
        }
    }

    var noLAN: Reason {
        Reason("the LAN network and its address are not in the files given (add /etc/config/network), so the management network is unknown")
    }

    // MARK: - Rendering

    mutating func render(key: String, members: [(Int, Finding)]) throws -> FixBlock {
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        switch parts[0] {
        case "uhttpd":
            let option = parts[1], address = parts[2]
            guard let section = uci.find(package: "uhttpd", section: address) else { throw Reason("uhttpd section \(address) not found") }
            let disable = members.contains { if case .disableService = $0.1.fix { true } else { false } }
            let path = "uhttpd.\(address).\(option)"
            if disable {
                return FixBlock(key: key, title: "Turn off the plain-HTTP listener of uhttpd", apply: ["delete \(path)"],
                                rollback: restore(section, option, path),
                                notes: [uci.values(section, key: "listen_https").isEmpty
                                        ? "uhttpd has no HTTPS listener: the web interface (LuCI) is off afterwards; install luci-ssl to get it back over HTTPS."
                                        : "The web interface stays reachable over HTTPS."])
            }
            guard let lan = lanAddress else { throw noLAN }
            let port = option == "listen_https" ? "443" : "80"
            let ports = Set(uci.values(section, key: option).map { $0.value.split(separator: ":").last.map(String.init) ?? port })
            var apply = ["delete \(path)"]
            for p in ports.sorted() { apply.append("add_list \(path)=\(UCIText.quoted("\(lan):\(p)"))") }
            return FixBlock(key: key, title: "uhttpd \(option == "listen_https" ? "HTTPS" : "HTTP") listens on the LAN address \(lan) only",
                            apply: apply, rollback: restore(section, option, path))
        case "dropbear":
            guard let section = uci.find(package: "dropbear", section: parts[1]), let lan = lanNetwork else { throw noLAN }
            let path = "dropbear.\(parts[1]).Interface"
            return FixBlock(key: key, title: "SSH (dropbear) listens on the \(lan) network only",
                            apply: ["set \(path)=\(UCIText.quoted(lan))"], rollback: restore(section, "Interface", path))
        case "upnpd":
            guard let section = uci.find(package: "upnpd", section: parts[1]) else { throw Reason("upnpd section not found") }
            let path = "upnpd.\(parts[1]).enabled"
            return FixBlock(key: key, title: "Turn off UPnP/NAT-PMP port mapping", apply: ["set \(path)='0'"], rollback: restore(section, "enabled", path))
        case "zone":
            guard let section = zoneSection(parts[1]) else { throw Reason("zone \(parts[1]) not found") }
            let option = parts[2]
            let path = "firewall.\(UCIText.address(section)).\(option)"
            return FixBlock(key: key, title: "Zone \(parts[1]) rejects \(option) traffic by default", apply: ["set \(path)='REJECT'"],
                            rollback: restore(section, option, path),
                            notes: option == "input" ? ["Services the router must offer on this zone (a VPN, DHCP renewals) need their own `config rule` with target ACCEPT."] : [])
        case "disable":
            guard let section = uci.find(package: parts[1], section: parts[2]) else { throw Reason("section \(parts[2]) not found") }
            let path = "\(parts[1]).\(parts[2]).enabled"
            let name = uci.values(section, key: "name").first.map { " '\($0.value)'" } ?? ""
            return FixBlock(key: key, title: "Switch off \(section.type)\(name) (\(parts[2]))", apply: ["set \(path)='0'"],
                            rollback: restore(section, "enabled", path),
                            notes: ["The section stays in the configuration, switched off, so it can be switched on again."])
        case "snmp":
            guard let section = uci.find(package: "snmpd", section: parts[1]), let subnet = lanSubnet else { throw noLAN }
            let base = "snmpd.\(parts[1])"
            let replace = members.contains { if case .replaceSNMPCommunity = $0.1.fix { true } else { false } }
            let readWrite = uci.values(section, key: "secname").first?.value == "rw"
            var apply = ["set \(base).source=\(UCIText.quoted(subnet))"]
            var rollback = restore(section, "source", "\(base).source")
            var title = "SNMP community \(parts[1]) answers only \(subnet)"
            if replace {
                let variable = evidence.newSecret("RA_NEW_SNMP_COMMUNITY_\(EvidenceText.token(parts[1]))",
                                                  "a new read-only SNMP community (long and random) for com2sec \(parts[1])")
                apply.append("set \(base).community='\(variable)'")
                rollback += restore(section, "community", "\(base).community")
                title = "SNMP community \(parts[1]) replaced by a new one that answers only \(subnet)"
                if readWrite {
                    apply.append("set \(base).secname='ro'")
                    rollback += restore(section, "secname", "\(base).secname")
                    title += ", read-only"
                }
            }
            return FixBlock(key: key, title: title, apply: apply, rollback: rollback,
                            notes: replace ? ["Update the community on the monitoring system at the same time."] : [])
        case "passwd":
            return try passwordBlock(owner: parts[1], members: members, key: key)
        default:
            throw Reason("no renderer for \(key)")
        }
    }

    /// Commands that put an option or list back exactly as it was (or delete it when it was absent).
    mutating func restore(_ section: UCIText.Section, _ option: String, _ path: String) -> [String] {
        let existing = uci.values(section, key: option)
        guard !existing.isEmpty else { return ["delete \(path)"] }
        let file = uci.files[section.file].path
        var commands: [String] = []
        if existing.contains(where: \.list) { commands.append("delete \(path)") }
        for value in existing {
            let secret = config.secretSpans.contains { $0.file == file && $0.line == value.line + 1 }
            let text = secret ? "'\(evidence.scriptSecret(value.value, at: "line \(value.line + 1) of \(file)"))'" : OpenWrtRenderer.literal(value.value)
            commands.append(value.list ? "add_list \(path)=\(text)" : "set \(path)=\(text)")
        }
        return commands
    }

    /// A value written inside the script's here-document: quoted for uci, `$`, backquote and
    /// backslash escaped for the shell.
    static func literal(_ value: String) -> String {
        var escaped = ""
        for character in value {
            if character == "$" || character == "`" || character == "\\" { escaped.append("\\") }
            escaped.append(character)
        }
        return UCIText.quoted(escaped)
    }

    // MARK: - Looking things up

    func section(ofType type: String, near finding: Finding) -> String? {
        for span in finding.evidence.flatMap(\.spans) {
            if let section = uci.section(file: span.file, line: span.start), section.type == type { return UCIText.address(section) }
        }
        return uci.sections.first { $0.type == type }.map(UCIText.address)
    }

    func zoneSection(_ zone: String) -> UCIText.Section? {
        uci.sections.first { $0.package == "firewall" && $0.type == "zone" && uci.values($0, key: "name").first?.value == zone }
    }

    var lanInterface: Interface? {
        config.interfaces.first { $0.role.value == .lan && $0.addresses.contains { $0.address.isV4 } }
    }

    var lanNetwork: String? {
        lanInterface?.name ?? config.interfaces.first { $0.role.value == .lan }?.name
    }

    var lanAddress: String? {
        lanInterface?.addresses.first { $0.address.isV4 }.map { "\($0.address)" }
    }

    var lanSubnet: String? {
        guard let prefix = lanInterface?.addresses.first(where: { $0.address.isV4 }), case .v4(let address) = prefix.address else { return nil }
        let mask: UInt32 = prefix.length >= 32 ? ~0 : (prefix.length == 0 ? 0 : ~(~UInt32(0) >> UInt32(prefix.length)))
        return "\(IOSRenderer.dotted(address & mask))/\(prefix.length)"
    }
}
