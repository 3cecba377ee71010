import AuditCore

/// `security ike` and `security ipsec`: the algorithms of IKE and IPsec proposals, the PFS group of
/// IPsec policies, and the predefined proposal sets a policy may name instead of proposals. The
/// statements stay understood through the neutral `security` stanzas; this only reads them.
extension JunosConverter {
    /// What the predefined `proposal-set` names expand to (Junos "proposal-set (Security IKE)" and
    /// "proposal-set (Security IPsec)"): encryption, integrity and DH/PFS groups, per phase.
    static let junosProposalSets: [ProposalPhase: [String: (encryption: [String], integrity: [String], groups: [Int])]] = [
        .ike: [
            "basic": (["des-cbc"], ["sha1", "md5"], [1]),
            "compatible": (["3des-cbc", "des-cbc"], ["sha1", "md5"], [2]),
            "standard": (["aes-128-cbc", "3des-cbc"], ["sha1"], [2]),
        ],
        .ipsec: [
            "basic": (["des-cbc"], ["hmac-sha1-96", "hmac-md5-96"], []),
            "compatible": (["3des-cbc", "des-cbc"], ["hmac-sha1-96", "hmac-md5-96"], []),
            "standard": (["aes-128-cbc", "3des-cbc"], ["hmac-sha1-96"], [2]),
        ],
    ]

    mutating func readVPNProposals() {
        for (phase, stanza) in [(ProposalPhase.ike, "ike"), (.ipsec, "ipsec")] {
            guard let section = tree.path(Self.root, "security", stanza) else { continue }
            if let proposals = tree.child(section, "proposal") {
                for proposal in children(proposals) { readProposal(proposal, phase: phase) }
            }
            if let policies = tree.child(section, "policy") {
                for policy in children(policies) { readProposalPolicy(policy, phase: phase) }
            }
        }
    }

    private mutating func readProposal(_ node: Int32, phase: ProposalPhase) {
        func values(_ keyword: String) -> [Sourced<String>] {
            guard let key = tree.child(node, keyword) else { return [] }
            return children(key).map { Sourced(text($0).lowercased(), source($0)) }
        }
        let groups: [Sourced<Int>] = values("dh-group").compactMap { group in
            Self.junosGroupNumber(group.value).map { Sourced($0, group.origin) }
        }
        device.cryptoProposals.append(CryptoProposal(
            phase: phase, name: "\(phase.rawValue) proposal \(text(node))",
            encryption: values("encryption-algorithm"), integrity: values("authentication-algorithm"),
            dhGroups: groups, origin: .source(blockSpan(node))))
    }

    /// An IKE or IPsec policy: its `proposal-set` and, for IPsec, `perfect-forward-secrecy keys`.
    private mutating func readProposalPolicy(_ node: Int32, phase: ProposalPhase) {
        var groups: [Sourced<Int>] = []
        if phase == .ipsec, let keys = tree.path(node, "perfect-forward-secrecy", "keys"), let group = tree.firstChild(keys),
           let number = Self.junosGroupNumber(text(group)) {
            groups.append(Sourced(number, source(group)))
        }
        var encryption: [Sourced<String>] = []
        var integrity: [Sourced<String>] = []
        if let setNode = tree.value(node, "proposal-set") {
            if let set = Self.junosProposalSets[phase]?[text(setNode)] {
                let origin = source(setNode)
                encryption = set.encryption.map { Sourced($0, origin) }
                integrity = set.integrity.map { Sourced($0, origin) }
                // A set's own PFS group applies only when the policy names none.
                if groups.isEmpty { groups = set.groups.map { Sourced($0, origin) } }
            }
        }
        guard !groups.isEmpty || !encryption.isEmpty else { return }
        device.cryptoProposals.append(CryptoProposal(
            phase: phase, name: "\(phase.rawValue) policy \(text(node))", encryption: encryption,
            integrity: integrity, dhGroups: groups, origin: .source(blockSpan(node))))
    }

    /// `group14` → 14.
    static func junosGroupNumber(_ word: String) -> Int? {
        guard word.hasPrefix("group") else { return nil }
        return Int(word.dropFirst(5))
    }
}
