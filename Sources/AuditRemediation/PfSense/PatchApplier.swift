import AuditCore

/// Applies a unified diff to the configuration as `patch` does: each hunk's context and `-`
/// lines must be where the hunk says (a hunk that does not match is rejected and changes
/// nothing, which is also how a second application is refused), then they are replaced by its
/// context and `+` lines. Lines outside hunks (the explanation, file headers) are not commands.
public struct PatchApplier: ScriptApplier {
    public init() {}

    public func apply(script: String, to inputs: [ConfigInput], bindings: [String: String], storage: any SecretStorage) -> [ConfigInput] {
        guard let input = inputs.first else { return inputs }
        var lines = ConfigSource(path: input.path, text: input.text).lines.map(String.init)
        var hunks: [(oldStart: Int, old: [String], new: [String])] = []
        for raw in VariableSubstitution.substitute(script, bindings).split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(raw)
            if line.hasPrefix("@@ "), let header = Self.header(line) {
                hunks.append((header.0, [], []))
            } else if line.hasPrefix("---") || line.hasPrefix("+++") || hunks.isEmpty {
                continue
            } else if line.hasPrefix(" ") {
                hunks[hunks.count - 1].old.append(String(line.dropFirst()))
                hunks[hunks.count - 1].new.append(String(line.dropFirst()))
            } else if line.hasPrefix("-") {
                hunks[hunks.count - 1].old.append(String(line.dropFirst()))
            } else if line.hasPrefix("+") {
                hunks[hunks.count - 1].new.append(String(line.dropFirst()))
            }
        }
        var offset = 0
        for hunk in hunks {
            // The old side (context and removed lines) must be exactly where the hunk says;
            // otherwise patch rejects the hunk, as it does when the patch was applied already.
            let start = hunk.oldStart - 1 + offset
            guard start >= 0, start + hunk.old.count <= lines.count, Array(lines[start..<(start + hunk.old.count)]) == hunk.old else { continue }
            lines.replaceSubrange(start..<(start + hunk.old.count), with: hunk.new)
            offset += hunk.new.count - hunk.old.count
        }
        let output = lines.joined(separator: "\n") + (input.text.hasSuffix("\n") ? "\n" : "")
        return [ConfigInput(path: input.path, text: output)] + inputs.dropFirst()
    }

    /// `@@ -12,3 +12,4 @@` → (12, 3).
    static func header(_ line: String) -> (Int, Int)? {
        // The count is implied by the hunk's lines; only the start is needed.
        let words = line.split(separator: " ")
        guard words.count >= 3, words[1].hasPrefix("-") else { return nil }
        let parts = words[1].dropFirst().split(separator: ",")
        guard let start = Int(parts[0]) else { return nil }
        return (start, parts.count > 1 ? Int(parts[1]) ?? 1 : 1)
    }
}
