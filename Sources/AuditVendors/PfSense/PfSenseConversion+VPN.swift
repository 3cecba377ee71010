import AuditCore

/// IPsec proposals and LDAP authentication servers.
///
/// - `<ipsec><phase1>`: since pfSense 2.4.4 one `<encryption><item>` per proposal with
///   `<encryption-algorithm><name>`, `<hash-algorithm>` and `<dhgroup>`; before that one
///   `<encryption-algorithm>`, `<hash-algorithm>` and `<dhgroup>` directly in the phase 1.
/// - `<ipsec><phase2>`: every `<encryption-algorithm-option>`, every `<hash-algorithm-option>`
///   (`hmac_sha1`) and `<pfsgroup>` (0 = no PFS).
/// - `<system><authserver>` of type `ldap`: `<ldap_urltype>` says the transport ("Standard TCP" or
///   "TCP - Standard", "STARTTLS Encrypted" or "TCP - STARTTLS", "SSL/TLS Encrypted" or
///   "SSL - Encrypted"); the form's default is standard TCP.
extension PfSenseConversion {
    mutating func convertVPNProposals() {
        guard let ipsec = section("ipsec") else { return }
        for phase1 in children(ipsec, "phase1") where !isSet(phase1, "disabled") {
            let name = "phase1 \(nonEmpty(phase1, "descr") ?? nonEmpty(phase1, "ikeid") ?? "?")"
            var items = child(phase1, "encryption").map { children($0, "item") } ?? []
            if items.isEmpty, child(phase1, "encryption-algorithm") != nil { items = [phase1] }
            for item in items {
                var proposal = CryptoProposal(phase: .ike, name: name, origin: blockOrigin(item))
                if let algorithm = child(item, "encryption-algorithm"), let cipher = child(algorithm, "name") {
                    proposal.encryption.append(Sourced(text(cipher).lowercased(), origin(cipher)))
                }
                if let hash = child(item, "hash-algorithm") {
                    for word in Self.list(text(hash)) { proposal.integrity.append(Sourced(word.lowercased(), origin(hash))) }
                }
                if let group = child(item, "dhgroup") {
                    for word in Self.list(text(group)) {
                        if let number = Int(word) { proposal.dhGroups.append(Sourced(number, origin(group))) }
                    }
                }
                config.cryptoProposals.append(proposal)
            }
        }
        for phase2 in children(ipsec, "phase2") where !isSet(phase2, "disabled") {
            let name = "phase2 \(nonEmpty(phase2, "descr") ?? nonEmpty(phase2, "uniqid") ?? "?")"
            var proposal = CryptoProposal(phase: .ipsec, name: name, origin: blockOrigin(phase2))
            for option in children(phase2, "encryption-algorithm-option") {
                if let cipher = child(option, "name") {
                    proposal.encryption.append(Sourced(text(cipher).lowercased(), origin(cipher)))
                }
            }
            for option in children(phase2, "hash-algorithm-option") {
                proposal.integrity.append(Sourced(text(option).lowercased(), origin(option)))
            }
            if let group = child(phase2, "pfsgroup"), let number = Int(text(group)), number > 0 {
                proposal.dhGroups.append(Sourced(number, origin(group)))
            }
            config.cryptoProposals.append(proposal)
        }
    }

    mutating func convertAuthServers() {
        guard let system = section("system") else { return }
        for server in children(system, "authserver") {
            guard let type = value(server, "type")?.lowercased(), type == "ldap" || type == "radius" else { continue }
            var entry = AuthServer(kind: type == "ldap" ? .ldap : .radius, name: nonEmpty(server, "name") ?? "?",
                                   host: nonEmpty(server, "host"), origin: blockOrigin(server))
            if type == "ldap" {
                if let urltype = child(server, "ldap_urltype") {
                    entry.transport = Sourced(Self.ldapTransport(text(urltype)), origin(urltype))
                } else {
                    entry.transport = Sourced(.cleartext, vendorDefault(
                        "an LDAP server without a transport uses standard TCP (the form's default)"))
                }
            }
            config.authServers.append(entry)
        }
    }

    /// OpenVPN servers name the servers that check their users in `<authmode>` (a list; `Local
    /// Database` is built in); a name no `<authserver>` carries leaves the VPN without its check.
    mutating func convertAuthReferences() {
        guard let openvpn = section("openvpn") else { return }
        for server in children(openvpn, "openvpn-server") {
            guard let mode = child(server, "authmode") else { continue }
            let names = text(mode).split(separator: ",").map(Self.trimmedName).filter { !$0.isEmpty && $0 != "Local Database" }
            for name in names {
                config.references.append(ObjectReference(
                    kind: .authServer, name: name, context: "openvpn server \(value(server, "vpnid") ?? "?") authmode",
                    filtersTraffic: false, origin: origin(mode)))
            }
        }
    }

    static func trimmedName(_ text: Substring) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    static func ldapTransport(_ urltype: String) -> AuthServer.Transport {
        let lower = urltype.lowercased()
        if lower.contains("starttls") { return .startTLS }
        if lower.contains("ssl") || lower.contains("tls") { return .tls }
        return .cleartext
    }
}
