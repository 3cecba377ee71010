/// Check areas, the middle part of a check id (`RA-CRED-001`).
public enum CheckArea: String, Sendable, Hashable, Codable, CaseIterable {
    case cred = "CRED", mgmt = "MGMT", fw = "FW", snmp = "SNMP", svc = "SVC", crypto = "CRYPTO", log = "LOG"

    public var title: String {
        switch self {
        case .cred: "Credentials"
        case .mgmt: "Management plane"
        case .fw: "Firewall and NAT"
        case .snmp: "SNMP"
        case .svc: "Other services"
        case .crypto: "Cryptography"
        case .log: "Logging and time"
        }
    }
}

/// A standard a check maps to.
public struct CheckReference: Sendable, Hashable, Codable {
    public var source: String
    public var id: String
    public var title: String

    public init(_ source: String, _ id: String, _ title: String) {
        self.source = source
        self.id = id
        self.title = title
    }

    public static func cis(_ id: String, _ title: String) -> CheckReference { .init("CIS Cisco IOS Benchmark", id, title) }
    public static func stig(_ id: String, _ title: String) -> CheckReference { .init("DISA STIG", id, title) }
    public static func nist(_ id: String, _ title: String) -> CheckReference { .init("NIST SP 800-53", id, title) }
}

/// A configuration snippet that shows what a check does. Examples are the tests: a good example
/// must yield no finding; a bad one must yield findings whose evidence is exactly the lines
/// marked with `↓` (the marker is removed before parsing).
public struct CheckExample: Sendable, Hashable {
    public var vendor: VendorID
    public var config: String
    public var triggers: Bool
    /// How the example configuration was collected (negotiated SSH algorithms), for checks about
    /// live collection; the example test sets it on the parsed configuration.
    public var collection: CollectionFacts? = nil

    public static func good(_ vendor: VendorID, _ config: String, collection: CollectionFacts? = nil) -> CheckExample {
        CheckExample(vendor: vendor, config: config, triggers: false, collection: collection)
    }

    public static func bad(_ vendor: VendorID, _ config: String, collection: CollectionFacts? = nil) -> CheckExample {
        CheckExample(vendor: vendor, config: config, triggers: true, collection: collection)
    }

    public static let marker: Character = "↓"

    /// The configuration with markers removed, and the 1-based lines that carried one.
    public var unmarked: (text: String, markedLines: Set<Int>) {
        var lines: [Substring] = []
        var marked: Set<Int> = []
        for (index, line) in config.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.contains(CheckExample.marker) {
                marked.insert(index + 1)
                lines.append(Substring(line.replacing(String(CheckExample.marker), with: "")))
            } else {
                lines.append(line)
            }
        }
        return (lines.joined(separator: "\n") + "\n", marked)
    }
}

/// A check's title, rationale and remediation in one language.
public struct LocalizedText: Sendable, Hashable {
    public var title: String
    public var rationale: String
    public var remediation: String

    public init(title: String, rationale: String, remediation: String) {
        self.title = title
        self.rationale = rationale
        self.remediation = remediation
    }
}

/// Everything a person or a tool needs to know about a check, in one value. The docs catalogue,
/// `checks show` and SARIF `rules[]` are generated from it.
public struct CheckDescription: Sendable {
    /// Stable, never reused: `RA-MGMT-001`.
    public var id: String
    /// kebab-case name: `telnet-enabled`.
    public var slug: String
    public var title: String
    public var severity: Severity
    public var area: CheckArea
    /// Why it matters, for someone who has to decide whether to fix it.
    public var rationale: String
    /// What to do, in words; the fix generator writes the commands.
    public var remediation: String
    public var references: [CheckReference]
    public var examples: [CheckExample]
    /// Title, rationale and remediation in Dutch, for reports with `--lang nl`. Commands and
    /// configuration keywords stay as they are. nil only while a translation is missing (a test fails).
    public var dutch: LocalizedText?

    public init(id: String, slug: String, title: String, severity: Severity, area: CheckArea, rationale: String,
                remediation: String, references: [CheckReference] = [], dutch: LocalizedText? = nil,
                examples: [CheckExample]) {
        self.id = id
        self.slug = slug
        self.title = title
        self.severity = severity
        self.area = area
        self.rationale = rationale
        self.remediation = remediation
        self.references = references
        self.dutch = dutch
        self.examples = examples
    }

    /// Title, rationale and remediation in English (the fields above).
    public var english: LocalizedText {
        LocalizedText(title: title, rationale: rationale, remediation: remediation)
    }

    /// The text for a language code (`en`, `nl`); English when there is no translation.
    public func text(language code: String) -> LocalizedText {
        code == "nl" ? dutch ?? english : english
    }

    /// Vendors with at least one example, sorted.
    public var vendors: [VendorID] { Array(Set(examples.map(\.vendor))).sorted() }

    /// A finding of this check at its default severity.
    public func finding(_ message: FindingText, evidence: [Provenance], subject: String, fix: FixIntent,
                        severity: Severity? = nil) -> Finding {
        Finding(checkID: id, severity: severity ?? self.severity, message: message, evidence: evidence,
                subject: subject, fix: fix)
    }
}

/// A check is a pure function from a device's configuration to findings: no I/O, no printing,
/// no throwing.
public protocol Check: Sendable {
    var metadata: CheckDescription { get }
    func run(on config: DeviceConfig, context: AuditContext) -> [Finding]
}
