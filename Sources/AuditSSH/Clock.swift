#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Monotonic seconds, and the one deadline a whole collection runs under.
struct Deadline {
    let start: Double
    let end: Double

    init(seconds: Double) {
        start = Self.now()
        end = start + seconds
    }

    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    var elapsed: Double { Self.now() - start }
    var remaining: Double { end - Self.now() }
    var expired: Bool { remaining <= 0 }
    /// At least 1 ms so a read never blocks forever on 0, at most `cap`.
    func remainingMilliseconds(cap: Double = .infinity) -> Int32 {
        Int32(max(1, min(cap, remaining) * 1000).rounded(.up))
    }
}
