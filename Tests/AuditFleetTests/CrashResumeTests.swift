import Foundation
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif
@testable import AuditFleet

/// `sweep --resume` after kill -9: the built binary sweeps a 2,000-device file-source fleet, is
/// killed at a random point, resumes, and the database ends equal to an uninterrupted sweep's
/// (same devices, states, configs and findings; one result per device; one run).
@Suite(.serialized) struct CrashResumeTests {
    static let deviceCount = 2000

    static var executable: String {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("routeraudit").path) && folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("routeraudit").path
    }

    static func start(_ arguments: [String]) throws -> Subprocess.Child {
        try Subprocess.start(executable, arguments)
    }

    /// What must be equal between two stores: per device its state, reason, vendor, hostname,
    /// score, config digest and findings.
    static func canonical(_ path: String) throws -> (runs: Int, results: [DeviceResult]) {
        let store = try SQLiteStore(path: path)
        let runs = try store.runs()
        guard let last = runs.last else { return (0, []) }
        let results = try store.results(run: last.id).map { result -> DeviceResult in
            var stripped = result
            stripped.durationMilliseconds = 0
            stripped.attempts = 1
            return stripped
        }
        return (runs.count, results)
    }

    static func resultCount(_ path: String) -> Int {
        guard FileManager.default.fileExists(atPath: path), let store = try? SQLiteStore(path: path),
              let run = try? store.runs().last else { return 0 }
        return run.completed
    }

    @Test func killedSweepsResumeToTheSameDatabase() throws {
        let folder = try FleetTestSupport.temporaryFolder("crash")
        let inventory = try FleetTestSupport.makeFleet(count: Self.deviceCount, in: folder)
        let reference = folder + "/reference.sqlite"
        let whole = try Self.start(["sweep", inventory, "--store", reference, "--concurrency", "16", "--progress", "none"])
        #expect(whole.wait().code == 0)
        let expected = try Self.canonical(reference)
        #expect(expected.runs == 1 && expected.results.count == Self.deviceCount)

        var generator = SystemRandomNumberGenerator()
        for round in 1...3 {
            let path = folder + "/round-\(round).sqlite"
            // Kill in the first half: each poll opens the store, and a fast sweep can commit its
            // last hundred devices between two polls (it then ends before it can be killed).
            let killAfter = Int.random(in: 20..<(Self.deviceCount / 2), using: &generator)
            let first = try Self.start(["sweep", inventory, "--store", path, "--concurrency", "16", "--progress", "none"])
            while first.isRunning && Self.resultCount(path) < killAfter { usleep(5_000) }
            first.signal(SIGKILL)
            let ended = first.wait()
            let committed = Self.resultCount(path)
            print("round \(round): killed after \(committed) of \(Self.deviceCount) devices were committed")
            #expect(ended.signal == SIGKILL, "the sweep ended before it could be killed")

            let resumed = try Self.start(["sweep", inventory, "--store", path, "--resume", "--concurrency", "16", "--progress", "none"])
            #expect(resumed.wait().code == 0)
            let actual = try Self.canonical(path)
            #expect(actual.runs == 1, "resume continues the run instead of starting one")
            #expect(actual.results.count == Self.deviceCount)
            #expect(actual.results == expected.results)
            let store = try SQLiteStore(path: path)
            #expect(try store.runs().first?.status == "finished")
        }
    }
}
