import AuditCore

/// RA-MGMT-007: the SSH server accepts password logins for root.
public struct SSHRootPasswordLogin: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-MGMT-007",
        slug: "ssh-root-password-login",
        title: "SSH accepts root password logins",
        severity: .medium,
        area: .mgmt,
        rationale: """
            Password logins for root are what SSH brute-force bots try first. With keys installed, password \
            authentication (and root password authentication in particular) only adds risk.
            """,
        remediation: """
            Install an SSH key for root and set dropbear `PasswordAuth 'off'` and `RootPasswordAuth 'off'` \
            (OpenWrt), or the platform's equivalent.
            """,
        references: [.stig("SRG-APP-000149", "Use multifactor or key-based authentication for privileged accounts")],
        dutch: LocalizedText(
            title: "SSH staat inloggen als root met een wachtwoord toe",
            rationale: """
                Inloggen als root met een wachtwoord is het eerste wat SSH-bots proberen. Als er sleutels zijn \
                geïnstalleerd, voegt inloggen met een wachtwoord (en zeker voor root) alleen risico toe.
                """,
            remediation: """
                Installeer een SSH-sleutel voor root en zet in dropbear `PasswordAuth 'off'` en \
                `RootPasswordAuth 'off'` (OpenWrt), of de overeenkomstige instelling op het platform.
                """),
        examples: [
            .bad(.pfSense, """
                <pfsense>
                  <system>
                    <ssh>
                ↓      <enable>enabled</enable>
                    </ssh>
                  </system>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <system>
                    <ssh>
                      <enable>enabled</enable>
                      <sshdkeyonly>enabled</sshdkeyonly>
                    </ssh>
                  </system>
                </pfsense>
                """),
            .bad(.opnSense, """
                <opnsense>
                  <system>
                    <ssh>
                      <enabled>enabled</enabled>
                ↓      <permitrootlogin>1</permitrootlogin>
                ↓      <passwordauth>1</passwordauth>
                    </ssh>
                  </system>
                </opnsense>
                """),
            .good(.opnSense, """
                <opnsense>
                  <system>
                    <ssh>
                      <enabled>enabled</enabled>
                      <interfaces>lan</interfaces>
                    </ssh>
                  </system>
                </opnsense>
                """),
            .bad(.edgeOS, """
                service {
                    ssh {
                        ↓allow-root
                        port 22
                    }
                }
                """),
            .good(.vyOS, """
                set service ssh port '22'
                """),
            .bad(.openWrt, """
                config dropbear
                ↓	option PasswordAuth 'on'
                ↓	option RootPasswordAuth 'on'
                	option Port '22'
                """),
            .good(.openWrt, """
                config dropbear
                	option PasswordAuth 'off'
                	option RootPasswordAuth 'off'
                	option Port '22'
                """),
            .bad(.junos, """
                set system host-name srx
                ↓set system services ssh root-login allow
                """),
            .good(.junos, """
                set system host-name srx
                set system services ssh root-login deny
                """),
        ]
    )

    static func isOn(_ value: String) -> Bool { ["1", "on", "true", "yes", "enabled"].contains(value.lowercased()) }

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        guard let ssh = config.service(.ssh), ssh.enabled.value,
              let password = ssh.settings["PasswordAuth"], let root = ssh.settings["RootPasswordAuth"],
              Self.isOn(password.value), Self.isOn(root.value) else { return [] }
        let defaults = password.origin.isVendorDefault && root.origin.isVendorDefault ? " by default" : ""
        return [metadata.finding(
            "ssh server accepts password logins for root\(defaults) (PasswordAuth and RootPasswordAuth on)",
            evidence: [password.origin, root.origin].filter { !$0.isVendorDefault } + (defaults.isEmpty ? [] : [ssh.enabled.origin]),
            subject: "service ssh", fix: .manual("install an SSH key for root, then turn PasswordAuth and RootPasswordAuth off"))]
    }
}
