/// Line edits to one file, written as a unified diff with one line of context around each change,
/// which `patch` applies, reverses, and refuses to apply twice.
struct LineEdit: Sendable {
    /// 1-based line of the original file the edit starts at; with nothing removed, the edit
    /// inserts after this line.
    var line: Int
    var removed: [String]
    var added: [String]
    /// The unchanged line before and after the change (as the script may show them).
    var before: [String] = []
    var after: [String] = []
}

enum ConfigPatch {
    /// The diff of `edits` against `lines`; `reverse` gives the diff that undoes it.
    static func diff(file: String, edits: [LineEdit], reverse: Bool) -> String {
        var out = reverse ? "--- \(file).fixed\n+++ \(file)\n" : "--- \(file)\n+++ \(file).fixed\n"
        var offset = 0
        for edit in edits.sorted(by: { $0.line < $1.line }) {
            let start = edit.removed.isEmpty ? edit.line : edit.line - 1
            let before = edit.before
            let after = edit.after
            let oldStart = start - before.count + 1
            let oldCount = before.count + edit.removed.count + after.count
            let newStart = oldStart + offset
            let newCount = before.count + edit.added.count + after.count
            let body = before.map { " " + $0 }
            let tail = after.map { " " + $0 }
            if reverse {
                out += "@@ -\(newStart),\(newCount) +\(oldStart),\(oldCount) @@\n"
                out += (body + edit.added.map { "-" + $0 } + edit.removed.map { "+" + $0 } + tail).map { $0 + "\n" }.joined()
            } else {
                out += "@@ -\(oldStart),\(oldCount) +\(newStart),\(newCount) @@\n"
                out += (body + edit.removed.map { "-" + $0 } + edit.added.map { "+" + $0 } + tail).map { $0 + "\n" }.joined()
            }
            offset += edit.added.count - edit.removed.count
        }
        return out
    }
}
