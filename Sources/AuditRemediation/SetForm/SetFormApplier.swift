import AuditCore

/// Applies `set`/`delete`/`deactivate`/`activate` commands the way Junos and VyOS/EdgeOS
/// configuration mode does: `set` adds a statement (a single-valued setting replaces its earlier
/// value), `delete` removes the statement and everything below it, `deactivate` marks it inactive
/// and `activate` clears the mark. Mode and commit commands (`configure`, `commit confirmed`,
/// `commit`, `exit`, `load`, `show`) leave the configuration as it is. The result is written in
/// set form (`show configuration | display set`), which every parser here reads.
public struct SetFormApplier: ScriptApplier {
    /// Keywords that hold one value: setting them again replaces the value.
    let singleValued: Set<String>

    public init(singleValued: Set<String>) {
        self.singleValued = singleValued
    }

    public func apply(script: String, to inputs: [ConfigInput], bindings: [String: String], storage: any SecretStorage) -> [ConfigInput] {
        guard let input = inputs.first else { return inputs }
        var config = SetFormText(text: input.text)
        for raw in VariableSubstitution.substitute(script, bindings).split(separator: "\n") {
            let words = SetFormText.words(String(raw).trimmedBlank)
            guard let verb = words.first, words.count >= 2 else { continue }
            let path = Array(words.dropFirst())
            switch verb {
            case "set":
                guard !config.commands.contains(where: { $0.verb == "set" && $0.words == path }) else { continue }
                if path.count >= 2, singleValued.contains(path[path.count - 2]) {
                    let key = Array(path.dropLast())
                    config.commands.removeAll { $0.verb == "set" && $0.words.count == path.count && $0.words.starts(with: key) }
                }
                config.insert(.init(verb: "set", words: path, line: 0))
            case "delete":
                config.commands.removeAll { $0.words.starts(with: path) }
            case "deactivate":
                if !config.commands.contains(where: { $0.verb == "deactivate" && $0.words == path }) {
                    config.insert(.init(verb: "deactivate", words: path, line: 0))
                }
            case "activate":
                config.commands.removeAll { $0.verb == "deactivate" && $0.words == path }
            default:
                continue
            }
        }
        return [ConfigInput(path: input.path, text: config.text)] + inputs.dropFirst()
    }
}

extension SetFormText {
    /// Adds a statement where the device shows it: after the last statement sharing the longest
    /// part of its path, so deleting and setting it again puts it back in the same place.
    mutating func insert(_ command: Command) {
        var best = -1
        var bestLength = 0
        for (index, existing) in commands.enumerated() {
            let common = zip(existing.words, command.words).prefix { $0 == $1 }.count
            if common >= bestLength && common > 0 {
                best = index
                bestLength = common
            }
        }
        commands.insert(command, at: best + 1)
    }
}
