import AuditCore
import Testing
@testable import AuditRemediation

/// The patch applier on hand-written diffs. Expected results follow the unified diff format of
/// GNU diff/patch: `@@ -l,s +l,s @@` hunks whose context (` `) and removed (`-`) lines must match
/// the file at that place, replaced by context and added (`+`) lines; text before the first
/// hunk is ignored; a hunk that does not match (for example because it was applied already) is
/// rejected and changes nothing.
@Suite struct PatchApplierTests {
    struct NoStorage: SecretStorage {
        func store(_ plain: String, scheme: String) -> String? { nil }
    }

    static let file = "<rules>\n\t<rule>\n\t\t<type>pass</type>\n\t</rule>\n</rules>\n"
    static let patch = "Explanation for people.\n--- config.xml\n+++ config.xml.fixed\n@@ -2,2 +2,3 @@\n \t<rule>\n+\t\t<disabled>1</disabled>\n \t\t<type>pass</type>\n"

    func apply(_ patch: String, to text: String) -> String {
        PatchApplier().apply(script: patch, to: [ConfigInput(path: "config.xml", text: text)], bindings: [:], storage: NoStorage())[0].text
    }

    @Test func hunkInsertsBetweenItsContextLines() {
        #expect(apply(Self.patch, to: Self.file) == "<rules>\n\t<rule>\n\t\t<disabled>1</disabled>\n\t\t<type>pass</type>\n\t</rule>\n</rules>\n")
    }

    @Test func aSecondApplicationIsRejected() {
        let once = apply(Self.patch, to: Self.file)
        #expect(apply(Self.patch, to: once) == once)
    }

    @Test func reverseDiffRestoresTheFile() {
        let reverse = "--- config.xml.fixed\n+++ config.xml\n@@ -2,3 +2,2 @@\n \t<rule>\n-\t\t<disabled>1</disabled>\n \t\t<type>pass</type>\n"
        #expect(apply(reverse, to: apply(Self.patch, to: Self.file)) == Self.file)
    }

    @Test func writerAndApplierAgreeOnOffsets() {
        // Two edits: the second hunk's new-side start moves by the first hunk's added line.
        let edits = [LineEdit(line: 2, removed: [], added: ["\t\t<disabled>1</disabled>"], before: ["\t<rule>"], after: ["\t\t<type>pass</type>"]),
                     LineEdit(line: 4, removed: ["\t</rule>"], added: ["\t</rule>", "\t<!-- x -->"], before: ["\t\t<type>pass</type>"], after: ["</rules>"])]
        let forward = ConfigPatch.diff(file: "config.xml", edits: edits, reverse: false)
        #expect(forward.contains("@@ -2,2 +2,3 @@") && forward.contains("@@ -3,3 +4,4 @@"))
        let fixed = apply(forward, to: Self.file)
        #expect(fixed == "<rules>\n\t<rule>\n\t\t<disabled>1</disabled>\n\t\t<type>pass</type>\n\t</rule>\n\t<!-- x -->\n</rules>\n")
        #expect(apply(ConfigPatch.diff(file: "config.xml", edits: edits, reverse: true), to: fixed) == Self.file)
    }
}
