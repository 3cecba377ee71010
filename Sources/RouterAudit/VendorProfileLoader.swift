import AuditSSH
import Yams

/// Loads SSH collection profiles (`profiles/vendors/*.yaml`, embedded in the binary) with errors
/// that name the file and line. Every pattern is compiled here, so a bad one fails at load time
/// rather than in the middle of a session. See docs/ssh.md for the format.
public enum VendorProfileLoader {
    public struct ProfileError: Error, CustomStringConvertible, Sendable {
        public var file: String
        public var line: Int?
        public var message: String
        public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
    }

    static let knownKeys: Set<String> = [
        "id", "name", "detect", "mode", "prompt", "pagers", "answers", "enable", "session-commands", "version", "config", "exit",
    ]

    /// The built-in profiles, by vendor id.
    public static let builtIn: [String: VendorProfile] = {
        var profiles: [String: VendorProfile] = [:]
        for (name, text) in EmbeddedProfiles.vendors {
            // A broken built-in profile is caught by the test suite; never crash a scan over it.
            if let profile = try? parse(text, file: "profiles/vendors/\(name).yaml") { profiles[profile.id] = profile }
        }
        return profiles
    }()

    /// A built-in profile by vendor id, or a profile file by path.
    public static func load(idOrPath: String) throws(ProfileError) -> VendorProfile {
        if let profile = builtIn[idOrPath] { return profile }
        guard idOrPath.contains("/") || idOrPath.hasSuffix(".yaml") else {
            throw ProfileError(file: idOrPath, line: nil, message: "no collection profile for vendor '\(idOrPath)' (built in: \(builtIn.keys.sorted().joined(separator: ", ")))")
        }
        guard let text = FileReading.contents(of: idOrPath) else {
            throw ProfileError(file: idOrPath, line: nil, message: "profile file cannot be read")
        }
        return try parse(text, file: idOrPath)
    }

    public static func parse(_ text: String, file: String) throws(ProfileError) -> VendorProfile {
        let root: Node
        do {
            root = try PolicyLoader.compose(text, file: file)
        } catch {
            throw ProfileError(file: error.file, line: error.line, message: error.message)
        }
        guard let mapping = root.mapping else {
            throw ProfileError(file: file, line: line(root), message: "a profile is a mapping of keys (id, mode, prompt, config, ...)")
        }
        for (key, _) in mapping {
            guard let name = key.string, knownKeys.contains(name) else {
                throw ProfileError(file: file, line: line(key), message: "unknown key '\(key.string ?? "?")' (known: \(knownKeys.sorted().joined(separator: ", ")))")
            }
        }
        let id = try string(mapping, "id", file: file, in: root)
        let modeNode = try required(mapping, "mode", file: file, in: root)
        guard let mode = modeNode.string.flatMap(VendorProfile.Mode.init(rawValue:)) else {
            throw ProfileError(file: file, line: line(modeNode), message: "mode must be exec or shell")
        }
        var detectServer: [String] = []
        var detectPrompt: [String] = []
        if let detect = mapping["detect"] {
            guard let detectMap = detect.mapping else {
                throw ProfileError(file: file, line: line(detect), message: "detect must be a mapping with server-version and/or prompt lists")
            }
            for (key, value) in detectMap {
                switch key.string {
                case "server-version": detectServer = try strings(value, file: file, what: "detect.server-version")
                case "prompt": detectPrompt = try strings(value, file: file, what: "detect.prompt")
                default: throw ProfileError(file: file, line: line(key), message: "detect takes server-version and prompt, not '\(key.string ?? "?")'")
                }
            }
        }
        let config = try commands(mapping["config"], file: file, what: "config")
        guard !config.isEmpty else {
            throw ProfileError(file: file, line: line(mapping["config"] ?? root), message: "config must list at least one command")
        }
        var enable: VendorProfile.Enable?
        if let node = mapping["enable"] {
            guard let enableMap = node.mapping else {
                throw ProfileError(file: file, line: line(node), message: "enable must be a mapping with command, password-prompt, privileged-prompt")
            }
            enable = VendorProfile.Enable(
                command: try string(enableMap, "command", file: file, in: node),
                passwordPrompt: try string(enableMap, "password-prompt", file: file, in: node),
                privilegedPrompt: try string(enableMap, "privileged-prompt", file: file, in: node))
        }
        let profile = VendorProfile(
            id: id,
            name: try mapping["name"].map { node throws(ProfileError) in try scalar(node, file: file, what: "name") } ?? id,
            detectServerVersion: detectServer, detectPrompt: detectPrompt, mode: mode,
            prompt: try string(mapping, "prompt", file: file, in: root),
            pagers: try answers(mapping["pagers"], file: file, what: "pagers"),
            answers: try answers(mapping["answers"], file: file, what: "answers"),
            enable: enable,
            sessionCommands: try mapping["session-commands"].map { node throws(ProfileError) in try strings(node, file: file, what: "session-commands") } ?? [],
            version: try commands(mapping["version"], file: file, what: "version"),
            config: config,
            exit: try mapping["exit"].map { node throws(ProfileError) in try scalar(node, file: file, what: "exit") },
            source: file)
        try validatePatterns(profile, mapping: mapping, file: file)
        return profile
    }

