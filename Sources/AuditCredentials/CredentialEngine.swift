import AuditCore

/// The credential engine: recovers what a configuration gives away and tests stored hashes
/// against a vendor's defaults and the top of the weak-password list.
public struct CredentialEngine: SecretJudge {
    public var knowledge: CredentialKnowledge
    /// How hard to try against one-way hashes. Cleartext and reversible secrets are always
    /// checked against the whole weak list (a set lookup).
    public var depth: CrackDepth
    /// Threads for the full depth's search; nil for every core.
    public var workers: Int?
    /// Where judgements of one-way hashes are remembered between audits (fleet sweeps); nil: none.
    public var hashCache: (any SecretAssessmentCache)?

    public init(knowledge: CredentialKnowledge = .builtIn, depth: CrackDepth = .standard, workers: Int? = nil) {
        self.knowledge = knowledge
        self.depth = depth
        self.workers = workers
    }

    public func assess(_ secret: Secret, owner: String, purpose: SecretPurpose, vendor: VendorID,
                       minimumLength: Int) -> SecretAssessment {
        switch secret.form {
        case .empty:
            return SecretAssessment(recovered: "", weakness: "empty password")
        case .cleartext(let plain):
            return judgePlaintext(plain, owner: owner, purpose: purpose, vendor: vendor, minimumLength: minimumLength)
        case .reversible(let scheme, let encoded):
            switch decode(scheme, encoded) {
            case .success(let plain):
                return judgePlaintext(plain, owner: owner, purpose: purpose, vendor: vendor, minimumLength: minimumLength)
            case .failure(let problem):
                return SecretAssessment(problem: problem.description)
            }
        case .hashed(let scheme, let encoded):
            return judgeHashCached(scheme, encoded, owner: owner, vendor: vendor)
        case .opaque:
            return SecretAssessment()
        }
    }

    public func isGuessableCommunity(_ community: String) -> Bool {
        knowledge.isGuessableCommunity(community)
    }

    public struct DecodeProblem: Error, CustomStringConvertible {
        public var description: String
    }

    func decode(_ scheme: ReversibleScheme, _ encoded: String) -> Result<String, DecodeProblem> {
        func problem(_ error: some CustomStringConvertible) -> DecodeProblem { DecodeProblem(description: error.description) }
        switch scheme {
        case .ciscoType7:
            return CiscoType7.decode(encoded).mapError(problem)
        case .junosType9:
            return JunosType9.decode(encoded).mapError(problem)
        case .fortiosENC:
            return FortiOSSecrets.decodeENC(encoded).mapError(problem)
        case .huaweiCipher:
            return .failure(DecodeProblem(description: "huawei cipher values are reversible but not decoded by this version"))
        case .zyxelZLD4:
            return .failure(DecodeProblem(description: "zyxel $4$ values are reversible but their algorithm is not publicly specified"))
        }
    }

    /// The default logins to try for an account: the vendor's (matching the account name where the
    /// default names one) and the vendor-independent ones.
    /// Most prominent first (the knowledge keeps each vendor's defaults in that order), with the
    /// logins naming this very account ahead of the rest, so a budget spent on slow hashes goes to
    /// the defaults that really ship.
    func candidateDefaults(owner: String, vendor: VendorID) -> [DefaultLogin] {
        let matching = knowledge.defaults(for: vendor).filter { $0.user.isEmpty || $0.user == owner || owner == "enable" }
        return matching.filter { $0.user == owner } + matching.filter { $0.user != owner }
    }

    func judgePlaintext(_ plain: String, owner: String, purpose: SecretPurpose, vendor: VendorID,
                        minimumLength: Int) -> SecretAssessment {
        var result = SecretAssessment(recovered: plain)
        if let hit = candidateDefaults(owner: owner, vendor: vendor).first(where: { $0.password == plain }) {
            result.matchesDefault = "\(vendor) default (\(hit.source))"
        }
        if plain.isEmpty {
            result.weakness = "empty password"
        } else if plain == owner {
            result.weakness = "equals the account name"
        } else if knowledge.isWeak(plain) {
            result.weakness = "in the common-password list"
        } else if AccountNameGuesses.variants(of: owner).contains(plain) {
            result.weakness = "made from the account name"
        } else if plain.count < minimumLength, purpose == .login || purpose == .privilege || purpose == .linePassword {
            result.weakness = "shorter than \(minimumLength) characters"
        }
        return result
    }

