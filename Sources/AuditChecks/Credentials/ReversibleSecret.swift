import AuditCore

/// RA-CRED-004: a secret stored with an encoding anyone can reverse (Cisco type 7).
public struct ReversibleSecret: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRED-004",
        slug: "reversible-secret",
        title: "Secret stored with a reversible encoding",
        severity: .medium,
        area: .cred,
        rationale: """
            Cisco type 7 and similar encodings use a fixed public key; free tools decode them instantly. \
            They only hide a password from someone looking over a shoulder.
            """,
        remediation: """
            Store login and enable secrets with a one-way hash (`secret 9` / `algorithm-type scrypt`). For \
            secrets the device must send to a peer (PPP, FTP), limit who receives configuration copies and \
            rotate the secret.
            """,
        references: [
            .stig("CISC-ND-000470", "The network device must only store cryptographic representations of passwords"),
        ],
        dutch: LocalizedText(
            title: "Geheim opgeslagen met een omkeerbare codering",
            rationale: """
                Cisco type 7 en vergelijkbare coderingen gebruiken een vaste, openbare sleutel; gratis tools zetten \
                ze direct terug. Ze verbergen een wachtwoord alleen voor wie over de schouder meekijkt.
                """,
            remediation: """
                Sla inlog- en enable-geheimen op met een eenrichtingshash (`secret 9` / `algorithm-type scrypt`). \
                Voor geheimen die het apparaat aan een andere partij moet doorgeven (PPP, FTP): beperk wie kopieën \
                van de configuratie krijgt en vervang het geheim.
                """),
        examples: [
            .bad(.zyxel, """
                ↓username shop encrypted-password $4$Ut6kXcW9$qJ3bV8mN2rL5tY7wZ1xA4c$ user-type user
                """),
            .good(.zyxel, """
                username shop encrypted-password $6$Jq7Wm2Xc9Rt4Kp1z$RlikAilA9b4Gwm/budzI2aIdhAhr5P3EE3LRA1mGYLa3eAOo6UNf1V0oKmdPllDdTBfb2.yqMQvB.e1g1Zgnb. user-type user
                """),
            .bad(.fortiOS, """
                config user local
                    edit "shopvpn"
                        set type password
                ↓        set passwd ENC mot8bcegiXDkN3o2rxnIreu9mbY=
                    next
                end
                """),
            .good(.fortiOS, """
                config system global
                    set private-data-encryption enable
                end
                config user local
                    edit "shopvpn"
                        set type password
                        set passwd ENC mot8bcegiXDkN3o2rxnIreu9mbY=
                    next
                end
                """),
            .bad(.huaweiVRP, """
                aaa
                ↓ local-user admin password cipher %^%#Hq8YV0]kf=*h]g8~aQeY}6U"Hb:~iTqsBl!XnCV5%^%#
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
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username ddclient password 7 107D3D232342041E3A
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓enable password 7 02050D480809
                """),
            .good(.ciscoIOS, """
                hostname cpe
                username ddclient secret 5 $1$Nb9G$YhcgULcYmSTPLKtxlDd76/
                """),
            .bad(.junos, """
                set system host-name srx
                ↓set security ike policy office-vpn pre-shared-key ascii-text "$9$ApQxu01EclKvLO1hrlv7NZUDHfQz3/0BRTQEcSyKvoJZj.P"
                """),
            .good(.junos, """
                set system host-name srx
                set system login user admin authentication encrypted-password "$6$Hn4vB8qR2sLw$nexTphqCtBFdXU9jHJVs3KGUJM5PTxcSxkMKrTqz6NQajDmRwEdtQ4RXdS3zKSulS8fvZTMf6JEwUn1tKojYR1"
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.allSecrets.compactMap { stored in
            guard case .reversible(let scheme, _) = stored.secret.form else { return nil }
            let assessment = context.assess(stored, vendor: config.vendor)
            let decoded: FindingText = assessment.recovered.map { " (decodes to \(secret: $0))" } ?? ""
            var message: FindingText = "\(Describe.purpose(stored)) uses reversible \(Describe.scheme(scheme)) encoding"
            message.segments += decoded.segments
            return metadata.finding(
                message, evidence: [stored.secret.origin], subject: Describe.subject(stored),
                fix: .hashSecret(owner: stored.owner, purpose: stored.purpose))
        }
    }
}
