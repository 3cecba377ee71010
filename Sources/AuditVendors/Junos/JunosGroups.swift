import AuditCore

/// `groups` and `apply-groups`: configuration written once under `groups NAME` and inherited
/// where `apply-groups NAME` says. Junos gives precedence to what is configured locally, then to
/// groups applied at a deeper level, then to groups listed first; a merge that only adds what is
/// missing, deepest `apply-groups` first and groups in their listed order, gives the same result.
/// Wildcards in group paths (`<ge-*>`, `<*>`) apply to matching existing words. Groups named by
/// variables (`${node}`) cannot be resolved from a file and are reported.
extension JunosTree {
    mutating func applyGroups(diagnostics: inout [Diagnostic]) {
        guard let groups = child(JunosTree.root, "groups") else {
            for node in applyNodes() {
                for name in children(node) {
                    diagnostics.append(Diagnostic(.warning, code: "undefined-group",
                                                  "apply-groups names group '\(word(name))', but the configuration defines no groups",
                                                  at: span(name)))
                }
            }
            return
        }
        // Deepest first, so a group applied closer to the statement wins.
        let targets = applyNodes().map { (node: $0, depth: pathWords($0).count) }.sorted { $0.depth > $1.depth }
        for target in targets {
            let parent = nodes[Int(target.node)].parent
            let relative = pathWords(parent)
            guard relative.count <= 32 else { continue }
            for name in children(target.node) {
                guard let group = child(groups, String(word(name))) else {
                    let text = word(name)
                    let why = text.contains("${") ? "names a variable (cluster node groups) that a file does not resolve"
                        : "is not defined under groups"
                    diagnostics.append(Diagnostic(text.contains("${") ? .info : .warning, code: "undefined-group",
                                                  "apply-groups '\(text)' \(why); its settings are not in the audit",
                                                  at: span(name)))
                    continue
                }
                for source in groupNodes(from: group, following: relative[...]) {
                    merge(source, into: parent)
                }
            }
        }
    }

    /// `apply-groups` statements outside the `groups` hierarchy.
    private func applyNodes() -> [Int32] {
        var result: [Int32] = []
        var stack: [Int32] = [JunosTree.root]
        while let node = stack.popLast() {
            for child in children(node) {
                let text = word(child)
                if text == "apply-groups" {
                    result.append(child)
                } else if !(node == JunosTree.root && text == "groups") {
                    stack.append(child)
                }
            }
        }
        return result
    }

    /// The nodes of a group that correspond to a path of words, with wildcards.
    private func groupNodes(from group: Int32, following path: ArraySlice<Substring>) -> [Int32] {
        guard let first = path.first else { return [group] }
        var result: [Int32] = []
        for candidate in children(group) {
            let text = word(candidate)
            let matches: Bool
            if text.hasPrefix("<") && text.hasSuffix(">") && text.count > 2 {
                matches = JunosTree.glob(text.dropFirst().dropLast(), matches: first)
            } else {
                matches = text == first
            }
            if matches { result += groupNodes(from: candidate, following: path.dropFirst()) }
        }
        return result
    }
}
