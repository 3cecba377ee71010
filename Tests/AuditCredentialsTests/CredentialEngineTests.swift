import Testing
import AuditCore
import AuditCredentials

struct CredentialEngineTests {
    let engine = CredentialEngine()
    let origin = Provenance.line("test", 1)

    func assess(_ form: SecretForm, owner: String = "admin", purpose: SecretPurpose = .login) -> SecretAssessment {
        engine.assess(Secret(form, origin: origin), owner: owner, purpose: purpose, vendor: .ciscoIOS, minimumLength: 8)
    }

    @Test func type7RoundTripsThroughOurEncoder() throws {
        for plain in ["cisco", "S3cr3t-with spaces", ""] {
            for offset in 0...15 {
                #expect(try CiscoType7.decode(CiscoType7.encode(plain, offset: offset)).get() == plain)
            }
        }
    }

    /// Our encoders exist for fixtures; decoding what they write must give the input back, for
    /// every salt family and plaintext byte range.
    @Test func fortiosENCAndJunos9RoundTrip() throws {
        for plain in ["fortinet", "S3cr3t with spaces!", "x", String(repeating: "long-", count: 9)] {
            #expect(try FortiOSSecrets.decodeENC(FortiOSSecrets.encodeENC(plain, ivPrefix: [9, 8, 7, 6])).get() == plain)
            for salt in ["Q", "B", "7", "i"] {
                #expect(try JunosType9.decode(JunosType9.encode(plain, salt: Character(salt))).get() == plain)
            }
        }
    }

    @Test func damagedType7IsAProblemNotAMatch() {
        #expect(CiscoType7.decode("0822455D0A1").failure == .oddLength)
        #expect(CiscoType7.decode("0").failure == .tooShort)
        #expect(CiscoType7.decode("99AABB").failure == .badOffset)
        #expect(CiscoType7.decode("08ZZ").failure == .badHex)
        let result = assess(.reversible(scheme: .ciscoType7, encoded: "0822455D0A1"))
        #expect(result.problem != nil)
        #expect(result.matchesDefault == nil)
    }

    @Test func damagedHashesAreProblemsNotMatches() {
        for stored in ["$1$mERr$hx5rVt7rPNoS4wqbXKX7m", "$1$mERr$hx5rVt7rPNoS4wqbXKX7m!", "$1$mERr", "$6$abc$short"] {
            let result = assess(.hashed(scheme: stored.hasPrefix("$6$") ? .sha512crypt : .md5crypt, encoded: stored), owner: "enable", purpose: .privilege)
            #expect(result.problem != nil, "\(stored) should be reported as damaged")
            #expect(result.matchesDefault == nil)
        }
    }

    @Test func md5cryptOfTheVendorDefaultIsFound() {
        // `openssl passwd -1 -salt mERr cisco`, the public Cisco example.
        let result = assess(.hashed(scheme: .md5crypt, encoded: "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0"), owner: "enable", purpose: .privilege)
        #expect(result.matchesDefault != nil)
        #expect(result.recovered == "cisco")
    }

    @Test func randomPasswordsAreNeitherDefaultNorWeak() {
        let strong = "qZ4!vR8#mW2@tY6$"
        let result = assess(.cleartext(strong))
        #expect(result.matchesDefault == nil)
        #expect(result.weakness == nil)
        #expect(result.recovered == strong)
    }

    @Test func weakReasons() {
        #expect(assess(.cleartext("admin")).weakness == "equals the account name")
        #expect(assess(.cleartext("password")).weakness == "in the common-password list")
        #expect(assess(.cleartext("x7#Kq")).weakness == "shorter than 8 characters")
        #expect(assess(.empty).weakness == "empty password")
    }

    @Test func knowledgeIsLoaded() {
        #expect(!CredentialKnowledge.builtIn.defaults(for: .ciscoIOS).isEmpty)
        #expect(!CredentialKnowledge.builtIn.defaults(for: .openWrt).isEmpty)
        #expect(CredentialKnowledge.builtIn.weakPasswords.count > 1000)
        #expect(engine.isGuessableCommunity("public"))
        #expect(!engine.isGuessableCommunity("k3Jd9QzW2mXv7LpA"))
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
