#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore

/// SARIF 2.1.0 for code-scanning tools and pipelines: one run, `rules` generated from the check
/// descriptions, one result per finding with its evidence lines as locations and a fingerprint
/// that stays the same when lines move. Always English. Described in docs/reports.md.
public enum SARIFReporter {
    public static let schemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
    /// The `partialFingerprints` key: versioned, so a change of fingerprint scheme is a new key.
    public static let fingerprintKey = "routeraudit/v1"
    /// Relative paths are relative to the folder routeraudit ran in, named by this base id.
    public static let sourceRoot = "SRCROOT"

    /// `checks`: the descriptions of the checks that ran (the rules); results of a check that is not
    /// among them get a rule made from the finding.
    public static func render(_ document: ReportDocument, checks: [CheckDescription]) -> String {
        let log = log(document, checks: checks)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Plain Codable structs of strings and numbers cannot fail to encode.
        let data = (try? encoder.encode(log)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func log(_ document: ReportDocument, checks: [CheckDescription]) -> Log {
        var rules = checks.sorted { $0.id < $1.id }.map(rule)
        var ruleIndex = Dictionary(rules.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var results: [Result] = []
        var usesSourceRoot = false
        for device in document.devices {
            for finding in device.findings {
                if ruleIndex[finding.id] == nil {
                    ruleIndex[finding.id] = rules.count
                    rules.append(rule(from: finding))
                }
                let made = result(finding, device: device, ruleIndex: ruleIndex[finding.id] ?? 0)
                usesSourceRoot = usesSourceRoot || made.usesSourceRoot
                results.append(made.result)
            }
        }
        let notifications = document.problems.map { problem in
            Notification(level: "error", message: .init(text: "\(problem.path): \(problem.reason)"),
                         locations: [Location(physicalLocation: .init(artifactLocation: artifact(problem.path)))])
        }
        usesSourceRoot = usesSourceRoot || document.problems.contains { !$0.path.hasPrefix("/") }
        let run = Run(
            tool: .init(driver: .init(name: document.tool.name, version: document.tool.version,
                                      semanticVersion: document.tool.version, rules: rules)),
            invocations: [Invocation(executionSuccessful: !document.devices.isEmpty || document.problems.isEmpty,
                                     toolExecutionNotifications: notifications.isEmpty ? nil : notifications)],
            originalUriBaseIds: usesSourceRoot
                ? [sourceRoot: ArtifactLocation(description: .init(text: "The folder routeraudit ran in: relative paths are as given on its command line."))]
                : nil,
            results: results,
            properties: RunProperties(
                policy: document.policy, secretsShown: document.secretsShown, scoreFormula: DeviceScore.formulaVersion,
                devices: document.devices.map { DeviceProperties(name: $0.shortName, vendor: $0.vendor, sources: $0.sources, score: $0.score) }))
        return Log(schema: schemaURI, version: "2.1.0", runs: [run])
    }

    /// critical and high → error, medium → warning, low and info → note.
    public static func level(_ severity: Severity) -> String {
        switch severity {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low, .info: "note"
        }
    }

    /// GitHub code scanning reads `security-severity` (0 to 10) to rank security results.
    static func securitySeverity(_ severity: Severity) -> String {
        switch severity {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        case .info: "0.0"
        }
    }

    static func rule(_ check: CheckDescription) -> Rule {
        Rule(id: check.id, name: check.slug,
             shortDescription: .init(text: check.title), fullDescription: .init(text: check.rationale),
             help: .init(text: check.remediation, markdown: check.remediation),
             defaultConfiguration: .init(level: level(check.severity)),
             properties: .init(severity: check.severity.rawValue, area: check.area.rawValue,
                               tags: ["security", check.area.title],
                               references: check.references.map { "\($0.source) \($0.id): \($0.title)" },
                               securitySeverity: securitySeverity(check.severity)))
    }

    static func rule(from finding: ReportDocument.FindingEntry) -> Rule {
        Rule(id: finding.id, name: finding.slug.isEmpty ? nil : finding.slug,
             shortDescription: .init(text: finding.title), fullDescription: nil,
             help: finding.remediation.isEmpty ? nil : .init(text: finding.remediation, markdown: finding.remediation),
             defaultConfiguration: .init(level: level(finding.severity)),
             properties: .init(severity: finding.severity.rawValue, area: finding.area, tags: ["security"], references: [],
                               securitySeverity: securitySeverity(finding.severity)))
    }

    static func result(_ finding: ReportDocument.FindingEntry, device: ReportDocument.Device, ruleIndex: Int) -> (result: Result, usesSourceRoot: Bool) {
        var lineLocations: [Location] = []
        var notes: [String] = []
        for evidence in finding.evidence {
            if let file = evidence.file, let line = evidence.line {
                let region = Region(startLine: max(1, line), endLine: evidence.endLine.map { max($0, line) },
                                    snippet: evidence.text.map { Message(text: $0) })
                lineLocations.append(Location(physicalLocation: .init(artifactLocation: artifact(file), region: region)))
            } else if let statement = evidence.vendorDefault {
                notes.append(statement)
            }
        }
        var message = finding.message
        let primary: Location
        if let first = lineLocations.first {
            primary = first
        } else {
            // Rests on a platform default only: point at the device's configuration, and say why.
            primary = Location(physicalLocation: .init(artifactLocation: artifact(device.sources.first ?? "configuration")))
            if let note = notes.first { message += " (vendor default: \(note))" }
        }
        var related = Array(lineLocations.dropFirst())
        related += notes.map { Location(message: Message(text: "vendor default: \($0)")) }
        for index in related.indices { related[index].id = index + 1 }
        let files = ([primary] + related).compactMap { $0.physicalLocation?.artifactLocation.uriBaseId }
        let result = Result(
            ruleId: finding.id, ruleIndex: ruleIndex, level: level(finding.severity), message: .init(text: message),
            locations: [primary], relatedLocations: related.isEmpty ? nil : related,
            partialFingerprints: [fingerprintKey: finding.fingerprint],
            properties: .init(severity: finding.severity.rawValue, area: finding.area, subject: finding.subject,
                              device: device.shortName, wanExposed: finding.wanExposed))
        return (result, !files.isEmpty)
    }

    /// A path as a URI reference: absolute paths become `file://` URIs; relative ones stay
    /// relative to `SRCROOT`. Everything but unreserved characters and `/` is percent-encoded, so
    /// spaces, `#`, `%` and a `:` in a first segment (collected `host:command` names) cannot change
    /// what the URI means.
    public static func artifact(_ path: String) -> ArtifactLocation {
        if path.hasPrefix("/") {
            return ArtifactLocation(uri: "file://" + percentEncoded(path))
        }
        return ArtifactLocation(uri: percentEncoded(path), uriBaseId: sourceRoot)
    }

    static func percentEncoded(_ path: String) -> String {
        var out = ""
        for byte in path.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }

    // MARK: - The parts of SARIF 2.1.0 this reporter writes

    struct Log: Encodable {
        var schema: String
        var version: String
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }

    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var originalUriBaseIds: [String: ArtifactLocation]?
        var results: [Result]
        var properties: RunProperties
    }

    struct Tool: Encodable {
        var driver: Driver
    }

    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var rules: [Rule]
    }

    struct Rule: Encodable {
        var id: String
        var name: String?
        var shortDescription: Message
        var fullDescription: Message?
        var help: Help?
        var defaultConfiguration: Configuration
        var properties: RuleProperties
    }

    struct Help: Encodable {
        var text: String
        var markdown: String
    }

    struct Configuration: Encodable {
        var level: String
    }

    struct RuleProperties: Encodable {
        var severity: String
        var area: String
        var tags: [String]
        var references: [String]
        var securitySeverity: String
        enum CodingKeys: String, CodingKey { case severity, area, tags, references, securitySeverity = "security-severity" }
    }

    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]?
    }

    struct Notification: Encodable {
        var level: String
        var message: Message
        var locations: [Location]
    }

    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Message
        var locations: [Location]
        var relatedLocations: [Location]?
        var partialFingerprints: [String: String]
        var properties: ResultProperties
    }

    struct ResultProperties: Encodable {
        var severity: String
        var area: String
        var subject: String
        var device: String
        var wanExposed: Bool
    }

    struct Message: Encodable {
        var text: String
    }

    struct Location: Encodable {
        var id: Int?
        var physicalLocation: PhysicalLocation?
        var message: Message?

        init(id: Int? = nil, physicalLocation: PhysicalLocation? = nil, message: Message? = nil) {
            self.id = id
            self.physicalLocation = physicalLocation
            self.message = message
        }
    }

    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region?
    }

    public struct ArtifactLocation: Encodable, Sendable, Hashable {
        public var uri: String?
        public var uriBaseId: String?
        var description: MessageText?

        init(uri: String? = nil, uriBaseId: String? = nil, description: MessageText? = nil) {
            self.uri = uri
            self.uriBaseId = uriBaseId
            self.description = description
        }
    }

    struct MessageText: Encodable, Sendable, Hashable {
        var text: String
    }

    struct Region: Encodable {
        var startLine: Int
        var endLine: Int?
        var snippet: Message?
    }

    struct RunProperties: Encodable {
        var policy: String
        var secretsShown: Bool
        var scoreFormula: Int
        var devices: [DeviceProperties]
    }

    struct DeviceProperties: Encodable {
        var name: String
        var vendor: String
        var sources: [String]
        var score: Int
    }
}
