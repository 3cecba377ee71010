import AuditCore

/// Quotes configuration lines for evidence: secrets masked by position (unless asked), and
/// anything that could drive a terminal (escape sequences, control characters) made visible.
public struct EvidenceQuoter {
    let sources: [String: ConfigSource]
    let secretsByLine: [String: [Int: [Range<Int>]]]
    let showSecrets: Bool

    public init(config: DeviceConfig, showSecrets: Bool) {
        sources = Dictionary(config.sources.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
        var byLine: [String: [Int: [Range<Int>]]] = [:]
        for span in config.secretSpans {
            byLine[span.file, default: [:]][span.line, default: []].append(span.range)
        }
        secretsByLine = byLine
        self.showSecrets = showSecrets
    }

    /// Whether `quote` masks a secret on this line.
    public func masksSecret(file: String, line: Int) -> Bool {
        !showSecrets && !(secretsByLine[file]?[line]?.isEmpty ?? true)
    }

    /// The line as it is, secrets included: only for digests, never for output.
    public func unmasked(file: String, line: Int) -> String? {
        sources[file]?.line(line).map(String.init)
    }

    /// The text of a line, safe to print; nil when the line does not exist.
    public func quote(file: String, line: Int) -> String? {
        guard let text = sources[file]?.line(line) else { return nil }
        var bytes = Array(text.utf8)
        if !showSecrets, let ranges = secretsByLine[file]?[line] {
            // Replace from the end so earlier offsets stay valid.
            for range in ranges.sorted(by: { $0.lowerBound > $1.lowerBound })
            where range.lowerBound >= 0 && range.upperBound <= bytes.count && !range.isEmpty {
                bytes.replaceSubrange(range, with: Array("********".utf8))
            }
        }
        return TerminalSafe.clean(String(decoding: bytes, as: UTF8.self))
    }
}

/// Makes device-supplied text safe for a terminal or a report: control characters (ESC, BEL,
/// backspace, CR, C1 controls) become visible escapes instead of acting on the terminal.
public enum TerminalSafe {
    public static func clean(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        for scalar in text.unicodeScalars {
            if scalar == "\t" {
                out.append(" ")
            } else if isControl(scalar) {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
            || scalar.value == 0x202E || scalar.value == 0x2066 || scalar.value == 0x2067 || scalar.value == 0x2068
    }
}
