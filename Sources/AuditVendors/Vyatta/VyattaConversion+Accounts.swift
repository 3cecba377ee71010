import AuditCore

/// Accounts and stored secrets.
///
/// `system login user NAME authentication { encrypted-password X; plaintext-password Y }`: a saved
/// configuration keeps the crypt hash in `encrypted-password` and writes `plaintext-password ""`
/// as a placeholder, so an empty plaintext next to a hash is no password at all; a non-empty
/// plaintext is what the device will hash when it loads the file, so it is the credential (in
/// cleartext). EdgeOS users have `level admin` (the default) or `operator`; every VyOS user is an
/// administrator (VyOS has no privilege levels).
///
/// Secrets elsewhere are found by key anywhere in the tree (PPPoE, OpenVPN, WireGuard, VRRP,
/// routing-protocol keys, IPsec PSKs, RADIUS, DDNS, SNMPv3, remote-access users, API keys ...), each
/// as a service secret named after what it belongs to, and every secret value is masked.
extension VyattaConversion {
    mutating func convertAccounts() {
        guard let users = top("system").flatMap({ tree.path($0, "login", "user") }) else { return }
        for user in tree.children(users) {
            let name = String(tree.word(user))
            var secret: Secret?
            var loginAllowed: Sourced<Bool>?
            if let authentication = tree.child(user, "authentication") {
                let encrypted = tree.value(authentication, "encrypted-password")
                let plaintext = tree.value(authentication, "plaintext-password")
                if let encrypted { markSecret(encrypted) }
                if let plaintext { markSecret(plaintext) }
                if let plaintext, !tree.word(plaintext).isEmpty {
                    secret = Secret(.cleartext(String(tree.word(plaintext))), origin: tree.origin(plaintext))
                } else if let encrypted {
                    let form = VyattaValues.hashForm(tree.word(encrypted))
                    secret = Secret(form, origin: tree.origin(encrypted))
                    if case .opaque("locked", _) = form { loginAllowed = Sourced(false, tree.origin(encrypted)) }
                } else if let plaintext {
                    secret = Secret(.empty, origin: tree.origin(plaintext))
                }
            }
            if let disabled = tree.child(user, "disable") { loginAllowed = Sourced(false, tree.origin(disabled)) }
            var administrator = true
            if flavor == .edgeOS || tree.has(user, "level") {
                administrator = tree.text(user, "level").map { $0 == "admin" } ?? true
            }
            var account = Account(name: name, secret: secret, isAdministrator: administrator,
                                  passwordLoginAllowed: loginAllowed, origin: tree.origin(user))
            account.authorizedKeys = publicKeys(of: user)
            config.accounts.append(account)
        }
    }

    /// `authentication public-keys NAME { key BLOB; type ssh-rsa }`.
    private func publicKeys(of user: Int32) -> [AuthorizedKey] {
        guard let keys = tree.path(user, "authentication", "public-keys") else { return [] }
        return tree.children(keys).compactMap { entry in
            guard let blob = tree.value(entry, "key") else { return nil }
            return AuthorizedKey(algorithm: tree.text(entry, "type").map(String.init) ?? "ssh-rsa", blob: String(tree.word(blob)),
                                 comment: String(tree.word(entry)), origin: tree.origin(blob))
        }
    }

    // MARK: - Other secrets

    /// Leaf keys whose values are secrets, wherever they appear.
    static let secretKeys: Set<Substring> = [
        "password", "pre-shared-secret", "md5-key", "plaintext-password", "encrypted-password", "secret", "preshared-key",
        "passphrase", "cisco-authentication", "plaintext-key", "encrypted-key", "private-key", "shared-secret-key",
        "authentication-key", "key", "community", "auth-key", "psk", "token",
    ]

    mutating func convertSecrets() {
        for id in 1..<tree.nodeCount {
            let node = Int32(id)
            guard Self.secretKeys.contains(tree.word(node)), !tree.isLeaf(node) else { continue }
            let path = tree.pathWords(node)
            guard let (kind, owner) = classifySecret(path) else { continue }
            for value in tree.children(node) {
                let text = tree.word(value)
                markSecret(value)
                if text.isEmpty { continue }
                var form: SecretForm = tree.word(node) == "encrypted-password" || tree.word(node) == "encrypted-key"
                    ? VyattaValues.hashForm(text) : VyattaValues.secretForm(text)
                if kind == "snmpv3", text.hasPrefix("0x"), tree.word(node).hasPrefix("encrypted") {
                    // VyOS stores SNMPv3 keys localised to the engine ID: a derived key, not a password hash.
                    form = .opaque(scheme: "snmpv3-localized-key", encoded: String(text))
                }
                config.storedSecrets.append(StoredSecret(purpose: .service(kind), owner: owner,
                                                         secret: Secret(form, origin: tree.origin(value))))
            }
        }
    }

