import AuditCore

/// `<system>`: identity, global switches, local users and groups.
extension PfSenseConversion {
    mutating func convertIdentity() {
        guard let system = section("system") else {
            diagnose(.info, "no-system", "no <system> section: accounts and management services are not in this file "
                     + "(a fragment), so none are modelled", at: doc.line(root))
            return
        }
        if let hostname = child(system, "hostname"), !text(hostname).isEmpty {
            config.identity.hostname = Sourced(text(hostname), origin(hostname))
        }
        // Both products: `isset($config['system']['ipv6allow'])` (pfSense filter.inc "Block all
        // IPv6", OPNsense filter.lib.inc `filter_core_rules_system`).
        ipv6Allowed = isSet(system, "ipv6allow")
        if let disable = child(system, "disablefilter") {
            filterDisabled = Sourced(true, origin(disable))
            diagnose(.info, "filter-disabled", "<disablefilter> turns pf off: the firewall passes every packet", at: doc.line(disable))
        }
    }

    // MARK: - Accounts

    mutating func convertAccounts() {
        guard let system = section("system") else { return }
        var groupPrivileges: [String: [String]] = [:]
        var groupsOfUID: [String: [String]] = [:]
        for group in children(system, "group") {
            guard let name = nonEmpty(group, "name") else { continue }
            groupPrivileges[name, default: []] += children(group, "priv").map { text($0) }
            for member in children(group, "member") {
                for uid in Self.list(text(member)) { groupsOfUID[uid, default: []].append(name) }
            }
        }
        for user in children(system, "user") {
            guard let name = nonEmpty(user, "name") else {
                diagnose(.warning, "bad-value", "a user without a name is ignored", at: doc.line(user))
                continue
            }
            if let disabled = child(user, "disabled"), flavor.disables(text(disabled)) {
                diagnose(.info, "disabled", "account '\(name)' is disabled and cannot log in; not modelled as a login",
                         at: doc.line(disabled))
                continue
            }
            let uid = value(user, "uid") ?? ""
            var groups = children(user, "groupname").map { text($0) }
            groups += groupsOfUID[uid] ?? []
            var privileges = children(user, "priv").map { text($0) }
            for group in groups { privileges += groupPrivileges[group] ?? [] }
            // `page-all` is the WebCfg "All pages" privilege every admin has; uid 0 is the
            // built-in admin (pfSense) / root (OPNsense), which always has it.
            let administrator = privileges.contains("page-all") || uid == "0"
            var account = Account(name: name, secret: loginSecret(of: user, name: name), isAdministrator: administrator,
                                  origin: blockOrigin(user))
            // `<authorizedkeys>`: the authorized_keys text, base64-encoded.
            if let keys = child(user, "authorizedkeys"), let decoded = Self.base64Decoded(text(keys)) {
                account.authorizedKeys = decoded.split(whereSeparator: \.isNewline).compactMap {
                    AuthorizedKey.parse($0, origin: origin(keys))
                }
            }
            config.accounts.append(account)
            if let psk = child(user, "ipsecpsk") {
                addServiceSecret(psk, purpose: "ipsec psk", owner: name)
            }
            if let apikeys = child(user, "apikeys") {
                for item in children(apikeys, "item") {
                    guard let secret = child(item, "secret"), !text(secret).isEmpty else { continue }
                    markSecret(secret)
                    config.storedSecrets.append(StoredSecret(
                        purpose: .service("api key"), owner: name,
                        secret: Secret(Self.hashForm(text(secret)), origin: origin(secret))))
                }
            }
        }
    }

    /// The stored login password: pfSense checks `bcrypt-hash`, then `sha512-hash`, then
    /// `md5-hash` (`local_backed_up` in auth.inc); OPNsense stores `password`.
    private mutating func loginSecret(of user: Int, name: String) -> Secret? {
        for element in ["bcrypt-hash", "sha512-hash", "password", "md5-hash", "nt-hash"] {
            guard let node = child(user, element) else { continue }
            let stored = text(node)
            guard !stored.isEmpty else { continue }
            markSecret(node)
            var form = Self.hashForm(stored)
            if element == "nt-hash", case .opaque = form { form = .opaque(scheme: "nt-hash", encoded: stored) }
            if element == "md5-hash", case .opaque = form { form = .opaque(scheme: "md5", encoded: stored) }
            return Secret(form, origin: origin(node))
        }
        diagnose(.info, "no-password", "account '\(name)' has no password hash: it cannot log in with a password",
                 at: doc.line(user))
        return nil
    }

    /// A crypt(3) hash by its prefix. Both products only ever store one-way hashes for logins.
    static func hashForm(_ stored: String) -> SecretForm {
        if stored.hasPrefix("$2y$") || stored.hasPrefix("$2b$") || stored.hasPrefix("$2a$") || stored.hasPrefix("$2x$") {
            return .hashed(scheme: .bcrypt, encoded: stored)
        }
        if stored.hasPrefix("$6$") { return .hashed(scheme: .sha512crypt, encoded: stored) }
        if stored.hasPrefix("$5$") { return .hashed(scheme: .sha256crypt, encoded: stored) }
        if stored.hasPrefix("$1$") { return .hashed(scheme: .md5crypt, encoded: stored) }
        return .opaque(scheme: "unknown", encoded: stored)
    }

    /// A secret some service needs in clear (PSK, CARP, RADIUS): both products store it as typed.
    mutating func addServiceSecret(_ element: Int, purpose: String, owner: String) {
        let stored = text(element)
        guard !stored.isEmpty else { return }
        markSecret(element)
        config.storedSecrets.append(StoredSecret(
            purpose: .service(purpose), owner: owner, secret: Secret(.cleartext(stored), origin: origin(element))))
    }
}