    /// The weak-list prefix to try against a hash: all of it at full depth, as much as fits the
    /// budget at standard depth (at least the first few, however slow the hash).
    func weakGuesses(for scheme: HashScheme, stored: String, alreadySpent: Int = 0) -> ArraySlice<String> {
        guard depth == .standard else { return knowledge.weakPasswords[...] }
        return knowledge.weakPasswords.prefix(max(1, affordableGuesses(scheme, stored) - alreadySpent))
    }

    /// Guesses (defaults and weak words together) that fit the standard budget for this hash.
    func affordableGuesses(_ scheme: HashScheme, _ stored: String) -> Int {
        let affordable = CrackDepth.standardBudgetMicroseconds / HashCost.microseconds(scheme, stored: stored)
        return max(3, Int(affordable.rounded(.down)))
    }

    /// Tests one guess against one stored hash (for benchmarks and tools); false when damaged.
    public func verify(_ guess: String, scheme: HashScheme, stored: String) -> Bool {
        guard case .success(let matches) = verifier(for: scheme, stored: stored) else { return false }
        return matches(guess)
    }

    /// How to check one stored hash: a damage report, or a function that tests a guess.
    func verifier(for scheme: HashScheme, stored: String) -> Result<(String) -> Bool, DecodeProblem>? {
        func check(_ problem: String?, _ matches: @escaping (String) -> Bool) -> Result<(String) -> Bool, DecodeProblem> {
            problem.map { .failure(DecodeProblem(description: $0)) } ?? .success(matches)
        }
        switch scheme {
        case .md5crypt, .sha256crypt, .sha512crypt, .bcrypt, .desCrypt:
            let crypt = CryptHash.Verifier()
            return check(CryptHash.validate(stored)) { crypt.matches($0, stored: stored) }
        case .ciscoType4:
            return check(CiscoHashes.problem(stored, format: .type4)) { CiscoHashes.matches($0, stored: stored, format: .type4) }
        case .ciscoType8:
            return check(CiscoHashes.problem(stored, format: .type8)) { CiscoHashes.matches($0, stored: stored, format: .type8) }
        case .ciscoType9:
            return check(CiscoHashes.problem(stored, format: .type9)) { CiscoHashes.matches($0, stored: stored, format: .type9) }
        case .fortiosSH2:
            return check(FortiOSSecrets.problem(stored, kind: .sh2)) { FortiOSSecrets.matches($0, stored: stored, kind: .sh2) }
        case .fortiosAK1:
            return check(FortiOSSecrets.problem(stored, kind: .ak1)) { FortiOSSecrets.matches($0, stored: stored, kind: .ak1) }
        case .pixMD5:
            return check(PixMD5.problem(stored)) { PixMD5.hash($0, user: nil) == stored }
        case .asaMD5:
            // The engine's stored form for ASA-MD5 is the hash followed by the user name (see judgeHash).
            let (hash, user) = (String(stored.prefix(16)), String(stored.dropFirst(16)))
            return check(PixMD5.problem(hash)) { PixMD5.hash($0, user: user) == hash }
        case .unknown:
            return nil
        }
    }

    /// Tests guesses against one stored hash: the index of the first that matches, or nil.
    typealias BatchTest = ([String]) -> Int?

