/// A configuration as `set` commands, the form Junos (`show configuration | display set`) and
/// VyOS/EdgeOS (`show configuration commands`) print, read either from that form or from the
/// braced hierarchy. Each command remembers the source line it came from.
struct SetFormText {
    struct Command: Equatable {
        /// `set` or `deactivate`.
        var verb: String
        var words: [String]
        var line: Int
        /// The source line each word came from (a path word comes from its container's line).
        var wordLines: [Int] = []

        func line(ofWord index: Int) -> Int {
            index < wordLines.count ? wordLines[index] : line
        }
    }

    var commands: [Command] = []
    /// The path each source line stands for (containers included).
    var linePaths: [Int: [String]] = [:]

    init(text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            line.last == "\r" ? line.dropLast() : line
        }
        var path: [[String]] = []
        var pathLines: [Int] = []
        var inComment = false
        func origin(of prefix: [[String]], _ headerLines: [Int], then body: Int, count: Int) -> [Int] {
            zip(prefix, headerLines).flatMap { words, line in Array(repeating: line, count: words.count) } + Array(repeating: body, count: count)
        }
        for (index, raw) in lines.enumerated() {
            var line = String(raw).trimmedBlank
            if inComment {
                guard let end = line.firstRange(of: "*/") else { continue }
                line = String(line[end.upperBound...]).trimmedBlank
                inComment = false
            }
            if line.hasPrefix("/*") {
                if let end = line.firstRange(of: "*/") { line = String(line[end.upperBound...]).trimmedBlank } else { inComment = true; continue }
            }
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = SetFormText.words(line)
            guard let first = words.first else { continue }
            if ["set", "deactivate"].contains(first), !line.hasSuffix("{"), !line.hasSuffix(";") || path.isEmpty {
                commands.append(Command(verb: first, words: Array(words.dropFirst()).map(Self.dropSemicolon).filter { !$0.isEmpty }, line: index + 1))
                if first == "set" { linePaths[index + 1] = commands[commands.count - 1].words }
                continue
            }
            if first == "}" { if !path.isEmpty { path.removeLast(); pathLines.removeLast() }; continue }
            var statement = words
            var inactive = false
            if statement.first == "inactive:" { inactive = true; statement.removeFirst() }
            // A trailing `## SECRET-DATA` or `# comment` is not part of the statement.
            if let comment = statement.firstIndex(where: { $0.hasPrefix("#") }) { statement = Array(statement[..<comment]) }
            if statement.last == "{" {
                let header = Array(statement.dropLast())
                path.append(header)
                pathLines.append(index + 1)
                let full = path.flatMap { $0 }
                let wordLines = origin(of: path, pathLines, then: index + 1, count: 0)
                linePaths[index + 1] = full
                if inactive { commands.append(Command(verb: "deactivate", words: full, line: index + 1, wordLines: wordLines)) }
                // A container with nothing in it still exists (`ssh { }` turns ssh on).
                commands.append(Command(verb: "set", words: full, line: index + 1, wordLines: wordLines))
                continue
            }
            if statement.last == "}" && statement.first != "}" { statement.removeLast() }
            let body = statement.map(Self.dropSemicolon).filter { !$0.isEmpty }
            guard !body.isEmpty else { continue }
            let prefix = path.flatMap { $0 }
            linePaths[index + 1] = prefix + body.filter { $0 != "[" && $0 != "]" }
            if let open = body.firstIndex(of: "["), let close = body.lastIndex(of: "]"), open < close {
                for value in body[(open + 1)..<close] {
                    commands.append(Command(verb: "set", words: prefix + Array(body[..<open]) + [value], line: index + 1,
                                            wordLines: origin(of: path, pathLines, then: index + 1, count: open + 1)))
                }
            } else {
                let wordLines = origin(of: path, pathLines, then: index + 1, count: body.count)
                if inactive { commands.append(Command(verb: "deactivate", words: prefix + body, line: index + 1, wordLines: wordLines)) }
                commands.append(Command(verb: "set", words: prefix + body, line: index + 1, wordLines: wordLines))
            }
        }
        // A container line is only kept when nothing below it was set: `set a b c` implies `set a b`.
        commands = commands.enumerated().filter { index, command in
            command.verb != "set" || !commands[(index + 1)...].contains { $0.verb == "set" && $0.words.count > command.words.count && $0.words.starts(with: command.words) }
                || !Self.isContainerLine(command, in: lines)
        }.map(\.element)
    }

    static func isContainerLine(_ command: Command, in lines: [Substring]) -> Bool {
        guard command.line >= 1 && command.line <= lines.count else { return false }
        return lines[command.line - 1].trimmedBlank.hasSuffix("{")
    }

    static func dropSemicolon(_ word: String) -> String {
        word.hasSuffix(";") ? String(word.dropLast()) : word
    }

    /// Words, keeping a quoted string (with its quotes) as one word.
    static func words(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quote: Character?
        var escaped = false
        for character in line {
            if let open = quote {
                current.append(character)
                if escaped { escaped = false } else if character == "\\" && open == "\"" { escaped = true } else if character == open { quote = nil }
            } else if character == " " || character == "\t" {
                if !current.isEmpty { result.append(current); current = "" }
            } else {
                if character == "\"" || character == "'" { quote = character }
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    var text: String {
        commands.map { ([$0.verb] + $0.words).joined(separator: " ") }.joined(separator: "\n") + "\n"
    }

    /// The commands at or below a path.
    func commands(under path: [String]) -> [Command] {
        commands.filter { $0.words.starts(with: path) }
    }

    /// The `set` command on a source line (the most specific one).
    func command(atLine line: Int) -> Command? {
        commands.filter { $0.line == line && $0.verb == "set" }.max { $0.words.count < $1.words.count }
    }
}
