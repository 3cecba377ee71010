/// A RouterOS export or script as statements: each logical line (joined across `\` line ends)
/// with the menu it belongs to (`/ip service`), its command, its target (`telnet`,
/// `[ find default=yes ]`) and its `key=value` properties.
struct RouterOSScriptText {
    struct Statement {
        var menu: String
        var command: String
        /// `[ find ... ]` conditions, or a positional item name, or nothing.
        var selector: [(key: String, value: String)]?
        var item: String?
        var properties: [(key: String, value: String)]
        /// The first physical line (0 for a statement added by a script).
        var line: Int
        /// The text as written, kept for statements nothing changed.
        var original: String?
        /// How many physical lines it took; a changed statement keeps that many.
        var physicalLines = 1

        func value(_ key: String) -> String? { properties.last { $0.key == key }?.value }

        var text: String {
            if let original { return original }
            var words = [command]
            if let selector { words.append("[ find " + selector.map { "\($0.key)=\(RouterOSScriptText.quote($0.value))" }.joined(separator: " ") + " ]") }
            if let item { words.append(item) }
            words += properties.map { "\($0.key)=\(RouterOSScriptText.quote($0.value))" }
            guard physicalLines > 1, words.count >= physicalLines else { return words.joined(separator: " ") }
            // Spread over as many lines as before, with RouterOS's `\` continuations.
            let per = (words.count + physicalLines - 1) / physicalLines
            var pieces: [String] = []
            var rest = words[...]
            for index in 0..<physicalLines {
                let take = index == physicalLines - 1 ? rest.count : min(per, max(1, rest.count - (physicalLines - 1 - index)))
                pieces.append((index == 0 ? "" : "    ") + rest.prefix(take).joined(separator: " "))
                rest = rest.dropFirst(take)
            }
            return pieces.joined(separator: " \\\n")
        }

        mutating func merge(_ changes: [(key: String, value: String)]) {
            for change in changes {
                if let index = properties.firstIndex(where: { $0.key == change.key }) {
                    properties[index].value = change.value
                } else {
                    properties.append(change)
                }
            }
            original = nil
        }

        func matches(_ conditions: [(key: String, value: String)]) -> Bool {
            conditions.allSatisfy { condition in value(condition.key) == condition.value }
        }
    }

    var statements: [Statement] = []
    /// Lines before the first menu (the export's `#` header).
    var preamble: [String] = []

    init(text: String) {
        var menu = ""
        var logical: (text: String, line: Int, physical: [String])?
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.last == "\r" ? String($0.dropLast()) : String($0) }
        if lines.last == "" { lines.removeLast() }
        var joined: [(String, Int, [String])] = []
        for (index, line) in lines.enumerated() {
            if var current = logical {
                current.text += line.trimmedBlank
                current.physical.append(line)
                logical = current
            } else {
                logical = (line, index + 1, [line])
            }
            if line.hasSuffix("\\"), var current = logical {
                current.text.removeLast()
                logical = current
                continue
            }
            if let done = logical { joined.append(done) }
            logical = nil
        }
        if let done = logical { joined.append(done) }
        for (text, line, physical) in joined {
            let trimmed = text.trimmedBlank
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(":") {
                if statements.isEmpty && menu.isEmpty { preamble.append(text) } else { statements.append(Statement(menu: menu, command: "#", properties: [], line: line, original: text)) }
                continue
            }
            var rest = Substring(trimmed)
            if rest.hasPrefix("/") {
                let words = RouterOSScriptText.words(String(rest))
                // `/ip service set telnet disabled=yes` or a bare `/ip service` header.
                let commandIndex = words.firstIndex { ["add", "set", "remove", "disable", "enable", "print", "export"].contains($0) }
                let menuWords = commandIndex.map { Array(words[..<$0]) } ?? words
                menu = menuWords.joined(separator: " ").trimmingPrefixSlash()
                guard let commandIndex else { continue }
                rest = Substring(words[commandIndex...].joined(separator: " "))
            }
            if let statement = RouterOSScriptText.parse(String(rest), menu: menu, line: line) {
                var kept = statement
                // Kept as written, continuation lines included, so line numbers stay where they were.
                kept.original = physical.count == 1 ? String(rest) : physical.joined(separator: "\n")
                kept.physicalLines = physical.count
                statements.append(kept)
            }
        }
    }

    static func parse(_ text: String, menu: String, line: Int) -> Statement? {
        var words = RouterOSScriptText.words(text)
        guard !words.isEmpty else { return nil }
        let command = words.removeFirst()
        var selector: [(key: String, value: String)]?
        if words.first == "[" || words.first?.hasPrefix("[") == true {
            var conditions: [(String, String)] = []
            while !words.isEmpty {
                let word = words.removeFirst()
                if word == "]" { break }
                if word == "[" || word == "find" || word == "[find" { continue }
                if let pair = keyValue(word) { conditions.append(pair) }
            }
            selector = conditions
        }
        var item: String?
        var properties: [(String, String)] = []
        for word in words {
            if let pair = keyValue(word) { properties.append(pair) } else if item == nil { item = word }
        }
        return Statement(menu: menu, command: command, selector: selector, item: item, properties: properties, line: line)
    }

    static func keyValue(_ word: String) -> (key: String, value: String)? {
        guard let equals = word.firstIndex(of: "="), equals != word.startIndex else { return nil }
        var value = String(word[word.index(after: equals)...])
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = String(value.dropFirst().dropLast()) }
        return (String(word[..<equals]), value)
    }

    static func quote(_ value: String) -> String {
        value.isEmpty || value.contains(where: { $0 == " " || $0 == "\"" || $0 == ";" || $0 == "$" }) ? "\"\(value)\"" : value
    }

    /// Words, keeping `"..."` (with `\"` escapes) inside one word.
    static func words(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in text {
            if quoted {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" { escaped = true } else if character == "\"" { quoted = false }
            } else if character == " " || character == "\t" {
                if !current.isEmpty { result.append(current); current = "" }
            } else {
                if character == "\"" { quoted = true }
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// The export again: a `/menu` header before each run of statements of one menu.
    var text: String {
        var out = preamble
        var menu: String?
        for statement in statements {
            if statement.menu != menu {
                out.append("/" + statement.menu)
                menu = statement.menu
            }
            out.append(statement.text)
        }
        return out.joined(separator: "\n") + "\n"
    }
}

extension String {
    func trimmingPrefixSlash() -> String {
        hasPrefix("/") ? String(dropFirst()) : self
    }
}
