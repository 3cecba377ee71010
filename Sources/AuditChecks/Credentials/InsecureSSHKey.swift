import AuditCore

/// RA-CRED-010: an account authorizes an SSH key whose private half is public, or one too weak.
public struct InsecureSSHKey: Check {
    public init() {}

    /// Public keys whose private keys are published, with where. Anyone can log in with them.
    static let publishedKeys: [String: String] = [
        // hashicorp/vagrant `keys/vagrant.pub`: the insecure key every Vagrant base box trusts.
        "AAAAB3NzaC1yc2EAAAABIwAAAQEA6NF8iallvQVp22WDkTkyrtvp9eWW6A8YVr+kz4TjGYe7gHzIw+niNltGEFHzD8+v1I2YJ6oXevct1YeS0o9HZyN1Q9qgCgzUFtdOKLv6IedplqoPkcmF0aYet2PkEDo3MlTBckFXPITAMzF8dJSIFo9D8HfdOV0IAdx4O7PtixWKn5y2hMNG0zQPyUecp4pzC6kivAIhyfHilFR61RGL+GPXQ2MWZWFYbAGjyiYJnAmCP3NOTd0jMZEnDkbUvxhMmBYSdETk1rRgm+R4LOzFUGaHqHDLKLX+FIPKcF96hrucXzcWyLbIbEgE98OHlnVYCzRdK8jlqm8tehUc9c9WhQ==":
            "the vagrant insecure key",
    ]

