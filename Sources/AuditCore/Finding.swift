public enum Severity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    public var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// Text that may contain secrets. Secrets are kept apart from the words around them, so a
/// renderer masks them unless the user asked to see secrets; nothing can print one by accident.
///
///     let text: FindingText = "snmp community \(secret: community) is a well-known default"
public struct FindingText: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    public enum Segment: Sendable, Hashable {
        case text(String)
        case secret(String)
    }

    public var segments: [Segment]

    public init(stringLiteral value: String) { segments = [.text(value)] }

    public init(stringInterpolation: Interpolation) { segments = stringInterpolation.segments }

    public struct Interpolation: StringInterpolationProtocol {
        var segments: [Segment] = []
        public init(literalCapacity: Int, interpolationCount: Int) {}
        public mutating func appendLiteral(_ literal: String) { segments.append(.text(literal)) }
        public mutating func appendInterpolation<T>(_ value: T) { segments.append(.text("\(value)")) }
        public mutating func appendInterpolation(secret: String) { segments.append(.secret(secret)) }
    }

    /// Renders with secrets masked unless `showSecrets`.
    public func rendered(showSecrets: Bool) -> String {
        segments.map {
            switch $0 {
            case .text(let t): t
            case .secret(let s): showSecrets ? "'\(s)'" : "(hidden)"
            }
        }.joined()
    }

    /// Masked: the only rendering `description` gives.
    public var description: String { rendered(showSecrets: false) }
}

/// One problem found on one device.
public struct Finding: Sendable {
    public var checkID: String
    public var severity: Severity
    public var message: FindingText
    /// Where the problem is: source lines, or the vendor default it rests on.
    public var evidence: [Provenance]
    /// What it concerns (`vty 0 4`, `account admin`, `ACL OUTSIDE_IN`): keeps fingerprints stable
    /// when lines move.
    public var subject: String
    public var fix: FixIntent

    public init(checkID: String, severity: Severity, message: FindingText, evidence: [Provenance],
                subject: String, fix: FixIntent) {
        self.checkID = checkID
        self.severity = severity
        self.message = message
        self.evidence = evidence
        self.subject = subject
        self.fix = fix
    }

    /// The first line of the first source evidence, for sorting and SARIF locations.
    public var primarySpan: SourceSpan? { evidence.lazy.flatMap(\.spans).first }

    /// True when the finding rests on a vendor default rather than a line.
    public var restsOnVendorDefault: Bool { evidence.contains { $0.isVendorDefault } }
}
