import AuditCore

/// What the line-oriented configuration-mode renderers (Cisco IOS, Arista EOS, Huawei VRP) share:
/// findings are grouped by the block they need, each block is rendered once, a shared object (the
/// management ACL, order 0) is kept only while a block uses it, and blocks run in `order`.
protocol ConfigModeRenderer {
    /// The keys of the blocks a finding needs, or why it has none.
    func keys(for finding: Finding) -> Result<[String], Reason>
    mutating func render(key: String, members: [(Int, Finding)]) throws -> FixBlock
}

extension ConfigModeRenderer {
    /// `sharedKey`: the block that only prepares (order 0); `usesShared`: whether a block needs it.
    mutating func assemble(_ findings: [Finding], sharedKey: String,
                           usesShared: (FixBlock) -> Bool) -> (blocks: [FixBlock], unfixable: [UnfixableFinding]) {
        var groups = FindingGroups()
        let kept = RuleRemovalSafety.keep(findings)
        for (index, finding) in findings.enumerated() {
            groups.add(index, finding, keys: kept[index].map { .failure(Reason($0)) } ?? keys(for: finding))
        }
        var blocks: [FixBlock] = []
        var failed: [Int: String] = [:]
        for key in groups.order {
            let members = groups.members[key] ?? []
            do {
                var block = try render(key: key, members: members)
                // A shared object prepares; the blocks that use it close the findings.
                block.findings = block.order == 0 ? [] : members.map(\.0)
                blocks.append(block)
            } catch let reason as Reason {
                for member in members { failed[member.0] = reason.text }
            } catch {}
        }
        for (index, reason) in failed.sorted(by: { $0.key < $1.key }) { groups.markUnfixable(index, reason) }
        let unfixable = Set(groups.unfixable.map(\.finding))
        blocks = blocks.compactMap { block in
            var block = block
            block.findings.removeAll { unfixable.contains($0) }
            return block.findings.isEmpty && block.order != 0 ? nil : block
        }
        if !blocks.contains(where: usesShared) { blocks.removeAll { $0.key == sharedKey } }
        blocks = blocks.enumerated().sorted { ($0.element.order, $0.offset) < ($1.element.order, $1.offset) }.map(\.element)
        return (blocks, groups.unfixable.sorted { $0.finding < $1.finding })
    }
}

/// The words a configuration-mode CLI uses around a block of commands.
struct ModeWords {
    /// Returns a mode's setting to its default: IOS `default`, VRP `undo`.
    var reset: String
    /// Leaves a mode: IOS `exit`, VRP `quit`.
    var leave: String

    static let ios = ModeWords(reset: "default", leave: "exit")
    static let vrp = ModeWords(reset: "undo", leave: "quit")
}

extension IOSConfigTree {
    /// A setting inside a mode (`line vty 0 4`, `user-interface vty 0 4`): replaces the setting of
    /// the same leading `keyWords` words (and last word, when given), or is added. The rollback
    /// writes the original lines back, or resets the setting when there was none.
    func modeSetting(node index: Int, command: String, keyWords: Int, matchLast: Substring?, words: ModeWords,
                     file: String, evidence: inout EvidenceText) -> (apply: [String], rollback: [String]) {
        let node = nodes[index]
        let wanted = IOSConfigTree.words(command)
        let existing = node.children.filter { child in
            let w = IOSConfigTree.words(child.text)
            return w.count >= keyWords && Array(w.prefix(keyWords)) == Array(wanted.prefix(keyWords)) && (matchLast == nil || w.last == matchLast)
        }
        var rollback = [node.text.trimmedBlank]
        if existing.isEmpty {
            rollback.append(" \(words.reset) " + wanted.prefix(keyWords).joined(separator: " "))
        } else {
            for child in existing { rollback.append(" " + (evidence.scriptText(file, child.number ?? 0) ?? child.text).trimmedBlank) }
        }
        rollback.append(words.leave)
        return ([node.text.trimmedBlank, " " + command, words.leave], rollback)
    }
}

/// The apply and rollback files of a configuration-mode CLI: a header naming the variables to
/// fill in with `envsubst`, the safety net as comments, `enter` … blocks … `leave`, and the
/// rollback undoing each block in reverse order.
struct ConfigModeScript {
    var plan: RemediationPlan
    var vendorName: String
    var ext: String
    /// `!` (IOS, EOS) or `#` (VRP).
    var comment: String
    var enter: [String]
    var leave: [String]
    /// Comment lines before `enter`: the safety net.
    var before: [String]
    /// Lines after the blocks and before `leave` (EOS: `show session-config diffs`).
    var beforeLeave: [String] = []
    /// Comment lines at the end of the apply file: how to confirm.
    var after: [String]
    var rollbackEnter: [String]
    var rollbackLeave: [String]
    /// Comment lines at the top of the rollback: the exact way back.
    var rollbackHeader: [String]

    func commentLine(_ text: String) -> String {
        text.isEmpty ? comment + "\n" : "\(comment) \(text)\n"
    }

    var applyText: String {
        var out = "\(comment) RouterAudit fix for \(plan.device) (\(vendorName))\n"
        let text = plan.blocks.flatMap(\.apply).joined(separator: "\n")
        let variables = plan.variables.filter { text.contains($0.reference) }
        if !variables.isEmpty {
            out += "\(comment) Fill in the variables first, e.g.: export \(variables.map { "\($0.name)=..." }.joined(separator: " "))\n"
            out += "\(comment)   envsubst < apply.\(ext) > apply-filled.\(ext)   (the file then holds the new secrets: delete it afterwards)\n"
            for variable in variables { out += "\(comment)   \(variable.name): \(variable.explanation)\n" }
        }
        out += before.map(commentLine).joined()
        out += enter.map { $0 + "\n" }.joined()
        for (number, block) in plan.blocks.enumerated() {
            out += "\(comment) [\(number + 1)] \(block.title): \(ScriptText.closes(block, plan))\n"
            out += block.apply.map { $0 + "\n" }.joined()
        }
        out += beforeLeave.map { $0 + "\n" }.joined()
        out += leave.map { $0 + "\n" }.joined()
        out += after.map(commentLine).joined()
        return out
    }

    var rollbackText: String {
        var out = "\(comment) RouterAudit rollback for \(plan.device) (\(vendorName))\n"
        out += rollbackHeader.map(commentLine).joined()
        let old = plan.variables.filter { $0.kind == .originalSecret }
        if !old.isEmpty {
            out += "\(comment) Or paste the commands below after filling in the original secrets (\(old.map(\.name).joined(separator: ", "))) from the backup with envsubst.\n"
        }
        out += rollbackEnter.map { $0 + "\n" }.joined()
        for (number, block) in plan.blocks.enumerated().reversed() {
            out += "\(comment) undo [\(number + 1)] \(block.title)\n"
            out += block.rollback.map { $0 + "\n" }.joined()
        }
        out += rollbackLeave.map { $0 + "\n" }.joined()
        return out
    }
}
