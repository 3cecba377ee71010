import AuditCore

/// RA-CRED-008: a login secret is hashed with an algorithm that is cheap to crack.
public struct WeakHashAlgorithm: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRED-008",
        slug: "weak-hash-algorithm",
        title: "Password hash algorithm is weak",
        severity: .low,
        area: .cred,
        rationale: """
            Cisco type 4 is a single unsalted SHA-256 (broken by design); MD5-crypt (Cisco type 5, `$1$`) and \
            FortiOS AK1 (salted SHA-1) run at millions of guesses per second on one GPU. A leaked configuration \
            then gives up every password short of a long random one.
            """,
        remediation: """
            Re-set the secret so the device stores it with its strongest algorithm: Cisco `algorithm-type scrypt` \
            (type 9), Junos and Linux-based systems SHA-512-crypt (`$6$`), FortiOS SH2.
            """,
        references: [
            .stig("CISC-ND-000470", "The network device must only store cryptographic representations of passwords using approved algorithms"),
            .nist("IA-5(1)(c)", "Store passwords using an approved salted key derivation function"),
        ],
        dutch: LocalizedText(
            title: "Zwak hash-algoritme voor wachtwoorden",
            rationale: """
                Cisco type 4 is één SHA-256 zonder salt (in opzet al gebroken); MD5-crypt (Cisco type 5, `$1$`) en \
                FortiOS AK1 (SHA-1 met salt) halen op één GPU miljoenen pogingen per seconde. Een uitgelekte \
                configuratie geeft dan elk wachtwoord prijs dat niet lang en willekeurig is.
                """,
            remediation: """
                Stel het geheim opnieuw in, zodat het apparaat het met zijn sterkste algoritme opslaat: Cisco \
                `algorithm-type scrypt` (type 9), Junos en Linux-systemen SHA-512-crypt (`$6$`), FortiOS SH2.
                """),
        examples: [
            .bad(.opnSense, """
                <opnsense>
                  <system>
                    <user>
                      <name>backup</name>
                ↓      <password>$1$rsBG8ZFN$1SXm1mobrwgplv2knzczE/</password>
                      <uid>2000</uid>
                    </user>
                  </system>
                </opnsense>
                """),
            .good(.opnSense, """
                <opnsense>
                  <system>
                    <user>
                      <name>backup</name>
                      <password>$2b$04$V/p4olR3bfdv1KnoAbdOWeotjOmvCbfDAFAJtTKC7PGStGr.cOdPy</password>
                      <uid>2000</uid>
                    </user>
                  </system>
                </opnsense>
                """),
            .bad(.fortiOS, """
                config system admin
                    edit "ops"
                        set accprofile "super_admin"
                ↓        set password ENC AK1fm1cSzopGAcWJTRD3FxnBm2SFHIpw8emCZ6k0jfVTXY=
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
            .bad(.edgeOS, """
                system {
                    login {
                        user netadmin {
                            authentication {
                                ↓encrypted-password $1$Qz8Lm3Xa$xhBTJirIYKXtpLuT0Ou.i1
                            }
                        }
                    }
                }
                """),
            .good(.vyOS, """
                set system login user netadmin authentication encrypted-password '$6$Jq7Wm2Xc9Rt4Kp1z$RlikAilA9b4Gwm/budzI2aIdhAhr5P3EE3LRA1mGYLa3eAOo6UNf1V0oKmdPllDdTBfb2.yqMQvB.e1g1Zgnb.'
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓enable secret 4 tnhtc92DXBhelxjYk8LWJrPV36S2i4ntXrpb4RFmfqY
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username admin privilege 15 secret 5 $1$Nb9G$YhcgULcYmSTPLKtxlDd76/
                """),
            .good(.ciscoIOS, """
                hostname cpe
                username admin privilege 15 secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM
                """),
            .bad(.junos, """
                set system host-name srx
                ↓set system root-authentication encrypted-password "$1$Ty7uN1bx$ssH.v4E/0QVn0Azb4JXYo/"
                """),
            .good(.junos, """
                set system host-name srx
                set system root-authentication encrypted-password "$6$Kq7wZ2pLm9Tx$EPv8Aib/w3LVTrGq2VJOyAChdLbAF.38fvQajttPOWqc8qUM9lv7wNKmHZimZxLqXFNTOmgBRrCv5d6q6dFMv/"
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.allSecrets.compactMap { stored in
            guard case .hashed(let scheme, _) = stored.secret.form, scheme.isWeak else { return nil }
            let broken = scheme == .ciscoType4 || scheme == .desCrypt
            return metadata.finding(
                "\(Describe.purpose(stored)) is hashed with \(Self.name(scheme))\(broken ? ", which is broken" : ", which is fast to crack")",
                evidence: [stored.secret.origin], subject: Describe.subject(stored),
                fix: .hashSecret(owner: stored.owner, purpose: stored.purpose),
                severity: broken ? .high : nil)
        }
    }

    static func name(_ scheme: HashScheme) -> String {
        switch scheme {
        case .ciscoType4: "cisco type 4 (unsalted sha-256)"
        case .md5crypt: "md5-crypt (type 5, $1$)"
        case .fortiosAK1: "fortios ak1 (salted sha-1)"
        case .desCrypt: "traditional des crypt"
        default: scheme.rawValue
        }
    }
}
