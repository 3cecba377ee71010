/// Finds a packet inside `target` that none of `others` contains, without set algebra.
///
/// A packet escapes a cube when one of its coordinates lies outside that cube's interval. The
/// search fixes one dimension at a time to the value that escapes the most remaining cubes (a
/// sweep over their intervals on that dimension), drops the cubes it escapes, and stops when
/// none is left. Broad rules at the end of long lists ("deny ip any any" after thousands of host
/// rules) are where exact subtraction fragments badly, and exactly where this succeeds at once.
/// A nil answer means "not found", not "covered": the caller then falls back to exact subtraction.
enum WitnessSearch {
    static func uncovered(in target: Cube, avoiding others: [Cube]) -> Cube? {
        // Cheap first: a few concrete packets (readable addresses, the ends of each range),
        // each checked against every other cube. Most rules that match anything are found here.
        for candidate in candidates(in: target) where !others.contains(where: { $0.intersects(candidate) }) {
            return candidate
        }
        var point = target
        var remaining = others.filter { $0.intersects(target) }
        var free = Array(0..<Dimension.count)
        while !remaining.isEmpty && !free.isEmpty {
            // Cubes spanning a dimension's whole range can never be escaped there: that count is a
            // lower bound on the dimension's best coverage. Sweep the most promising dimensions
            // first and stop when no other can do better.
            let bounds = free.map { d in
                (d, remaining.reduce(0) { $0 + ($1.lo(d) <= target.lo(d) && $1.hi(d) >= target.hi(d) ? 1 : 0) })
            }.sorted { $0.1 < $1.1 }
            var best: (dimension: Int, value: UInt128, covered: Int)?
            for (d, lowerBound) in bounds {
                if let found = best, found.covered <= lowerBound { break }
                if lowerBound == remaining.count { break }
                let (value, covered) = leastCovered(d, within: target.lo(d)...target.hi(d), by: remaining)
                if best == nil || covered < best!.covered { best = (d, value, covered) }
                if covered == 0 { break }
            }
            guard let choice = best else { break }
            point.setLo(choice.dimension, choice.value)
            point.setHi(choice.dimension, choice.value)
            free.removeAll { $0 == choice.dimension }
            remaining.removeAll { !($0.lo(choice.dimension) <= choice.value && choice.value <= $0.hi(choice.dimension)) }
        }
        guard remaining.isEmpty else { return nil }
        // Fix the dimensions left free to their lowest value: any point of `point` escapes all.
        return point
    }

    /// Single-packet cubes inside `target`: the readable witness choice, its lowest and highest corner.
    static func candidates(in target: Cube) -> [Cube] {
        var preferred = target
        let readable = Packet.witness(in: target, zones: ZoneIndex([]))
        for (d, value) in readable.values.enumerated() {
            preferred.setLo(d, value)
            preferred.setHi(d, value)
        }
        var low = target, high = target
        for d in 0..<Dimension.count {
            low.setHi(d, target.lo(d))
            high.setLo(d, target.hi(d))
        }
        return [preferred, low, high]
    }

    /// The value of `range` covered by the fewest of the cubes' intervals on dimension `d`.
    static func leastCovered(_ d: Int, within range: ClosedRange<UInt128>, by cubes: [Cube]) -> (UInt128, Int) {
        // Sweep: +1 where an interval starts, -1 after it ends, clipped to the range.
        var events: [(at: UInt128, delta: Int)] = []
        events.reserveCapacity(cubes.count * 2 + 1)
        for cube in cubes {
            let lo = max(cube.lo(d), range.lowerBound)
            let hi = min(cube.hi(d), range.upperBound)
            guard lo <= hi else { continue }
            events.append((lo, 1))
            if hi < range.upperBound { events.append((hi + 1, -1)) }
        }
        events.sort { $0.at < $1.at || ($0.at == $1.at && $0.delta < $1.delta) }
        var best = (value: range.lowerBound, covered: Int.max)
        var current = 0
        var position = range.lowerBound
        var index = 0
        // Coverage is constant between event points; evaluate at each.
        while true {
            while index < events.count && events[index].at == position {
                current += events[index].delta
                index += 1
            }
            if current < best.covered { best = (position, current) }
            if best.covered == 0 || index >= events.count { break }
            position = events[index].at
        }
        return (best.value, best.covered)
    }
}
