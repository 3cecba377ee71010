import AuditCore

/// `version`, `system host-name`, `system root-authentication`, `system login` and
/// `system services`: identity, accounts and the management services that run. Junos runs no
/// management service unless `system services` lists it (the factory configuration's own list is
/// part of the file), so services are exactly what the file says.
extension JunosConverter {
    /// Predefined login classes: only super-user has every permission.
    static let predefinedClasses: [Substring: Bool] = ["super-user": true, "operator": false, "read-only": false,
                                                       "unauthorized": false]

    static let loginKnown: Set<Substring> = [
        "retry-options", "idle-timeout", "message", "announcement", "deny-sources", "allow-sources", "apply-groups",
        "apply-groups-except", "password", "class", "user", "login-alarms", "remote-authentication", "auto-logout",
    ]

    mutating func readIdentity() {
        if let version = tree.child(Self.root, "version") {
            understandSubtree(version)
            if let value = tree.firstChild(version) {
                device.identity.firmware = Sourced(text(value), source(value))
            }
        }
        if let name = tree.path(Self.root, "system", "host-name") {
            understandSubtree(name)
            if let value = tree.firstChild(name) {
                device.identity.hostname = Sourced(text(value), source(value))
            }
        }
    }

    mutating func readSystem() {
        guard let system = tree.child(Self.root, "system") else { return }
        understand(system)
        for child in children(system) {
            switch word(child) {
            case "root-authentication": readRootAuthentication(child)
            case "login": readLogin(child)
            case "services": readServices(child)
            case "host-name": understandSubtree(child)
            default:
                if JunosVocabulary.neutralSystem.contains(word(child)) { understandSubtree(child) }
            }
        }
    }

    // MARK: - Accounts

    private mutating func readRootAuthentication(_ node: Int32) {
        understand(node)
        let secret = readAuthentication(node, owner: "root")
        var account = Account(name: "root", secret: secret, isAdministrator: true, origin: source(node))
        account.authorizedKeys = authorizedKeys(in: node)
        device.accounts.append(account)
    }

    /// `encrypted-password`, `plain-text-password` and public keys of an account.
    private mutating func readAuthentication(_ node: Int32, owner: String) -> Secret? {
        var secret: Secret?
        for child in children(node) {
            switch word(child) {
            case "encrypted-password":
                understandSubtree(child)
                guard let value = tree.firstChild(child) else {
                    badValue("encrypted-password of '\(owner)' has no value", at: child)
                    continue
                }
                claimedSecrets.insert(value)
                markSecret(value)
                let form = Self.secretForm(word(value), hashed: true)
                if case .opaque(let scheme, _) = form {
                    diagnose(.info, "secret-format", scheme == "redacted"
                             ? "the encrypted-password of '\(owner)' was removed before the file was shared; it is not judged"
                             : "the encrypted-password of '\(owner)' is in a format that is not recognised", at: value)
                }
                secret = Secret(form, origin: source(value))
            case "plain-text-password":
                understandSubtree(child)
                if let value = tree.firstChild(child) {
                    claimedSecrets.insert(value)
                    markSecret(value)
                    secret = Secret(.cleartext(text(value)), origin: source(value))
                } else {
                    diagnose(.info, "secret-format", "plain-text-password of '\(owner)' has no value: the CLI asks for it, and a "
                             + "saved configuration holds the encrypted-password instead; it is not judged", at: child)
                }
            case "ssh-rsa", "ssh-dsa", "ssh-ecdsa", "ssh-ed25519", "no-public-keys", "load-key-file", "apply-groups":
                understandSubtree(child)
            default:
                break
            }
        }
        return secret
    }

    private mutating func readLogin(_ node: Int32) {
        understand(node)
        var adminClasses: Set<String> = []
        for child in children(node) where word(child) == "class" {
            understand(child)
            for item in children(child) {
                understandSubtree(item)
                if let permissions = tree.child(item, "permissions"), children(permissions).contains(where: { word($0) == "all" }) {
                    adminClasses.insert(text(item))
                }
            }
        }
        for child in children(node) {
            switch word(child) {
            case "user":
                understand(child)
                for user in children(child) { readUser(user, adminClasses: adminClasses) }
            case "password":
                understandSubtree(child)
                if let length = tree.value(child, "minimum-length"), let value = Int(word(length)) {
                    device.hardening.minimumPasswordLength = Sourced(value, source(length))
                }
            default:
                if Self.loginKnown.contains(word(child)) { understandSubtree(child) }
            }
        }
    }

