import AuditCore

/// The vendor-shaped parse of one IOS running-config: commands in file order as a tree built from
/// indentation (a top-level line owns the more-indented lines under it), plus banners, whose text
/// is not commands. Nothing here knows what a command means; `CiscoIOSConversion` does.
///
/// The tree is stored flat, in pre-order: a command's descendants are the commands right after
/// it, up to `subtreeEnd`. That keeps parsing to one array and makes "skip this block" O(1).
public struct CiscoIOSConfig: Sendable {
    public let source: ConfigSource
    /// Every command (not comments, blank lines or `exit`/`end`), in pre-order.
    public let commands: [CiscoCommand]
    public let banners: [CiscoBanner]
    /// Lines of multi-line text blocks other than banners (`macro name` bodies): carried, not commands.
    public let textBlockLines: Int
    /// The line of the `end` statement, when the configuration has one.
    public let endLine: Int?
    /// Damage found while reading the structure (unterminated banner, missing `end`).
    public let diagnostics: [Diagnostic]

    public var file: String { source.path }

    /// Indices of the top-level commands.
    public var topLevel: CiscoChildren { CiscoChildren(commands: commands, range: 0..<commands.count) }

    /// Indices of the direct children of the command at `index`.
    public func children(of index: Int) -> CiscoChildren {
        CiscoChildren(commands: commands, range: (index + 1)..<commands[index].subtreeEnd)
    }

    /// Top-level command texts, for tests and debugging.
    public var topLevelTexts: [String] { topLevel.map { String(commands[$0].text) } }

    /// Child command texts of the command at `index`.
    public func childTexts(of index: Int) -> [String] { children(of: index).map { String(commands[$0].text) } }
}

/// One configuration command on one line.
public struct CiscoCommand: Sendable {
    /// 1-based line number in the source.
    public let line: Int
    /// Leading blanks on the line.
    public let indent: Int
    /// 0 for a top-level command, 1 for its children, and so on.
    public let depth: Int
    /// The whole line as written (for byte offsets of secrets).
    public let raw: Substring
    /// The line without surrounding blanks.
    public let text: Substring
    /// Blank-separated words of `text`.
    public let words: [Substring]
    /// Index one past this command's last descendant in `CiscoIOSConfig.commands`.
    public internal(set) var subtreeEnd: Int

    /// The first word (IOS writes keywords in lowercase, so words compare as written).
    public var keyword: Substring { words.first ?? "" }

    /// Whether the command has `word` at `position`.
    @inline(__always)
    public func has(_ word: String, at position: Int) -> Bool {
        position < words.count && words[position] == word
    }
}

/// Direct children of a command (or the top level), walked by skipping whole subtrees.
public struct CiscoChildren: Sequence, Sendable {
    let commands: [CiscoCommand]
    let range: Range<Int>

    public struct Iterator: IteratorProtocol {
        let commands: [CiscoCommand]
        var position: Int
        let end: Int
        public mutating func next() -> Int? {
            guard position < end else { return nil }
            let current = position
            position = commands[current].subtreeEnd
            return current
        }
    }

    public func makeIterator() -> Iterator { Iterator(commands: commands, position: range.lowerBound, end: range.upperBound) }

    public var isEmpty: Bool { range.isEmpty }
}

/// A `banner` block: its text is free-form and must not be read as commands.
public struct CiscoBanner: Sendable, Hashable {
    /// `motd`, `login`, `exec`, `incoming`, ...
    public let kind: String
    /// The delimiter as written (`^C`, `#`, a literal ETX).
    public let delimiter: String
    public let startLine: Int
    public let endLine: Int
    /// False when the file ended before the closing delimiter.
    public let terminated: Bool

    public init(kind: String, delimiter: String, startLine: Int, endLine: Int, terminated: Bool) {
        self.kind = kind
        self.delimiter = delimiter
        self.startLine = startLine
        self.endLine = endLine
        self.terminated = terminated
    }

    public var lineCount: Int { endLine - startLine + 1 }
}
