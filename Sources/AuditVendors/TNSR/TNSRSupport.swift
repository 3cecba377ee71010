import AuditCore

/// Netgate TNSR configurations as the CLI prints them (`show configuration running cli`): blocks
/// opened by a top-level command and closed by `exit`, indented by four spaces. What is modelled
/// (Netgate TNSR documentation, "SNMP" and "User Management"):
///
/// - `auth user NAME` with `password HASH` (crypt, usually `$6$`): local accounts, administrators
///   by default (TNSR's NACM rules decide; a configuration names only group members);
/// - `snmp host enable`: the SNMP agent on the host; `snmp community community-name C source P
///   security-name S`: a v1/v2c community restricted to source P;
/// - `bgp ... neighbor ... password P`: a BGP session key (a stored secret).
///
/// Every other line counts as not understood, so the coverage says how little is assessed.
public struct NetgateTNSRSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .netgateTNSR }
    public var displayName: String { "Netgate TNSR" }

    public func detect(_ text: String) -> DetectionScore {
        var score = 0
        var found: [String] = []
        func mark(_ name: String, _ points: Int) {
            guard !found.contains(name) else { return }
            found.append(name)
            score += points
        }
        DetectionLines.scan(text) { line in
            if line.contains("tnsr-release") || line.contains("+tnsr-v") { mark("tnsr package banner", 80) }
            if !line.isIndented, line.has("nacm ") { mark("nacm", 30) }
            if !line.isIndented, line.has("dataplane dpdk") { mark("dataplane dpdk", 30) }
            return true
        }
        guard score > 0 else { return .none }
        return DetectionScore(min(score, 100), "TNSR markers: \(found.joined(separator: ", "))")
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        let sources = inputs.map { ConfigSource(path: $0.path, text: $0.text) }
        var device = DeviceConfig(identity: DeviceIdentity(vendor: .netgateTNSR), sources: sources)
        var coverage = ParseCoverage()
        for source in sources { TNSRReader.read(source, into: &device, coverage: &coverage) }
        device.coverage = coverage
        return device
    }
}

/// One pass over the lines: a stack of open block headers, and the few statements the model holds.
enum TNSRReader {
    static func read(_ source: ConfigSource, into device: inout DeviceConfig, coverage: inout ParseCoverage) {
        // Open block headers with their indentation; a line at or left of a header's indent closes it.
        var blocks: [(words: [Substring], indent: Int)] = []
        var meaningful = 0
        var understood = 0
        var snmpSpans: [SourceSpan] = []
        var snmpHostEnabled: SourceSpan?
        for (offset, raw) in source.lines.enumerated() {
            let number = offset + 1
            let indent = raw.prefix { $0 == " " }.count
            let text = raw.drop { $0 == " " || $0 == "\t" }
            if text.isEmpty || text.hasPrefix("!") { continue }
            let words = text.split(separator: " ")
            while let last = blocks.last, indent <= last.indent { blocks.removeLast() }
            if words == ["exit"] { continue }
            meaningful += 1
            let span = SourceSpan(file: source.path, start: number)
            let parent = blocks.last?.words ?? []
            var known = false
            if parent.starts(with: ["auth", "user"]), words.first == "password", let value = words[safe: 1], parent.count >= 3 {
                let name = String(parent[2])
                let form: SecretForm = value.hasPrefix("$6$") ? .hashed(scheme: .sha512crypt, encoded: String(value))
                    : value.hasPrefix("$5$") ? .hashed(scheme: .sha256crypt, encoded: String(value))
                    : value.hasPrefix("$1$") ? .hashed(scheme: .md5crypt, encoded: String(value))
                    : .opaque(scheme: "tnsr", encoded: String(value))
                device.markSecret(file: source.path, line: number, range: range(of: value, in: raw))
                if let position = device.accounts.firstIndex(where: { $0.name == name }) {
                    device.accounts[position].secret = Secret(form, origin: .source(span))
                }
                known = true
            } else if words.starts(with: ["auth", "user"]), let name = words[safe: 2] {
                device.accounts.append(Account(name: String(name), secret: nil, privilege: 15, isAdministrator: true,
                                               origin: .source(span)))
                known = true
            } else if words.first == "password", parent.first == "neighbor" || parent.contains("neighbor"),
                      let value = words[safe: 1] {
                device.markSecret(file: source.path, line: number, range: range(of: value, in: raw))
                device.storedSecrets.append(StoredSecret(purpose: .service("bgp"), owner: "bgp \(parent.joined(separator: " "))",
                                                         secret: Secret(.cleartext(String(value)), origin: .source(span))))
                known = true
            } else if words.starts(with: ["snmp", "host"]) {
                if words[safe: 2] == "enable" { snmpHostEnabled = span }
                known = true
            } else if words.starts(with: ["snmp", "community"]) {
                known = community(words, raw: raw, span: span, into: &device)
                snmpSpans.append(span)
            } else if words.first == "snmp" {
                known = true
                snmpSpans.append(span)
            }
            if known { understood += 1 }
            else if device.diagnostics.count < 200 {
                device.diagnostics.append(Diagnostic(.warning, code: "unrecognized-line",
                                                     "not assessed: '\(words.prefix(3).joined(separator: " "))'", at: span))
            }
            if isBlockOpener(next: source.line(number + 1), indent: indent) { blocks.append((words, indent)) }
        }
        if let snmpHostEnabled {
            device.services.append(ManagementService(kind: .snmp, enabled: Sourced(true, .source(snmpHostEnabled)),
                                                     listen: Sourced([.any], .derived([snmpHostEnabled] + snmpSpans))))
        }
        coverage = coverage + ParseCoverage(meaningfulLines: meaningful, understoodLines: understood)
    }

    /// A header owns the lines indented deeper under it, up to its `exit`.
    static func isBlockOpener(next: Substring?, indent: Int) -> Bool {
        guard let next else { return false }
        return next.prefix { $0 == " " }.count > indent && !next.allSatisfy { $0 == " " }
    }

    /// `snmp community community-name NAME source PREFIX security-name S`.
    static func community(_ words: [Substring], raw: Substring, span: SourceSpan, into device: inout DeviceConfig) -> Bool {
        guard let at = words.firstIndex(of: "community-name"), let name = words[safe: at + 1] else { return false }
        var sources: [IPPrefix]?
        if let from = words.firstIndex(of: "source"), let text = words[safe: from + 1] {
            sources = IPPrefix(text).map { [$0] }
        }
        device.markSecret(file: span.file, line: span.start, range: range(of: name, in: raw))
        device.snmp.communities.append(SNMPCommunity(name: Secret(.cleartext(String(name)), origin: .source(span)),
                                                     access: .readOnly, allowedSources: sources, origin: .source(span)))
        return true
    }

    /// Byte offsets of a word inside its line.
    static func range(of word: Substring, in line: Substring) -> Range<Int> {
        let start = line.utf8.distance(from: line.utf8.startIndex, to: word.utf8.startIndex)
        return start..<(start + word.utf8.count)
    }
}
