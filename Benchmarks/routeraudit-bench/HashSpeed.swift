import Foundation
import AuditCredentials
import AuditCore

/// Candidates per second for each one-way format on one core: the library path (one guess at a
/// time through libxcrypt or OpenSSL, `CredentialEngine.verify`) and, for md5crypt and bcrypt, the
/// fast path (batches through `FastCrypt`: each md5crypt kernel level this CPU has, and the engine's
/// own batch path on the real weak list, whose mixed lengths leave some lanes empty). Then the
/// full crack depth (`CrackDepth.full`, a whole list against one hash that matches none of it)
/// on 1 and 2 threads. `swift run -c release routeraudit-bench --hash-speed [--seconds N] [--scaling-only]`.
enum HashSpeed {
    static let samples: [(name: String, scheme: String, stored: String)] = [
        ("md5crypt (Cisco type 5)", "md5crypt", "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0"),
        ("sha512crypt (5000 rounds)", "sha512crypt", "$6$72820166$U4DVzpcYxgw7MVVDGGvB2/H5lRistD5.Ah4upwENR5UtffLR4X4SxSzfREv8z6wVl0jRFX40/KnYVvK4829kD1"),
        ("bcrypt cost 5", "bcrypt", "$2a$05$MBCzKhG1KhezLh.0LRa0Kuw12nLJtpHy6DIaU.JAnqJUDYspHC.Ou"),
        ("bcrypt cost 10", "bcrypt", CryptHash.Verifier().hash(Array("not-a-guess".utf8), setting: "$2b$10$W6eeYWl7bqeQAD9zNvVX8O") ?? ""),
        ("Cisco type 8 (PBKDF2-SHA256, 20000)", "cisco-type8", "$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs"),
        ("Cisco type 9 (scrypt 16384,1,1)", "cisco-type9", "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM"),
        ("Cisco type 4 (SHA-256)", "cisco-type4", "tnhtc92DXBhelxjYk8LWJrPV36S2i4ntXrpb4RFmfqY"),
        ("FortiOS SH2", "fortios-sh2", "SH2lpcpFXM5QRlWYwY5vL9+5svfYyb+c79qENpxEoB3NtZpVxKwHjuq/9TH88U="),
    ]

    static func run(seconds: Double) {
        if CommandLine.arguments.contains("--scaling-only") {
            scaling(seconds: seconds)
            return
        }
        print("  candidates per CPU second of the measuring thread; load average at start: \(loadAverage())")
        print("  " + "format".padding(toLength: 38, withPad: " ", startingAt: 0)
              + "library/s".leftPadded(12) + "fast/s".leftPadded(12) + "  fast path")
        let engine = CredentialEngine()
        for sample in samples {
            guard let scheme = HashScheme(rawValue: sample.scheme) else { continue }
            let library = rate(seconds) { done in
                for i in 0..<8 { _ = engine.verify("guess\(done + i)", scheme: scheme, stored: sample.stored) }
                return 8
            }
            switch scheme {
            case .md5crypt:
                // Equal-length candidates fill every lane: the kernel's own speed at each level.
                let batch = (0..<1024).map { Array("guess\(10_000 + $0)".utf8) }
                for level in FastCrypt.availableLevels.reversed() {
                    let fast = rate(seconds) { _ in
                        _ = FastCrypt.md5cryptFirstMatch(batch, stored: sample.stored, level: level)
                        return batch.count
                    }
                    line(sample.name, library, fast, "\(level), \(level.lanes) lanes, equal lengths")
                }
                // The engine's batch path on the built-in weak list: mixed lengths, partial batches.
                let weak = CredentialKnowledge.builtIn.weakPasswords
                let mixed = rate(seconds) { _ in
                    _ = engine.firstMatch(in: weak, scheme: scheme, stored: sample.stored)
                    return weak.count
                }
                line(sample.name, library, mixed, "engine batch path, \(FastCrypt.bestLevel), weak list (\(weak.count), mixed lengths)")
            case .bcrypt:
                let batch = (0..<FastCrypt.bcryptLanes * 2).map { Array("guess\(10_000 + $0)".utf8) }
                let fast = rate(seconds) { _ in
                    _ = FastCrypt.bcryptFirstMatch(batch, stored: sample.stored)
                    return batch.count
                }
                line(sample.name, library, fast, "\(FastCrypt.bcryptLanes) interleaved instances")
            default:
                line(sample.name, library, nil, "")
            }
        }
        scaling(seconds: seconds)
    }

