import AuditCore

/// RA-CRED-009: several accounts or services use the same secret.
public struct SharedSecret: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRED-009",
        slug: "shared-secret",
        title: "Same secret used by several accounts",
        severity: .medium,
        area: .cred,
        rationale: """
            When several accounts (or an account and the enable secret) share one password, learning it once \
            opens all of them, and logs can no longer tell who did what.
            """,
        remediation: "Give every account and the privilege secret its own password.",
        references: [.stig("CISC-ND-001470", "The network device must not have shared accounts")],
        dutch: LocalizedText(
            title: "Hetzelfde geheim voor meerdere accounts",
            rationale: """
                Als meerdere accounts (of een account en het enable-geheim) één wachtwoord delen, opent één lek ze \
                allemaal, en is in de logboeken niet meer te zien wie wat heeft gedaan.
                """,
            remediation: "Geef elk account en het privilege-geheim een eigen wachtwoord."),
        examples: [
            .bad(.pfSense, """
                <pfsense>
                  <system>
                    <user>
                      <name>alice</name>
                ↓      <bcrypt-hash>$2b$04$V/p4olR3bfdv1KnoAbdOWeotjOmvCbfDAFAJtTKC7PGStGr.cOdPy</bcrypt-hash>
                    </user>
                    <user>
                      <name>bob</name>
                ↓      <bcrypt-hash>$2b$04$V/p4olR3bfdv1KnoAbdOWeotjOmvCbfDAFAJtTKC7PGStGr.cOdPy</bcrypt-hash>
                    </user>
                  </system>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <system>
                    <user>
                      <name>alice</name>
                      <bcrypt-hash>$2b$04$V/p4olR3bfdv1KnoAbdOWeotjOmvCbfDAFAJtTKC7PGStGr.cOdPy</bcrypt-hash>
                    </user>
                    <user>
                      <name>bob</name>
                      <bcrypt-hash>$2b$04$UWdKhIsVSUcvMCdTydBH/.HU3NRT4ngZbt4iJbpVvmdyH1rLYNA8K</bcrypt-hash>
                    </user>
                  </system>
                </pfsense>
                """),
            .bad(.ciscoIOS, """
                hostname cpe
                ↓username alice privilege 15 password 0 Vq7#pL2!xR9@mK4w
                ↓username bob privilege 15 password 0 Vq7#pL2!xR9@mK4w
                """),
            .good(.ciscoIOS, """
                hostname cpe
                username alice privilege 15 password 0 Vq7#pL2!xR9@mK4w
                username bob privilege 15 password 0 Hs3$kT8&zW1^bN6q
                """),
            .bad(.junos, """
                set system host-name srx
                ↓set system login user alice authentication encrypted-password "$6$Hn4vB8qR2sLw$nexTphqCtBFdXU9jHJVs3KGUJM5PTxcSxkMKrTqz6NQajDmRwEdtQ4RXdS3zKSulS8fvZTMf6JEwUn1tKojYR1"
                ↓set system login user bob authentication encrypted-password "$6$Hn4vB8qR2sLw$nexTphqCtBFdXU9jHJVs3KGUJM5PTxcSxkMKrTqz6NQajDmRwEdtQ4RXdS3zKSulS8fvZTMf6JEwUn1tKojYR1"
                """),
            .good(.junos, """
                set system host-name srx
                set system login user alice authentication encrypted-password "$6$Hn4vB8qR2sLw$nexTphqCtBFdXU9jHJVs3KGUJM5PTxcSxkMKrTqz6NQajDmRwEdtQ4RXdS3zKSulS8fvZTMf6JEwUn1tKojYR1"
                set system login user bob authentication encrypted-password "$6$Kq7wZ2pLm9Tx$EPv8Aib/w3LVTrGq2VJOyAChdLbAF.38fvQajttPOWqc8qUM9lv7wNKmHZimZxLqXFNTOmgBRrCv5d6q6dFMv/"
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        // Group by recovered cleartext, or by the stored hash itself (same salt and digest).
        var groups: [String: [StoredSecret]] = [:]
        for stored in config.allSecrets where stored.purpose == .login || stored.purpose == .privilege {
            let key: String?
            switch stored.secret.form {
            case .hashed(_, let encoded): key = "hash:" + encoded
            case .empty: key = nil
            default: key = context.assess(stored, vendor: config.vendor).recovered.map { "plain:" + $0 }
            }
            if let key, key != "plain:" { groups[key, default: []].append(stored) }
        }
        return groups.values.filter { Set($0.map(\.owner)).count > 1 }.map { members in
            let owners = members.map(\.owner)
            return metadata.finding(
                "\(owners.count) accounts share one secret: \(owners.joined(separator: ", "))",
                evidence: members.map(\.secret.origin), subject: "shared secret " + owners.sorted().joined(separator: ","),
                fix: .replaceCredential(owner: owners.dropFirst().joined(separator: ","), purpose: .login))
        }.sorted { ($0.primarySpan?.start ?? 0) < ($1.primarySpan?.start ?? 0) }
    }
}
