import AuditCore
import AuditReport
import Foundation
import RouterAudit
import Testing

/// Helpers for the report and self-check tests: processes with a controlled environment, tools on
/// the PATH, the shared reference folder, temporary folders and test artifacts.
enum ReportTools {
    struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let root = Fixtures.root
    static let shared = root.deletingLastPathComponent().appendingPathComponent("shared")
    static let sarifSchema = shared.appendingPathComponent("reference/sarif/sarif-schema-2.1.0.json")

    /// Runs a program with exactly this environment added to a minimal one (no LANG from the
    /// developer's shell, so report languages are what the test says).
    static func run(_ executable: String, _ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable.hasPrefix("/") ? executable : "/usr/bin/env")
        process.arguments = executable.hasPrefix("/") ? arguments : [executable] + arguments
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "LANG": "C.UTF-8"]
        for (key, value) in environment { env[key] = value }
        process.environment = env
        // stderr goes to a file, so the two streams cannot block each other.
        let errFile = FileManager.default.temporaryDirectory.appendingPathComponent("routeraudit-stderr-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: errFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errFile) }
        let out = Pipe(), inp = Pipe()
        process.standardOutput = out
        let errHandle = try FileHandle(forWritingTo: errFile)
        process.standardError = errHandle
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(Data(input.utf8)) }
        try? inp.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try? errHandle.close()
        let stderr = (try? Data(contentsOf: errFile)) ?? Data()
        return Output(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func routeraudit(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> Output {
        try run(CommandLineTests.executable.path, arguments, environment: environment, input: input)
    }

    /// The full path of a program on the PATH, or nil.
    static func which(_ name: String) -> String? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    static let hasJSONSchema: Bool = {
        guard which("python3") != nil else { return false }
        return (try? run("python3", ["-c", "import jsonschema"]).status) == 0
    }()

    static var canValidateSARIF: Bool {
        let ok = hasJSONSchema && FileManager.default.fileExists(atPath: sarifSchema.path)
        if !ok {
            print("skipping SARIF schema validation: " + (FileManager.default.fileExists(atPath: sarifSchema.path)
                ? "python3 with the jsonschema module is not installed (scripts/test.sh installs it)"
                : "\(sarifSchema.path) is absent (../shared is not checked out)"))
        }
        return ok
    }

    static var hasCorpus: Bool {
        let ok = FileManager.default.fileExists(atPath: shared.appendingPathComponent("corpus/configs").path)
        if !ok { print("skipping corpus test: ../shared/corpus is absent") }
        return ok
    }

    static func temporaryFolder(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("routeraudit-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// `.build/test-artifacts/` in the package: kept after the run for a person to look at, never committed.
    static func artifactsFolder() throws -> URL {
        let url = root.appendingPathComponent(".build/test-artifacts")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Validates SARIF files against the official schema with Python's jsonschema; returns its
    /// report (the errors, or a count of files validated).
    static func validateSARIF(_ files: [URL]) throws -> Output {
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1]))
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            validator = cls(schema, format_checker=getattr(cls, "FORMAT_CHECKER", jsonschema.FormatChecker()))
            errors = 0
            for path in sys.argv[2:]:
                found = sorted(validator.iter_errors(json.load(open(path))), key=lambda e: list(e.absolute_path))
                for error in found[:5]:
                    print("%s: /%s: %s" % (path, "/".join(map(str, error.absolute_path)), error.message[:300]))
                errors += len(found)
            print("validated %d files with %s: %d errors" % (len(sys.argv) - 2, cls.__name__, errors))
            sys.exit(1 if errors else 0)
            """
        return try run("python3", ["-c", script, sarifSchema.path] + files.map(\.path))
    }

    /// Every fingerprint of a SARIF log, as `ruleId fingerprint` in result order.
    static func fingerprints(ofSARIF text: String) throws -> [String] {
        let log = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let results = try #require((log["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        return results.map { result in
            let fingerprint = (result["partialFingerprints"] as? [String: String])?[SARIFReporter.fingerprintKey] ?? "?"
            return "\(result["ruleId"] as? String ?? "?") \(fingerprint)"
        }
    }
}

@Suite(.serialized) struct ReportSARIFTests {
    static let fixtures = [
        "cisco-ios/soho-887-insecure.cfg", "cisco-ios/soho-887-hardened.cfg", "cisco-ios/soho-1841-legacy-defaults.cfg",
        "openwrt/insecure-home-router", "openwrt/hardened-router", "openwrt/insecure-home-router.uci-export",
    ].map(Fixtures.path)

    @Test(.enabled(if: ReportTools.canValidateSARIF, "needs python3 jsonschema and ../shared/reference/sarif"))
    func fixturesValidateAgainstTheOfficialSchema() throws {
        let result = try ReportTools.routeraudit(["audit", "--format", "sarif"] + Self.fixtures)
        #expect(result.status == 1, "\(result.stderr)")
        let folder = try ReportTools.temporaryFolder("sarif")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("fixtures.sarif")
        try Data(result.stdout.utf8).write(to: file)
        // A log with an input problem and one with relative and absolute paths mixed.
        let mixed = try ReportTools.routeraudit(["audit", "--format", "sarif", Fixtures.path("cisco-ios/soho-887-insecure.cfg"),
                                                 "/nonexistent/x.cfg"])
        let mixedFile = folder.appendingPathComponent("mixed.sarif")
        try Data(mixed.stdout.utf8).write(to: mixedFile)
        let validation = try ReportTools.validateSARIF([file, mixedFile])
        print(validation.stdout)
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")

        let log = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let run = try #require((log["runs"] as? [[String: Any]])?.first)
        let rules = try #require(((run["tool"] as? [String: Any])?["driver"] as? [String: Any])?["rules"] as? [[String: Any]])
        #expect(Set(rules.compactMap { $0["id"] as? String }) == RouterAuditFacade.checkIDs)
        let json = try ReportTools.routeraudit(["audit", "--format", "json"] + Self.fixtures)
        let document = try JSONDecoder().decode(ReportDocument.self, from: Data(json.stdout.utf8))
        #expect((run["results"] as? [[String: Any]])?.count == document.summary.findings)
    }

    /// Every configuration of the shared corpus gives valid SARIF (files no parser recognises
    /// become notifications, which must validate too).
    @Test(.enabled(if: ReportTools.canValidateSARIF && ReportTools.hasCorpus, "needs python3 jsonschema and ../shared"))
    func corpusValidates() throws {
        let folder = try ReportTools.temporaryFolder("sarif-corpus")
        defer { try? FileManager.default.removeItem(at: folder) }
        var files: [URL] = []
        let configs = ReportTools.shared.appendingPathComponent("corpus/configs")
        let vendors = try FileManager.default.contentsOfDirectory(atPath: configs.path).filter { !$0.hasSuffix(".md") }.sorted()
        for vendor in vendors {
            let vendorFolder = ReportTools.shared.appendingPathComponent("corpus/configs/\(vendor)")
            for name in try FileManager.default.contentsOfDirectory(atPath: vendorFolder.path).sorted() {
                let path = vendorFolder.appendingPathComponent(name).path
                let run = Auditor().audit(paths: [path])
                let document = ReportBuilder.build(run, showSecrets: false, toolVersion: RouterAuditVersion.current)
                let sarif = SARIFReporter.render(document, checks: RouterAuditFacade.checks)
                let file = folder.appendingPathComponent("\(vendor)__\(name).sarif")
                try Data(sarif.utf8).write(to: file)
                files.append(file)
            }
        }
        #expect(files.count >= 100)
        let validation = try ReportTools.validateSARIF(files)
        print(validation.stdout)
        #expect(validation.status == 0, "\(validation.stdout)\(validation.stderr)")
    }

    @Test func twoRunsGiveIdenticalFingerprints() throws {
        var inputs = Self.fixtures
        if ReportTools.hasCorpus {
            let corpus = ReportTools.shared.appendingPathComponent("corpus/configs/cisco-ios")
            inputs += try FileManager.default.contentsOfDirectory(atPath: corpus.path).sorted().map { corpus.appendingPathComponent($0).path }
        }
        let first = try ReportTools.fingerprints(ofSARIF: ReportTools.routeraudit(["audit", "--format", "sarif"] + inputs).stdout)
        let second = try ReportTools.fingerprints(ofSARIF: ReportTools.routeraudit(["audit", "--format", "sarif"] + inputs).stdout)
        #expect(first.count > 40)
        #expect(first == second)
    }

    /// Fingerprints name what a finding is about, not where: lines moving does not change them.
    @Test func fingerprintsSurviveMovedLines() throws {
        let folder = try ReportTools.temporaryFolder("moved")
        defer { try? FileManager.default.removeItem(at: folder) }
        let original = Fixtures.text("cisco-ios/soho-887-insecure.cfg")
        let moved = folder.appendingPathComponent("moved.cfg")
        try Data(("!\n! moved down by a comment block\n!\n" + original).utf8).write(to: moved)
        let before = try ReportTools.fingerprints(ofSARIF: ReportTools.routeraudit(["audit", "--format", "sarif", Fixtures.path("cisco-ios/soho-887-insecure.cfg")]).stdout)
        let after = try ReportTools.fingerprints(ofSARIF: ReportTools.routeraudit(["audit", "--format", "sarif", moved.path]).stdout)
        #expect(!before.isEmpty)
        #expect(before.sorted() == after.sorted())
    }
}
