import Foundation
import Testing
import AuditCore
@testable import AuditFleet

/// Sweeps of real fixture files into a real SQLite store, in-process.
struct SweepTests {
    static func sweep(_ inventory: String, store: any SweepStore, concurrency: Int = 8) throws -> Sweep.Outcome {
        var sweep = Sweep(inventory: try InventoryLoader.load(path: inventory), toolVersion: "test")
        sweep.concurrency = concurrency
        return try sweep.run(store: store)
    }

    @Test func everyDeviceEndsWithAStateAndHistoryComparesRuns() throws {
        let folder = try FleetTestSupport.temporaryFolder("sweep")
        let exports = folder + "/exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        let hardened = try String(contentsOfFile: FleetTestSupport.fixture("cisco-ios/soho-887-hardened.cfg"), encoding: .utf8)
        try hardened.write(toFile: exports + "/branch-1.cfg", atomically: false, encoding: .utf8)
        try FileManager.default.copyItem(atPath: FleetTestSupport.fixture("cisco-ios/soho-887-insecure.cfg"), toPath: exports + "/shop-2.cfg")
        try FileManager.default.copyItem(atPath: FleetTestSupport.fixture("junos/srx300-branch-insecure.conf"), toPath: exports + "/srx-3.conf")
        try "just some notes\nnothing to see\n".write(toFile: exports + "/notes.txt", atomically: false, encoding: .utf8)
        try FleetTestSupport.write("""
            sources:
              - folder: ./exports
            devices:
              - name: gone
                file: ./exports/removed.cfg
            """, to: folder + "/inventory.yaml")
        let path = folder + "/history.sqlite"
        let store = try SQLiteStore(path: path)

        let first = try Self.sweep(folder + "/inventory.yaml", store: store)
        let states = Dictionary(uniqueKeysWithValues: first.results.map { ($0.device, $0.state) })
        #expect(states == ["branch-1.cfg": .audited, "shop-2.cfg": .audited, "srx-3.conf": .audited,
                           "notes.txt": .parseFailed, "gone": .unreachable])
        #expect(first.results.first { $0.device == "gone" }?.reason == "no such file or folder")
        let shop = try #require(first.results.first { $0.device == "shop-2.cfg" })
        #expect(shop.vendor == "cisco-ios" && !shop.findings.isEmpty)
        #expect(shop.findings.allSatisfy { !$0.message.contains("cisco123") }, "history keeps messages masked")
        // Owner-only: the database holds collected configurations.
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode & 0o077 == 0)
        #expect(try store.collectedConfig(device: "srx-3.conf", run: first.run)?.first?.text
                == String(contentsOfFile: exports + "/srx-3.conf", encoding: .utf8))

        // Unchanged fleet: same results (reused), nothing new or fixed.
        let second = try Self.sweep(folder + "/inventory.yaml", store: store)
        #expect(second.results.map(\.findings) == first.results.map(\.findings))
        #expect(RunDiff.compare(before: first.results, after: second.results).newCount == 0)

        // A device that gains a public SNMP community, and one whose file disappears.
        try (hardened + "\nsnmp-server community public RO\n").write(toFile: exports + "/branch-1.cfg", atomically: false, encoding: .utf8)
        try FileManager.default.removeItem(atPath: exports + "/srx-3.conf")
        let third = try Self.sweep(folder + "/inventory.yaml", store: store)
        let diff = RunDiff.compare(before: second.results, after: third.results)
        let branch = try #require(diff.devices.first { $0.device == "branch-1.cfg" })
        #expect(!branch.new.isEmpty && branch.new.allSatisfy { $0.subject.contains("public") || $0.checkID.hasPrefix("RA-SNMP") })
        #expect(branch.fixed.isEmpty)
        let srx = try #require(diff.devices.first { $0.device == "srx-3.conf" })
        #expect(srx.before == .audited && srx.after == nil)
        #expect(diff.devices.filter { !$0.new.isEmpty || !$0.fixed.isEmpty }.map(\.device) == ["branch-1.cfg"])
        #expect(try store.runs().map(\.status) == ["finished", "finished", "finished"])
    }

    /// Hash judgements land in the store and are reused: the second engine finds every hash of the
    /// fixture in the cache.
    @Test func credentialJudgementsAreCachedByHash() throws {
        let folder = try FleetTestSupport.temporaryFolder("cache")
        try FileManager.default.copyItem(atPath: FleetTestSupport.fixture("credentials/cisco-default-secrets.cfg"), toPath: folder + "/r.cfg")
        try FleetTestSupport.write("devices:\n  - name: r\n    file: ./r.cfg\n", to: folder + "/inventory.yaml")
        let store = try SQLiteStore(path: folder + "/history.sqlite")
        let first = try Self.sweep(folder + "/inventory.yaml", store: store)
        let cached = try store.assessments.loadAll()
        #expect(!cached.isEmpty)
        #expect(cached.values.contains { $0.matchesDefault != nil }, "the fixture's default secrets were recognised")
        // A fresh store that only holds the cache (no earlier result to reuse) audits to the same findings.
        let other = try SQLiteStore(path: folder + "/other.sqlite")
        for (key, value) in cached { try other.assessments.save(value, key: key) }
        let again = try Self.sweep(folder + "/inventory.yaml", store: other)
        #expect(again.results.map(\.findings) == first.results.map(\.findings))
        #expect(try other.assessments.loadAll().count == cached.count, "no hash was judged anew")
    }

    /// The store keeps whether a hash was cracked, never what it cracked to: the weak password of
    /// this config (an md5crypt of "sunshine", made with `openssl passwd -1`) is found and
    /// reported, and appears nowhere in the database files.
    @Test func theStoreHoldsNoRecoveredCleartext() throws {
        let folder = try FleetTestSupport.temporaryFolder("cleartext")
        try FleetTestSupport.write("""
            version 15.4
            hostname edge-7
            username netops privilege 15 secret 5 $1$Xq3vR8tz$RHlxWNC0u24l/TESq3GAA/
            line vty 0 4
             login local
             transport input ssh
            end
            """, to: folder + "/r.cfg")
        try FleetTestSupport.write("devices:\n  - name: r\n    file: ./r.cfg\n", to: folder + "/inventory.yaml")
        let path = folder + "/history.sqlite"
        let store = try SQLiteStore(path: path)
        let first = try Self.sweep(folder + "/inventory.yaml", store: store)
        let result = try #require(first.results.first)
        #expect(result.state == .audited)
        #expect(result.findings.contains { $0.message.contains("is weak") && $0.subject.contains("netops") },
                "the weak hash was cracked: \(result.findings.map(\.message))")
        let judged = try store.assessments.loadAll()
        #expect(judged.values.contains { $0.weakness != nil && $0.recovered != nil }, "the verdict is kept")

        // A fresh store holding only the judgements audits to the same findings without cracking.
        let other = try SQLiteStore(path: folder + "/other.sqlite")
        for (key, value) in judged { try other.assessments.save(value, key: key) }
        let again = try Self.sweep(folder + "/inventory.yaml", store: other)
        #expect(again.results.map(\.findings) == first.results.map(\.findings))

        for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.contains(".sqlite") {
            let bytes = try #require(FileManager.default.contents(atPath: folder + "/" + file))
            #expect(bytes.firstRange(of: Data("sunshine".utf8)) == nil, "\(file) holds the recovered cleartext")
        }
    }

    /// Real sockets on loopback: a device that never answers ends timed-out within its deadline,
    /// a refused port unreachable, one that drops the connection is retried and then reported.
    @Test func faultyDevicesEndInTheirStatesWithinTheDeadline() throws {
        let silent = try TestPeer(.silent), closing = try TestPeer(.closeAtOnce)
        defer { silent.stop(); closing.stop() }
        let folder = try FleetTestSupport.temporaryFolder("faults")
        let knownHosts = folder + "/known_hosts"
        try FleetTestSupport.write("", to: knownHosts, mode: 0o600)
        try FleetTestSupport.write("""
            defaults:
              vendor: cisco-ios
              user: admin
              password-env: RA_TEST_UNUSED_PASSWORD
              known-hosts: \(knownHosts)
              timeout: 1500ms
              retries: 2
            devices:
              - { name: hung, address: 127.0.0.1, port: \(silent.port) }
              - { name: refused, address: 127.0.0.1, port: \(TestPeer.refusedPort()) }
              - { name: dropping, address: 127.0.0.1, port: \(closing.port) }
            """, to: folder + "/inventory.yaml")
        setenv("RA_TEST_UNUSED_PASSWORD", "not-a-real-password", 1)
        let store = try SQLiteStore(path: folder + "/history.sqlite")
        let started = Date()
        let outcome = try Self.sweep(folder + "/inventory.yaml", store: store)
        let byName = Dictionary(uniqueKeysWithValues: outcome.results.map { ($0.device, $0) })
        #expect(byName["hung"]?.state == .timedOut, "\(byName["hung"]?.reason ?? "")")
        #expect(byName["refused"]?.state == .unreachable, "\(byName["refused"]?.reason ?? "")")
        let dropping = try #require(byName["dropping"])
        #expect(dropping.state == .unreachable, "\(dropping.reason ?? "")")
        #expect(dropping.attempts == 3, "a dropped connection is retried twice: \(dropping.reason ?? "")")
        #expect(outcome.results.allSatisfy { $0.reason.map { !$0.contains("not-a-real-password") } ?? true })
        // Not a speed test: a silent device must not stall the sweep (without the deadline it would
        // wait forever), so a very loose bound is enough.
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
