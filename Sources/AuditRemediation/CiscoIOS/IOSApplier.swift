import AuditCore

/// Applies an IOS script to a configuration the way a router in configuration mode does:
/// exec commands change nothing, `configure terminal` enters configuration mode, a mode command
/// (`interface X`, `line vty 0 4`, `ip access-list extended X`) enters its mode (creating it when
/// new), `exit` leaves it, a global command given inside a mode leaves the mode first, `no X`
/// removes what X set (`no access-list N` the whole numbered list), `default X` returns a setting
/// to its default, and a setting replaces the earlier value of the same setting.
public struct IOSApplier: ScriptApplier {
    let dialect: IOSDialect

    public init() {
        dialect = .ios
    }

    init(dialect: IOSDialect) {
        self.dialect = dialect
    }

    public func apply(script: String, to inputs: [ConfigInput], bindings: [String: String], storage: any SecretStorage) -> [ConfigInput] {
        guard let input = inputs.first else { return inputs }
        var state = IOSApplyState(tree: IOSConfigTree(lines: ConfigSource(path: input.path, text: input.text).lines.map(String.init),
                                                      flatAfterSeparator: dialect.flatAfterSeparator), storage: storage, dialect: dialect)
        let text = VariableSubstitution.substitute(script, bindings)
        for line in ConfigSource(path: "", text: text).lines {
            state.execute(String(line))
        }
        let output = state.tree.lines.joined(separator: "\n") + (input.text.hasSuffix("\n") ? "\n" : "")
        return [ConfigInput(path: input.path, text: output)] + inputs.dropFirst()
    }
}

struct IOSApplyState {
    var tree: IOSConfigTree
    let storage: any SecretStorage
    let dialect: IOSDialect
    var configuring = false
    var context: Int?


    mutating func execute(_ raw: String) {
        let line = raw.trimmedBlank
        guard !line.isEmpty, !line.hasPrefix("!") else { return }
        let words = IOSConfigTree.words(line)
        if !configuring {
            if dialect.enter.contains(words) { configuring = true }
            return
        }
        if words == dialect.leaveAll { configuring = false; context = nil; return }
        if words == dialect.leaveMode {
            if context == nil { configuring = false } else { context = nil }
            return
        }
        if let current = context, !opensMode(words), !isGlobal(words) {
            executeInMode(current, words)
            return
        }
        context = nil
        executeGlobal(words)
    }

    func opensMode(_ words: [Substring]) -> Bool {
        let body = words.first == dialect.negation ? Array(words.dropFirst()) : words
        return dialect.modeCommands.contains { body.starts(with: $0) }
    }

    func isGlobal(_ words: [Substring]) -> Bool {
        let body = words.first == dialect.negation || words.first == "default" ? Array(words.dropFirst()) : words
        guard let lead = body.first else { return false }
        if dialect.globalLeads.contains(lead) { return true }
        return dialect.globalPrefixes.contains { body.starts(with: $0) }
    }

    // MARK: Global configuration mode

    mutating func executeGlobal(_ words: [Substring]) {
        if words.first == dialect.negation || words.first == "default" {
            let body = Array(words.dropFirst())
            let removed = remove(body, numberedWhole: words.first == "no" && dialect.negation == "no")
            if words.first == dialect.negation, dialect.shownNegative.contains(body.joined(separator: " ")) {
                insertGlobal(String(dialect.negation) + " " + body.joined(separator: " "), at: removed)
            }
            return
        }
        if opensMode(words) {
            if let existing = tree.node(text: words.joined(separator: " ")) {
                context = existing
            } else {
                // IOS shows a new mode next to the others of its kind (access lists together).
                let kind = Array(words.prefix(2))
                var position = tree.nodes.lastIndex { Array($0.words.prefix(2)) == kind }.map { $0 + 1 }
                // After the `!` that closes the last one, as IOS separates them.
                if let at = position, at < tree.nodes.count, tree.nodes[at].text.trimmedBlank == "!" { position = at + 1 }
                context = insertGlobal(words.joined(separator: " "), at: position)
            }
            return
        }
        let stored = store(words.joined(separator: " "))
        let storedWords = IOSConfigTree.words(stored)
        if storedWords.first == "access-list" {
            guard tree.node(text: stored) == nil else { return }
            let last = tree.nodes.lastIndex { $0.words.count > 1 && $0.words[0] == "access-list" && $0.words[1] == storedWords[1] }
            tree.nodes.insert(IOSConfigTree.Node(text: stored), at: last.map { $0 + 1 } ?? endIndex)
            return
        }
        let key = Array(storedWords.prefix(dialect.globalKeyLength(storedWords)))
        var position: Int?
        for index in tree.nodes.indices.reversed() {
            let w = tree.nodes[index].words
            if w.starts(with: key) || w == [Substring(dialect.negation)] + storedWords {
                tree.nodes.remove(at: index)
                position = index
            }
        }
        insertGlobal(stored, at: position)
        if storedWords == ["service", "password-encryption"] { encryptAll() }
    }

