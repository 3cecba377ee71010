import AuditCore

/// Applies a RouterOS script as the router runs it in a terminal (safe mode changes nothing in
/// the result): `/menu` switches menu; `set [ find k=v ] p=v` changes every item added with those
/// properties (or, for built-in items such as `[ find default=yes ]` and named entries such as
/// `/ip service set telnet`, records the change as the export prints it: one `set` line per item,
/// whose properties a later `set` replaces); `remove [ find k=v ]` deletes the items.
public struct RouterOSApplier: ScriptApplier {
    public init() {}

    public func apply(script: String, to inputs: [ConfigInput], bindings: [String: String], storage: any SecretStorage) -> [ConfigInput] {
        guard let input = inputs.first else { return inputs }
        var config = RouterOSScriptText(text: input.text)
        let commands = RouterOSScriptText(text: VariableSubstitution.substitute(script, bindings))
        for command in commands.statements where command.command != "#" {
            switch command.command {
            case "set":
                set(command, in: &config)
            case "remove":
                guard let selector = command.selector else { continue }
                config.statements.removeAll { $0.menu == command.menu && $0.command == "add" && $0.matches(selector) }
            default:
                continue
            }
        }
        return [ConfigInput(path: input.path, text: config.text)] + inputs.dropFirst()
    }

    func set(_ command: RouterOSScriptText.Statement, in config: inout RouterOSScriptText) {
        if let selector = command.selector {
            let added = config.statements.indices.filter {
                config.statements[$0].menu == command.menu && config.statements[$0].command == "add" && config.statements[$0].matches(selector)
            }
            if !added.isEmpty {
                for index in added { config.statements[index].merge(command.properties) }
                return
            }
        }
        // Only a built-in item (the default community, a named service or port) exists without an
        // `add`; a `find` on other properties that matched nothing changes nothing.
        if let selector = command.selector,
           !selector.allSatisfy({ ["default", "default-name"].contains($0.key) || ($0.key == "name" && command.menu == "ip service") }) { return }
        // A built-in item or a singleton menu: the export holds one `set` line for it.
        if let index = config.statements.lastIndex(where: {
            $0.menu == command.menu && $0.command == "set" && $0.item == command.item
                && ($0.selector.map { s in command.selector.map { c in s.map(\.key) == c.map(\.key) && s.map(\.value) == c.map(\.value) } ?? false } ?? (command.selector == nil))
        }) {
            config.statements[index].merge(command.properties)
            return
        }
        var added = command
        added.original = nil
        added.line = 0
        if let last = config.statements.lastIndex(where: { $0.menu == command.menu }) {
            config.statements.insert(added, at: last + 1)
        } else {
            config.statements.append(added)
        }
    }
}
