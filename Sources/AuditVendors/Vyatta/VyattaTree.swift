import AuditCore

/// The vendor-shaped reading of a Vyatta-family configuration (EdgeOS, VyOS): one tree of words.
///
/// `config.boot` braces, `set` command lines and the UniFi `config.gateway.json` all describe the
/// same hierarchy, so they are read into one shape: every word of a path is a node, and a leaf's
/// value is a child node of its key. `interfaces { ethernet eth0 { address 192.0.2.1/24 } }`,
/// `set interfaces ethernet eth0 address '192.0.2.1/24'` and
/// `{"interfaces": {"ethernet": {"eth0": {"address": "192.0.2.1/24"}}}}` give the same nodes
/// `interfaces → ethernet → eth0 → address → 192.0.2.1/24`. A multi-valued leaf has one value child
/// per value, in order. Nodes keep the line (and the byte range of their word on it) where they
/// were first written, and the last line of their subtree, so every value has a provenance.
struct VyattaTree {
    struct Node {
        var word: Substring
        var parent: Int32
        var firstChild: Int32 = -1
        var lastChild: Int32 = -1
        var nextSibling: Int32 = -1
        var childCount: Int32 = 0
        /// Index into `files`.
        var file: Int32
        /// 1-based line where the node was first written; 0 for the root.
        var line: Int32
        /// The largest line of any node in this subtree.
        var lastLine: Int32
        /// Where the word sits on its line, in UTF-8 bytes, without quotes.
        var byteStart: Int32
        var byteEnd: Int32
    }

    static let root: Int32 = 0
    /// Above this many children a node gets a dictionary index, so long rule lists stay linear.
    static let indexThreshold: Int32 = 24

    private(set) var nodes: [Node]
    /// Paths of the inputs, by `Node.file`.
    var files: [String] = []
    private var childIndex: [Int32: [Substring: Int32]] = [:]

    init() {
        nodes = [Node(word: "", parent: -1, file: 0, line: 0, lastLine: 0, byteStart: 0, byteEnd: 0)]
        nodes.reserveCapacity(1024)
    }

    subscript(_ id: Int32) -> Node { nodes[Int(id)] }

    var nodeCount: Int { nodes.count }

    // MARK: - Building

    /// The child of `parent` named `word`, created (at this line and byte range) when absent.
    mutating func child(of parent: Int32, _ word: Substring, file: Int32, line: Int32, bytes: Range<Int>) -> Int32 {
        if let existing = existingChild(of: parent, word) {
            extendLastLine(existing, to: line)
            return existing
        }
        let id = Int32(nodes.count)
        nodes.append(Node(word: word, parent: parent, file: file, line: line, lastLine: line,
                          byteStart: Int32(bytes.lowerBound), byteEnd: Int32(bytes.upperBound)))
        let p = Int(parent)
        if nodes[p].lastChild >= 0 {
            nodes[Int(nodes[p].lastChild)].nextSibling = id
        } else {
            nodes[p].firstChild = id
        }
        nodes[p].lastChild = id
        nodes[p].childCount += 1
        if nodes[p].childCount == Self.indexThreshold {
            var index: [Substring: Int32] = [:]
            var child = nodes[p].firstChild
            while child >= 0 {
                if index[nodes[Int(child)].word] == nil { index[nodes[Int(child)].word] = child }
                child = nodes[Int(child)].nextSibling
            }
            childIndex[parent] = index
        } else if nodes[p].childCount > Self.indexThreshold {
            childIndex[parent]?[word] = id
        }
        extendLastLine(parent, to: line)
        return id
    }

    private mutating func extendLastLine(_ node: Int32, to line: Int32) {
        var current = node
        while current > 0, nodes[Int(current)].lastLine < line {
            nodes[Int(current)].lastLine = line
            current = nodes[Int(current)].parent
        }
    }

    private func existingChild(of parent: Int32, _ word: Substring) -> Int32? {
        let node = nodes[Int(parent)]
        if node.childCount >= Self.indexThreshold { return childIndex[parent]?[word] }
        // The last child is the usual match (a block reopened, a value repeated).
        if node.lastChild >= 0, nodes[Int(node.lastChild)].word == word { return node.lastChild }
        var child = node.firstChild
        while child >= 0 {
            if nodes[Int(child)].word == word { return child }
            child = nodes[Int(child)].nextSibling
        }
        return nil
    }

