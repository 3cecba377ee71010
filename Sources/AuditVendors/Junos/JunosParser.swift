import AuditCore

/// Step one of reading a Junos configuration: every input (braces, `set` lines or XML) into one
/// word tree, then `apply-groups` resolved. No security meaning yet.
public enum JunosParser {
    public static func parse(_ inputs: [ConfigInput]) -> JunosTree {
        var tree = JunosTree()
        for (index, input) in inputs.enumerated() {
            tree.files.append(input.path)
            let file = Int32(index)
            let start = SourceSpan(file: input.path, start: 1)
            if input.text.utf8.contains(0) {
                tree.diagnostics.append(Diagnostic(.error, code: "binary",
                                                   "the input contains NUL bytes: not a text configuration", at: start))
                continue
            }
            if input.text.utf8.allSatisfy({ JunosTextReader.Lexer.isSpace($0) || $0 == 0x0A }) {
                tree.diagnostics.append(Diagnostic(.warning, code: "empty", "the input is empty", at: start))
                continue
            }
            if JunosXMLReader.looksLikeXML(input.text) {
                JunosXMLReader.read(input.text, file: file, name: input.path, into: &tree)
            } else {
                JunosTextReader.read(input.text, file: file, name: input.path, into: &tree)
            }
        }
        var diagnostics: [Diagnostic] = []
        tree.applyGroups(diagnostics: &diagnostics)
        tree.diagnostics += diagnostics
        return tree
    }
}