    private mutating func readUser(_ node: Int32, adminClasses: Set<String>) {
        understand(node)
        let name = text(node)
        var isAdministrator = false
        var secret: Secret?
        var keys: [AuthorizedKey] = []
        for child in children(node) {
            switch word(child) {
            case "class":
                understandSubtree(child)
                if let value = tree.firstChild(child) {
                    let loginClass = word(value)
                    isAdministrator = Self.predefinedClasses[loginClass] ?? adminClasses.contains(String(loginClass))
                    if Self.predefinedClasses[loginClass] == nil && !adminClasses.contains(String(loginClass))
                        && tree.path(Self.root, "system", "login", "class", String(loginClass)) == nil {
                        diagnose(.info, "undefined-class", "user '\(name)' has login class '\(loginClass)', which is not defined",
                                 at: value)
                    }
                }
            case "authentication":
                understand(child)
                secret = readAuthentication(child, owner: name)
                keys = authorizedKeys(in: child)
            case "uid", "full-name", "cli", "apply-groups", "apply-groups-except":
                understandSubtree(child)
            default:
                break
            }
        }
        var account = Account(name: name, secret: secret, isAdministrator: isAdministrator, origin: source(node))
        account.authorizedKeys = keys
        device.accounts.append(account)
    }

    /// `ssh-rsa|ssh-dsa|ssh-ecdsa|ssh-ed25519 "KEY"` under an `authentication` block.
    private func authorizedKeys(in node: Int32) -> [AuthorizedKey] {
        var keys: [AuthorizedKey] = []
        for child in children(node) where ["ssh-rsa", "ssh-dsa", "ssh-ecdsa", "ssh-ed25519"].contains(word(child)) {
            for value in children(child) {
                if let key = AuthorizedKey.parse(text(value), origin: source(value)) { keys.append(key) }
            }
        }
        return keys
    }

