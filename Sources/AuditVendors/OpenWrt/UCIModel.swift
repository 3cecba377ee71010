import AuditCore

// The vendor's own shape: UCI packages, sections and options exactly as the files say, with the
// line of every value. The conversion to `DeviceConfig` reads only this.

/// One value of an option or a list, with where it was written.
struct UCIValue: Sendable, Hashable {
    var text: String
    /// 1-based line in the section's file.
    var line: Int
    /// UTF-8 byte offsets of the value (without its quotes) within the line, for secret masking.
    var byteRange: Range<Int>
}

/// An `option` or `list` line, in file order (coverage needs every line, the model needs order).
struct UCIEntry: Sendable, Hashable {
    var name: String
    var value: UCIValue
    var isList: Bool
}

/// `config TYPE ['NAME']` and its options.
struct UCISection: Sendable {
    var type: String
    /// nil for anonymous sections (`config rule`, `firewall.@rule[0]`).
    var name: String?
    /// The file the section was read from.
    var file: String
    var headerLine: Int
    var entries: [UCIEntry] = []

    init(type: String, name: String?, file: String, headerLine: Int) {
        self.type = type
        self.name = name
        self.file = file
        self.headerLine = headerLine
    }

    /// Last line that belongs to the section (its header when it has no options).
    var lastLine: Int { entries.reduce(headerLine) { max($0, $1.value.line) } }

    /// The whole section, for provenance of values built from it.
    var span: SourceSpan { SourceSpan(file: file, start: headerLine, end: lastLine) }

    /// Provenance of one value of this section.
    func origin(_ value: UCIValue) -> Provenance { .line(file, value.line) }

    /// Provenance of the `config` line.
    var headerOrigin: Provenance { .line(file, headerLine) }

    /// The value of `option NAME`; like uci, a later line wins over an earlier one.
    func option(_ name: String) -> UCIValue? {
        entries.last { !$0.isList && $0.name == name }?.value
    }

    /// Every value of `list NAME` and of `option NAME`, the option split on whitespace: UCI
    /// consumers (fw4 `to_array`, shell `config_get` loops) treat `option network 'wan wan6'` and
    /// two `list network` lines alike.
    func values(_ name: String) -> [UCIValue] {
        var result: [UCIValue] = []
        for entry in entries where entry.name == name {
            if entry.isList {
                result.append(entry.value)
            } else {
                for word in entry.value.text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
                    result.append(UCIValue(text: String(word), line: entry.value.line, byteRange: entry.value.byteRange))
                }
            }
        }
        return result
    }

    /// True when an `option` or `list` of that name is present.
    func has(_ name: String) -> Bool { entries.contains { $0.name == name } }
}

/// `package NAME` and its sections, merged over every input that holds that package.
struct UCIPackage: Sendable {
    var name: String
    var sections: [UCISection] = []

    func sections(ofType type: String) -> [UCISection] { sections.filter { $0.type == type } }

    /// The named section, or nil.
    func section(named name: String) -> UCISection? { sections.first { $0.name == name } }
}

/// What one input file held after reading: its packages and how its lines went.
struct UCIDocument: Sendable {
    var file: String
    var packages: [UCIPackage] = []
    /// Lines that carry something (not blank, not comments).
    var meaningfulLines = 0
    /// Meaningful lines the reader could not read as UCI at all, with why.
    var unreadableLines: [UCIUnreadableLine] = []
    var diagnostics: [Diagnostic] = []
}

/// A meaningful line that is not UCI syntax (or sits where UCI does not allow it).
struct UCIUnreadableLine: Sendable, Hashable {
    var line: Int
    var reason: String
}
