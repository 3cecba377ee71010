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
        examples: [
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