    /// How a stored value is kept: `$9$` is reversible; crypt prefixes are hashes; placeholders
    /// left by whoever shared the file are opaque; anything else in a password field is not a
    /// known hash, and in a key field it is the key itself.
    static func secretForm(_ value: Substring, hashed: Bool) -> SecretForm {
        let text = String(value)
        let upper = text.uppercased()
        if text.isEmpty || upper.contains("REMOVED") || upper.contains("SCRUBBED") || upper.contains("CENSORED")
            || upper.contains("REDACTED") || upper.contains("SECRET-DATA") || upper.contains("SECRET_DATA")
            || text.hasPrefix("<") || text.allSatisfy({ $0 == "*" }) || upper == "XXXXXXXX" {
            return .opaque(scheme: "redacted", encoded: text)
        }
        if text.hasPrefix("$9$") { return .reversible(scheme: .junosType9, encoded: text) }
        if text.hasPrefix("$1$") { return .hashed(scheme: .md5crypt, encoded: text) }
        if text.hasPrefix("$5$") { return .hashed(scheme: .sha256crypt, encoded: text) }
        if text.hasPrefix("$6$") { return .hashed(scheme: .sha512crypt, encoded: text) }
        if text.hasPrefix("$2a$") || text.hasPrefix("$2b$") || text.hasPrefix("$2y$") { return .hashed(scheme: .bcrypt, encoded: text) }
        guard hashed else { return .cleartext(text) }
        let cryptAlphabet = text.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2E || $0 == 0x2F
        }
        if text.utf8.count == 13 && cryptAlphabet { return .hashed(scheme: .desCrypt, encoded: text) }
        return .opaque(scheme: "unknown", encoded: text)
    }

    // MARK: - Services

    static let neutralServices: Set<Substring> = [
        "outbound-ssh", "dhcp", "dhcp-local-server", "subscriber-management", "extension-service", "service-deployment",
        "application-identification", "dynamic-dns", "database-replication", "apply-groups", "apply-groups-except",
        "resource-monitor", "unified-services", "ssh-known-hosts", "tftp-server", "dtcp-only", "flow-tap-dtcp",
        "local-policy-decision-function", "ntp", "webapi", "reverse", "dhcpv6", "jdhcp", "lldp",
    ]

    /// Cleartext services the model has no kind for: recognised and reported, not modelled.
    static let unmodelledCleartextServices: Set<Substring> = ["finger", "rlogin", "rsh", "xnm-clear-text", "rest"]

    private mutating func readServices(_ node: Int32) {
        understand(node)
        let loopbackFilter = device.interfaces.first { $0.name == "lo0.0" }?.inboundFilter
        let listenAny = Sourced<[ListenScope]>([.any], JunosConversion.vendorDefault(
            "Junos services listen on every interface; host-inbound-traffic of the security zones (SRX) or a loopback "
            + "filter decides who reaches them"))
        for child in children(node) {
            let keyword = word(child)
            switch keyword {
            case "ssh":
                understandSubtree(child)
                var service = ManagementService(kind: .ssh, enabled: Sourced(true, source(child)), listen: listenAny,
                                                accessFilter: loopbackFilter)
                readPort(child, into: &service)
                readSSHSettings(child, into: &service)
                device.services.append(service)
            case "telnet", "ftp":
                understandSubtree(child)
                var service = ManagementService(kind: keyword == "telnet" ? .telnet : .ftp, enabled: Sourced(true, source(child)),
                                                listen: listenAny, accessFilter: loopbackFilter)
                readPort(child, into: &service)
                device.services.append(service)
            case "netconf":
                understandSubtree(child)
                if let ssh = tree.child(child, "ssh") {
                    var service = ManagementService(kind: .netconf, enabled: Sourced(true, source(ssh)), listen: listenAny,
                                                    accessFilter: loopbackFilter)
                    readPort(ssh, into: &service)
                    device.services.append(service)
                }
            case "web-management":
                understandSubtree(child)
                for (word, kind) in [("http", ServiceKind.http), ("https", .https)] {
                    guard let server = tree.child(child, word) else { continue }
                    var service = ManagementService(kind: kind, enabled: Sourced(true, source(server)), listen: listenAny,
                                                    accessFilter: loopbackFilter)
                    readPort(server, into: &service)
                    if let interfaces = tree.child(server, "interface") {
                        let names = children(interfaces).map { ListenScope.interface(text($0)) }
                        if !names.isEmpty { service.listen = Sourced(names, source(interfaces)) }
                    }
                    device.services.append(service)
                }
            case "dns":
                understandSubtree(child)
                device.services.append(ManagementService(kind: .dns, enabled: Sourced(true, source(child)), listen: listenAny,
                                                         accessFilter: loopbackFilter))
            default:
                if Self.unmodelledCleartextServices.contains(keyword) {
                    understandSubtree(child)
                    diagnose(.info, "not-modelled", "system services \(keyword) (a cleartext service) is enabled; it has no model "
                             + "in this audit", at: child)
                } else if Self.neutralServices.contains(keyword) {
                    understandSubtree(child)
                }
            }
        }
        for service in device.services { servicePorts[service.kind] = service.port?.value }
    }

    private mutating func readPort(_ node: Int32, into service: inout ManagementService) {
        guard let port = tree.value(node, "port") else { return }
        if let value = Int(word(port)), value > 0, value <= 65535 {
            service.port = Sourced(value, source(port))
        } else {
            badValue("'\(word(port))' is not a port", at: port)
        }
    }

    /// `root-login`, `protocol-version` and password authentication, in the keys the SSH checks read.
    private mutating func readSSHSettings(_ node: Int32, into service: inout ManagementService) {
        if let root = tree.value(node, "root-login") {
            switch word(root) {
            case "allow": service.settings["RootPasswordAuth"] = Sourced("yes", source(root))
            case "deny", "deny-password": service.settings["RootPasswordAuth"] = Sourced("no", source(root))
            default: badValue("'\(word(root))' is not allow, deny or deny-password", at: root)
            }
        }
        if let off = tree.child(node, "no-password-authentication") ?? tree.child(node, "no-passwords") {
            service.settings["PasswordAuth"] = Sourced("no", source(off))
        } else {
            service.settings["PasswordAuth"] = Sourced("yes", JunosConversion.vendorDefault(
                "the Junos SSH server accepts password authentication unless no-password-authentication or no-passwords is set"))
        }
        if let versions = tree.child(node, "protocol-version") {
            let words = Set(children(versions).map { word($0) })
            let version = words.contains("v1") ? (words.contains("v2") ? "1.99" : "1") : "2"
            service.settings["version"] = Sourced(version, source(versions))
        }
    }

    // MARK: - Secrets anywhere

    /// Words that are followed by a secret value, anywhere in the hierarchy.
    static let secretValueKeywords: Set<Substring> = [
        "authentication-key", "secret", "chap-secret", "default-chap-secret", "pap-password", "default-pap-password",
        "local-password", "simple-password", "hello-authentication-key", "privacy-password", "authentication-password",
        "privacy-key", "shared-secret", "passphrase", "encrypted-password", "master-password", "password",
    ]

    /// Words whose value names the entry that owns a secret (`policy P`, `neighbor N`).
    static let ownerKeywords: Set<Substring> = [
        "policy", "gateway", "group", "neighbor", "user", "client", "radius-server", "tacplus-server", "key-chain", "interface",
        "vrrp-group", "vrrp-inet6-group", "area", "peer", "profile", "vpn", "proposal", "server", "access-profile",
        "security-zone", "community", "local-engine", "remote-engine", "peer-unit", "unit",
    ]

    /// Protocols and features a secret belongs to, for its purpose.
    static let secretContexts: Set<Substring> = [
        "ike", "ipsec", "bgp", "ospf", "ospf3", "isis", "rip", "ripng", "ldp", "rsvp", "vrrp-group", "vrrp-inet6-group", "ntp",
        "radius-server", "tacplus-server", "snmp", "ppp-options", "pppoe-options", "access", "dynamic-vpn",
        "authentication-key-chains", "msdp", "pim", "l2tp", "master-password", "dynamic-dns", "pki", "radius", "tacplus",
        "macsec", "bfd-liveness-detection", "dhcp-relay", "wlan", "wireless", "mka", "connectivity-association",
    ]

    /// Stores every secret not stored yet: pre-shared keys, routing and NTP keys, RADIUS and
    /// TACACS+ secrets, PPP credentials, and any `$9$` value wherever it is.
    mutating func scanSecrets() {
        var stack: [Int32] = [Self.root]
        while let node = stack.popLast() {
            let nodeWord = word(node)
            let values = node == Self.root ? [] : secretValues(of: node)
            if !values.isEmpty {
                let keyword = nodeWord == "ascii-text" || nodeWord == "hexadecimal" ? "pre-shared-key" : nodeWord
                for value in values where !claimedSecrets.contains(value) { storeSecret(value, keyword: keyword) }
                continue
            }
            if nodeWord.hasPrefix("$9$"), tree.firstChild(node) == nil, !claimedSecrets.contains(node) {
                storeSecret(node, keyword: word(tree[node].parent))
                continue
            }
            if nodeWord == "pre-shared-key" {
                // `pre-shared-key <SCRUBBED>`: a value removed before sharing, without ascii-text.
                for value in children(node) where tree.firstChild(value) == nil && !claimedSecrets.contains(value) {
                    understand(value)
                    storeSecret(value, keyword: "pre-shared-key")
                }
            }
            // Children pushed in reverse keep the scan in configuration order.
            let start = stack.count
            for child in children(node) { stack.append(child) }
            stack[start...].reverse()
        }
    }

    /// The value nodes of a secret keyword, when this node is one (set-style input may give a
    /// keyword several values; each is stored).
    private func secretValues(of node: Int32) -> [Int32] {
        let keyword = word(node)
        // Every secret keyword has 3 to 24 characters and starts with a lowercase letter.
        let length = keyword.utf8.count
        guard length >= 3, length <= 24, let first = keyword.utf8.first, first >= 0x61, first <= 0x7A else { return [] }
        if keyword == "ascii-text" || keyword == "hexadecimal" {
            guard word(tree[node].parent) == "pre-shared-key" else { return [] }
            return terminalValues(node)
        }
        if keyword == "key" {
            return terminalValues(node).filter { word($0).hasPrefix("$9$") }
        }
        // A secret keyword directly at the top of the hierarchy is not Junos (another syntax).
        guard Self.secretValueKeywords.contains(keyword), tree[node].parent != Self.root else { return [] }
        // `system login password { minimum-length 8; }` is a policy, not a secret.
        if keyword == "password" && word(tree[node].parent) == "login" { return [] }
        let values = terminalValues(node)
        if !values.isEmpty { return values }
        // `authentication-key 1 type md5 value "$9$..."` (NTP): the key is after `value`, a few
        // words down.
        var cursor = tree.firstChild(node)
        var depth = 0
        while let current = cursor, depth < 4 {
            if let value = tree.child(current, "value") { return terminalValues(value) }
            cursor = tree.firstChild(current)
            depth += 1
        }
        return []
    }

    /// The children that are words without children: values, not blocks.
    private func terminalValues(_ node: Int32) -> [Int32] {
        var result: [Int32] = []
        for child in children(node) where tree.firstChild(child) == nil { result.append(child) }
        return result
    }

    private mutating func storeSecret(_ value: Int32, keyword: Substring) {
        claimedSecrets.insert(value)
        understand(value)
        markSecret(value)
        var contextWord: Substring?
        var owner: String?
        var cursor = tree[value].parent
        while cursor > 0 {
            let current = word(cursor)
            let parent = tree[cursor].parent
            if owner == nil, parent > 0, Self.ownerKeywords.contains(word(parent)) {
                owner = "\(word(parent)) \(current)"
            }
            if contextWord == nil, Self.secretContexts.contains(current) { contextWord = current }
            cursor = parent
        }
        let kind = contextWord.map { "\($0) \(keyword)" } ?? String(keyword)
        let form = Self.secretForm(word(value), hashed: keyword == "encrypted-password")
        if case .opaque(let scheme, _) = form, scheme == "redacted" {
            diagnose(.info, "secret-format", "the \(kind) value was removed before the file was shared; it is not judged", at: value)
        }
        let path = tree.pathWords(tree[value].parent)
        device.storedSecrets.append(StoredSecret(
            purpose: .service(kind), owner: owner ?? path.prefix(3).joined(separator: " "),
            secret: Secret(form, origin: source(value))))
    }
}
