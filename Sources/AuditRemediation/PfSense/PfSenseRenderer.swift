import AuditCore

/// pfSense and OPNsense keep their whole configuration in `/conf/config.xml` and have no command
/// line for it; the honest script is the change to that file: a patch of the exact lines, applied
/// to a downloaded backup that is then restored (or the same clicks in the web interface, which
/// the README lists). Rules and port forwards get `<disabled>1</disabled>`, so they stay.
struct PfSenseRenderer {
    let config: DeviceConfig
    var evidence: EvidenceText
    let lines: [String]
    let file: String
    var allFindings: [Finding] = []

    init(config: DeviceConfig, showSecrets: Bool) {
        self.config = config
        self.evidence = EvidenceText(config: config, showSecrets: showSecrets)
        let source = config.sources.first
        self.file = source?.path ?? ""
        self.lines = source?.lines.map(String.init) ?? []
    }

    mutating func plan(_ findings: [Finding]) -> RemediationPlan {
        allFindings = findings
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
                var block = try render(key: key)
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
        return RemediationPlan(vendor: config.vendor, device: config.identity.hostname?.value ?? file, findings: findings, blocks: blocks,
                               unfixable: groups.unfixable.sorted { $0.finding < $1.finding },
                               variables: evidence.variables, originalSecrets: evidence.originalSecrets)
    }

    func keys(for finding: Finding) -> Result<[String], Reason> {
        let spans = finding.evidence.flatMap(\.spans).filter { $0.file == file }
        switch finding.fix {
        case .removeRule(_, let span), .removePortForward(let span):
            // OPNsense writes `<rule uuid="...">`; pfSense a bare `<rule>`.
            let opening = trimmed(span.start)
            guard opening == "<rule>" || (opening.hasPrefix("<rule ") && opening.hasSuffix(">") && !opening.hasSuffix("/>")) else { return .failure(Reason("the rule at line \(span.start) is not a <rule> element")) }
            return .success(["disable|\(span.start)"])
        case .disableService(.upnp):
            guard let line = spans.first(where: { trimmed($0.start).hasPrefix("<enable>") })?.start else {
                return .failure(Reason("turn UPnP off under Services > UPnP & NAT-PMP"))
            }
            return .success(["remove|\(line)"])
        case .disableService(.http):
            if exposedWebInterface {
                return .failure(Reason("the web interface is reachable from the WAN: close that first (Firewall > Rules on WAN), then switch it to HTTPS under System > Advanced > Admin Access"))
            }
            guard let line = spans.first(where: { trimmed($0.start) == "<protocol>http</protocol>" })?.start else {
                return .failure(Reason("switch the web interface to HTTPS under System > Advanced > Admin Access"))
            }
            return .success(["https|\(line)"])
        case .manual(let what):
            return .failure(Reason(what))
        case .replaceCredential, .hashSecret:
            return .failure(Reason("change it in the web interface (System > User Manager, or the service's page), which stores it the way the firewall needs; a password never goes into a file"))
        default:
            return .failure(.notAutomated(finding.fix, on: "config.xml (make it in the web interface)"))
        }
    }

    /// Some finding says the web interface is reachable from the WAN (and no fix here closes it).
    var exposedWebInterface: Bool {
        config.services.contains { service in service.kind == .http || service.kind == .https } && allFindings.contains { finding in
            if case .restrictService(let kind, _) = finding.fix { return kind == .http || kind == .https }
            return false
        }
    }

    func trimmed(_ line: Int) -> String {
        line >= 1 && line <= lines.count ? lines[line - 1].trimmedBlank : ""
    }

    func indent(_ line: Int) -> String {
        String(lines[line - 1].prefix { $0 == " " || $0 == "\t" })
    }

    /// A block's apply holds its edit as `line|removed count|added lines...` for the patch writer.
    mutating func render(key: String) throws -> FixBlock {
        let parts = key.split(separator: "|").map(String.init)
        let line = Int(parts[1]) ?? 0
        guard line >= 1, line <= lines.count else { throw Reason("line \(line) not found") }
        switch parts[0] {
        case "disable":
            let child = indent(line) + "\t<disabled>1</disabled>"
            let all = lines
            let description = (line..<min(all.count, line + 40)).lazy.map { all[$0].trimmedBlank }
                .first { $0.hasPrefix("<descr>") }.map { $0.replacing("<descr>", with: "").replacing("</descr>", with: "").replacing("<![CDATA[", with: "").replacing("]]>", with: "") } ?? "line \(line)"
            return FixBlock(key: key, title: "Disable the rule '\(description)' (config.xml line \(line))", apply: Self.encode(withContext(LineEdit(line: line, removed: [], added: [child]))),
                            rollback: [], notes: ["In the web interface: Firewall > Rules (or NAT > Port Forward), edit the rule, tick Disabled, Save, Apply."])
        case "remove":
            return FixBlock(key: key, title: "Turn off UPnP & NAT-PMP (config.xml line \(line))", apply: Self.encode(withContext(LineEdit(line: line, removed: [lines[line - 1]], added: []))),
                            rollback: [], notes: ["In the web interface: Services > UPnP & NAT-PMP, untick Enable, Save."])
        case "https":
            return FixBlock(key: key, title: "The web interface speaks HTTPS only (config.xml line \(line))",
                            apply: Self.encode(withContext(LineEdit(line: line, removed: [lines[line - 1]], added: [lines[line - 1].replacing(">http<", with: ">https<")]))),
                            rollback: [], notes: ["In the web interface: System > Advanced > Admin Access, Protocol HTTPS, Save; reconnect with https://."])
        default:
            throw Reason("no renderer for \(key)")
        }
    }

    static func encode(_ edit: LineEdit) -> [String] {
        ["\(edit.line)|\(edit.removed.count)"] + edit.before.map { "<" + $0 } + edit.removed.map { "-" + $0 } + edit.added.map { "+" + $0 }
            + edit.after.map { ">" + $0 }
    }

    static func decode(_ apply: [String]) -> LineEdit? {
        guard let head = apply.first?.split(separator: "|"), head.count == 2, let line = Int(head[0]) else { return nil }
        func lines(_ mark: Character) -> [String] { apply.dropFirst().filter { $0.first == mark }.map { String($0.dropFirst()) } }
        return LineEdit(line: line, removed: lines("-"), added: lines("+"), before: lines("<"), after: lines(">"))
    }

    /// The edit with one unchanged line of context on each side, masked like any script text.
    mutating func withContext(_ edit: LineEdit) -> LineEdit {
        var edit = edit
        let start = edit.removed.isEmpty ? edit.line : edit.line - 1
        if start >= 1, start <= lines.count { edit.before = [evidence.scriptText(file, start) ?? lines[start - 1]] }
        let after = start + edit.removed.count + 1
        if after >= 1, after <= lines.count { edit.after = [evidence.scriptText(file, after) ?? lines[after - 1]] }
        return edit
    }
}
