import AuditCore

/// Step one of reading a FortiOS configuration: the vendor's own shape, a tree of `config`
/// blocks, `edit` entries and `set`/`unset`/`append` commands, every node with its lines. No
/// security meaning yet; `FortiOSConversion` gives it that.
///
///     config firewall policy          <- FortiBlock (path ["firewall", "policy"])
///         edit 1                      <- FortiEntry (name "1")
///             set srcintf "port1"     <- FortiSetting (verb .set, key "srcintf")
///             config ...              <- nested FortiBlock
///         next
///     end
public struct FortiOSConfig: Sendable {
    public let source: ConfigSource
    /// Top-level blocks in file order (`config global` and `config vdom` are ordinary blocks here).
    public var blocks: [FortiBlock]
    /// Commands outside any block (never valid FortiOS; reported as not understood).
    public var strayCommands: [FortiSetting]
    /// Lines that carry configuration: block and entry headers, commands, the continuation lines
    /// of multi-line values, and lines that read as nothing. `next`, `end`, comments and blanks
    /// are structure.
    public var meaningfulLines: [Int]
    /// Lines that read as nothing FortiOS writes (prose, damaged lines).
    public var unknownLines: [Int]
    /// `#` lines, for the header (`#config-version=...`, oxidized `# Version: ...`).
    public var commentLines: [Int]
    public var diagnostics: [Diagnostic]

    public var file: String { source.path }
}

/// One word of a command, unquoted and unescaped, with where it sits on its line so a secret can
/// be masked by position.
public struct FortiWord: Sendable, Hashable {
    public var text: String
    public var quoted: Bool
    /// The line the word starts on (1-based).
    public var line: Int
    /// UTF-8 byte offsets on that line; a value running onto later lines ends at the line's end.
    public var range: Range<Int>
}

/// `set key values...`, `unset key`, `append key values...`, `select`/`unselect` (FortiOS 7.x
/// list edits), or any other verb FortiOS scripts use (`delete`, `rename`, `move`, `purge`).
public struct FortiSetting: Sendable {
    public enum Verb: String, Sendable { case set, unset, append, select, unselect, delete, other }
    public var verb: Verb
    /// The verb as written (for `other`).
    public var verbText: String
    /// The key (`allowaccess`), or for `delete` the entry name.
    public var key: String
    public var values: [FortiWord]
    public var line: Int
    /// Last line of the command: later than `line` when a quoted value runs over several lines.
    public var endLine: Int

    public var words: [String] { values.map(\.text) }
}

/// `edit NAME` ... `next`.
public struct FortiEntry: Sendable {
    public var name: String
    public var nameWord: FortiWord
    public var line: Int
    /// The `next` line, or the last line read when the entry was never closed.
    public var endLine: Int
    public var settings: [FortiSetting]
    public var blocks: [FortiBlock]
}

/// `config WORDS...` ... `end`.
public struct FortiBlock: Sendable {
    public var path: [String]
    /// The path joined with single spaces: `firewall policy`.
    public var key: String
    public var line: Int
    /// The `end` line, or the last line read when the block was never closed.
    public var endLine: Int
    public var closed: Bool
    public var settings: [FortiSetting]
    public var entries: [FortiEntry]
    public var blocks: [FortiBlock]

    /// The first nested block with this key.
    public func block(_ key: String) -> FortiBlock? { blocks.first { $0.key == key } }
}

/// The resolved value of one key after every `set`, `append`, `unset`, `select` and `unselect`
/// of a block or entry, with the lines that made it.
struct FortiValue {
    var words: [FortiWord]
    var lines: [Int]
    /// The value was cleared with `unset` (the key is back at its default).
    var isUnset: Bool

    var strings: [String] { words.map(\.text) }
    var first: String? { words.first?.text }
    var joined: String { words.map(\.text).joined(separator: " ") }
    var lastLine: Int { lines.last ?? 0 }
}

/// Settings of one block or entry by key, applied in order.
struct FortiAttributes {
    private(set) var values: [String: FortiValue] = [:]
    /// Keys in first-seen order, for diagnostics in line order.
    private(set) var order: [String] = []

    init(_ settings: [FortiSetting]) {
        for setting in settings { apply(setting) }
    }

    private mutating func apply(_ setting: FortiSetting) {
        let key = setting.key
        if values[key] == nil, setting.verb != .delete, setting.verb != .other { order.append(key) }
        switch setting.verb {
        case .set:
            values[key] = FortiValue(words: setting.values, lines: [setting.line], isUnset: false)
        case .append, .select:
            var value = values[key] ?? FortiValue(words: [], lines: [], isUnset: false)
            value.words += setting.values
            value.lines.append(setting.line)
            value.isUnset = false
            values[key] = value
        case .unset:
            values[key] = FortiValue(words: [], lines: [setting.line], isUnset: true)
        case .unselect:
            guard var value = values[key] else { return }
            let removed = Set(setting.values.map(\.text))
            value.words.removeAll { removed.contains($0.text) }
            value.lines.append(setting.line)
            values[key] = value
        case .delete, .other:
            return
        }
    }

    subscript(_ key: String) -> FortiValue? {
        guard let value = values[key], !value.isUnset else { return nil }
        return value
    }

    /// The value's first word, lowercased, when the key is set.
    func word(_ key: String) -> String? { self[key]?.first?.lowercased() }

    func isEnabled(_ key: String) -> Bool? {
        guard let word = word(key) else { return nil }
        return word == "enable"
    }
}