    /// Removes what `body` names; returns where the first removed line was.
    mutating func remove(_ body: [Substring], numberedWhole: Bool) -> Int? {
        var key = body
        // `no access-list N ...` deletes the whole numbered list.
        if numberedWhole, body.first == "access-list", body.count >= 2 { key = Array(body.prefix(2)) }
        var position: Int?
        for index in tree.nodes.indices.reversed() where tree.nodes[index].words.starts(with: key) {
            tree.nodes.remove(at: index)
            position = index
        }
        return position
    }

    @discardableResult
    mutating func insertGlobal(_ text: String, at position: Int?) -> Int {
        let lead = IOSConfigTree.words(text).first
        let index: Int
        if let position {
            index = min(position, tree.nodes.count)
        } else if let last = tree.nodes.lastIndex(where: { $0.words.first == lead && $0.children.isEmpty && !opensMode(IOSConfigTree.words(text)) }) {
            index = last + 1
        } else {
            index = endIndex
        }
        tree.nodes.insert(IOSConfigTree.Node(text: text), at: index)
        return index
    }

    /// Before the final `end`, where IOS prints new configuration.
    var endIndex: Int {
        tree.nodes.lastIndex { $0.words == dialect.endMarker } ?? tree.nodes.count
    }

    /// How many leading words name the setting a global command replaces (IOS).
    static func iosGlobalKeyLength(_ words: [Substring]) -> Int {
        if words.starts(with: ["username"]) || words.starts(with: ["enable", "secret"]) || words.starts(with: ["enable", "password"])
            || words.starts(with: ["login", "block-for"]) { return 2 }
        if words.starts(with: ["snmp-server", "community"]) || words.starts(with: ["ip", "ssh", "version"])
            || words.starts(with: ["ip", "http", "access-class"]) { return 3 }
        if words.starts(with: ["hostname"]) { return 1 }
        return words.count
    }

    // MARK: A mode's own commands

    mutating func executeInMode(_ index: Int, _ words: [Substring]) {
        var children = tree.nodes[index].children
        if words.first == dialect.negation || words.first == "default" {
            let body = Array(words.dropFirst())
            children.removeAll { IOSConfigTree.words($0.text).starts(with: body) }
            tree.nodes[index].children = children
            return
        }
        let stored = store(words.joined(separator: " "))
        let storedWords = IOSConfigTree.words(stored)
        let key = dialect.modeKey(storedWords)
        var position: Int?
        for child in children.indices.reversed() {
            let w = IOSConfigTree.words(children[child].text)
            let matches = key.map { key in w.count >= key.prefix.count && Array(w.prefix(key.prefix.count)) == key.prefix && (key.last == nil || w.last == key.last) } ?? (w == storedWords)
            if matches {
                children.remove(at: child)
                position = child
            }
        }
        // A numbered rule (`rule 10 ...`) takes its place by number, as the device lists them.
        if position == nil, storedWords.count >= 2, storedWords[0] == "rule", let number = Int(storedWords[1]) {
            position = children.firstIndex { child in
                let w = IOSConfigTree.words(child.text)
                return w.count >= 2 && w[0] == "rule" && (Int(w[1]) ?? 0) > number
            }
        }
        children.insert(IOSConfigTree.Child(text: " " + stored), at: position ?? children.count)
        tree.nodes[index].children = children
    }

    /// The setting a mode command replaces (nil: an entry such as an ACL rule, only de-duplicated) (IOS).
    static func iosModeKey(_ words: [Substring]) -> (prefix: [Substring], last: Substring?)? {
        guard let lead = words.first else { return nil }
        switch lead {
        case "exec-timeout", "password", "login", "description", "shutdown": return ([lead], nil)
        case "transport" where words.count >= 2: return (Array(words.prefix(2)), nil)
        case "access-class": return ([lead], words.last)
        case "privilege" where words.count >= 2: return (Array(words.prefix(2)), nil)
        case "ip" where words.count >= 2 && words[1] == "access-group": return (Array(words.prefix(2)), words.last)
        default: return nil
        }
    }

    // MARK: How the device stores what it is given

    /// `algorithm-type scrypt secret P` is stored as `secret 9 <hash>`; with password encryption
    /// on, a cleartext password is stored as type 7.
    func store(_ command: String) -> String {
        var words = IOSConfigTree.words(command).map(String.init)
        if let at = words.firstIndex(of: "algorithm-type"), at + 3 < words.count + 1, at + 2 < words.count, words[at + 2] == "secret" {
            let plain = words[(at + 3)...].joined(separator: " ")
            let scheme = words[at + 1] == "sha256" ? "cisco-type8" : "cisco-type9"
            let hash = storage.store(plain, scheme: scheme) ?? plain
            words.replaceSubrange(at..., with: ["secret", scheme == "cisco-type8" ? "8" : "9", hash])
        }
        let line = words.joined(separator: " ")
        if encryptionOn, IOSPasswordEncryption.cleartextValue(line) != nil {
            return IOSPasswordEncryption.encrypt(line)
        }
        return line
    }

    var encryptionOn: Bool { tree.node(text: "service password-encryption") != nil }

    mutating func encryptAll() {
        for index in tree.nodes.indices {
            tree.nodes[index].text = IOSPasswordEncryption.encrypt(tree.nodes[index].text)
            for child in tree.nodes[index].children.indices {
                tree.nodes[index].children[child].text = IOSPasswordEncryption.encrypt(tree.nodes[index].children[child].text)
            }
        }
    }
}