    /// Compiles every pattern; a bad one is reported at the line of its key.
    static func validatePatterns(_ profile: VendorProfile, mapping: Node.Mapping, file: String) throws(ProfileError) {
        for (field, pattern) in profile.patterns {
            do {
                _ = try Regex(pattern)
            } catch {
                let top = String(field.split(separator: ".").first ?? "")
                throw ProfileError(file: file, line: mapping[top].flatMap(line), message: "\(field): '\(pattern)' is not a valid regular expression")
            }
        }
    }

    static func answers(_ node: Node?, file: String, what: String) throws(ProfileError) -> [VendorProfile.Answer] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            throw ProfileError(file: file, line: line(node), message: "\(what) must be a list of {pattern, reply, raw}")
        }
        return try items.map { item throws(ProfileError) in
            guard let entry = item.mapping else {
                throw ProfileError(file: file, line: line(item), message: "each of \(what) is a mapping with pattern and reply")
            }
            for (key, _) in entry where !["pattern", "reply", "raw"].contains(key.string ?? "") {
                throw ProfileError(file: file, line: line(key), message: "\(what) entries take pattern, reply, raw, not '\(key.string ?? "?")'")
            }
            var raw = false
            if let rawNode = entry["raw"] {
                guard let value = rawNode.bool else {
                    throw ProfileError(file: file, line: line(rawNode), message: "raw must be true or false")
                }
                raw = value
            }
            return VendorProfile.Answer(pattern: try string(entry, "pattern", file: file, in: item),
                                        reply: try string(entry, "reply", file: file, in: item), raw: raw)
        }
    }

    /// A list of commands: strings, or `{command: ..., optional: true}`.
    static func commands(_ node: Node?, file: String, what: String) throws(ProfileError) -> [VendorProfile.Command] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            throw ProfileError(file: file, line: line(node), message: "\(what) must be a list of commands")
        }
        return try items.map { item throws(ProfileError) in
            if let text = item.string { return VendorProfile.Command(text) }
            guard let entry = item.mapping else {
                throw ProfileError(file: file, line: line(item), message: "each command in \(what) is a string or {command, optional}")
            }
            for (key, _) in entry where !["command", "optional"].contains(key.string ?? "") {
                throw ProfileError(file: file, line: line(key), message: "commands take command and optional, not '\(key.string ?? "?")'")
            }
            let optional = entry["optional"]?.bool ?? false
            return VendorProfile.Command(try string(entry, "command", file: file, in: item), optional: optional)
        }
    }

    static func required(_ mapping: Node.Mapping, _ key: String, file: String, in parent: Node) throws(ProfileError) -> Node {
        guard let node = mapping[key] else {
            throw ProfileError(file: file, line: line(parent), message: "missing key '\(key)'")
        }
        return node
    }

    static func string(_ mapping: Node.Mapping, _ key: String, file: String, in parent: Node) throws(ProfileError) -> String {
        try scalar(try required(mapping, key, file: file, in: parent), file: file, what: key)
    }

    static func scalar(_ node: Node, file: String, what: String) throws(ProfileError) -> String {
        guard let value = node.string else {
            throw ProfileError(file: file, line: line(node), message: "\(what) must be a string")
        }
        return value
    }

    static func strings(_ node: Node, file: String, what: String) throws(ProfileError) -> [String] {
        guard let items = node.sequence else {
            throw ProfileError(file: file, line: line(node), message: "\(what) must be a list of strings")
        }
        return try items.map { item throws(ProfileError) in try scalar(item, file: file, what: what) }
    }

    static func line(_ node: Node) -> Int? {
        node.mark.map { $0.line }
    }
}
