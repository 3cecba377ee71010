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
        examples: [
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
