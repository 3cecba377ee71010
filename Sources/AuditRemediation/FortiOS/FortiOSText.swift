/// A FortiOS configuration as lines with its blocks located: `config <path>` … `end` and
/// `edit <name>` … `next`, nested. A block is found by the chain of headers that leads to it.
struct FortiOSText {
    var lines: [String]

    init(lines: [String]) {
        self.lines = lines
    }

    static func words(_ line: String) -> [String] {
        var result: [String] = []
        var current = ""
        var quoted = false
        var escaped = false
        for character in line {
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

    /// `config firewall policy` and `edit 3` are compared by their words.
    static func header(_ line: String) -> String { words(line).joined(separator: " ") }

    func isOpening(_ index: Int) -> Bool {
        let first = Self.words(lines[index]).first
        return first == "config" || first == "edit"
    }

    func isClosing(_ index: Int) -> Bool {
        let words = Self.words(lines[index])
        return words == ["end"] || words == ["next"]
    }

    /// The line that closes the block opened at `index`.
    func blockEnd(_ index: Int) -> Int {
        var depth = 0
        var cursor = index
        while cursor < lines.count {
            if isOpening(cursor) { depth += 1 } else if isClosing(cursor) { depth -= 1; if depth == 0 { return cursor } }
            cursor += 1
        }
        return lines.count
    }

    /// Direct children of the block between `start` (its header, or -1 for the top) and `end`.
    func children(_ start: Int, _ end: Int) -> [Int] {
        var result: [Int] = []
        var cursor = start + 1
        while cursor < min(end, lines.count) {
            result.append(cursor)
            cursor = isOpening(cursor) ? blockEnd(cursor) + 1 : cursor + 1
        }
        return result
    }

    /// The block reached by a chain of headers: (header line, closing line); the top is (-1, count).
    func block(_ chain: [String]) -> (Int, Int)? {
        var range = (-1, lines.count)
        for header in chain {
            guard let found = children(range.0, range.1).first(where: { isOpening($0) && Self.header(lines[$0]) == header }) else { return nil }
            range = (found, blockEnd(found))
        }
        return range
    }

    /// The chain of headers around a line (1-based), innermost last.
    func chain(around number: Int) -> [String] {
        var stack: [String] = []
        for index in 0..<min(number - 1, lines.count) {
            if isOpening(index) { stack.append(Self.header(lines[index])) } else if isClosing(index), !stack.isEmpty { stack.removeLast() }
        }
        return stack
    }

    /// The direct `set key` line of a block.
    func setting(_ block: (Int, Int), _ key: String) -> Int? {
        children(block.0, block.1).first { index in
            let words = Self.words(lines[index])
            return words.count >= 2 && words[0] == "set" && words[1] == key
        }
    }
}
