/// A deterministic slice of an inventory: `--shard K/N` takes the devices whose name hashes to
/// K-1 modulo N, so N workers (a Kubernetes Indexed Job, say) cover the inventory exactly once
/// whatever order they start in, and a device stays in its shard when others are added.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    /// 1-based.
    public var index: Int
    public var count: Int

    public static let whole = Shard(index: 1, count: 1)

    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Parses `K/N` with 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else { return nil }
        self.init(index: k, count: n)
    }

    public var description: String { "\(index)/\(count)" }

    public func contains(_ deviceName: String) -> Bool {
        count == 1 || Int(Self.stableHash(deviceName) % UInt64(count)) == index - 1
    }

    /// FNV-1a: the same on every machine and every run (Swift's Hasher is seeded per process).
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
