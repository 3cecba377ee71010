import Foundation
import Testing
@testable import AuditFleet

/// Two workers sweep one inventory through one real PostgreSQL store (scripts/test.sh starts a
/// server on loopback with scripts/start-test-postgres.sh and sets ROUTERAUDIT_TEST_POSTGRES).
struct PostgresStoreTests {
    static var dsn: String? { ProcessInfo.processInfo.environment["ROUTERAUDIT_TEST_POSTGRES"] }

    @Test func twoWorkersShareOneQueueWithoutOverlap() throws {
        guard let dsn = Self.dsn else {
            print("skipping PostgreSQL test: ROUTERAUDIT_TEST_POSTGRES is not set (scripts/start-test-postgres.sh prints one)")
            return
        }
        let folder = try FleetTestSupport.temporaryFolder("pg")
        let count = 300
        let inventory = try InventoryLoader.load(path: try FleetTestSupport.makeFleet(count: count, in: folder))
        let runKey = "test-\(UUID().uuidString)"
        let workers = try (1...2).map { try PostgresStore(dsn: dsn, worker: "worker-\($0)") }
        let swept = Locked<[Int: [String]]>([:])
        let errors = Locked<[String]>([])
        let group = DispatchGroup()
        for (index, store) in workers.enumerated() {
            group.enter()
            Thread {
                var sweep = Sweep(inventory: inventory, toolVersion: "test")
                sweep.runKey = runKey
                sweep.concurrency = 4
                do {
                    _ = try sweep.run(store: store, observer: { result, _ in swept.withLock { $0[index, default: []].append(result.device) } })
                } catch {
                    errors.withLock { $0.append("\(error)") }
                }
                group.leave()
            }.start()
        }
        group.wait()
        #expect(errors.withLock { $0 } == [])
        let byWorker = swept.withLock { $0 }
        let first = byWorker[0] ?? [], second = byWorker[1] ?? []
        print("worker 1 swept \(first.count) devices, worker 2 \(second.count)")
        #expect(Set(first).isDisjoint(with: second), "no device swept by both workers")
        #expect(first.count + second.count == count, "every device swept once")
        #expect(Set(first + second) == Set(inventory.devices.map(\.name)))
        #expect(!first.isEmpty && !second.isEmpty, "both workers took part")
        let run = try #require(try workers[0].runs().first { $0.key == runKey })
        #expect(run.status == "finished")
        #expect(try workers[0].results(run: run.id).count == count)
    }

    @Test func aURLWithAPasswordIsRefused() {
        #expect(StoreLocation.passwordInURL("postgres://fleet:s3cret@db.example/ra"))
        #expect(!StoreLocation.passwordInURL("postgres://fleet@db.example/ra"))
        #expect(!StoreLocation.passwordInURL("/var/lib/routeraudit/history.sqlite"))
        #expect(throws: StoreError.self) { _ = try StoreLocation.open("postgres://fleet:s3cret@127.0.0.1:1/ra") }
    }
}