    // MARK: - Reading

    /// The child named `word`.
    func child(_ node: Int32, _ word: String) -> Int32? {
        let n = nodes[Int(node)]
        if n.childCount >= Self.indexThreshold { return childIndex[node]?[Substring(word)] }
        var child = n.firstChild
        while child >= 0 {
            if nodes[Int(child)].word == word { return child }
            child = nodes[Int(child)].nextSibling
        }
        return nil
    }

    /// The node at a path of words below `node`.
    func path(_ node: Int32, _ words: String...) -> Int32? {
        var current = node
        for word in words {
            guard let next = child(current, word) else { return nil }
            current = next
        }
        return current
    }

    func has(_ node: Int32, _ word: String) -> Bool { child(node, word) != nil }

    /// The children of a node, in the order they were first written.
    func children(_ node: Int32) -> Children { Children(tree: self, first: nodes[Int(node)].firstChild) }

    /// The first value of leaf `key` below `node` (the key's first child).
    func value(_ node: Int32, _ key: String) -> Int32? {
        guard let key = child(node, key) else { return nil }
        let first = nodes[Int(key)].firstChild
        return first >= 0 ? first : nil
    }

    /// Every value of leaf `key` below `node`.
    func values(_ node: Int32, _ key: String) -> [Int32] {
        guard let key = child(node, key) else { return [] }
        return Array(children(key))
    }

    func word(_ node: Int32) -> Substring { nodes[Int(node)].word }

    /// The text of leaf `key`'s first value.
    func text(_ node: Int32, _ key: String) -> Substring? { value(node, key).map { nodes[Int($0)].word } }

    func isLeaf(_ node: Int32) -> Bool { nodes[Int(node)].firstChild < 0 }

    /// The words from the root to `node`, root excluded.
    func pathWords(_ node: Int32) -> [Substring] {
        var words: [Substring] = []
        var current = node
        while current > 0 {
            words.append(nodes[Int(current)].word)
            current = nodes[Int(current)].parent
        }
        return words.reversed()
    }

    // MARK: - Provenance

    func file(_ node: Int32) -> String {
        let index = Int(nodes[Int(node)].file)
        return index < files.count ? files[index] : ""
    }

    /// The node's own line.
    func lineSpan(_ node: Int32) -> SourceSpan {
        SourceSpan(file: file(node), start: Int(nodes[Int(node)].line))
    }

    /// The node's line through the last line of its subtree.
    func blockSpan(_ node: Int32) -> SourceSpan {
        let n = nodes[Int(node)]
        return SourceSpan(file: file(node), start: Int(n.line), end: Int(n.lastLine))
    }

    func origin(_ node: Int32) -> Provenance { .source(lineSpan(node)) }

    struct Children: Sequence, IteratorProtocol {
        let tree: VyattaTree
        var cursor: Int32

        init(tree: VyattaTree, first: Int32) {
            self.tree = tree
            self.cursor = first
        }

        mutating func next() -> Int32? {
            guard cursor >= 0 else { return nil }
            let current = cursor
            cursor = tree.nodes[Int(current)].nextSibling
            return current
        }
    }
}

/// One meaningful line of an input and the deepest node it wrote, for coverage.
struct VyattaLine {
    var file: Int32
    var line: Int32
    var node: Int32
}

/// What the readers produce: the tree, the meaningful lines, and what went wrong.
struct VyattaDocument {
    var tree = VyattaTree()
    var lines: [VyattaLine] = []
    var diagnostics: [Diagnostic] = []
    /// `Release version:` from the config.boot footer.
    var release: (text: String, file: Int32, line: Int32)?
    /// The `/* === vyatta-config-version: ... === */` or `// vyos-config-version:` footer text.
    var versionFooter: String?
    /// True when an input was a UniFi `config.gateway.json`: an override merged with the
    /// controller's configuration, so names it uses may be defined elsewhere.
    var isOverlay = false
}
