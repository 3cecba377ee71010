import AuditCore

/// Reads evidence lines from the configuration and hands out their text with each secret either
/// kept (--show-secrets) or replaced by a variable whose value the rollback needs. Masking is by
/// the parser's recorded position, never by searching for the secret.
public struct EvidenceText {
    public let config: DeviceConfig
    public let showSecrets: Bool
    public private(set) var variables: [ScriptVariable] = []
    public private(set) var originalSecrets: [String: String] = [:]
    private var names: [String: String] = [:]

    public init(config: DeviceConfig, showSecrets: Bool) {
        self.config = config
        self.showSecrets = showSecrets
    }

    public func source(_ file: String) -> ConfigSource? {
        config.sources.first { $0.path == file }
    }

    /// The raw line, secrets included: for matching only, never for output.
    public func raw(_ file: String, _ line: Int) -> String? {
        source(file)?.line(line).map(String.init)
    }

    /// The line as a script may show it.
    public mutating func scriptText(_ file: String, _ line: Int) -> String? {
        guard let text = raw(file, line) else { return nil }
        let spans = config.secretSpans.filter { $0.file == file && $0.line == line }.sorted { $0.range.lowerBound > $1.range.lowerBound }
        guard !showSecrets, !spans.isEmpty else { return text }
        var bytes = Array(text.utf8)
        for span in spans where span.range.upperBound <= bytes.count {
            let secret = String(decoding: bytes[span.range], as: UTF8.self)
            let name = variable(for: secret, at: "line \(line) of \(file)")
            bytes.replaceSubrange(span.range, with: Array("${\(name)}".utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The text of one secret value as a script may show it (for a community the apply needs).
    public mutating func scriptSecret(_ secret: String, at place: String) -> String {
        showSecrets ? secret : "${\(variable(for: secret, at: place))}"
    }

    private mutating func variable(for secret: String, at place: String) -> String {
        if let known = names[secret] { return known }
        let name = "RA_OLD_SECRET_\(names.count + 1)"
        names[secret] = name
        originalSecrets[name] = secret
        variables.append(ScriptVariable(name: name, kind: .originalSecret,
                                        explanation: "the secret now on \(place) (not shown unless --show-secrets; take it from the configuration or the backup)"))
        return name
    }

    /// A new credential: the engineer chooses it, the script never does.
    public mutating func newSecret(_ name: String, _ explanation: String) -> String {
        if !variables.contains(where: { $0.name == name }) {
            variables.append(ScriptVariable(name: name, kind: .newSecret, explanation: explanation))
        }
        return "${\(name)}"
    }

    /// A new password given as its hash (the engineer makes it; the tool never sees the password).
    public mutating func newPasswordHash(_ name: String, scheme: String, _ explanation: String) -> String {
        if !variables.contains(where: { $0.name == name }) {
            variables.append(ScriptVariable(name: name, kind: .newPasswordHash(scheme: scheme), explanation: explanation))
        }
        return "${\(name)}"
    }

    /// A variable name part from free text (`vty 0 4` → `VTY_0_4`).
    public static func token(_ text: String) -> String {
        String(text.uppercased().map { $0.isLetter || $0.isNumber ? $0 : "_" })
    }
}
