import Testing
import AuditCore
import AuditCredentials

/// PIX-MD5 and ASA-MD5. `2KFQnbNIdI.2KYOU` is the PIX/ASA factory `passwd` (and `enable
/// password`) hash of `cisco`, printed in Cisco's own documentation and every ASA default config;
/// `dXRTaA5wrZ3OL8gz` is the corpus ASA's `username mpenning password ... encrypted`, which its
/// labels say is `cisco` salted with the name.
struct PixMD5Tests {
    let engine = CredentialEngine()
    let origin = Provenance.line("test", 1)

    @Test func pixFactoryHashIsCisco() {
        #expect(engine.verify("cisco", scheme: .pixMD5, stored: "2KFQnbNIdI.2KYOU"))
        #expect(!engine.verify("Cisco", scheme: .pixMD5, stored: "2KFQnbNIdI.2KYOU"))
    }

    @Test func asaUserHashIsSaltedWithTheName() {
        let user = engine.assess(Secret(.hashed(scheme: .asaMD5, encoded: "dXRTaA5wrZ3OL8gz"), origin: origin),
                                 owner: "mpenning", purpose: .login, vendor: .ciscoASA, minimumLength: 8)
        #expect(user.recovered == "cisco")
        // The same hash under another name is another password.
        let other = engine.assess(Secret(.hashed(scheme: .asaMD5, encoded: "dXRTaA5wrZ3OL8gz"), origin: origin),
                                  owner: "someone", purpose: .login, vendor: .ciscoASA, minimumLength: 8)
        #expect(other.recovered == nil)
    }

    @Test func damagedHashIsReported() {
        let result = engine.assess(Secret(.hashed(scheme: .pixMD5, encoded: "not-a-hash"), origin: origin),
                                   owner: "enable", purpose: .privilege, vendor: .ciscoASA, minimumLength: 8)
        #expect(result.problem != nil)
    }
}
