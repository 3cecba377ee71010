import Testing
import AuditCore
import AuditCredentials

/// The fast paths (`FastCrypt`: multi-lane md5crypt, interleaved bcrypt) against the library path
/// (libxcrypt through `CryptHash`) on random input: random passwords of random lengths with
/// non-ASCII bytes, random salts, the matching candidate at a random position of the batch.
/// The generator is seeded, so a failure names a reproducible case.
struct FastPathEquivalenceTests {
    /// SplitMix64: small, seedable, good enough for test data.
    struct Random: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return z ^ (z >> 31)
        }
    }

    static let cryptAlphabet = Array("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// Bytes 1...255 (no zero: libxcrypt reads C strings), half of them above 0x7f.
    static func password(length: Int, using random: inout Random) -> [UInt8] {
        (0..<length).map { _ in Bool.random(using: &random) ? UInt8.random(in: 0x80...0xff, using: &random) : UInt8.random(in: 1...0x7f, using: &random) }
    }

    static func salt(_ count: Int, using random: inout Random) -> String {
        String(decoding: (0..<count).map { _ in cryptAlphabet.randomElement(using: &random)! }, as: UTF8.self)
    }

    /// A batch of candidates of random lengths 0...40, often several of one length so that lanes
    /// fill, with the password behind `stored` at a random position (and sometimes again later).
    static func batch(size: Int, using random: inout Random) -> (candidates: [[UInt8]], target: Int) {
        let common = Int.random(in: 0...40, using: &random)
        var candidates = (0..<size).map { _ in
            password(length: Bool.random(using: &random) ? common : Int.random(in: 0...40, using: &random), using: &random)
        }
        let target = Int.random(in: 0..<size, using: &random)
        if size > 2, Int.random(in: 0..<4, using: &random) == 0 {
            candidates[Int.random(in: target..<size, using: &random)] = candidates[target]
        }
        return (candidates, target)
    }

    static func index(_ outcome: FastCrypt.Outcome) -> Int?? {
        switch outcome {
        case .match(let index): return .some(index)
        case .noMatch: return .some(nil)
        case .unsupported: return nil
        }
    }

    @Test func md5cryptKernelsAgreeWithLibxcryptOnRandomInput() throws {
        var random = Random(state: 0x5eed_0001)
        let library = CryptHash.Verifier()
        var matches = 0
        for trial in 0..<40 {
            let (candidates, target) = Self.batch(size: Int.random(in: 1...40, using: &random), using: &random)
            let setting = "$1$" + Self.salt(Int.random(in: 1...8, using: &random), using: &random)
            var stored = try #require(library.hash(candidates[target], setting: setting))
            if trial % 5 == 4 {
                // A hash nobody in the batch has: the last character changed within the alphabet.
                let last = stored.removeLast()
                stored.append(last == "." ? "/" : ".")
            }
            let expected = library.firstMatch(candidates, stored: stored)
            if expected != nil { matches += 1 }
            for level in FastCrypt.availableLevels {
                let fast = Self.index(FastCrypt.md5cryptFirstMatch(candidates, stored: stored, level: level))
                #expect(fast == .some(expected), "trial \(trial), \(level): \(stored), lengths \(candidates.map(\.count))")
            }
        }
        #expect(matches >= 25)
    }

    @Test func md5cryptEveryLengthAndSaltLengthAgrees() throws {
        var random = Random(state: 0x5eed_0002)
        let library = CryptHash.Verifier()
        // Every password length 0...64 (one, two and three MD5 blocks per round) with every salt length.
        for length in 0...FastCrypt.md5cryptMaximumLength {
            let saltLength = length % 8 + 1
            let candidates = (0..<3).map { _ in Self.password(length: length, using: &random) }
            let stored = try #require(library.hash(candidates[1], setting: "$1$" + Self.salt(saltLength, using: &random)))
            let expected = length == 0 ? 0 : 1 // three empty passwords: the first matches
            for level in FastCrypt.availableLevels {
                #expect(FastCrypt.md5cryptFirstMatch(candidates, stored: stored, level: level) == .match(expected), "length \(length), \(level)")
            }
        }
    }

    @Test func bcryptKernelAgreesWithLibxcryptOnRandomInput() throws {
        var random = Random(state: 0x5eed_0003)
        let library = CryptHash.Verifier()
        let bcryptAlphabet = Array("./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".utf8)
        var matches = 0
        for trial in 0..<16 {
            var (candidates, target) = Self.batch(size: Int.random(in: 1...9, using: &random), using: &random)
            if trial % 4 == 1 {
                // Past bcrypt's 72-byte limit: only the first 72 bytes count.
                candidates[target] = Self.password(length: Int.random(in: 73...100, using: &random), using: &random)
            }
            let variant = ["$2a$", "$2b$", "$2y$"][trial % 3]
            let salt = String(decoding: (0..<22).map { _ in bcryptAlphabet.randomElement(using: &random)! }, as: UTF8.self)
            var stored = try #require(library.hash(candidates[target], setting: variant + "04$" + salt))
            if trial % 5 == 4 {
                let last = stored.removeLast()
                stored.append(last == "." ? "/" : ".")
            }
            let expected = library.firstMatch(candidates, stored: stored)
            if expected != nil { matches += 1 }
            let fast = Self.index(FastCrypt.bcryptFirstMatch(candidates, stored: stored))
            #expect(fast == .some(expected), "trial \(trial): \(stored), lengths \(candidates.map(\.count))")
        }
        #expect(matches >= 10)
    }

    /// `$2a$` deviates from `$2b$` for passwords the old sign-extension bug would collide with
    /// (crypt_blowfish's safety measure); the fast path must deviate the same way.
    @Test func bcrypt2aSafetyMeasureIsReproduced() throws {
        let library = CryptHash.Verifier()
        let password: [UInt8] = [0xff, 0xff, 0xa3]
        let a = try #require(library.hash(password, setting: "$2a$04$/OK.fbVrR/bpIqNJ5ianF."))
        let b = try #require(library.hash(password, setting: "$2b$04$/OK.fbVrR/bpIqNJ5ianF."))
        #expect(a.dropFirst(4) != b.dropFirst(4))
        for stored in [a, b] {
            #expect(FastCrypt.bcryptFirstMatch([[0x61], password], stored: stored) == .match(1))
        }
    }

    @Test func bcryptAtCost10Agrees() throws {
        let library = CryptHash.Verifier()
        let candidates: [[UInt8]] = [Array("admin".utf8), Array("cisco".utf8), Array("pässwörd".utf8)]
        let stored = try #require(library.hash(candidates[2], setting: "$2b$10$abcdefghijklmnopqrstuu"))
        #expect(FastCrypt.bcryptFirstMatch(candidates, stored: stored) == .match(2))
    }

    /// Shapes the kernels do not take go to the library, and the engine still answers as it does.
    @Test func unusualStoredValuesFallBackToTheLibrary() throws {
        let library = CryptHash.Verifier()
        let candidates = [Array("cisco".utf8)]
        let emptySalt = try #require(library.hash(candidates[0], setting: "$1$$"))
        let longSalt = "$1$123456789$" + String(emptySalt.suffix(22))
        for stored in [emptySalt, longSalt, "$1$abc$tooshort", "$5$abc$whatever"] {
            #expect(FastCrypt.md5cryptFirstMatch(candidates, stored: stored) == .unsupported, "\(stored)")
        }
        for stored in ["$2x$04$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyzABCD", "$2b$03$abcdefghijklmnopqrstuuabcdefghijklmnopqrstuvwxyzABCDE"] {
            #expect(FastCrypt.bcryptFirstMatch(candidates, stored: stored) == .unsupported, "\(stored)")
        }
        let engine = CredentialEngine()
        #expect(engine.firstMatch(in: ["x", "cisco"], scheme: .md5crypt, stored: emptySalt) == 1)
    }

    /// Random strings (any Unicode, some over the kernels' length limits, some with a zero byte)
    /// through the engine's batch path, against trying them one by one through libxcrypt.
    @Test func engineBatchesAgreeWithOneByOneLibraryChecks() throws {
        var random = Random(state: 0x5eed_0004)
        let engine = CredentialEngine()
        let library = CryptHash.Verifier()
        let pool: [Character] = ["a", "Z", "0", " ", "é", "ß", "€", "日", "\u{0}", "😀", "$", "\u{7f}"]
        func string(_ count: Int) -> String { String((0..<count).map { _ in pool.randomElement(using: &random)! }) }
        for trial in 0..<12 {
            let bcrypt = trial % 3 == 2
            var candidates = (0..<Int.random(in: 1...24, using: &random)).map { _ in string(Int.random(in: 0...12, using: &random)) }
            if trial % 4 == 0 { candidates.append(string(40)) } // over 64 UTF-8 bytes: library path
            let target = Int.random(in: 0..<candidates.count, using: &random)
            let setting = bcrypt ? "$2b$04$" + "abcdefghijklmnopqrstu" + "e" : "$1$" + Self.salt(8, using: &random)
            let stored = try #require(library.hash(Array(candidates[target].utf8), setting: setting))
            let expected = candidates.firstIndex { library.matches($0, stored: stored) }
            #expect(expected != nil)
            #expect(engine.firstMatch(in: candidates, scheme: bcrypt ? .bcrypt : .md5crypt, stored: stored) == expected, "trial \(trial)")
        }
    }

    /// The full depth's multi-threaded search finds the same (first) password as one thread.
    @Test func fullDepthSearchFindsTheFirstMatchOnAnyNumberOfThreads() throws {
        var random = Random(state: 0x5eed_0005)
        let library = CryptHash.Verifier()
        var weak = (0..<600).map { _ in String(decoding: (0..<Int.random(in: 4...12, using: &random)).map { _ in Self.cryptAlphabet.randomElement(using: &random)! }, as: UTF8.self) }
        weak = Array(Set(weak)).sorted()
        let answer = weak[weak.count * 3 / 4]
        let stored = try #require(library.hash(Array(answer.utf8), setting: "$1$Zq7Lm2Pa"))
        let knowledge = CredentialKnowledge(defaults: [], weakPasswords: weak, defaultCommunities: [], guessableCommunities: [])
        for workers in [1, 2, 3] {
            let engine = CredentialEngine(knowledge: knowledge, depth: .full, workers: workers)
            let result = engine.assess(Secret(.hashed(scheme: .md5crypt, encoded: stored), origin: .line("test", 1)),
                                       owner: "nobody", purpose: .login, vendor: .ciscoIOS, minimumLength: 8)
            #expect(result.recovered == answer, "\(workers) workers")
            #expect(result.weakness == "in the common-password list")
        }
    }
}
