/// A Cisco IOS configuration as IOS keeps it: top-level commands, some of which open a mode whose
/// commands follow indented (`interface X`, `line vty 0 4`, `ip access-list extended X`).
/// Banners are kept whole: their text is not commands.
struct IOSConfigTree {
    struct Child {
        var text: String
        var number: Int?
    }

    struct Node {
        var text: String
        var number: Int?
        var children: [Child] = []
        /// Banner text lines (verbatim, not commands).
        var verbatim: [String] = []

        var words: [Substring] { IOSConfigTree.words(text) }
    }

    var nodes: [Node] = []

    /// `flatAfterSeparator`: Huawei VRP prints global commands indented after a `#` line, so an
    /// indented line there is a command of its own, not part of the `#`.
    init(lines: [String], flatAfterSeparator: Bool = false) {
        var index = 0
        var flat = false
        while index < lines.count {
            let line = lines[index]
            let number = index + 1
            index += 1
            let indented = line.first == " " || line.first == "\t"
            if flatAfterSeparator {
                if line.trimmedBlank == "#" { flat = true } else if !indented { flat = false }
            }
            if indented, !nodes.isEmpty, !IOSConfigTree.isSeparator(line), !flat {
                nodes[nodes.count - 1].children.append(Child(text: line, number: number))
                continue
            }
            var node = Node(text: line, number: number)
            let words = IOSConfigTree.words(line)
            if words.first == "banner", words.count >= 2, let delimiter = IOSConfigTree.bannerDelimiter(line) {
                // The banner ends at the next line holding the delimiter (or on this line).
                let afterStart = line.ranges(of: delimiter).count
                if afterStart < 2 {
                    while index < lines.count {
                        node.verbatim.append(lines[index])
                        index += 1
                        if lines[index - 1].contains(delimiter) { break }
                    }
                }
            }
            nodes.append(node)
        }
    }

    var lines: [String] {
        nodes.flatMap { [$0.text] + $0.verbatim + $0.children.map(\.text) }
    }

    static func words(_ text: some StringProtocol) -> [Substring] {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { Substring($0) }
    }

    static func isSeparator(_ line: String) -> Bool {
        line.trimmedBlank == "!"
    }

    /// `banner motd ^C` → `^C`; `banner motd #text#` → `#`.
    static func bannerDelimiter(_ line: String) -> String? {
        let words = words(line)
        guard words.count >= 3 else { return nil }
        let third = String(words[2])
        if third.hasPrefix("^C") { return "^C" }
        return third.first.map(String.init)
    }

    /// The top-level node holding a line number (itself or one of its children).
    func node(containing number: Int) -> Int? {
        nodes.firstIndex { node in
            node.number == number || node.children.contains { $0.number == number }
        }
    }

    func node(text: String) -> Int? {
        let wanted = IOSConfigTree.words(text)
        return nodes.firstIndex { $0.words == wanted }
    }

    func nodes(where predicate: ([Substring]) -> Bool) -> [Int] {
        nodes.indices.filter { predicate(nodes[$0].words) }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs.
    var trimmedBlank: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
