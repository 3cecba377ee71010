import AuditCore

/// RA-CRED-003: a secret stored as typed, readable by anyone who sees the configuration.
public struct CleartextSecret: Check {
    public init() {}

    /// Platforms whose configuration format can hold service secrets (Wi-Fi keys, PPPoE) only in
    /// cleartext: reporting them would be a finding nobody can fix.
    static let cleartextOnlyServicePlatforms: Set<VendorID> = [.openWrt, .routerOS]

    public let metadata = CheckDescription(
        id: "RA-CRED-003",
        slug: "cleartext-secret",
        title: "Secret stored in cleartext",
        severity: .medium,
        area: .cred,
        rationale: """
            Configurations are copied into backups, tickets and e-mails. A password stored in cleartext \
            (Cisco type 0) is disclosed to everyone who ever sees a copy.
            """,
        remediation: """
            Store login secrets with a one-way hash (Cisco `secret` with type 8 or 9 instead of `password`), \
            and rotate any secret that was stored in cleartext.
            """,
        references: [
            .cis("2.1.1", "Set 'service password-encryption'"),
            .stig("CISC-ND-000470", "The network device must only store cryptographic representations of passwords"),
        ],
        dutch: LocalizedText(
            title: "Geheim onversleuteld opgeslagen",
            rationale: """
                Configuraties belanden in back-ups, tickets en e-mails. Een wachtwoord dat onversleuteld is \
                opgeslagen (Cisco type 0) ligt open voor iedereen die ooit een kopie ziet.
                """,
            remediation: """
                Sla inloggeheimen op met een eenrichtingshash (Cisco `secret` met type 8 of 9 in plaats van \
                `password`) en vervang elk geheim dat onversleuteld opgeslagen was.
                """),
        examples: [
            .good(.pfSense, """
                <pfsense>
                  <system>
                    <user>
                      <name>admin</name>
                      <bcrypt-hash>$2b$04$V/p4olR3bfdv1KnoAbdOWeotjOmvCbfDAFAJtTKC7PGStGr.cOdPy</bcrypt-hash>
                      <uid>0</uid>
                    </user>
                  </system>
                </pfsense>
                """),
            .bad(.fortiOS, """
                config system admin
                    edit "ops"
                        set accprofile "super_admin"
                ↓        set password Vq7#pL2!xR9@mK4w
                    next
                end
                """),
            .good(.fortiOS, """
                config system admin
                    edit "ops"
                        set accprofile "super_admin"
                        set password ENC SH2obLD1OX2BxgpOktcnBLS9NPiKowWF55v+S0ECF1/Gk2ggRf3G/JDC/oRUMs=
                    next
                end
                """),
            .bad(.huaweiVRP, """
                aaa
                ↓ local-user ops password irreversible-cipher Vq7#pL2!xR9@mK4w
                 local-user ops privilege level 15
                #
                return
                """),
            .bad(.huaweiVRP, """
                aaa
                ↓ local-user ops password simple Vq7#pL2!xR9@mK4w
                #
                return
                """),
            .good(.huaweiVRP, """
                aaa
                 local-user ops password irreversible-cipher $1a$Uq3Zq5F0y$9<]G=J2p1M.w*z3FQ0pU9eY@4V6rTb!8cW7nK^fQ$
                 local-user ops privilege level 15
                #
                return
                """),
            .bad(.edgeOS, """
                system {
                    login {
                        user support {
                            authentication {
                                ↓plaintext-password "Tq8#vLm2!Wz9pR4k"
                            }
                            level operator
                        }
                    }
                }
                """),
            .bad(.vyOS, """
                set interfaces ethernet eth0 pppoe 0 user-id 'customer'
                ↓set interfaces ethernet eth0 pppoe 0 password 'Xr7!pQ2mWz9k'
                """),
            .good(.vyOS, """
                set system login user netadmin authentication encrypted-password '$6$Jq7Wm2Xc9Rt4Kp1z$RlikAilA9b4Gwm/budzI2aIdhAhr5P3EE3LRA1mGYLa3eAOo6UNf1V0oKmdPllDdTBfb2.yqMQvB.e1g1Zgnb.'
                set system login user netadmin authentication plaintext-password ''
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username ntc privilege 15 password 0 Vq7#pL2!xR9@mK4w
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                line vty 0 4
                ↓ password Vq7#pL2!xR9@mK4w
                 login
                """),
            .good(.ciscoIOS, """
                hostname cpe
                username ntc privilege 15 secret 5 $1$Nb9G$YhcgULcYmSTPLKtxlDd76/
                """),
            .bad(.junos, """
                set system host-name srx
                ↓set security ike policy office-vpn pre-shared-key ascii-text "Branch-VPN-2023"
                """),
            .good(.junos, """
                set system host-name srx
                set system login user admin authentication encrypted-password "$6$Hn4vB8qR2sLw$nexTphqCtBFdXU9jHJVs3KGUJM5PTxcSxkMKrTqz6NQajDmRwEdtQ4RXdS3zKSulS8fvZTMf6JEwUn1tKojYR1"
                """),
            .bad(.routerOS, """
                /user
                ↓add group=full name=ops password=Vq7#pL2!xR9@mK4w
                """),
            // An export that does not show the password: unknown, not reported.
            .good(.routerOS, """
                /user
                add group=full name=ops
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.allSecrets.compactMap { stored in
            guard case .cleartext(let plain) = stored.secret.form, !plain.isEmpty else { return nil }
            let isService: Bool
            if case .service = stored.purpose { isService = true } else { isService = false }
            if isService && Self.cleartextOnlyServicePlatforms.contains(config.vendor) { return nil }
            // A line that declares a hashed or encrypted form but holds the password as typed.
            let declared = stored.secret.declaredForm.map { " although the line declares it \($0)" } ?? ""
            return metadata.finding(
                "\(Describe.purpose(stored)) is stored in cleartext\(declared)",
                evidence: [stored.secret.origin], subject: Describe.subject(stored),
                fix: .hashSecret(owner: stored.owner, purpose: stored.purpose),
                severity: isService ? .low : nil)
        }
    }
}
