/// UCI configuration text as files of lines, with its sections located: what `uci` reads and
/// writes. One file is one package (`/etc/config/firewall`) or a `uci export` dump holding
/// several (`package firewall` lines).
struct UCIText {
    struct File {
        var path: String
        var lines: [String]
        var endsWithNewline: Bool
    }

    struct Section {
        var file: Int
        var package: String
        /// Index of the `config` line.
        var header: Int
        /// One past the section's last option or list line.
        var end: Int
        var type: String
        var name: String?
        /// Position among the package's sections of the same type (`@type[index]`).
        var typeIndex: Int
    }

    var files: [File]

    init(files: [File]) {
        self.files = files
    }

    /// The package a file holds when it has no `package` lines: its name, or its section types.
    static func package(forPath path: String, lines: [String]) -> String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let known = ["firewall", "dropbear", "uhttpd", "snmpd", "upnpd", "network", "system", "dhcp", "wireless", "openvpn"]
        if let name = known.first(where: { base == $0 || base.hasSuffix("__" + $0) || base.hasPrefix($0 + ".") || base.contains("__\($0).") || base.hasSuffix($0 + ".config") }) {
            return name
        }
        let types = lines.compactMap { line -> String? in
            let w = words(line)
            return w.first == "config" && w.count >= 2 ? unquote(w[1]) : nil
        }
        let byType: [String: String] = ["zone": "firewall", "rule": "firewall", "redirect": "firewall", "forwarding": "firewall", "defaults": "firewall",
                                        "dropbear": "dropbear", "uhttpd": "uhttpd", "com2sec": "snmpd", "agent": "snmpd", "snmpd": "snmpd",
                                        "upnpd": "upnpd", "perm_rule": "upnpd", "interface": "network", "system": "system"]
        for type in types { if let package = byType[type] { return package } }
        return base
    }

    var sections: [Section] {
        var result: [Section] = []
        for (fileIndex, file) in files.enumerated() {
            var package = Self.package(forPath: file.path, lines: file.lines)
            var counts: [String: Int] = [:]
            var current: Section?
            for (index, line) in file.lines.enumerated() {
                let w = Self.words(line)
                guard let first = w.first else { continue }
                if first == "package", w.count >= 2 {
                    if let done = current { result.append(done); current = nil }
                    package = Self.unquote(w[1])
                    counts = [:]
                } else if first == "config", w.count >= 2 {
                    if let done = current { result.append(done) }
                    let type = Self.unquote(w[1])
                    let key = "\(package)|\(type)"
                    current = Section(file: fileIndex, package: package, header: index, end: index + 1, type: type,
                                      name: w.count >= 3 ? Self.unquote(w[2]) : nil, typeIndex: counts[key, default: 0])
                    counts[key, default: 0] += 1
                } else if first == "option" || first == "list" {
                    current?.end = index + 1
                } else if !first.hasPrefix("#") {
                    if let done = current { result.append(done); current = nil }
                }
            }
            if let done = current { result.append(done) }
        }
        return result
    }

    /// The section holding a line of a file.
    func section(file path: String, line number: Int) -> Section? {
        guard let fileIndex = files.firstIndex(where: { $0.path == path }) else { return nil }
        return sections.first { $0.file == fileIndex && $0.header <= number - 1 && number - 1 < max($0.end, $0.header + 1) }
    }

    /// `name`, or `@type[index]` for an anonymous section.
    static func address(_ section: Section) -> String {
        section.name ?? "@\(section.type)[\(section.typeIndex)]"
    }

    func find(package: String, section address: String) -> Section? {
        let candidates = sections.filter { $0.package == package }
        if address.hasPrefix("@"), let open = address.firstIndex(of: "["), address.hasSuffix("]") {
            let type = String(address[address.index(after: address.startIndex)..<open])
            guard let index = Int(address[address.index(after: open)..<address.index(before: address.endIndex)]) else { return nil }
            let typed = candidates.filter { $0.type == type }
            let position = index < 0 ? typed.count + index : index
            return typed.indices.contains(position) ? typed[position] : nil
        }
        return candidates.first { $0.name == address }
    }

    /// Option and list lines of a section with this key: (line index, is list, value).
    func values(_ section: Section, key: String) -> [(line: Int, list: Bool, value: String)] {
        (section.header + 1..<section.end).compactMap { index in
            let w = Self.words(files[section.file].lines[index])
            guard w.count >= 2, w[0] == "option" || w[0] == "list", Self.unquote(w[1]) == key else { return nil }
            return (index, w[0] == "list", w.count >= 3 ? Self.unquote(w[2...].joined(separator: " ")) : "")
        }
    }

    static func words(_ line: String) -> [String] {
        // Quoted values may hold spaces: split on blanks outside quotes.
        var result: [String] = []
        var current = ""
        var quote: Character?
        var started = false
        for character in line {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
            } else if character == " " || character == "\t" {
                if started { result.append(current); current = ""; started = false }
            } else {
                if character == "'" || character == "\"" { quote = character }
                current.append(character)
                started = true
            }
        }
        if started { result.append(current) }
        return result
    }

    static func unquote(_ text: String) -> String {
        var out = ""
        var quote: Character?
        for character in text {
            if let open = quote {
                if character == open { quote = nil } else { out.append(character) }
            } else if character == "'" || character == "\"" {
                quote = character
            } else {
                out.append(character)
            }
        }
        return out
    }

    /// `'value'` as uci writes it.
    static func quoted(_ value: String) -> String {
        "'" + value.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
