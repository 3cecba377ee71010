import AuditCore

/// The machine-readable report: the JSON output, and the input every other reporter renders.
/// Documented in docs/json-schema.md; `schemaVersion` changes when a field changes meaning or goes away.
public struct ReportDocument: Codable, Sendable {
    public static let currentSchemaVersion = 1

    public var schemaVersion: Int
    public var tool: Tool
    public var policy: String
    public var secretsShown: Bool
    public var summary: Summary
    public var devices: [Device]
    public var problems: [InputProblem]
    /// Names the key of the evidence lines' `secretDigest`s (the key itself stays on the machine
    /// that audited; docs/remediation.md). Absent when no line has a digest.
    public var evidenceKeyID: String?

    public struct Tool: Codable, Sendable {
        public var name: String
        public var version: String
    }

    public struct Summary: Codable, Sendable {
        public var devicesAudited: Int
        public var inputsFailed: Int
        public var findings: Int
        public var bySeverity: [String: Int]
        /// The lowest device score (docs/score.md): a fleet is as exposed as its weakest router.
        /// Absent when no device was audited.
        public var score: Int?
    }

    public struct Device: Codable, Sendable {
        public var sources: [String]
        public var vendor: String
        public var vendorChoice: String
        public var hostname: String?
        public var coverage: Coverage
        /// 0 to 100, higher is safer; the formula is in docs/score.md and `DeviceScore`.
        public var score: Int
        public var findings: [FindingEntry]
        public var diagnostics: [DiagnosticEntry]

        /// The hostname with the files it came from, or the files alone.
        public var displayName: String {
            let files = sources.joined(separator: ", ")
            return hostname.map { "\($0) (\(files))" } ?? files
        }

        /// The hostname, or the first file: short enough for a table cell or a test-suite name.
        public var shortName: String { hostname ?? sources.first ?? "device" }
    }

    public struct Coverage: Codable, Sendable {
        public var meaningfulLines: Int
        public var understoodLines: Int
        /// understood / meaningful, 0...1.
        public var ratio: Double
    }

    public struct FindingEntry: Codable, Sendable {
        public var id: String
        public var slug: String
        public var title: String
        public var severity: Severity
        public var area: String
        public var message: String
        public var subject: String
        public var evidence: [EvidenceEntry]
        public var remediation: String
        /// Stable across runs and line moves: check id, device and subject.
        public var fingerprint: String
        /// The evidence includes what lets the WAN reach the problem (a WAN zone's accept policy, a
        /// rule or port forward from the WAN, a WAN interface): weighs double in the score.
        public var wanExposed: Bool
    }

    public struct EvidenceEntry: Codable, Sendable {
        public var file: String?
        public var line: Int?
        public var endLine: Int?
        /// The configuration line, secrets masked unless --show-secrets.
        public var text: String?
        /// For findings that rest on a platform default: which profile says so, and what it says.
        public var vendorDefault: String?
        /// For a line whose secret `text` masks: a keyed digest of the unmasked line, so `fix
        /// --from-report` sees a change inside the secret without the report holding it.
        public var secretDigest: String?
    }

    public struct DiagnosticEntry: Codable, Sendable {
        public var level: Diagnostic.Level
        public var code: String
        public var message: String
        public var file: String?
        public var line: Int?
    }
}

public enum ReportBuilder {
    /// `evidenceDigest`: gives each evidence line whose secret is masked a keyed digest.
    public static func build(_ run: AuditRun, showSecrets: Bool, toolVersion: String,
                             evidenceDigest: EvidenceDigester? = nil) -> ReportDocument {
        var bySeverity: [String: Int] = [:]
        for finding in run.allFindings { bySeverity[finding.severity.rawValue, default: 0] += 1 }
        let digester = showSecrets ? nil : evidenceDigest
        let devices = run.devices.map { device(of: $0, catalog: run.catalog, showSecrets: showSecrets, digester: digester) }
        let digested = devices.contains { $0.findings.contains { $0.evidence.contains { $0.secretDigest != nil } } }
        let lowestScore = devices.map(\.score).min()
        return ReportDocument(
            schemaVersion: ReportDocument.currentSchemaVersion,
            tool: .init(name: "routeraudit", version: toolVersion),
            policy: run.policyName,
            secretsShown: showSecrets,
            summary: .init(devicesAudited: run.devices.count, inputsFailed: run.problems.count,
                           findings: run.allFindings.count, bySeverity: bySeverity, score: lowestScore),
            devices: devices,
            problems: run.problems.map { InputProblem(path: TerminalSafe.clean($0.path), reason: TerminalSafe.clean($0.reason)) },
            evidenceKeyID: digested ? digester?.keyID : nil)
    }

