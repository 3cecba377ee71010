import AuditCore

/// RA-CRED-001: a login or privilege secret equals a published vendor default.
public struct DefaultCredential: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRED-001",
        slug: "default-credential",
        title: "Default credential in use",
        severity: .high,
        area: .cred,
        rationale: """
            Default usernames and passwords are published in manuals and in every attacker's word list. \
            A router that still accepts one can be taken over by anyone who reaches its login, which is \
            how most compromised customer-premises routers are lost.
            """,
        remediation: """
            Set a unique, long password (or a key) for the account, stored with the strongest hash the \
            device offers, and remove factory accounts that are not needed.
            """,
        references: [
            .cis("1.1", "Local authentication, authorization and accounting rules"),
            .stig("CISC-ND-001470", "The network device must not have default or shared accounts"),
            .nist("IA-5(1)", "Password-based authentication"),
        ],
        dutch: LocalizedText(
            title: "Standaardinloggegevens in gebruik",
            rationale: """
                Standaardgebruikersnamen en -wachtwoorden staan in handleidingen en in de woordenlijst van elke \
                aanvaller. Een router die er nog een accepteert, kan worden overgenomen door iedereen die het \
                inlogscherm bereikt; zo raken de meeste gehackte routers bij klanten in verkeerde handen.
                """,
            remediation: """
                Stel voor het account een uniek, lang wachtwoord (of een sleutel) in, opgeslagen met de sterkste \
                hash die het apparaat biedt, en verwijder fabrieksaccounts die niet nodig zijn.
                """),
        examples: [
            .bad(.zyxel, """
                hostname usg
                ↓username admin password 1234 user-type admin
                """),
            .good(.zyxel, """
                hostname usg
                username admin encrypted-password $6$Jq7Wm2Xc9Rt4Kp1z$RlikAilA9b4Gwm/budzI2aIdhAhr5P3EE3LRA1mGYLa3eAOo6UNf1V0oKmdPllDdTBfb2.yqMQvB.e1g1Zgnb. user-type admin
                """),
            // No line to point at: a Vigor keeps admin/admin until `sys passwd` changes it.
            .bad(.drayTek, """
                # no `sys passwd`: the factory login admin/admin stays
                upnp off
                """),
            .good(.drayTek, """
                sys passwd admin Kq7!vR2#mP9xW4zL
                """),
            .bad(.pfSense, """
                <pfsense>
                  <system>
                    <user>
                      <name>admin</name>
                      <groupname>admins</groupname>
                ↓      <bcrypt-hash>$2y$10$AMCpA.Z.RNaferLp1yzFq.BvaGgfqaJKtQug7OErbocyNagsEK6xW</bcrypt-hash>
                      <uid>0</uid>
                    </user>
                  </system>
                </pfsense>
                """),
            .good(.opnSense, """
                <opnsense>
                  <system>
                    <user>
                      <name>root</name>
                      <groupname>admins</groupname>
                      <password>$2b$04$V/p4olR3bfdv1KnoAbdOWeotjOmvCbfDAFAJtTKC7PGStGr.cOdPy</password>
                      <uid>0</uid>
                    </user>
                  </system>
                </opnsense>
                """),
            .bad(.huaweiVRP, """
                aaa
                ↓ local-user admin password simple admin@huawei.com
                 local-user admin privilege level 15
                #
                return
                """),
            .good(.huaweiVRP, """
                aaa
                 local-user admin password irreversible-cipher $1a$Uq3Zq5F0y$9<]G=J2p1M.w*z3FQ0pU9eY@4V6rTb!8cW7nK^fQ$
                 local-user admin privilege level 15
                #
                return
                """),
            .good(.fortiOS, """
                config system admin
                    edit "admin"
                        set accprofile "super_admin"
                        set password ENC SH2obLD1OX2BxgpOktcnBLS9NPiKowWF55v+S0ECF1/Gk2ggRf3G/JDC/oRUMs=
                    next
                end
                """),
            .bad(.edgeOS, """
                system {
                    login {
                        user ubnt {
                            authentication {
                                ↓encrypted-password $1$zKNoUbAo$gomzUbYvgyUMcD436Wo66.
                                plaintext-password ""
                            }
                            level admin
                        }
                    }
                }
                """),
            .bad(.vyOS, """
                ↓set system login user vyos authentication encrypted-password '$6$O5gJRlDYQpj$MtrCV9lxMnZPMbcxlU7.FI793MImNHznxGoMFgm3Q6QP3vfKJyOSRCt3Ka/GzFQyW1yZS4NS616NLHaIPPFHc0'
                set system login user vyos authentication plaintext-password ''
                """),
            .good(.vyOS, """
                set system login user netadmin authentication encrypted-password '$6$Jq7Wm2Xc9Rt4Kp1z$RlikAilA9b4Gwm/budzI2aIdhAhr5P3EE3LRA1mGYLa3eAOo6UNf1V0oKmdPllDdTBfb2.yqMQvB.e1g1Zgnb.'
                set system login user netadmin authentication plaintext-password ''
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username cisco privilege 15 password 0 cisco
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0
                """),
            .good(.ciscoIOS, """
                hostname cpe
                username admin privilege 15 secret 5 $1$Nb9G$YhcgULcYmSTPLKtxlDd76/
                """),
            .good(.openWrt, """
                root:$6$kFJf3Qm1$YMYc08//.njmmyku9di0yqWc1BRghGR02DqvNHr.kKQc.YDaIGl6VpJjJLICcDs7I2FDOh/wAb16hz1PMRvT8.:19000:0:99999:7:::
                """),
            .bad(.junos, """
                set system host-name srx
                set system login user super class super-user
                ↓set system login user super authentication encrypted-password "$1$Vb3kQ8tz$B0OZoGZCy5MLM6aoYbTc60"
                """),
            .good(.junos, """
                set system host-name srx
                set system login user super class super-user
                set system login user super authentication encrypted-password "$6$Hn4vB8qR2sLw$nexTphqCtBFdXU9jHJVs3KGUJM5PTxcSxkMKrTqz6NQajDmRwEdtQ4RXdS3zKSulS8fvZTMf6JEwUn1tKojYR1"
                """),
            .bad(.routerOS, """
                /user
                ↓set admin password=admin
                """),
            .good(.routerOS, """
                /user
                set admin password=Vq7#pL2!xR9@mK4w
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        let exposed = WANExposure.loginReachableFromWAN(config)
        return config.allSecrets.compactMap { stored in
            guard stored.purpose == .login || stored.purpose == .privilege || stored.purpose == .linePassword else { return nil }
            let assessment = context.assess(stored, vendor: config.vendor)
            guard let which = assessment.matchesDefault else { return nil }
            let recovered = assessment.recovered ?? ""
            let text: FindingText = recovered.isEmpty
                ? "\(Describe.purpose(stored)) is empty, the \(which)"
                : "\(Describe.purpose(stored)) is \(secret: recovered), the \(which)"
            return metadata.finding(
                text, evidence: [stored.secret.origin], subject: Describe.subject(stored),
                fix: .replaceCredential(owner: stored.owner, purpose: stored.purpose),
                severity: exposed ? .critical : nil)
        }
    }
}
