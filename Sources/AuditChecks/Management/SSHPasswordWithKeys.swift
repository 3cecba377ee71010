import AuditCore

/// RA-MGMT-008: the SSH server still accepts passwords from users who have an SSH key.
public struct SSHPasswordWithKeys: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-MGMT-008",
        slug: "ssh-password-with-keys",
        title: "SSH accepts passwords from users who have keys",
        severity: .low,
        area: .mgmt,
        rationale: """
            Giving an administrator an SSH key is meant to replace the password as a way in. When the router \
            keeps accepting the password as well, the account stays open to password guessing and to a leaked \
            or reused password, and the key adds nothing.
            """,
        remediation: """
            Let users with a key log in with the key only (RouterOS `/ip ssh set always-allow-password-login=no`, \
            the default); keep passwords for accounts that have no key.
            """,
        references: [
            .nist("IA-2(6)", "Access to Accounts — Separate Device"),
            .nist("IA-5(1)", "Password-based Authentication"),
        ],
        dutch: LocalizedText(
            title: "SSH accepteert wachtwoorden van gebruikers met een sleutel",
            rationale: """
                Een beheerder een SSH-sleutel geven is bedoeld om het wachtwoord als toegang te vervangen. Blijft \
                de router het wachtwoord ook accepteren, dan blijft het account open voor het raden van \
                wachtwoorden en voor een uitgelekt of hergebruikt wachtwoord, en voegt de sleutel niets toe.
                """,
            remediation: """
                Laat gebruikers met een sleutel alleen met die sleutel inloggen (RouterOS `/ip ssh set \
                always-allow-password-login=no`, de standaard); houd wachtwoorden voor accounts zonder sleutel.
                """),
        examples: [
            .bad(.routerOS, """
                /ip ssh
                ↓set always-allow-password-login=yes
                """),
            .good(.routerOS, """
                /ip ssh
                set always-allow-password-login=no strong-crypto=yes
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        guard let ssh = config.service(.ssh), ssh.enabled.value, let setting = ssh.settings["password-with-keys"],
              setting.value == "1" else { return [] }
        return [metadata.finding(
            "ssh server accepts password login even for users with ssh keys (always allow password login)",
            evidence: [setting.origin], subject: "ssh password with keys",
            fix: .manual("let users with an ssh key log in with the key only"))]
    }
}
