import Testing
import Foundation
import AuditCore
import RouterAudit

/// Bad input gets a one-line reason naming the file; the rest of the run goes on.
struct BadInputTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("routeraudit-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ data: Data) throws -> String {
        let url = folder.appendingPathComponent(name)
        try data.write(to: url)
        return url.path
    }

    /// The hardened fixture has no findings, so exit codes here depend only on the bad inputs.
    var goodConfig: Data { Data(Fixtures.text("cisco-ios/soho-887-hardened.cfg").utf8) }

    @Test func eachBadFileGetsAReasonAndTheGoodOneIsStillAudited() throws {
        let empty = try write("empty.cfg", Data())
        var garbage = [UInt8](repeating: 0, count: 4096)
        var generator = SystemRandomNumberGenerator()
        for i in garbage.indices { garbage[i] = UInt8.random(in: 0...255, using: &generator) }
        let binary = try write("garbage.bin", Data(garbage))
        let prose = try write("letter.txt", Data("Dear customer,\nthank you for your order.\nKind regards\n".utf8))
        let good = try write("router.cfg", goodConfig)
        let missing = folder.appendingPathComponent("missing.cfg").path

        let run = Auditor().audit(paths: [empty, binary, prose, good, missing])
        #expect(run.devices.count == 1)
        #expect(run.devices.first?.config.sources.first?.path == good)
        let reasons = Dictionary(run.problems.map { ($0.path, $0.reason) }, uniquingKeysWith: { a, _ in a })
        #expect(reasons[empty]?.contains("empty") == true)
        #expect(reasons[binary]?.contains("binary") == true)
        #expect(reasons[prose]?.contains("not a router configuration") == true)
        #expect(reasons[missing]?.contains("no such file") == true)
        for problem in run.problems {
            #expect(!problem.description.contains("\n"), "reason must be one line: \(problem)")
        }
        #expect(run.allFindings.isEmpty)
        #expect(ExitStatus.of(run, failOn: .info) == 3)
    }

    @Test func fiftyMegabytesOfRandomLinesIsRefusedQuickly() throws {
        var text = ""
        text.reserveCapacity(52_000_000)
        var generator = SystemRandomNumberGenerator()
        let words = ["lorem", "ipsum", "dolor", "sit", "amet", "router", "42", "x=1", "{", "}", ";"]
        while text.utf8.count < 50_000_000 {
            for _ in 0..<8 { text += words[Int.random(in: 0..<words.count, using: &generator)] + " " }
            text += "\n"
        }
        let path = try write("noise.txt", Data(text.utf8))
        let run = Auditor().audit(paths: [path])
        #expect(run.devices.isEmpty)
        #expect(run.problems.count == 1)
        #expect(run.problems.first?.path == path)
        #expect(ExitStatus.of(run, failOn: .low) == 2)
    }

    @Test func folderWithUnreadableEntriesStillAuditsTheRest() throws {
        let sub = folder.appendingPathComponent("configs")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try goodConfig.write(to: sub.appendingPathComponent("a.cfg"))
        try FileManager.default.createSymbolicLink(atPath: sub.appendingPathComponent("dangling.cfg").path,
                                                   withDestinationPath: "/nonexistent/routeraudit")
        #expect(mkfifo(sub.appendingPathComponent("pipe.cfg").path, 0o600) == 0)
        let locked = sub.appendingPathComponent("locked.cfg")
        try goodConfig.write(to: locked)
        try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: locked.path)

        let run = Auditor().audit(paths: [sub.path])
        let problems = Set(run.problems.map { ($0.path as NSString).lastPathComponent })
        #expect(problems.contains("dangling.cfg"))
        #expect(problems.contains("pipe.cfg"))
        // root reads files whatever their mode; the locked file is refused only for other users.
        if getuid() != 0 { #expect(problems.contains("locked.cfg")) }
        #expect(run.devices.contains { $0.config.sources.first?.path.hasSuffix("a.cfg") == true })
    }

    @Test func truncatedConfigIsAuditedWithWhatItHas() throws {
        let text = Fixtures.text("cisco-ios/soho-887-insecure.cfg")
        let half = String(text.prefix(text.count / 2))
        let path = try write("truncated.cfg", Data(half.utf8))
        let run = Auditor().audit(paths: [path])
        #expect(run.devices.count == 1)
    }
}

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        root.appendingPathComponent("device-fixtures").appendingPathComponent(relative).path
    }

    static func text(_ relative: String) -> String {
        (try? String(contentsOfFile: path(relative), encoding: .utf8)) ?? ""
    }
}
