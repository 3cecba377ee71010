/// A set of packets as a union of disjoint cubes. Operations that would grow it beyond `bound`
/// cubes stop and mark it `overflowed`, so a rule list built to blow up the analysis ends with a
/// stated bound instead of a hang.
public struct PacketSet: Sendable {
    public internal(set) var cubes: [Cube]
    public internal(set) var overflowed = false
    public static let bound = 50_000
    /// The most cubes this set may hold before operations stop and mark it overflowed.
    var limit = PacketSet.bound

    public init(_ cubes: [Cube] = [], limit: Int = PacketSet.bound) {
        self.cubes = cubes
        self.limit = limit
    }

    public var isEmpty: Bool { cubes.isEmpty }

    /// Removes every packet in `other`'s cubes. Returns true when something was removed.
    @discardableResult
    mutating func subtract(_ other: [Cube]) -> Bool {
        var changed = false
        for cut in other where !cubes.isEmpty {
            // Most rule pairs do not overlap: check before building a new array.
            guard cubes.contains(where: { $0.intersects(cut) }) else { continue }
            var next: [Cube] = []
            next.reserveCapacity(cubes.count + 4)
            for cube in cubes {
                if cube.intersects(cut) {
                    changed = true
                    cube.subtracting(cut, into: &next)
                } else {
                    next.append(cube)
                }
            }
            cubes = next
            if cubes.count > limit {
                overflowed = true
                return changed
            }
        }
        return changed
    }

    func intersection(_ other: [Cube]) -> PacketSet {
        guard intersects(other) else { return PacketSet() }
        var result: [Cube] = []
        for cube in cubes {
            for cut in other {
                if let piece = cube.intersection(cut) { result.append(piece) }
            }
        }
        return PacketSet(result)
    }

    func intersects(_ other: [Cube]) -> Bool {
        cubes.contains { cube in other.contains { cube.intersects($0) } }
    }
}