    static func device(of audit: DeviceAudit, catalog: [String: CheckDescription], showSecrets: Bool,
                       digester: EvidenceDigester? = nil) -> ReportDocument.Device {
        let config = audit.config
        let quoter = EvidenceQuoter(config: config, showSecrets: showSecrets)
        let deviceKey = config.identity.hostname?.value ?? config.sources.first?.path ?? "device"
        let wanLines = WANMarkers(config: config)
        let findings = audit.findings.map { finding -> ReportDocument.FindingEntry in
            let meta = catalog[finding.checkID]
            return ReportDocument.FindingEntry(
                id: finding.checkID,
                slug: meta?.slug ?? "",
                title: meta?.title ?? finding.checkID,
                severity: finding.severity,
                area: meta?.area.rawValue ?? "",
                message: TerminalSafe.clean(finding.message.rendered(showSecrets: showSecrets)),
                subject: TerminalSafe.clean(finding.subject),
                evidence: evidence(finding.evidence, quoter: quoter, digester: digester),
                remediation: meta?.remediation ?? "",
                fingerprint: Fingerprint.of(checkID: finding.checkID, device: deviceKey, subject: finding.subject),
                wanExposed: wanLines.exposes(finding))
        }
        return ReportDocument.Device(
            sources: config.sources.map { TerminalSafe.clean($0.path) },
            vendor: config.vendor.rawValue,
            vendorChoice: audit.vendorChoice,
            hostname: config.identity.hostname.map { TerminalSafe.clean($0.value) },
            coverage: .init(meaningfulLines: config.coverage.meaningfulLines, understoodLines: config.coverage.understoodLines,
                            ratio: (config.coverage.ratio * 1000).rounded() / 1000),
            score: DeviceScore.of(findings),
            findings: findings,
            diagnostics: config.diagnostics.map {
                .init(level: $0.level, code: $0.code, message: TerminalSafe.clean($0.message), file: $0.span?.file, line: $0.span?.start)
            })
    }

    static func evidence(_ provenances: [Provenance], quoter: EvidenceQuoter, digester: EvidenceDigester? = nil) -> [ReportDocument.EvidenceEntry] {
        var entries: [ReportDocument.EvidenceEntry] = []
        for provenance in provenances {
            switch provenance {
            case .vendorDefault(let profile, let statement):
                entries.append(.init(vendorDefault: "\(profile): \(statement)"))
            case .source(let span), .unparsed(let span):
                entries.append(.init(file: span.file, line: span.start, endLine: span.end == span.start ? nil : span.end,
                                     text: quoter.quote(file: span.file, line: span.start),
                                     secretDigest: secretDigest(span, quoter: quoter, digester: digester)))
            case .derived(let spans):
                for span in spans {
                    entries.append(.init(file: span.file, line: span.start, endLine: span.end == span.start ? nil : span.end,
                                         text: quoter.quote(file: span.file, line: span.start),
                                         secretDigest: secretDigest(span, quoter: quoter, digester: digester)))
                }
            }
        }
        return entries
    }

    static func secretDigest(_ span: SourceSpan, quoter: EvidenceQuoter, digester: EvidenceDigester?) -> String? {
        guard let digester, quoter.masksSecret(file: span.file, line: span.start),
              let raw = quoter.unmasked(file: span.file, line: span.start) else { return nil }
        return digester.digest(raw)
    }
}

/// A keyed digest of configuration lines (HMAC; the key is not in the report, see
/// docs/remediation.md), and the identifier of its key.
public struct EvidenceDigester: Sendable {
    public var keyID: String
    public var digest: @Sendable (String) -> String

    public init(keyID: String, digest: @escaping @Sendable (String) -> String) {
        self.keyID = keyID
        self.digest = digest
    }
}

/// A short stable hash (FNV-1a, 64-bit) of what a finding is about, not where it is.
public enum Fingerprint {
    public static func of(checkID: String, device: String, subject: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(checkID)\u{1F}\(device)\u{1F}\(subject)".utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
