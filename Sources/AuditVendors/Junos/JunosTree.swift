import AuditCore

/// One word of the Junos configuration hierarchy. The `show configuration` braces, `display set`
/// lines and the NETCONF XML form all read into the same word tree: `set system services ssh`
/// and `system { services { ssh; } }` give the nodes `system` → `services` → `ssh`. Keywords and
/// values are both words; the conversion knows which is which.
struct JunosNode {
    var word: Substring
    var parent: Int32
    var firstChild: Int32 = -1
    var lastChild: Int32 = -1
    var nextSibling: Int32 = -1
    /// Index of the input the word came from, its 1-based line and the UTF-8 offset and length of
    /// the word on that line (without quotes), so a secret can be masked by position.
    var file: Int32
    var line: Int32
    var column: Int32
    var length: Int32
    /// `inactive:` / `deactivate` (or `delete`): the subtree is ignored by Junos.
    var inactive = false
    /// The node this one was copied from by `apply-groups`; itself otherwise.
    var origin: Int32
    var childCount: Int32 = 0
}

/// A child by parent and word, for parents with many children (address books, interfaces).
struct JunosChildKey: Hashable {
    var parent: Int32
    var word: Substring
}

/// A configuration statement as it appears on a line: what coverage is counted on.
struct JunosStatement {
    var file: Int32
    var line: Int32
    /// The last word of the statement; -1 for lines the reader handled itself (`deactivate`).
    var node: Int32
}

/// The vendor-shaped parse of one device: the word tree, the statements per line, and what the
/// readers noticed about damaged input.
public struct JunosTree: Sendable {
    static let root: Int32 = 0

    var nodes: [JunosNode]
    var statements: [JunosStatement] = []
    var files: [String] = []
    public internal(set) var diagnostics: [Diagnostic] = []
    /// Lines of structure only (prompts, `{master:0}`, `[edit]`): not configuration.
    var ignoredLines = 0
    /// Children of parents with more than `indexThreshold` children, by word: keeps set-style
    /// input of thousands of address-book entries or policies linear.
    var childIndex: [JunosChildKey: Int32] = [:]
    static let indexThreshold: Int32 = 16

    init() {
        nodes = [JunosNode(word: "", parent: -1, file: 0, line: 0, column: 0, length: 0, origin: 0)]
        nodes.reserveCapacity(256)
    }

    subscript(_ index: Int32) -> JunosNode {
        _read { yield nodes[Int(index)] }
    }

    func word(_ index: Int32) -> Substring { nodes[Int(index)].word }

    // MARK: - Building

    /// The child of `parent` with this word, created when missing. Set-style input repeats the
    /// previous line's prefix, so the last child is tried first.
    mutating func child(of parent: Int32, word: Substring, file: Int32, line: Int32, column: Int32, length: Int32) -> Int32 {
        let last = nodes[Int(parent)].lastChild
        let count = nodes[Int(parent)].childCount
        if last >= 0 {
            if nodes[Int(last)].word == word { return last }
            if count > Self.indexThreshold {
                if let found = childIndex[JunosChildKey(parent: parent, word: word)] { return found }
            } else {
                var cursor = nodes[Int(parent)].firstChild
                while cursor >= 0 && cursor != last {
                    if nodes[Int(cursor)].word == word { return cursor }
                    cursor = nodes[Int(cursor)].nextSibling
                }
            }
        }
        let index = Int32(nodes.count)
        nodes.append(JunosNode(word: word, parent: parent, file: file, line: line, column: column, length: length, origin: index))
        if last >= 0 {
            nodes[Int(last)].nextSibling = index
        } else {
            nodes[Int(parent)].firstChild = index
        }
        nodes[Int(parent)].lastChild = index
        nodes[Int(parent)].childCount = count + 1
        if count + 1 > Self.indexThreshold {
            if count + 1 == Self.indexThreshold + 1 {
                var cursor = nodes[Int(parent)].firstChild
                while cursor >= 0 {
                    childIndex[JunosChildKey(parent: parent, word: nodes[Int(cursor)].word)] = cursor
                    cursor = nodes[Int(cursor)].nextSibling
                }
            } else {
                childIndex[JunosChildKey(parent: parent, word: word)] = index
            }
        }
        return index
    }

