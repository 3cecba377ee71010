import AuditCore

/// RA-CRED-002: a recoverable or guessed login secret is weak.
public struct WeakPassword: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRED-002",
        slug: "weak-password",
        title: "Weak password",
        severity: .high,
        area: .cred,
        rationale: """
            Passwords from common-password lists, passwords equal to the account name and short passwords \
            fall to the first minutes of an online guessing attack or an offline crack of the configuration.
            """,
        remediation: """
            Replace the password with a long random one (at least the policy minimum, 12 or more characters \
            recommended) and store it with a strong one-way hash.
            """,
        references: [
            .stig("CISC-ND-001130", "The network device must enforce a minimum 15-character password length"),
            .nist("IA-5(1)", "Password-based authentication"),
        ],
        dutch: LocalizedText(
            title: "Zwak wachtwoord",
            rationale: """
                Wachtwoorden uit lijsten met veelgebruikte wachtwoorden, wachtwoorden die gelijk zijn aan de \
                accountnaam en korte wachtwoorden worden binnen de eerste minuten van een online raadaanval of \
                een offline kraakpoging op de configuratie gevonden.
                """,
            remediation: """
                Vervang het wachtwoord door een lang, willekeurig wachtwoord (minstens het minimum uit het beleid; \
                12 tekens of meer aanbevolen) en sla het op met een sterke eenrichtingshash.
                """),
        examples: [
            .bad(.pfSense, """
                <pfsense>
                  <ipsec>
                    <phase1>
                      <ikeid>1</ikeid>
                      <remote-gateway>198.51.100.7</remote-gateway>
                ↓      <pre-shared-key>1234</pre-shared-key>
                      <descr>branch</descr>
                    </phase1>
                  </ipsec>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <ipsec>
                    <phase1>
                      <ikeid>1</ikeid>
                      <remote-gateway>198.51.100.7</remote-gateway>
                      <pre-shared-key>Zp4!qR8#vN2^wL6@sK0tHx9Ya3</pre-shared-key>
                      <descr>branch</descr>
                    </phase1>
                  </ipsec>
                </pfsense>
                """),
            .bad(.fortiOS, """
                config system admin
                    edit "installer"
                        set accprofile "super_admin"
                ↓        set password ENC SH2XEs6KRj35tXEs6KRjbq7uNXe/VNBzZzpzaBVuZLOTCKuHVp6Aqp0Po28LFA=
                    next
                end
                """),
            .good(.fortiOS, """
                config system admin
                    edit "installer"
                        set accprofile "super_admin"
                        set password ENC SH2obLD1OX2BxgpOktcnBLS9NPiKowWF55v+S0ECF1/Gk2ggRf3G/JDC/oRUMs=
                    next
                end
                """),
            .bad(.huaweiVRP, """
                aaa
                ↓ local-user support password simple support
                 local-user support privilege level 3
                #
                return
                """),
            .good(.huaweiVRP, """
                aaa
                 local-user support password irreversible-cipher $1a$Uq3Zq5F0y$9<]G=J2p1M.w*z3FQ0pU9eY@4V6rTb!8cW7nK^fQ$
                 local-user support privilege level 3
                #
                return
                """),
            .bad(.vyOS, """
                ↓set system login user support authentication plaintext-password 'support'
                """),
            .good(.edgeOS, """
                system {
                    login {
                        user support {
                            authentication {
                                plaintext-password "Tq8#vLm2!Wz9pR4k"
                            }
                            level operator
                        }
                    }
                }
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username ntc privilege 15 password 0 ntc123
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username backup password 0 backup
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓crypto isakmp key 1234 address 203.0.113.9
                """),
            .good(.ciscoIOS, """
                hostname cpe
                username ops privilege 15 password 0 Vq7#pL2!xR9@mK4w
                """),
            .bad(.junos, """
                set system host-name srx
                set system login user admin class super-user
                ↓set system login user admin authentication encrypted-password "$1$Xr9LpQ2a$wpN2e3nhYXqTAoY0KKUKz/"
                """),
            .good(.junos, """
                set system host-name srx
                set system login user admin class super-user
                set system login user admin authentication encrypted-password "$6$Hn4vB8qR2sLw$nexTphqCtBFdXU9jHJVs3KGUJM5PTxcSxkMKrTqz6NQajDmRwEdtQ4RXdS3zKSulS8fvZTMf6JEwUn1tKojYR1"
                """),
            .bad(.routerOS, """
                /user
                ↓add group=full name=support password=support
                """),
            .good(.routerOS, """
                /user
                add group=full name=support password=Vq7#pL2!xR9@mK4w
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.allSecrets.compactMap { stored in
            let isLogin = stored.purpose == .login || stored.purpose == .privilege || stored.purpose == .linePassword
            let assessment = context.assess(stored, vendor: config.vendor)
            // A default is reported by RA-CRED-001; an empty secret by RA-CRED-007.
            guard assessment.matchesDefault == nil, let weakness = assessment.weakness,
                  let recovered = assessment.recovered, !recovered.isEmpty else { return nil }
            return metadata.finding(
                "\(Describe.purpose(stored)) \(secret: recovered) is weak: \(weakness)",
                evidence: [stored.secret.origin], subject: Describe.subject(stored),
                fix: .replaceCredential(owner: stored.owner, purpose: stored.purpose),
                // A guessable pre-shared key or RADIUS secret matters, but less than a login.
                severity: isLogin ? nil : .medium)
        }
    }
}
