import AuditCore

/// Applies a FortiOS CLI script as the firewall does: `config <path>` enters a table or object
/// (created when new), `edit <name>` enters an entry (created when new), `set key value` replaces
/// the key's value, `unset key` returns it to its default, `delete <name>` removes an entry,
/// `next`/`end` leave. `execute` and
/// `diagnose` commands leave the configuration as it is.
public struct FortiOSApplier: ScriptApplier {
    public init() {}

    public func apply(script: String, to inputs: [ConfigInput], bindings: [String: String], storage: any SecretStorage) -> [ConfigInput] {
        guard let input = inputs.first else { return inputs }
        var text = FortiOSText(lines: ConfigSource(path: input.path, text: input.text).lines.map(String.init))
        var chain: [String] = []
        for raw in VariableSubstitution.substitute(script, bindings).split(separator: "\n") {
            let words = FortiOSText.words(String(raw))
            guard let first = words.first, !first.hasPrefix("#") else { continue }
            switch first {
            case "config", "edit":
                let header = words.joined(separator: " ")
                if text.block(chain + [header]) == nil, let parent = text.block(chain) {
                    let indent = String(repeating: "    ", count: chain.count)
                    let closing = first == "config" ? "end" : "next"
                    text.lines.insert(contentsOf: [indent + header, indent + closing], at: min(parent.1, text.lines.count))
                }
                chain.append(header)
            case "delete":
                // `delete <name>` in a table removes that entry.
                guard words.count >= 2, let block = text.block(chain),
                      let entry = text.children(block.0, block.1).first(where: { FortiOSText.header(text.lines[$0]) == "edit " + words[1...].joined(separator: " ") }) else { continue }
                text.lines.removeSubrange(entry...text.blockEnd(entry))
            case "next", "end":
                if !chain.isEmpty { chain.removeLast() }
            case "set", "unset":
                guard words.count >= 2, let block = text.block(chain) else { continue }
                var line = words.joined(separator: " ")
                if first == "set", words[1] == "password" || words[1] == "passwd", words.count >= 3, words[2] != "ENC" {
                    // FortiOS stores an administrator password as an SH2 hash.
                    line = "set \(words[1]) " + (storage.store(words[2...].joined(separator: " "), scheme: "fortios-sh2") ?? words[2...].joined(separator: " "))
                }
                let indent = String(repeating: "    ", count: chain.count)
                if let existing = text.setting(block, words[1]) {
                    if first == "set" { text.lines[existing] = indent + line } else { text.lines.remove(at: existing) }
                } else if first == "set" {
                    text.lines.insert(indent + line, at: min(block.1, text.lines.count))
                }
            default:
                continue
            }
        }
        let output = text.lines.joined(separator: "\n") + (input.text.hasSuffix("\n") ? "\n" : "")
        return [ConfigInput(path: input.path, text: output)] + inputs.dropFirst()
    }
}
