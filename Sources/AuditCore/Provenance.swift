/// Where a value in the model came from. Every value a check reads carries one, so a finding can
/// point at the line that caused it, or say plainly that it rests on a vendor default.
public enum Provenance: Hashable, Sendable, Codable {
    /// Set explicitly in the configuration, on these lines of this file.
    case source(SourceSpan)
    /// Not in the configuration: the platform behaves this way unless told otherwise.
    /// `profile` names the vendor profile that states the default (for example `cisco-ios`),
    /// `statement` says what the default is, in words a reader can check.
    case vendorDefault(profile: String, statement: String)
    /// Worked out from several places (for example a service that is on because a vty line
    /// accepts it and no ACL restricts it).
    case derived([SourceSpan])
    /// A value the parser could not read; checks must not treat it as safe.
    case unparsed(SourceSpan)

    public var spans: [SourceSpan] {
        switch self {
        case .source(let span), .unparsed(let span): [span]
        case .derived(let spans): spans
        case .vendorDefault: []
        }
    }

    public var isVendorDefault: Bool {
        if case .vendorDefault = self { return true }
        return false
    }

    /// Provenance for a single line of a file.
    public static func line(_ file: String, _ line: Int) -> Provenance {
        .source(SourceSpan(file: file, start: line, end: line))
    }
}

/// A range of lines (1-based, inclusive) in one source file.
public struct SourceSpan: Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var file: String
    public var start: Int
    public var end: Int

    public init(file: String, start: Int, end: Int? = nil) {
        self.file = file
        self.start = start
        self.end = max(start, end ?? start)
    }

    public var description: String {
        start == end ? "\(file):\(start)" : "\(file):\(start)-\(end)"
    }

    public static func < (a: SourceSpan, b: SourceSpan) -> Bool {
        (a.file, a.start, a.end) < (b.file, b.start, b.end)
    }
}

/// A value and where it came from.
public struct Sourced<Value: Sendable>: Sendable {
    public var value: Value
    public var origin: Provenance

    public init(_ value: Value, _ origin: Provenance) {
        self.value = value
        self.origin = origin
    }
}

extension Sourced: Equatable where Value: Equatable {}
extension Sourced: Hashable where Value: Hashable {}
