import AuditCore

/// IPsec proposals and the NTP server. Both products write the same `vpn ipsec` tree:
///
/// - `ike-group G proposal N { dh-group 14; encryption aes256; hash sha256 }` (IKE phase 1);
/// - `esp-group G proposal N { encryption aes256; hash sha256 }` with `pfs dh-groupN` (phase 2;
///   `pfs enable` reuses the IKE group, `pfs disable` has none);
/// - VyOS `service ntp allow-client address P` (1.3+) or `system ntp allow-clients address P`
///   (1.2): the clients the NTP server answers.
extension VyattaConversion {
    mutating func convertVPNProposals() {
        guard let ipsec = tree.path(VyattaTree.root, "vpn", "ipsec") else { return }
        if let groups = tree.child(ipsec, "ike-group") {
            for group in tree.children(groups) {
                for proposal in proposals(of: group) {
                    config.cryptoProposals.append(readProposal(proposal, phase: .ike, group: group))
                }
            }
        }
        if let groups = tree.child(ipsec, "esp-group") {
            for group in tree.children(groups) {
                for proposal in proposals(of: group) {
                    var read = readProposal(proposal, phase: .ipsec, group: group)
                    if let pfs = tree.value(group, "pfs"), let number = Self.groupNumber(tree.word(pfs)) {
                        read.dhGroups.append(Sourced(number, tree.origin(pfs)))
                    }
                    config.cryptoProposals.append(read)
                }
            }
        }
    }

    private func proposals(of group: Int32) -> [Int32] {
        tree.child(group, "proposal").map { Array(tree.children($0)) } ?? []
    }

    private func readProposal(_ proposal: Int32, phase: ProposalPhase, group: Int32) -> CryptoProposal {
        func values(_ key: String) -> [Sourced<String>] {
            tree.values(proposal, key).map { Sourced(tree.word($0).lowercased(), tree.origin($0)) }
        }
        let groups: [Sourced<Int>] = tree.values(proposal, "dh-group").compactMap { node in
            Self.groupNumber(tree.word(node)).map { Sourced($0, tree.origin(node)) }
        }
        let kind = phase == .ike ? "ike-group" : "esp-group"
        return CryptoProposal(
            phase: phase, name: "\(kind) \(tree.word(group)) proposal \(tree.word(proposal))",
            encryption: values("encryption"), integrity: values("hash"), dhGroups: groups,
            origin: .source(tree.blockSpan(proposal)))
    }

    /// `2`, `dh-group2` → 2; `enable`/`disable` → nil.
    static func groupNumber(_ word: Substring) -> Int? {
        Int(word.hasPrefix("dh-group") ? word.dropFirst(8) : word)
    }

    mutating func convertNTPServer() {
        let root = VyattaTree.root
        let holders: [(Int32, String)] = [
            (tree.path(root, "service", "ntp"), "allow-client"),
            (tree.path(root, "system", "ntp"), "allow-clients"),
        ].compactMap { node, key in node.map { ($0, key) } }
        for (ntp, key) in holders {
            guard let allow = tree.child(ntp, key) else { continue }
            let nodes = tree.values(allow, "address")
            guard !nodes.isEmpty else { continue }
            let prefixes = nodes.compactMap { VyattaValues.prefix(tree.word($0)) }
            config.ntpServer = NTPServer(enabled: Sourced(true, tree.origin(ntp)),
                                         allowedClients: Sourced(prefixes, provenance(nodes)))
        }
    }
}
