import AuditCore

/// The credential engine: recovers what a configuration gives away and tests stored hashes
/// against a vendor's defaults and the top of the weak-password list.
public struct CredentialEngine: SecretJudge {
    public var knowledge: CredentialKnowledge
    /// How many weak-list entries to try against a one-way hash. Cleartext and reversible secrets
    /// are always checked against the whole list (a set lookup).
    public var hashGuessDepth: Int

    public init(knowledge: CredentialKnowledge = .builtIn, hashGuessDepth: Int = 64) {
        self.knowledge = knowledge
        self.hashGuessDepth = hashGuessDepth
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
            return judgeHash(scheme, encoded, owner: owner, vendor: vendor)
        case .opaque:
            return SecretAssessment()
        }
    }

    public func isGuessableCommunity(_ community: String) -> Bool {
        knowledge.isGuessableCommunity(community)
    }

    struct DecodeProblem: Error, CustomStringConvertible {
        var description: String
    }

    func decode(_ scheme: ReversibleScheme, _ encoded: String) -> Result<String, DecodeProblem> {
        switch scheme {
        case .ciscoType7:
            return CiscoType7.decode(encoded).mapError { DecodeProblem(description: $0.description) }
        case .junosType9, .fortiosENC, .huaweiCipher:
            return .failure(DecodeProblem(description: "\(scheme.rawValue) decoding is not available yet"))
        }
    }

    /// The default logins to try for an account: the vendor's (matching the account name where the
    /// default names one) and the vendor-independent ones.
    func candidateDefaults(owner: String, vendor: VendorID) -> [DefaultLogin] {
        knowledge.defaults(for: vendor).filter { $0.user.isEmpty || $0.user == owner || owner == "enable" }
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
        } else if plain.count < minimumLength, purpose == .login || purpose == .privilege || purpose == .linePassword {
            result.weakness = "shorter than \(minimumLength) characters"
        }
        return result
    }

    func judgeHash(_ scheme: HashScheme, _ encoded: String, owner: String, vendor: VendorID) -> SecretAssessment {
        switch scheme {
        case .md5crypt, .sha256crypt, .sha512crypt, .bcrypt, .desCrypt:
            if let problem = CryptHash.validate(encoded) { return SecretAssessment(problem: problem) }
            var verifier = CryptHash.Verifier()
            for login in candidateDefaults(owner: owner, vendor: vendor) where verifier.matches(login.password, stored: encoded) {
                return SecretAssessment(recovered: login.password, matchesDefault: "\(vendor) default (\(login.source))")
            }
            let guesses = [owner] + knowledge.weakPasswords.prefix(hashGuessDepth)
            for guess in guesses where verifier.matches(guess, stored: encoded) {
                return SecretAssessment(recovered: guess, weakness: guess == owner ? "equals the account name" : "in the common-password list")
            }
            return SecretAssessment()
        default:
            // Cisco type 4/8/9 and FortiOS hashes are verified by the credential engine issue.
            return SecretAssessment()
        }
    }
}
