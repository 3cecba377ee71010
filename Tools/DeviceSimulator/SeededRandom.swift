import Crypto

/// A deterministic random number generator (SplitMix64) seeded from the simulator's seed and a
/// purpose, so every derived value is stable across restarts and independent of the others.
struct SeededRandom: RandomNumberGenerator {
    private var state: UInt64

    init(seed: String, purpose: String) {
        let digest = SHA256.hash(data: Array("routeraudit-devsim/\(purpose)/\(seed)".utf8))
        state = digest.prefix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// 32 bytes derived from the seed for one purpose (a host key, a password).
func derivedBytes(seed: String, purpose: String) -> [UInt8] {
    Array(SHA256.hash(data: Array("routeraudit-devsim/\(purpose)/\(seed)".utf8)))
}
