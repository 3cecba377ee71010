import AuditCore

/// RA-CRED-006: Cisco `service password-encryption` is off.
public struct PasswordEncryptionDisabled: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRED-006",
        slug: "password-encryption-disabled",
        title: "service password-encryption is not enabled",
        severity: .low,
        area: .cred,
        rationale: """
            Without `service password-encryption`, line and user passwords configured with `password` \
            appear in cleartext in every configuration copy. The encryption is weak (type 7) but keeps \
            passwords from casual view.
            """,
        remediation: "Configure `service password-encryption`, and prefer `secret` over `password` everywhere.",
        references: [.cis("2.1.1", "Set 'service password-encryption'")],
        dutch: LocalizedText(
            title: "service password-encryption staat niet aan",
            rationale: """
                Zonder `service password-encryption` staan line- en gebruikerswachtwoorden die met `password` zijn \
                ingesteld onversleuteld in elke kopie van de configuratie. De versleuteling is zwak (type 7), maar \
                houdt wachtwoorden uit het zicht van toevallige meelezers.
                """,
            remediation: "Configureer `service password-encryption` en gebruik overal liever `secret` dan `password`."),
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                ↓no service password-encryption
                """),
            .good(.ciscoIOS, """
                service password-encryption
                hostname cpe
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        guard let setting = config.hardening.passwordEncryption, !setting.value else { return [] }
        let how = setting.origin.isVendorDefault ? "is not configured (off by default)" : "is disabled"
        return [metadata.finding(
            "service password-encryption \(how)", evidence: [setting.origin], subject: "service password-encryption",
            fix: .enablePasswordEncryption)]
    }
}