    /// How to check one stored hash a batch of guesses at a time: md5crypt and bcrypt through the
    /// fast kernels (`FastCrypt`) when the stored value has their canonical shape, every other
    /// format (and any other shape) one guess after another through `verifier(for:stored:)`.
    /// Either way the answer is the first matching guess, as libxcrypt would find it.
    func batchVerifier(for scheme: HashScheme, stored: String) -> Result<BatchTest, DecodeProblem>? {
        switch verifier(for: scheme, stored: stored) {
        case nil:
            return nil
        case .failure(let problem):
            return .failure(problem)
        case .success(let matches):
            let fast: FastCrypt.FastScheme? = switch scheme {
            case .md5crypt: .md5crypt
            case .bcrypt: .bcrypt
            default: nil
            }
            if let fast, FastCrypt.handles(stored, scheme: fast) {
                return .success { FastCrypt.firstMatch(in: $0, stored: stored, scheme: fast, fallback: matches) }
            }
            return .success { $0.firstIndex(where: matches) }
        }
    }

    /// The index of the first guess that matches a stored hash, trying them in batches (see
    /// `batchVerifier`); nil when none matches or the hash is damaged or unverifiable.
    public func firstMatch(in guesses: [String], scheme: HashScheme, stored: String) -> Int? {
        guard case .success(let test) = batchVerifier(for: scheme, stored: stored) else { return nil }
        return test(guesses)
    }

    /// How many guesses a full-depth worker takes at a time: for md5crypt large chunks (two per
    /// worker), since each chunk is grouped by length and every group's last batch may leave
    /// lanes empty; one interleaved batch for bcrypt; a few for the rest.
    func searchChunk(for scheme: HashScheme, count: Int, workers: Int) -> Int {
        switch scheme {
        case .md5crypt: return min(8192, max(FastCrypt.bestLevel.lanes * 16, count / max(1, workers * 2)))
        case .bcrypt: return FastCrypt.bcryptLanes
        default: return 4
        }
    }

    func judgeHash(_ scheme: HashScheme, _ encoded: String, owner: String, vendor: VendorID) -> SecretAssessment {
        // ASA-MD5 is salted with the user name: the verifier reads it after the 16-character hash.
        let encoded = scheme == .asaMD5 ? encoded + owner : encoded
        guard let verifier = batchVerifier(for: scheme, stored: encoded) else { return SecretAssessment() }
        let firstMatch: BatchTest
        switch verifier {
        case .failure(let problem): return SecretAssessment(problem: problem.description)
        case .success(let test): firstMatch = test
        }
        guard depth != .off else { return SecretAssessment() }
        // Each distinct password is hashed once: the default lists repeat passwords across models.
        var tried: Set<String> = []
        var defaults = candidateDefaults(owner: owner, vendor: vendor).filter { tried.insert($0.password).inserted }
        // The standard depth shares one budget between the defaults (most prominent first) and the
        // weak list; a slow hash (scrypt, bcrypt) gets few guesses, a fast one thousands.
        if depth == .standard { defaults = Array(defaults.prefix(affordableGuesses(scheme, encoded))) }
        if let index = firstMatch(defaults.map(\.password)) {
            let login = defaults[index]
            return SecretAssessment(recovered: login.password, matchesDefault: "\(vendor) default (\(login.source))")
        }
        // The account's name and its common variants come first, then the weak list.
        let nameGuesses = AccountNameGuesses.variants(of: owner)
        let guesses = (nameGuesses + weakGuesses(for: scheme, stored: encoded, alreadySpent: defaults.count)).filter { tried.insert($0).inserted }
        let hit: String?
        // Slow hashes use every core at any depth; fast ones are not worth the threads.
        if depth == .full || HashCost.microseconds(scheme, stored: encoded) >= 1000 {
            let workers = max(1, self.workers ?? System.coreCount)
            hit = ParallelSearch.first(in: guesses, chunk: searchChunk(for: scheme, count: guesses.count, workers: workers),
                                       workers: workers) { try? self.batchVerifier(for: scheme, stored: encoded)?.get() }
        } else {
            hit = firstMatch(guesses).map { guesses[$0] }
        }
        if let hit {
            let weakness = hit == owner ? "equals the account name"
                : nameGuesses.contains(hit) ? "made from the account name" : "in the common-password list"
            return SecretAssessment(recovered: hit, weakness: weakness)
        }
        return SecretAssessment()
    }
}
