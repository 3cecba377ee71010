import AuditCore
import Foundation
import RouterAudit
import Testing
@testable import AuditRemediation

/// The OpenWrt root password: `passwd` fed from a variable, proven on /etc/shadow; the rollback
/// writes the original line back. Shell behaviour follows POSIX quoting (single quotes literal,
/// `"${NAME}"` expanded once) and busybox `passwd -a sha512`, which rewrites only the hash field.
@Suite struct ShadowPasswordTests {
    struct MarkerStorage: SecretStorage {
        func store(_ plain: String, scheme: String) -> String? { scheme == "sha512-crypt" ? "$6$salt$hash-of-" + plain : nil }
    }

    static let shadow = "root:$1$Nb9G$YhcgULcYmSTPLKtxlDd76/:19000:0:99999:7:::\ndaemon:*:0:0:99999:7:::\n"

    @Test func passwdReplacesOnlyTheHashOfThatAccount() {
        let script = """
            ra_ask RA_NEW_PASSWORD_ROOT 'x'
            printf '%s\\n%s\\n' "${RA_NEW_PASSWORD_ROOT}" "${RA_NEW_PASSWORD_ROOT}" | passwd -a sha512 root
            """
        let result = UCIApplier().apply(script: script, to: [ConfigInput(path: "etc/shadow", text: Self.shadow)],
                                        bindings: ["RA_NEW_PASSWORD_ROOT": "new pass"], storage: MarkerStorage())
        #expect(result[0].text == "root:$6$salt$hash-of-new pass:19000:0:99999:7:::\ndaemon:*:0:0:99999:7:::\n")
    }

    @Test func restoreWritesTheQuotedLineBackWithTheSecretFromItsVariable() {
        let script = """
            ra_restore_shadow root 'root:'"${RA_OLD_SECRET_1}"':19000:0:99999:7:::'
            """
        let changed = "root:$6$x$y:19000:0:99999:7:::\ndaemon:*:0:0:99999:7:::\n"
        let result = UCIApplier().apply(script: script, to: [ConfigInput(path: "etc/shadow", text: changed)],
                                        bindings: ["RA_OLD_SECRET_1": "$1$Nb9G$YhcgULcYmSTPLKtxlDd76/"], storage: MarkerStorage())
        #expect(result[0].text == Self.shadow)
    }

    @Test func quotingKeepsDollarsLiteralOutsideTheVariables() {
        #expect(ShellWord.quote("a$1'b${X}c", expanding: ["X"]) == "'a$1'\\''b'\"${X}\"'c'")
        #expect(ShellWord.parse("'a$1'\\''b'\"${X}\"'c'", ["X": "v"]) == "a$1'bvc")
    }

    @Test func emptyRootPasswordIsFixedAndProvenOnTheFixture() throws {
        let path = RemediationCorpusTests.packageRoot.appendingPathComponent("device-fixtures/openwrt/insecure-home-router").path
        let auditor = Auditor()
        let device = try #require(auditor.audit(paths: [path]).devices.first)
        #expect(device.findings.contains { $0.checkID == "RA-CRED-007" && $0.subject == "account root" })
        let (plan, proof) = try #require(Remediator(auditor: auditor).provenPlan(for: device))
        let block = try #require(plan.blocks.first { $0.shell })
        #expect(block.findings.contains { plan.findings[$0].checkID == "RA-CRED-007" })
        #expect(proof.passed, "\(proof.newFindings) \(proof.rollbackDifferences) \(proof.problems)")
        #expect(proof.status.values.allSatisfy { $0 == .verified })
        let scripts = try #require(Remediator(auditor: auditor).scripts(for: plan))
        // The password is asked for without echo, and passwd runs only after the engineer confirms.
        let apply = scripts.apply
        let ask = try #require(apply.range(of: "ra_ask RA_NEW_PASSWORD_ROOT"))
        let confirm = try #require(apply.range(of: "Commit these changes?"))
        let passwd = try #require(apply.range(of: "| passwd -a sha512 root"))
        #expect(ask.lowerBound < confirm.lowerBound && confirm.lowerBound < passwd.lowerBound)
        #expect(apply.contains("stty -echo"))
        #expect(scripts.rollback.contains("ra_restore_shadow root 'root::0:0:99999:7:::'"))
    }
}