    /// The full depth against one hash that no candidate matches, on 1 and 2 threads.
    static func scaling(seconds: Double) {
        print("  full crack depth (whole list, no match), candidates per wall-clock second with 1 and 2 threads,")
        print("  and per CPU second of the whole process (work lost to threading); load average now: \(loadAverage())")
        let base = CredentialKnowledge.builtIn.weakPasswords
        let md5List = base + base.map { $0 + "1" } + base.map { $0 + "!" } + base.map { $0 + "2024" }
        // Hashes of a password in no list, so every candidate is tried.
        let library = CryptHash.Verifier()
        func stored(_ setting: String) -> String { library.hash(Array("Qx7#vR2!kP9@wL4$".utf8), setting: setting) ?? setting }
        let cases: [(name: String, scheme: HashScheme, stored: String, list: [String])] = [
            ("md5crypt, built-in weak list x4", .md5crypt, stored("$1$mERr"), md5List),
            ("bcrypt cost 5, 96 guesses", .bcrypt, stored("$2b$05$MBCzKhG1KhezLh.0LRa0Ku"), Array(base.prefix(96))),
            ("sha512crypt, 1000 guesses", .sha512crypt, stored("$6$72820166"), Array(base.prefix(1000))),
        ]
        for item in cases {
            let knowledge = CredentialKnowledge(defaults: [], weakPasswords: item.list, defaultCommunities: [], guessableCommunities: [])
            var wall: [Double] = [], cpu: [Double] = []
            for workers in [1, 2] {
                let engine = CredentialEngine(knowledge: knowledge, depth: .full, workers: workers)
                let secret = Secret(.hashed(scheme: item.scheme, encoded: item.stored), origin: .line("bench", 1))
                var done = 0
                let cpuStart = processCPUSeconds()
                wall.append(wallRate(seconds) { _ in
                    let result = engine.assess(secret, owner: "nobody", purpose: .login, vendor: .ciscoIOS, minimumLength: 8)
                    precondition(result.recovered == nil)
                    done += item.list.count + 1
                    return item.list.count + 1
                })
                cpu.append(Double(done) / (processCPUSeconds() - cpuStart))
            }
            print("  " + item.name.padding(toLength: 38, withPad: " ", startingAt: 0)
                  + String(format: "%12.0f%12.0f  x%.2f wall-clock; per CPU second %.0f vs %.0f (x%.2f)",
                           wall[0], wall[1], wall[1] / wall[0], cpu[0], cpu[1], cpu[1] / cpu[0]))
        }
    }

    /// Runs `step` (which reports how many candidates it tried) until `seconds` of this thread's
    /// CPU time have passed, at least once, and returns candidates per CPU second: on a quiet
    /// machine the same as per wall-clock second, on a shared one not skewed by other processes.
    static func rate(_ seconds: Double, _ step: (Int) -> Int) -> Double {
        var done = 0
        let start = threadCPUSeconds()
        repeat {
            done += step(done)
        } while threadCPUSeconds() - start < seconds
        return Double(done) / (threadCPUSeconds() - start)
    }

    /// Runs `step` until `seconds` of wall-clock time have passed; candidates per second.
    static func wallRate(_ seconds: Double, _ step: (Int) -> Int) -> Double {
        var done = 0
        let start = ContinuousClock.now
        repeat {
            done += step(done)
        } while ContinuousClock.now - start < .seconds(seconds)
        let elapsed = ContinuousClock.now - start
        return Double(done) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }

    static func processCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func threadCPUSeconds() -> Double {
        var now = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now)
        return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
    }

    static func line(_ name: String, _ library: Double, _ fast: Double?, _ note: String) {
        print("  " + name.padding(toLength: 38, withPad: " ", startingAt: 0)
              + String(format: "%12.0f", library) + (fast.map { String(format: "%12.0f", $0) } ?? "—".leftPadded(12))
              + (note.isEmpty ? "" : "  " + note))
    }

    static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "n/a"
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
