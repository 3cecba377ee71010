import Testing
import Foundation
import AuditCore
import AuditChecks

struct CheckRegistryTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func idsAreUniqueAndWellFormed() {
        let ids = BuiltInChecks.all.map(\.metadata.id)
        #expect(Set(ids).count == ids.count, "repeated ids: \(ids.filter { id in ids.filter { $0 == id }.count > 1 })")
        let slugs = BuiltInChecks.all.map(\.metadata.slug)
        #expect(Set(slugs).count == slugs.count)
        for check in BuiltInChecks.all {
            let m = check.metadata
            let parts = m.id.split(separator: "-")
            #expect(parts.count == 3 && parts[0] == "RA" && parts[1] == Substring(m.area.rawValue) && parts[2].count == 3
                    && parts[2].allSatisfy(\.isNumber), "malformed id \(m.id) for area \(m.area.rawValue)")
            #expect(m.slug.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }, "slug \(m.slug) is not kebab-case")
            #expect(!m.rationale.isEmpty && !m.remediation.isEmpty)
        }
    }

    /// Every type declared as a Check in Sources/AuditChecks is registered in BuiltInChecks.all.
    @Test func everyCheckFileIsRegistered() throws {
        let folder = Self.packageRoot.appendingPathComponent("Sources/AuditChecks")
        let files = try #require(FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil))
        var declared: Set<String> = []
        for case let url as URL in files where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            for line in text.split(separator: "\n") where line.hasPrefix("public struct ") && line.hasSuffix(": Check {") {
                let name = line.dropFirst("public struct ".count).prefix { $0 != ":" }
                declared.insert(String(name))
            }
        }
        let registered = Set(BuiltInChecks.all.map { String(describing: type(of: $0)) })
        #expect(!declared.isEmpty)
        #expect(declared.subtracting(registered).isEmpty, "checks not registered in BuiltInChecks.all: \(declared.subtracting(registered).sorted())")
        #expect(BuiltInChecks.all.count >= 15)
    }
}
