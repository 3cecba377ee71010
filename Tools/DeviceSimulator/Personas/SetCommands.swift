/// Turns a brace-structured configuration (Junos `show configuration`, EdgeOS/VyOS `config.boot`)
/// into the `set` commands the same device prints for `| display set` or
/// `show configuration commands`: one line per leaf statement, with its full path.
enum SetCommands {
    enum Style {
        /// Junos: statements end with `;`, `[ a b ]` lists, `inactive:` prefixes, quotes kept.
        case junos
        /// EdgeOS/VyOS: statements end at the line's end; values are printed in single quotes.
        case vyatta
    }

    static func from(braces bytes: [UInt8], style: Style) -> [UInt8] {
        var output: [String] = []
        var path: [[String]] = []
        var statement: [String] = []
        var inactive: [String] = []

        func emit() {
            guard !statement.isEmpty else { return }
            var words = statement
            statement = []
            var deactivate = false
            if words.first == "inactive:" { words.removeFirst(); deactivate = true }
            if words.first == "protect:" { words.removeFirst() }
            let prefix = path.flatMap { $0 }
            // `members [ a b ]` becomes one line per member.
            if let open = words.firstIndex(of: "["), let close = words.lastIndex(of: "]"), open < close {
                let head = Array(words[..<open])
                for member in words[(open + 1)..<close] {
                    output.append(line(prefix + head + [member], style: style))
                }
            } else {
                output.append(line(prefix + words, style: style))
            }
            if deactivate { inactive.append("deactivate " + (prefix + words).joined(separator: " ")) }
        }

        for token in tokens(bytes, newlineEndsStatement: style == .vyatta) {
            switch token {
            case "{":
                var words = statement
                statement = []
                if words.first == "inactive:" {
                    words.removeFirst()
                    inactive.append("deactivate " + (path.flatMap { $0 } + words).joined(separator: " "))
                }
                if words.first == "protect:" { words.removeFirst() }
                path.append(words)
                // A block with nothing inside still exists: Junos prints `set a b` for `a { b; }`
                // only, but an empty `b { }` is printed as `set a b`.
                output.append(line(path.flatMap { $0 }, style: style))
            case "}":
                emit()
                if !path.isEmpty { path.removeLast() }
            case ";", "\n":
                emit()
            default:
                statement.append(token)
            }
        }
        emit()
        // Drop the lines for blocks that also have children: only leaves and empty blocks remain.
        var kept: [String] = []
        for (index, candidate) in output.enumerated() {
            let next = index + 1 < output.count ? output[index + 1] : ""
            if next.hasPrefix(candidate + " ") { continue }
            kept.append(candidate)
        }
        let text = (kept + inactive).joined(separator: "\n")
        return Array((text.isEmpty ? "" : text + "\n").utf8)
    }

    private static func line(_ words: [String], style: Style) -> String {
        switch style {
        case .junos:
            return "set " + words.joined(separator: " ")
        case .vyatta:
            // The last word of a leaf with a value is quoted; node names are not. A one-word
            // statement (`disable`) is a bare node.
            return "set " + words.map { unquote($0) }.joined(separator: " ")
        }
    }

    private static func unquote(_ word: String) -> String {
        if word.count >= 2, word.hasPrefix("\""), word.hasSuffix("\"") {
            return "'" + word.dropFirst().dropLast() + "'"
        }
        return word
    }

    /// Words, quoted strings (kept with their quotes), braces, brackets and `;`; comments
    /// (`#` lines, `/* */` blocks) dropped.
    static func tokens(_ bytes: [UInt8], newlineEndsStatement: Bool) -> [String] {
        var result: [String] = []
        var index = 0
        var word: [UInt8] = []
        func flush() {
            if !word.isEmpty { result.append(String(decoding: word, as: UTF8.self)) }
            word = []
        }
        while index < bytes.count {
            let byte = bytes[index]
            // `#` starting a word starts a comment to the end of the line: `## Last commit` at the
            // top, `; ## SECRET-DATA` after a statement.
            if byte == UInt8(ascii: "#"), word.isEmpty {
                while index < bytes.count, bytes[index] != UInt8(ascii: "\n") { index += 1 }
                continue
            }
            if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                flush()
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) { index += 1 }
                index += 2
                continue
            }
            switch byte {
            case UInt8(ascii: "\""):
                flush()
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
                    if bytes[end] == UInt8(ascii: "\\") { end += 1 }
                    end += 1
                }
                result.append(String(decoding: bytes[index...min(end, bytes.count - 1)], as: UTF8.self))
                index = end + 1
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: ";"), UInt8(ascii: "["), UInt8(ascii: "]"):
                flush()
                result.append(String(UnicodeScalar(byte)))
            case UInt8(ascii: "\n"):
                flush()
                if newlineEndsStatement { result.append("\n") }
                index += 1
                continue
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                flush()
            default:
                word.append(byte)
            }
            index += 1
        }
        flush()
        return result
    }
}