    /// What a secret at this path is for (the kind) and whose it is (the owner); nil for keys that
    /// are not secrets there (a GRE `key`, a file name) or that other code models (logins, SNMP
    /// communities).
    private func classifySecret(_ path: [Substring]) -> (String, String)? {
        guard let key = path.last, path.count >= 2 else { return nil }
        func after(_ word: Substring) -> String? {
            guard let index = path.firstIndex(of: word), index + 1 < path.count - 1 else { return nil }
            return String(path[index + 1])
        }
        let area = path[0]
        // Logins and SNMP communities are modelled elsewhere.
        if area == "system", path.count >= 3, path[1] == "login", path[2] == "user" { return nil }
        if area == "service", path[1] == "snmp", key == "community", path.count >= 3, path[2] == "community" { return nil }
        // Keys that are secrets only in some places.
        if key == "key" {
            let allowed = path.contains("keys") || path.contains("radius-server") || path.contains("radius")
                || path.contains("tacacs-server") || path.contains("tacacs")
            guard allowed else { return nil }
        }
        if key == "community", !(area == "service" && path.contains("trap-target")) { return nil }
        if key == "private-key" {
            // WireGuard keys inline (1.3+); older releases name a key file.
            guard path.contains("wireguard") || path.contains("pki") else { return nil }
        }
        if key == "shared-secret-key" { return nil } // an OpenVPN key file name
        if key == "token", !path.contains("authentication") { return nil }

        switch area {
        case "interfaces":
            let interface = path.count >= 3 ? String(path[2]) : "interface"
            if let session = after("pppoe"), path.count > 2, path[1] != "pppoe" { return ("pppoe", "pppoe\(session)") }
            if path[1] == "pppoe" { return ("pppoe", interface) }
            if path[1] == "openvpn" { return ("openvpn", interface) }
            if path[1] == "wireguard" {
                if let peer = after("peer") { return ("wireguard", "\(interface) peer \(peer)") }
                return ("wireguard", interface)
            }
            if path[1] == "wireless" { return ("wifi", interface) }
            if path.contains("vrrp") { return ("vrrp", interface) }
            if path.contains("ospf") || path.contains("ospfv3") { return ("ospf", interface) }
            if path.contains("rip") { return ("rip", interface) }
            return (String(path[1]), interface)
        case "high-availability":
            if let group = after("group") { return ("vrrp", "group \(group)") }
            return ("vrrp", "high-availability")
        case "protocols":
            let protocolName = path.count >= 2 ? String(path[1]) : "routing"
            if let neighbor = after("neighbor") { return (protocolName, "neighbor \(neighbor)") }
            if let group = after("peer-group") { return (protocolName, "peer-group \(group)") }
            if let interface = after("interface") { return (protocolName, interface) }
            if let tunnel = after("tunnel") { return (protocolName, tunnel) }
            if let area = after("area") { return (protocolName, "area \(area)") }
            return (protocolName, protocolName)
        case "vpn":
            let vpn = path.count >= 2 ? String(path[1]) : "vpn"
            if let user = after("username") { return (vpn, user) }
            if let peer = after("peer") { return (vpn, "peer \(peer)") }
            if let profile = after("profile") { return (vpn, "profile \(profile)") }
            if let psk = after("psk") { return (vpn, "psk \(psk)") }
            if let connection = after("connection") { return (vpn, connection) }
            return (vpn, vpn)
        case "service":
            let service = path.count >= 2 ? String(path[1]) : "service"
            if let user = after("username") ?? after("user") { return (service == "snmp" ? "snmpv3" : service, user) }
            if let id = after("id") { return ("\(service)-api", id) }
            if let target = after("trap-target") { return ("snmp-trap", target) }
            if service == "dns", let host = after("service") ?? after("interface") { return ("ddns", host) }
            return (service, service)
        case "system":
            if let server = after("radius-server") ?? after("server") { return (String(path[path.count >= 3 ? 2 : 1]), server) }
            if let repository = after("repository") { return ("package-repository", repository) }
            return (String(path[1]), String(path[1]))
        case "container":
            if let registry = after("registry") { return ("container-registry", registry) }
            return ("container", "container")
        case "pki":
            let owner = path.count >= 3 ? "\(path[1]) \(path[2])" : "pki"
            return ("pki", owner)
        default:
            return (String(area), path.dropLast().map(String.init).joined(separator: " "))
        }
    }
}
