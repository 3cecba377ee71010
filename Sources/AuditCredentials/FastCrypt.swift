import CFastHash

/// Batch verification for the crypt formats where guessing needs more speed than libxcrypt gives:
/// md5crypt (multi-lane SIMD kernel: AVX-512, AVX2 or scalar, chosen at run time) and bcrypt
/// (interleaved Eksblowfish instances). Both take one stored hash and many candidates and answer
/// with the first candidate that matches, exactly as trying them one by one through libxcrypt
/// would (`CryptHash` stays the reference; the equivalence tests compare the two on random input).
/// Stored values outside the canonical shape are `.unsupported`: the caller uses libxcrypt.
public enum FastCrypt {
    /// The md5crypt kernel's instruction set.
    public enum Level: Int, Sendable, CaseIterable, CustomStringConvertible {
        case scalar = 0, avx2 = 1, avx512 = 2

        public var description: String {
            switch self {
            case .scalar: "scalar"
            case .avx2: "AVX2"
            case .avx512: "AVX-512"
            }
        }

        /// Candidates hashed at once at this level.
        public var lanes: Int { Int(cfh_md5crypt_lanes(Int32(rawValue))) }
    }

    public enum Outcome: Equatable, Sendable {
        /// The index of the first matching candidate.
        case match(Int)
        case noMatch
        /// The stored value is not one the fast path handles; use the library.
        case unsupported
    }

    /// The best level this machine supports.
    public static var bestLevel: Level { Level(rawValue: Int(cfh_best_level())) ?? .scalar }

    /// The levels this machine can run, scalar first.
    public static var availableLevels: [Level] { Level.allCases.filter { $0.rawValue <= bestLevel.rawValue } }

    /// Independent bcrypt instances run side by side.
    public static var bcryptLanes: Int { Int(cfh_bcrypt_lanes()) }

    /// Longest candidate (bytes) each kernel takes; the engine sends longer ones to libxcrypt.
    public static let md5cryptMaximumLength = Int(CFH_MD5CRYPT_MAX_LENGTH)
    public static let bcryptMaximumLength = Int(CFH_BCRYPT_MAX_LENGTH)

    public static func md5cryptFirstMatch(_ candidates: [[UInt8]], stored: String, level: Level? = nil) -> Outcome {
        call(candidates) { pointers, lengths, count in
            cfh_md5crypt_first_match(stored, pointers, lengths, count, Int32(level?.rawValue ?? Int(CFH_LEVEL_BEST)))
        }
    }

    public static func bcryptFirstMatch(_ candidates: [[UInt8]], stored: String) -> Outcome {
        call(candidates) { pointers, lengths, count in
            cfh_bcrypt_first_match(stored, pointers, lengths, count)
        }
    }

    /// Whether the fast path takes this stored value at all.
    public static func handles(_ stored: String, scheme: FastScheme) -> Bool {
        switch scheme {
        case .md5crypt: md5cryptFirstMatch([], stored: stored) != .unsupported
        case .bcrypt: bcryptFirstMatch([], stored: stored) != .unsupported
        }
    }

    public enum FastScheme: Sendable { case md5crypt, bcrypt }

    /// Whether a candidate can go to a kernel: short enough, and no zero byte (libxcrypt reads a
    /// C string, so it would stop there; the kernels take explicit lengths).
    static func eligible(_ bytes: [UInt8], scheme: FastScheme) -> Bool {
        bytes.count <= (scheme == .md5crypt ? md5cryptMaximumLength : bcryptMaximumLength) && !bytes.contains(0)
    }

    /// The first of `candidates` that matches `stored`: the kernel for every candidate it takes,
    /// `fallback` (the library) for the others, in list order either way.
    static func firstMatch(in candidates: [String], stored: String, scheme: FastScheme, fallback: (String) -> Bool) -> Int? {
        var kernelIndices: [Int] = []
        var kernelBytes: [[UInt8]] = []
        var others: [Int] = []
        kernelIndices.reserveCapacity(candidates.count)
        kernelBytes.reserveCapacity(candidates.count)
        for (index, candidate) in candidates.enumerated() {
            let bytes = Array(candidate.utf8)
            if eligible(bytes, scheme: scheme) {
                kernelIndices.append(index)
                kernelBytes.append(bytes)
            } else {
                others.append(index)
            }
        }
        var best: Int?
        if !kernelBytes.isEmpty {
            let outcome = scheme == .md5crypt ? md5cryptFirstMatch(kernelBytes, stored: stored) : bcryptFirstMatch(kernelBytes, stored: stored)
            switch outcome {
            case .match(let offset): best = kernelIndices[offset]
            case .noMatch: break
            case .unsupported: return candidates.firstIndex(where: fallback)
            }
        }
        for index in others {
            if let best, best < index { break }
            if fallback(candidates[index]) { return index }
        }
        return best
    }

    /// Lays the candidates out in one buffer and hands the C function pointers into it.
    private static func call(_ candidates: [[UInt8]],
                             _ body: (UnsafePointer<UnsafePointer<UInt8>?>?, UnsafePointer<Int>?, Int) -> Int) -> Outcome {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(candidates.reduce(0) { $0 + $1.count })
        var offsets: [Int] = []
        offsets.reserveCapacity(candidates.count)
        for candidate in candidates {
            offsets.append(buffer.count)
            buffer.append(contentsOf: candidate)
        }
        let lengths = candidates.map(\.count)
        let result: Int = buffer.withUnsafeBufferPointer { bytes in
            let pointers: [UnsafePointer<UInt8>?] = zip(offsets, lengths).map { offset, length in
                length == 0 ? nil : bytes.baseAddress.map { $0 + offset }
            }
            return pointers.withUnsafeBufferPointer { p in
                lengths.withUnsafeBufferPointer { l in
                    body(p.baseAddress, l.baseAddress, candidates.count)
                }
            }
        }
        switch result {
        case 0...: return .match(result)
        case Int(CFH_NO_MATCH): return .noMatch
        default: return .unsupported
        }
    }
}