    /// A copy of `source`'s subtree under `parent` (apply-groups), merged with what is there:
    /// words already present keep their own values, missing ones come from the group.
    mutating func merge(_ source: Int32, into target: Int32, depth: Int = 0) {
        guard depth < 64 else { return }
        var cursor = nodes[Int(source)].firstChild
        while cursor >= 0 {
            let node = nodes[Int(cursor)]
            if !node.inactive {
                if node.word.hasPrefix("<") && node.word.hasSuffix(">") && node.word.count > 2 {
                    // A wildcard (`<ge-*>`, `<*>`): applies to the existing children that match.
                    let pattern = node.word.dropFirst().dropLast()
                    var existing = nodes[Int(target)].firstChild
                    while existing >= 0 {
                        if JunosTree.glob(pattern, matches: nodes[Int(existing)].word) {
                            merge(cursor, into: existing, depth: depth + 1)
                        }
                        existing = nodes[Int(existing)].nextSibling
                    }
                } else {
                    let before = nodes.count
                    let copy = child(of: target, word: node.word, file: node.file, line: node.line,
                                     column: node.column, length: node.length)
                    if Int(copy) >= before { nodes[Int(copy)].origin = node.origin }
                    merge(cursor, into: copy, depth: depth + 1)
                }
            }
            cursor = node.nextSibling
        }
    }

    /// Junos group wildcards: `*` any run of characters, `?` one character, `[a-z]` a class.
    static func glob(_ pattern: Substring, matches text: Substring) -> Bool {
        let p = Array(pattern.utf8), t = Array(text.utf8)
        var pi = 0, ti = 0, star = -1, mark = 0
        while ti < t.count {
            if pi < p.count, p[pi] == UInt8(ascii: "["), let close = p[pi...].firstIndex(of: UInt8(ascii: "]")) {
                let set = p[(pi + 1)..<close]
                var matched = false
                var i = set.startIndex
                while i < set.endIndex {
                    if i + 2 < set.endIndex, set[i + 1] == UInt8(ascii: "-") {
                        if t[ti] >= set[i] && t[ti] <= set[i + 2] { matched = true }
                        i += 3
                    } else {
                        if t[ti] == set[i] { matched = true }
                        i += 1
                    }
                }
                if matched { pi = close + 1; ti += 1; continue }
            } else if pi < p.count, p[pi] == UInt8(ascii: "?") || p[pi] == t[ti] {
                pi += 1; ti += 1; continue
            } else if pi < p.count, p[pi] == UInt8(ascii: "*") {
                star = pi; mark = ti; pi += 1; continue
            }
            guard star >= 0 else { return false }
            pi = star + 1; mark += 1; ti = mark
        }
        while pi < p.count, p[pi] == UInt8(ascii: "*") { pi += 1 }
        return pi == p.count
    }

    // MARK: - Reading

    /// Active children of a node, in configuration order.
    func children(_ parent: Int32) -> JunosChildren { JunosChildren(nodes: nodes, next: nodes[Int(parent)].firstChild) }

    /// The active child with this word.
    func child(_ parent: Int32, _ word: String) -> Int32? {
        if nodes[Int(parent)].childCount > Self.indexThreshold {
            guard let found = childIndex[JunosChildKey(parent: parent, word: Substring(word))],
                  !nodes[Int(found)].inactive else { return nil }
            return found
        }
        var cursor = nodes[Int(parent)].firstChild
        while cursor >= 0 {
            if !nodes[Int(cursor)].inactive && nodes[Int(cursor)].word == word { return cursor }
            cursor = nodes[Int(cursor)].nextSibling
        }
        return nil
    }

    /// Follows a path of words from a node, e.g. `path(root, "system", "services")`.
    func path(_ from: Int32, _ words: String...) -> Int32? {
        var node = from
        for word in words {
            guard let next = child(node, word) else { return nil }
            node = next
        }
        return node
    }

