import AuditCore

// The vendor's own shape: the statements of a RouterOS `/export` (or a script in export syntax)
// exactly as written, each with the menu path it applies to and its physical lines. The
// conversion to `DeviceConfig` reads only this.

/// A piece of a logical statement that sits on one physical line, so a byte offset in the
/// statement's text can be mapped back to its line (secret masking across `\` continuations).
struct RouterOSSegment: Sendable, Hashable {
    /// 1-based physical line.
    var line: Int
    /// Offset of the piece in the statement's text.
    var logicalStart: Int
    /// Offset of the piece in the physical line.
    var physicalStart: Int
    var length: Int
}

/// `key=value` on an item line. The value is unquoted and unescaped; `!` negations are kept.
struct RouterOSProperty: Sendable, Hashable {
    var key: String
    var value: String
    /// Byte range of the value as written (inside the quotes) in the statement's text.
    var valueRange: Range<Int>
    var quoted: Bool
}

/// `[ find default-name=ether1 ]`: the item a `set`/`remove` applies to, by its properties.
struct RouterOSSelector: Sendable, Hashable {
    /// `key=value` conditions in the brackets (`default=yes`, `name=admin`).
    var conditions: [(key: String, value: String)]
    /// The bracket text as written, for messages.
    var text: String

    func value(_ key: String) -> String? { conditions.last { $0.key == key }?.value }

    /// `[ find ]`: every item of the menu.
    var matchesAll: Bool { conditions.isEmpty }

    static func == (a: RouterOSSelector, b: RouterOSSelector) -> Bool { a.text == b.text }
    func hash(into hasher: inout Hasher) { hasher.combine(text) }
}

/// One logical statement: a path line (`/ip firewall filter`, which changes the current menu),
/// or a command (`add`, `set`, ...) with its arguments under a menu. A class, so passing
/// statements between the conversion passes costs one reference count, not one per field.
final class RouterOSStatement: Sendable {
    /// Menu path words joined by one space: `ip firewall filter`; empty for the root.
    let path: String
    /// `add`, `set`, `remove`, ...; empty for a path line.
    let command: String
    let selector: RouterOSSelector?
    /// Words and quoted strings after the command that are not `key=value`: item names or
    /// numbers (`set telnet`, `set 0`) and flags (`passive`, `fib`).
    let positional: [String]
    let properties: [RouterOSProperty]
    let file: String
    let firstLine: Int
    let lastLine: Int
    /// How the statement's text maps to physical lines.
    let segments: [RouterOSSegment]

    init(path: String, command: String, selector: RouterOSSelector? = nil, positional: [String], properties: [RouterOSProperty],
         file: String, firstLine: Int, lastLine: Int, segments: [RouterOSSegment]) {
        self.path = path
        self.command = command
        self.selector = selector
        self.positional = positional
        self.properties = properties
        self.file = file
        self.firstLine = firstLine
        self.lastLine = lastLine
        self.segments = segments
    }

    var span: SourceSpan { SourceSpan(file: file, start: firstLine, end: lastLine) }
    var origin: Provenance { .source(span) }
    var isPathLine: Bool { command.isEmpty }

    /// The value of a property; a later occurrence wins, as on the device.
    func value(_ key: String) -> String? {
        properties.last { $0.key == key }?.value
    }

    func property(_ key: String) -> RouterOSProperty? {
        properties.last { $0.key == key }
    }

    func has(_ key: String) -> Bool { properties.contains { $0.key == key } }

    /// The first positional word: the item a `set` names (`set admin`, `set telnet`, `set 0`).
    var itemName: String? { positional.first }

    /// The physical line a property's value starts on.
    func line(of property: RouterOSProperty) -> Int {
        segments.last { $0.logicalStart <= property.valueRange.lowerBound }?.line ?? firstLine
    }

    /// Provenance of one property: its own line (a statement may span several).
    func origin(of property: RouterOSProperty) -> Provenance {
        .line(file, line(of: property))
    }

    /// The physical byte ranges a property's value covers, one per line it touches.
    func physicalRanges(of property: RouterOSProperty) -> [(line: Int, range: Range<Int>)] {
        var result: [(line: Int, range: Range<Int>)] = []
        let wanted = property.valueRange
        for segment in segments {
            let lower = max(wanted.lowerBound, segment.logicalStart)
            let upper = min(wanted.upperBound, segment.logicalStart + segment.length)
            guard lower < upper else { continue }
            let shift = segment.physicalStart - segment.logicalStart
            result.append((segment.line, (lower + shift)..<(upper + shift)))
        }
        return result
    }
}

/// What the comment header of an export says about the device.
struct RouterOSHeader: Sendable {
    var version: Sourced<String>?
    var model: Sourced<String>?
}

/// One input file read as RouterOS export syntax.
struct RouterOSDocument: Sendable {
    var file: String
    var statements: [RouterOSStatement] = []
    /// Physical lines that carry configuration (not blank, not `#` comments).
    var meaningfulLines = 0
    /// Lines that could not be read as export syntax, with why.
    var unreadable: [Int: String] = [:]
    var diagnostics: [Diagnostic] = []
    var header = RouterOSHeader()
    /// The `[user@host] >` prompt of a captured session, when there is one.
    var promptHost: Sourced<String>?

    init(file: String) {
        self.file = file
    }
}
