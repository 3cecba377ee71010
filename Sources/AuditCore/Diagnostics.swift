/// Something a parser noticed about its input: a line it did not understand, a value it could not
/// read, a structure it had to guess at. Diagnostics are never dropped; reports count them.
public struct Diagnostic: Sendable, Hashable, Codable {
    public enum Level: String, Sendable, Hashable, Codable, Comparable {
        /// A line the parser skipped knowingly (a feature with no security meaning).
        case info
        /// A line or value the parser did not understand.
        case warning
        /// The input is damaged: truncated, binary, mis-nested.
        case error

        private var rank: Int { self == .info ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Level, b: Level) -> Bool { a.rank < b.rank }
    }

    public var level: Level
    /// A short stable code: `unrecognized-line`, `bad-address`, `truncated`.
    public var code: String
    public var message: String
    public var span: SourceSpan?

    public init(_ level: Level, code: String, _ message: String, at span: SourceSpan? = nil) {
        self.level = level
        self.code = code
        self.message = message
        self.span = span
    }
}

/// How much of a configuration the parser understood. A clean report on a configuration we did
/// not understand is a lie, so every report shows this.
public struct ParseCoverage: Sendable, Hashable, Codable {
    /// Lines that carry configuration (not blank, not comments).
    public var meaningfulLines: Int
    /// Of those, lines the parser recognised (modelled, or known to have no security meaning).
    public var understoodLines: Int

    public init(meaningfulLines: Int = 0, understoodLines: Int = 0) {
        self.meaningfulLines = meaningfulLines
        self.understoodLines = understoodLines
    }

    public var ratio: Double {
        meaningfulLines == 0 ? 1 : Double(understoodLines) / Double(meaningfulLines)
    }

    public static func + (a: ParseCoverage, b: ParseCoverage) -> ParseCoverage {
        ParseCoverage(meaningfulLines: a.meaningfulLines + b.meaningfulLines,
                      understoodLines: a.understoodLines + b.understoodLines)
    }
}
