import AuditCore

/// OpenWrt keeps login passwords in /etc/shadow, which uci does not manage. The fix runs
/// `passwd` with the new password on its standard input (from a variable the script asks for
/// without echo: `printf` is a shell builtin, so the password never appears in a process list);
/// the rollback writes the original /etc/shadow line back.
enum ShadowFile {
    /// The /etc/shadow line of an account: from the finding's evidence, or any file named shadow.
    static func entry(of owner: String, in config: DeviceConfig, near finding: Finding) -> (file: String, line: Int)? {
        let prefix = owner + ":"
        for span in finding.evidence.flatMap(\.spans) {
            if isShadow(span.file), config.sources.first(where: { $0.path == span.file })?.line(span.start)?.hasPrefix(prefix) == true {
                return (span.file, span.start)
            }
        }
        for source in config.sources where isShadow(source.path) {
            if let index = source.lines.firstIndex(where: { $0.hasPrefix(prefix) }) { return (source.path, index + 1) }
        }
        return nil
    }

    static func isShadow(_ path: String) -> Bool {
        path == "shadow" || path.hasSuffix("/shadow")
    }

    // MARK: The two shell commands, written by the renderer and read by the applier

    /// `passwd` asks twice; `-a sha512` because OpenWrt's busybox defaulted to MD5 before 2024.
    static func setCommand(owner: String, variable: String) -> String {
        "printf '%s\\n%s\\n' \"${\(variable)}\" \"${\(variable)}\" | passwd -a sha512 \(owner)"
    }

    static func parseSet(_ line: String) -> (owner: String, variable: String)? {
        let words = line.split(separator: " ").map(String.init)
        guard words.count == 9, words[0] == "printf", words[1] == "'%s\\n%s\\n'", words[2] == words[3],
              words[4] == "|", words[5] == "passwd", words[6] == "-a", words[7] == "sha512",
              words[2].hasPrefix("\"${"), words[2].hasSuffix("}\"") else { return nil }
        return (words[8], String(words[2].dropFirst(3).dropLast(2)))
    }

    static let restoreFunction = "ra_restore_shadow"

    /// Replaces an account's line in /etc/shadow; `cat >` keeps the file's owner and mode.
    static let restoreDefinition = """
        \(restoreFunction)() { RA_LINE="$2" awk -F: -v user="$1" '$1 == user { print ENVIRON["RA_LINE"]; next } { print }' /etc/shadow > /etc/shadow.routeraudit && cat /etc/shadow.routeraudit > /etc/shadow && rm -f /etc/shadow.routeraudit; }
        """

    static func restoreCommand(owner: String, line: String, variables: Set<String>) -> String {
        "\(restoreFunction) \(owner) \(ShellWord.quote(line, expanding: variables))"
    }

    static func parseRestore(_ line: String, bindings: [String: String]) -> (owner: String, line: String)? {
        let words = line.split(separator: " ", maxSplits: 2)
        guard words.count == 3, words[0] == restoreFunction, let text = ShellWord.parse(words[2], bindings) else { return nil }
        return (String(words[1]), text)
    }
}

/// One shell word: literal text in single quotes, variable references in double quotes.
enum ShellWord {
    /// `root:${RA_OLD_SECRET_1}:0:0` → `'root:'"${RA_OLD_SECRET_1}"':0:0'`; only the names given
    /// are expanded, everything else is literal.
    static func quote(_ text: String, expanding variables: Set<String>) -> String {
        var out = ""
        var literal = ""
        var rest = Substring(text)
        func flush() {
            if !literal.isEmpty { out += "'" + literal.replacing("'", with: "'\\''") + "'" }
            literal = ""
        }
        while !rest.isEmpty {
            if rest.hasPrefix("${"), let close = rest.firstIndex(of: "}"),
               variables.contains(String(rest[rest.index(rest.startIndex, offsetBy: 2)..<close])) {
                flush()
                out += "\"" + rest[...close] + "\""
                rest = rest[rest.index(after: close)...]
            } else {
                literal.append(rest.removeFirst())
            }
        }
        flush()
        return out.isEmpty ? "''" : out
    }

    /// The value the shell gives a word written by `quote` (and `\'` between quotes); nil when it
    /// is not such a word.
    static func parse(_ word: Substring, _ bindings: [String: String]) -> String? {
        var out = ""
        var rest = word
        while let first = rest.first {
            rest.removeFirst()
            switch first {
            case "'":
                guard let close = rest.firstIndex(of: "'") else { return nil }
                out += rest[..<close]
                rest = rest[rest.index(after: close)...]
            case "\"":
                guard let close = rest.firstIndex(of: "\"") else { return nil }
                out += VariableSubstitution.substitute(String(rest[..<close]), bindings)
                rest = rest[rest.index(after: close)...]
            case "\\":
                guard let next = rest.first else { return nil }
                out.append(next)
                rest.removeFirst()
            default:
                return nil
            }
        }
        return out
    }
}

extension OpenWrtRenderer {
    mutating func passwordBlock(owner: String, members: [(Int, Finding)], key: String) throws -> FixBlock {
        guard let finding = members.first?.1, let entry = ShadowFile.entry(of: owner, in: config, near: finding),
              let original = evidence.scriptText(entry.file, entry.line) else {
            throw Reason("the /etc/shadow line of \(owner) was not found")
        }
        let variable = "RA_NEW_PASSWORD_\(EvidenceText.token(owner))"
        _ = evidence.newSecret(variable, "the new password of \(owner) (long and unique); passwd stores it as a SHA-512 crypt hash in /etc/shadow")
        let variables = Set(evidence.variables.map(\.name))
        var block = FixBlock(key: key, title: "A new password for \(owner) (passwd, SHA-512 crypt in /etc/shadow)",
                             apply: [ShadowFile.setCommand(owner: owner, variable: variable)],
                             rollback: [ShadowFile.restoreCommand(owner: owner, line: original, variables: variables)],
                             notes: ["passwd changes /etc/shadow at once (after you answer y), and uci revert does not undo it: rollback.sh writes the old line back.",
                                     "Log in with the new password from a second session before closing the first."],
                             order: 10)
        block.shell = true
        return block
    }
}

extension UCIText {
    /// What `passwd -a sha512 USER` and `ra_restore_shadow USER LINE` do to /etc/shadow.
    mutating func executeShell(_ line: String, bindings: [String: String], storage: any SecretStorage) {
        if let set = ShadowFile.parseSet(line) {
            guard let plain = bindings[set.variable], let hash = storage.store(plain, scheme: "sha512-crypt") else { return }
            replaceShadowLine(of: set.owner) { old in
                var fields = old.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
                guard fields.count >= 2 else { return old }
                fields[1] = hash
                return fields.joined(separator: ":")
            }
        } else if let restore = ShadowFile.parseRestore(line, bindings: bindings) {
            replaceShadowLine(of: restore.owner) { _ in restore.line }
        }
    }

    private mutating func replaceShadowLine(of owner: String, _ change: (String) -> String) {
        for file in files.indices where ShadowFile.isShadow(files[file].path) {
            if let index = files[file].lines.firstIndex(where: { $0.hasPrefix(owner + ":") }) {
                files[file].lines[index] = change(files[file].lines[index])
            }
        }
    }
}
