import Testing
import AuditCore
import RouterAudit

/// Damaged secrets become diagnostics naming their line, never a crash and never "matches default".
struct DamagedSecretTests {
    @Test func damagedSecretsAreDiagnosedOnTheirLines() throws {
        let text = """
            version 15.2
            hostname damaged
            enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbX
            username a secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m!
            username b password 7 0822455D0A1
            username c secret 8 $8$dsYGNam3K1SIJO$7nv/35M/qr6t
            username d secret 9 $9$tooshort
            end
            """
        let audit = try Auditor().audit(inputs: [ConfigInput(path: "damaged.cfg", text: text)]).get()
        let diagnosed = Set(audit.config.diagnostics.filter { $0.code == "bad-secret" }.compactMap { $0.span?.start })
        #expect(diagnosed == [3, 4, 5, 6, 7], "diagnostics: \(audit.config.diagnostics.map { "\($0.span?.start ?? 0) \($0.message)" })")
        #expect(!audit.findings.contains { $0.checkID == "RA-CRED-001" || $0.checkID == "RA-CRED-002" })
    }
}
