import AuditCore

/// Applies an OpenWrt script the way the router runs it: the shell expands each
/// `uci batch <<EOF` here-document (variables, `\$` escapes), then uci applies its commands to
/// the configuration files: `set`, `delete`, `add_list`, `del_list`. `passwd` and the rollback's
/// `ra_restore_shadow` change /etc/shadow (ShadowPassword.swift). Everything else in the
/// script (prompts, `uci changes`, `uci commit`, service reloads) leaves the files as they are;
/// the applier follows the path where the engineer confirms.
public struct UCIApplier: ScriptApplier {
    public init() {}

    public func apply(script: String, to inputs: [ConfigInput], bindings: [String: String], storage: any SecretStorage) -> [ConfigInput] {
        var text = UCIText(files: inputs.map { input in
            UCIText.File(path: input.path, lines: ConfigSource(path: input.path, text: input.text).lines.map(String.init),
                         endsWithNewline: input.text.hasSuffix("\n"))
        })
        var inBatch = false
        for raw in script.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if inBatch {
                if line == "EOF" { inBatch = false; continue }
                text.execute(UCIApplier.expand(line, bindings))
            } else if line.hasPrefix("uci batch <<EOF") {
                inBatch = true
            } else if let verb = line.split(separator: " ").dropFirst().first, line.hasPrefix("uci "),
                      ["set", "delete", "add_list", "del_list"].contains(verb) {
                // A single `uci set ...` on the shell's command line.
                text.execute(UCIApplier.expand(String(line.dropFirst(4)), bindings))
            } else {
                // /etc/shadow is changed by passwd, not uci.
                text.executeShell(line, bindings: bindings, storage: storage)
            }
        }
        return text.files.map { file in
            ConfigInput(path: file.path, text: file.lines.joined(separator: "\n") + (file.endsWithNewline ? "\n" : ""))
        }
    }

    /// What the shell does to a line of an unquoted here-document: `${NAME}` is replaced and a
    /// backslash before `$`, backquote or backslash is dropped.
    static func expand(_ line: String, _ bindings: [String: String]) -> String {
        var out = ""
        var characters = Array(line)[...]
        while let character = characters.first {
            characters.removeFirst()
            if character == "\\", let next = characters.first, next == "$" || next == "`" || next == "\\" {
                out.append(next)
                characters.removeFirst()
            } else if character == "$", characters.first == "{", let close = characters.firstIndex(of: "}") {
                let name = String(characters[characters.index(after: characters.startIndex)..<close])
                out += bindings[name] ?? ""
                characters = characters[characters.index(after: close)...]
            } else {
                out.append(character)
            }
        }
        return out
    }
}

extension UCIText {
    /// One `uci batch` command.
    mutating func execute(_ command: String) {
        let trimmed = command.trimmedBlank
        guard let space = trimmed.firstIndex(of: " ") else { return }
        let verb = String(trimmed[..<space])
        let argument = String(trimmed[trimmed.index(after: space)...]).trimmedBlank
        let path: String
        let value: String?
        if let equals = argument.firstIndex(of: "=") {
            path = String(argument[..<equals])
            value = UCIText.unquote(String(argument[argument.index(after: equals)...]))
        } else {
            path = argument
            value = nil
        }
        let parts = path.split(separator: ".", maxSplits: 2).map(String.init)
        guard parts.count >= 2 else { return }
        let package = parts[0], address = parts[1], option = parts.count == 3 ? parts[2] : nil
        switch (verb, option, value) {
        case ("set", nil, let type?):
            if find(package: package, section: address) == nil { addSection(package: package, type: type, name: address) }
        case ("set", let option?, let value?):
            guard let section = find(package: package, section: address) else { return }
            let at = removeValues(section, key: option)
            insert("\toption \(option) \(UCIText.quoted(value))", in: section, at: at)
        case ("delete", nil, _):
            guard let section = find(package: package, section: address) else { return }
            files[section.file].lines.removeSubrange(section.header..<section.end)
        case ("delete", let option?, _):
            guard let section = find(package: package, section: address) else { return }
            _ = removeValues(section, key: option)
        case ("add_list", let option?, let value?):
            guard let section = find(package: package, section: address) else { return }
            let last = values(section, key: option).last?.line
            insert("\tlist \(option) \(UCIText.quoted(value))", in: section, at: last.map { $0 + 1 })
        case ("del_list", let option?, let value?):
            guard let section = find(package: package, section: address) else { return }
            for entry in values(section, key: option).reversed() where entry.list && entry.value == value {
                files[section.file].lines.remove(at: entry.line)
            }
        default:
            return
        }
    }

    /// Removes an option or list; returns where it was.
    mutating func removeValues(_ section: Section, key: String) -> Int? {
        let found = values(section, key: key)
        for entry in found.reversed() { files[section.file].lines.remove(at: entry.line) }
        return found.first?.line
    }

    mutating func insert(_ line: String, in section: Section, at position: Int?) {
        let current = sections.first { $0.file == section.file && $0.header == section.header } ?? section
        files[section.file].lines.insert(line, at: position ?? current.end)
    }

    mutating func addSection(package: String, type: String, name: String) {
        let file = files.firstIndex { UCIText.package(forPath: $0.path, lines: $0.lines) == package }
            ?? sections.first { $0.package == package }?.file ?? 0
        guard files.indices.contains(file) else { return }
        let end = sections.filter { $0.file == file && $0.package == package }.map(\.end).max() ?? files[file].lines.count
        files[file].lines.insert(contentsOf: ["", "config \(type) \(UCIText.quoted(name))"], at: end)
    }
}
