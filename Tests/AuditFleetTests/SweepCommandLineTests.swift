import Foundation
import Testing
import TestSupport
@testable import AuditFleet

/// `sweep`, `history` and `diff` as an operator runs them, through the built binary.
struct SweepCommandLineTests {
    static func run(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        environment["LC_ALL"] = "C"
        let output = try Subprocess.run(CrashResumeTests.executable, arguments, environment: environment)
        return (output.status, output.stdout, output.stderr)
    }

    @Test func sweepHistoryAndDiffTellWhatChanged() throws {
        let folder = try FleetTestSupport.temporaryFolder("cli")
        let exports = folder + "/exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        let hardened = try String(contentsOfFile: FleetTestSupport.fixture("cisco-ios/soho-887-hardened.cfg"), encoding: .utf8)
        try hardened.write(toFile: exports + "/branch.cfg", atomically: false, encoding: .utf8)
        try FileManager.default.copyItem(atPath: FleetTestSupport.fixture("cisco-ios/soho-887-insecure.cfg"), toPath: exports + "/shop.cfg")
        try FleetTestSupport.write("sources:\n  - folder: ./exports\n", to: folder + "/inventory.yaml")
        let store = folder + "/history.sqlite"

        let first = try Self.run(["sweep", folder + "/inventory.yaml", "--store", store, "--progress", "lines",
                                  "--metrics", folder + "/sweep.prom", "--findings-csv", folder + "/findings.csv"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.hasPrefix("run 1: 2 devices (2 audited)"))
        #expect(first.stderr.contains("sweep: [2/2]"), "one log line per device when stderr is not a terminal")
        let metrics = try String(contentsOfFile: folder + "/sweep.prom", encoding: .utf8)
        #expect(metrics.contains("routeraudit_sweep_devices{shard=\"1/1\",state=\"audited\"} 2\n"))
        #expect(metrics.contains("# TYPE routeraudit_sweep_duration_seconds gauge"))
        let csv = try String(contentsOfFile: folder + "/findings.csv", encoding: .utf8)
        #expect(csv.hasPrefix("device,state,check_id,severity"))
        #expect(csv.contains("\nshop.cfg,audited,RA-"))

        try (hardened + "\nsnmp-server community public RO\n").write(toFile: exports + "/branch.cfg", atomically: false, encoding: .utf8)
        try "garbage\n".write(toFile: exports + "/shop.cfg", atomically: false, encoding: .utf8)
        let second = try Self.run(["sweep", folder + "/inventory.yaml", "--store", store, "--progress", "none", "--format", "json"])
        #expect(second.status == 3, "a device not audited")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])
        let devices = try #require(document["devices"] as? [[String: Any]])
        #expect(devices.first { $0["name"] as? String == "shop.cfg" }?["state"] as? String == "parse-failed")

        let history = try Self.run(["history", "--store", store])
        #expect(history.status == 0)
        #expect(history.stdout.split(separator: "\n").count == 2)
        #expect(history.stdout.contains("run 2 ") && history.stdout.contains("1 not audited"))

        let diff = try Self.run(["diff", "--store", store])
        #expect(diff.status == 0, "\(diff.stderr)")
        #expect(diff.stdout.hasPrefix("run 1 → run 2:"))
        #expect(diff.stdout.contains("shop.cfg: audited → parse-failed"))
        #expect(diff.stdout.contains("branch.cfg: ") && diff.stdout.contains("  + RA-SNMP"))
        #expect(!diff.stdout.contains("public RO"), "no community string in the diff")

        let missing = try Self.run(["diff", "7", "--store", store])
        #expect(missing.status == 2 && missing.stderr.hasPrefix("error: "))
        let broken = try Self.run(["sweep", folder + "/nope.yaml", "--store", store])
        #expect(broken.status == 2 && broken.stderr.contains("nope.yaml: inventory cannot be read"))
    }
}
