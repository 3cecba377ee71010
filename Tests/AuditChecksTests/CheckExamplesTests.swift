import Testing
import AuditCore
import AuditChecks
import AuditCredentials
import AuditVendors

/// The examples in every check's description are its tests: a good example yields no finding, a
/// bad one yields findings whose evidence lines are exactly the lines marked `↓` (or, with no
/// marker, findings that rest only on a vendor default).
struct CheckExamplesTests {
    static let context = AuditContext(policy: AuditPolicy(), secrets: CredentialEngine())

    struct Case: CustomTestStringConvertible, Sendable {
        let check: any Check
        let index: Int
        var example: CheckExample { check.metadata.examples[index] }
        var testDescription: String {
            "\(check.metadata.id) example \(index + 1) (\(example.triggers ? "bad" : "good"), \(example.vendor))"
        }
    }

    static let cases: [Case] = BuiltInChecks.all.flatMap { check in
        check.metadata.examples.indices.map { Case(check: check, index: $0) }
    }

    @Test("every check example behaves as described", arguments: cases)
    func example(_ testCase: Case) throws {
        let example = testCase.example
        let (text, marked) = example.unmarked
        let vendor = try #require(VendorRegistry.support(for: example.vendor), "no parser for \(example.vendor)")
        var config = vendor.parse([ConfigInput(path: "example", text: text)])
        config.collection = example.collection
        let findings = testCase.check.run(on: config, context: Self.context)

        if !example.triggers {
            #expect(findings.isEmpty, "good example produced: \(findings.map(\.message.description))")
            return
        }
        try #require(!findings.isEmpty, "bad example produced no finding")
        let lines = Set(findings.flatMap { $0.evidence.flatMap(\.spans) }.filter { $0.file == "example" }.map(\.start))
        if marked.isEmpty {
            #expect(lines.isEmpty, "unmarked bad example must rest on a vendor default, but points at lines \(lines.sorted())")
            #expect(findings.allSatisfy { $0.restsOnVendorDefault })
        } else {
            #expect(lines == marked, "evidence lines \(lines.sorted()) differ from the marked lines \(marked.sorted()); findings: \(findings.map(\.message.description))")
        }
        for finding in findings {
            #expect(finding.checkID == testCase.check.metadata.id)
        }
    }

    @Test func everyCheckHasAGoodAndABadExample() {
        for check in BuiltInChecks.all {
            let examples = check.metadata.examples
            #expect(examples.contains { $0.triggers }, "\(check.metadata.id) has no bad example")
            #expect(examples.contains { !$0.triggers }, "\(check.metadata.id) has no good example")
        }
    }
}