    public let metadata = CheckDescription(
        id: "RA-CRED-010",
        slug: "insecure-ssh-key",
        title: "Account trusts a published or weak SSH key",
        severity: .high,
        area: .cred,
        rationale: """
            An SSH key is a password nobody has to guess. The Vagrant "insecure" key ships with its private half \
            in a public repository, so an account that trusts it is open to anyone who can reach SSH; DSA keys \
            (1024-bit, refused by OpenSSH since 7.0) and RSA keys under 2048 bits are within reach of \
            factoring or forging.
            """,
        remediation: """
            Remove published keys from every account (images built with Vagrant, lab templates) and replace DSA \
            and short RSA keys with Ed25519 or RSA of 3072 bits or more, generated for the administrator who uses it.
            """,
        references: [
            .nist("IA-5(2)", "Public Key-based Authentication"),
            .init("NIST SP 800-131A", "Rev. 2", "Transitioning the Use of Cryptographic Algorithms and Key Lengths"),
        ],
        dutch: LocalizedText(
            title: "Account vertrouwt een openbare of zwakke SSH-sleutel",
            rationale: """
                Een SSH-sleutel is een wachtwoord dat niemand hoeft te raden. De "insecure" sleutel van Vagrant \
                staat met zijn privédeel in een openbare repository, dus een account dat hem vertrouwt staat open \
                voor iedereen die SSH bereikt; DSA-sleutels (1024 bits, door OpenSSH sinds 7.0 geweigerd) en \
                RSA-sleutels onder 2048 bits zijn binnen bereik van factoriseren of vervalsen.
                """,
            remediation: """
                Verwijder openbare sleutels uit elk account (images gebouwd met Vagrant, labsjablonen) en vervang \
                DSA- en korte RSA-sleutels door Ed25519 of RSA van 3072 bits of meer, gemaakt voor de beheerder \
                die hem gebruikt.
                """),
        examples: [
            .bad(.junos, """
                set system host-name vsrx
                set system login user vagrant class super-user
                ↓set system login user vagrant authentication ssh-rsa "ssh-rsa AAAAB3NzaC1yc2EAAAABIwAAAQEA6NF8iallvQVp22WDkTkyrtvp9eWW6A8YVr+kz4TjGYe7gHzIw+niNltGEFHzD8+v1I2YJ6oXevct1YeS0o9HZyN1Q9qgCgzUFtdOKLv6IedplqoPkcmF0aYet2PkEDo3MlTBckFXPITAMzF8dJSIFo9D8HfdOV0IAdx4O7PtixWKn5y2hMNG0zQPyUecp4pzC6kivAIhyfHilFR61RGL+GPXQ2MWZWFYbAGjyiYJnAmCP3NOTd0jMZEnDkbUvxhMmBYSdETk1rRgm+R4LOzFUGaHqHDLKLX+FIPKcF96hrucXzcWyLbIbEgE98OHlnVYCzRdK8jlqm8tehUc9c9WhQ== vagrant insecure public key"
                """),
            .bad(.junos, """
                set system host-name srx
                set system login user ops class super-user
                ↓set system login user ops authentication ssh-rsa "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDDUvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaGglfIPk5VlDPk4C47bIkprJIoekk6P0K4uGpSSozBfGIy2EJAPnjR/rohtxlB3lex0XEw/yy6yxz4Uk0yGfuBXunJJm/oSHoNrKsFXJu59awr2qxPDjpLK4NFQV7FZmA== ops@laptop"
                """),
            .good(.junos, """
                set system host-name srx
                set system login user ops class super-user
                set system login user ops authentication ssh-ed25519 "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH+UzHQR1xfxRXmyqhAPu7NPpZP+rtJySLdi46tYBfB2 ops@laptop"
                """),
            .bad(.vyOS, """
                set system login user ops authentication encrypted-password '!'
                ↓set system login user ops authentication public-keys laptop key 'AAAAB3NzaC1yc2EAAAADAQABAAAAgQDDUvImZaYMEtKJGF2VDuiBNgkWb2sRPReNbA/TkB/yOaGglfIPk5VlDPk4C47bIkprJIoekk6P0K4uGpSSozBfGIy2EJAPnjR/rohtxlB3lex0XEw/yy6yxz4Uk0yGfuBXunJJm/oSHoNrKsFXJu59awr2qxPDjpLK4NFQV7FZmA=='
                set system login user ops authentication public-keys laptop type 'ssh-rsa'
                """),
            .good(.vyOS, """
                set system login user ops authentication encrypted-password '!'
                set system login user ops authentication public-keys laptop key 'AAAAC3NzaC1lZDI1NTE5AAAAIH+UzHQR1xfxRXmyqhAPu7NPpZP+rtJySLdi46tYBfB2'
                set system login user ops authentication public-keys laptop type 'ssh-ed25519'
                """),
            // pfSense keeps the authorized_keys text base64-encoded; this one holds an ssh-dss key.
            .bad(.pfSense, """
                <pfsense>
                  <system>
                    <user>
                      <name>ops</name>
                      <uid>2000</uid>
                ↓      <authorizedkeys>c3NoLWRzcyBBQUFBQjNOemFDMWtjM01BQUFDQkFQMS9VNEVkZFJJcFV0OUtuQzdzNU9mMkViZFNQTzlFQU1NZVA0QzJVU1pwUlYxQUlsSDdXVDJOV1BxL3hmVzZNUGJMbTFWczE0RTdnQjAwYi9KbVlMZHJtVkNscEorZjZBUjdFQ0xDVDd1cDEvNjN4aHY0TzFmbnhxaW1GUThFKzRQMjA4VWV3d0kxVkJOYUZwRXk5blh6cml0aDF5cnY4aUlER1ozUlNBSEhBQUFBRlFDWFlGQ1BGU01MekxLU3VZS2k2NFFMOEZnYzlRQUFBSUVBOStHZ2hkYWJQZDdMdkt0Y05yaFh1WG1Vcjd2Nk91cUMrVmRNQ3owSGdtZFJXVmVPdXRSWlQrWnhCeENCZ0xSSkZuRWo2RXdvRmhPM3p3a3lqTWltNFR3V2VvdFVmSTBvNEtPdUhpdXpwbldSYnFOL0Mvb2hOV0x4KzJKNkFTUTd6S1R4dnFoUmtJbW9nOS9oV3VXZkJwS0xabDZBZTFVbFpBRk1PLzdQU1NvPSBvcHNAb2xkLWxhcHRvcA==</authorizedkeys>
                    </user>
                  </system>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <system>
                    <user>
                      <name>ops</name>
                      <uid>2000</uid>
                      <authorizedkeys>c3NoLWVkMjU1MTkgQUFBQUMzTnphQzFsWkRJMU5URTVBQUFBSUgrVXpIUVIxeGZ4UlhteXFoQVB1N05QcFpQK3J0SnlTTGRpNDZ0WUJmQjIgb3BzQGxhcHRvcA==</authorizedkeys>
                    </user>
                  </system>
                </pfsense>
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        for account in config.accounts {
            for key in account.authorizedKeys {
                let problem: String
                var severity: Severity?
                if let published = Self.publishedKeys[key.blob] {
                    problem = "is \(published), whose private key is public"
                    severity = .critical
                } else if key.algorithm == "ssh-dss" {
                    problem = "is a dsa key (1024 bits, no longer accepted by openssh)"
                } else if key.algorithm == "ssh-rsa", let bits = SSHKeyBlob.rsaModulusBits(key.blob), bits < 2048 {
                    problem = "is an rsa key of only \(bits) bits"
                    severity = .medium
                } else {
                    continue
                }
                findings.append(metadata.finding(
                    "ssh public key of account '\(account.name)' \(problem)",
                    evidence: [key.origin], subject: "account \(account.name) ssh key",
                    fix: .manual("remove this authorized ssh key from '\(account.name)' and install a new ed25519 key"),
                    severity: severity))
            }
        }
        return findings
    }
}