    /// The first active child: the value of a keyword (`host-name X`).
    func firstChild(_ parent: Int32) -> Int32? {
        var cursor = nodes[Int(parent)].firstChild
        while cursor >= 0 {
            if !nodes[Int(cursor)].inactive { return cursor }
            cursor = nodes[Int(cursor)].nextSibling
        }
        return nil
    }

    /// The value after a keyword under `parent`: `value(unit, "description")`.
    func value(_ parent: Int32, _ keyword: String) -> Int32? {
        child(parent, keyword).flatMap { firstChild($0) }
    }

    func hasChildren(_ node: Int32) -> Bool { firstChild(node) != nil }

    /// Whether a node or one of its ancestors is inactive.
    func isInactive(_ node: Int32) -> Bool {
        var cursor = node
        while cursor > 0 {
            if nodes[Int(cursor)].inactive { return true }
            cursor = nodes[Int(cursor)].parent
        }
        return false
    }

    /// Every node of a subtree in configuration order, the node itself first (active or not).
    func subtree(_ node: Int32) -> [Int32] {
        var result: [Int32] = []
        forEachInSubtree(node) { result.append($0) }
        return result
    }

    /// A pre-order walk of a subtree by sibling and parent links, without allocating.
    func forEachInSubtree(_ node: Int32, _ body: (Int32) -> Void) {
        var cursor = node
        while true {
            body(cursor)
            let first = nodes[Int(cursor)].firstChild
            if first >= 0 {
                cursor = first
                continue
            }
            while cursor != node && nodes[Int(cursor)].nextSibling < 0 {
                cursor = nodes[Int(cursor)].parent
            }
            if cursor == node { return }
            cursor = nodes[Int(cursor)].nextSibling
        }
    }

    /// The words from the top of the hierarchy to a node.
    func pathWords(_ node: Int32) -> [Substring] {
        var words: [Substring] = []
        var cursor = node
        while cursor > 0 {
            words.append(nodes[Int(cursor)].word)
            cursor = nodes[Int(cursor)].parent
        }
        return words.reversed()
    }

    func file(_ node: Int32) -> String {
        let index = Int(nodes[Int(node)].file)
        return index < files.count ? files[index] : ""
    }

    /// The line a word is on.
    func span(_ node: Int32) -> SourceSpan {
        SourceSpan(file: file(node), start: Int(nodes[Int(node)].line))
    }

    /// The lines a subtree covers in the file of its first word (a policy, a term, a user).
    func blockSpan(_ node: Int32) -> SourceSpan {
        let first = nodes[Int(node)]
        var low = Int(first.line), high = Int(first.line)
        forEachInSubtree(node) { index in
            let current = nodes[Int(index)]
            guard current.file == first.file else { return }
            low = min(low, Int(current.line))
            high = max(high, Int(current.line))
        }
        return SourceSpan(file: file(node), start: low, end: high)
    }

    func source(_ node: Int32) -> Provenance { .source(span(node)) }

    /// The tree as `display set` lines (every path to a word without children, in configuration
    /// order), followed by a `deactivate` line for each inactive word: what both text forms and
    /// the XML form must agree on.
    public func displaySet() -> [String] {
        var lines: [String] = []
        var inactive: [String] = []
        forEachInSubtree(JunosTree.root) { node in
            guard node != JunosTree.root else { return }
            let words = pathWords(node).map { word -> String in
                word.isEmpty || word.contains(" ") || word.contains(";") ? "\"\(word)\"" : String(word)
            }
            if nodes[Int(node)].firstChild < 0 { lines.append("set " + words.joined(separator: " ")) }
            if nodes[Int(node)].inactive { inactive.append("deactivate " + words.joined(separator: " ")) }
        }
        return lines + inactive
    }
}

/// Active children of a node, walked without allocating.
struct JunosChildren: Sequence, IteratorProtocol {
    let nodes: [JunosNode]
    var cursor: Int32

    init(nodes: [JunosNode], next: Int32) {
        self.nodes = nodes
        self.cursor = next
    }

    mutating func next() -> Int32? {
        while cursor >= 0 {
            let current = cursor
            cursor = nodes[Int(current)].nextSibling
            if !nodes[Int(current)].inactive { return current }
        }
        return nil
    }
}
