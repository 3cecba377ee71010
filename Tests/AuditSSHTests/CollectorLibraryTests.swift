import Foundation
import Synchronization
import Testing
import AuditCore
import AuditSSH
import RouterAudit

/// The library API a fleet sweep uses: async collection through the gate, typed results.
struct CollectorLibraryTests {
    @Test func gateNeverRunsMoreThanItsLimit() async {
        let gate = SessionGate(limit: 3)
        let counters = Mutex((running: 0, peak: 0, done: 0))
        await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
            for _ in 0..<20 {
                gate.submit {
                    counters.withLock { $0.running += 1; $0.peak = max($0.peak, $0.running) }
                    usleep(5_000)
                    let last = counters.withLock { state -> Bool in
                        state.running -= 1
                        state.done += 1
                        return state.done == 20
                    }
                    if last { finished.resume() }
                }
            }
        }
        let final = counters.withLock { $0 }
        #expect(final.done == 20)
        #expect(final.peak <= 3)
    }

    @Test func unreachableDeviceIsATypedFailureNamingIt() async throws {
        // A port nothing listens on: connect is refused at once.
        let port = try SSHPeer.freePort()
        let collector = SSHCollector(knownHosts: KnownHostsFile(path: "/nonexistent/known_hosts"))
        let profile = try #require(VendorProfileLoader.builtIn["cisco-ios"])
        let result = await collector.collect(target: SSHTarget(host: "127.0.0.1", port: port), profile: profile,
                                             credentials: SSHCredentials(user: "x", password: SSHSecret("y")),
                                             limits: CollectionLimits(connectTimeout: 2, deadline: 5))
        let failure = try #require(result.failure)
        #expect(failure.kind == .unreachable)
        #expect(failure.description.hasPrefix("127.0.0.1:\(port): unreachable:"))
    }

    @Test(.enabled(if: PeerAvailability.openSSH))
    func concurrentCollectionsFromTasksThenAudit() async throws {
        let peer = try SSHPeer(.init(keyboardInteractive: false))
        let folder = try SSHPeer.temporaryFolder()
        let collector = SSHCollector(knownHosts: KnownHostsFile(path: folder.appendingPathComponent("kh").path), maxConcurrentSessions: 4)
        let profile = try #require(VendorProfileLoader.builtIn["cisco-ios"])
        let credentials = SSHCredentials(user: TestAccount.user, password: SSHSecret(TestAccount.password),
                                         enableSecret: SSHSecret(TestAccount.enableSecret))
        // The first session records the key; the rest verify against it strictly.
        let first = await collector.collect(target: SSHTarget(host: "127.0.0.1", port: peer.port, hostKeyPolicy: .trustOnFirstUse),
                                            profile: profile, credentials: credentials)
        #expect(first.succeeded, "\(String(describing: first.failure))")
        let port = peer.port
        let results = await withTaskGroup(of: CollectionResult.self) { group in
            for _ in 0..<6 {
                group.addTask {
                    await collector.collect(target: SSHTarget(host: "127.0.0.1", port: port), profile: profile,
                                            credentials: credentials, limits: CollectionLimits(deadline: 30))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 6)
        for result in results {
            #expect(result.succeeded, "\(String(describing: result.failure))")
            #expect(result.algorithms?.kex.isEmpty == false)
            CLIRunner.expectNoTypedSecrets(in: result.transcript, where: "transcript")
            let run = LiveScan.audit(result, profile: profile, auditor: Auditor())
            #expect(run.devices.count == 1 && run.problems.isEmpty)
            #expect(run.devices.first?.config.identity.hostname?.value == "shop-887")
        }
    }
}
