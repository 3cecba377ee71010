import AuditCore

/// `/user` accounts and the secrets an export can hold.
///
/// Accounts: `/export` never prints users or their passwords (RouterOS manual, "User"); scripts
/// and hand-written exports do (`/user add name=x group=full password=y`). A fresh router has an
/// `admin` account in group `full`. An account whose password the file does not show has an
/// unknown secret (opaque), never an empty one: only `password=""` is an empty password. A
/// disabled account cannot log in (`passwordLoginAllowed` false). Group `full`, and a group whose
/// policy grants `policy`, administers the router.
///
/// Other secrets appear in cleartext in `export show-sensitive` (and in RouterOS 6 exports):
/// PPPoE and VPN client passwords, PPP secrets, Wi-Fi keys, IPsec and RADIUS secrets, WireGuard
/// keys, SNMPv3 passwords, routing-protocol keys. `*****` marks a value the export masked.
extension RouterOSConversion {
    static let unexported = "routeros-not-exported"

    private struct User {
        var name: String
        var group: String
        var secret: Secret?
        var passwordProperty: (RouterOSStatement, RouterOSProperty)?
        var disabled: Sourced<Bool>?
        var origin: Provenance
    }

    mutating func convertAccounts() {
        var adminGroups: Set<String> = ["full"]
        for statement in items("user group") where statement.command == "add" || statement.command == "set" {
            guard let name = statement.value("name") ?? statement.itemName, let policy = statement.value("policy") else { continue }
            let grants = RouterOSValues.list(policy)
            if grants.contains("policy") { adminGroups.insert(name) } else if name != "full" { adminGroups.remove(name) }
        }
        let factory = Self.vendorDefault("RouterOS ships with an 'admin' account in group full; /export does not print users")
        var users = [User(name: "admin", group: "full",
                          secret: Secret(.opaque(scheme: Self.unexported, encoded: ""), origin: factory), origin: factory)]
        for statement in items("user") {
            switch statement.command {
            case "add":
                guard let name = statement.value("name") else { continue }
                users.removeAll { $0.name == name }
                var user = User(name: name, group: statement.value("group") ?? "read",
                                secret: Secret(.opaque(scheme: Self.unexported, encoded: ""), origin: statement.origin),
                                origin: statement.origin)
                apply(statement, to: &user)
                users.append(user)
            case "set", "disable", "enable", "remove":
                // Numbers are positions in `/user print` order.
                let targets = Set(userTargets(statement).map { word in
                    Int(word).flatMap { $0 >= 0 && $0 < users.count ? users[$0].name : nil } ?? word
                })
                for index in users.indices.reversed() where targets.contains(users[index].name) {
                    switch statement.command {
                    case "remove": users.remove(at: index)
                    case "disable": users[index].disabled = Sourced(true, statement.origin)
                    case "enable": users[index].disabled = Sourced(false, statement.origin)
                    default:
                        if users[index].origin.isVendorDefault { users[index].origin = statement.origin }
                        if users[index].secret?.origin.isVendorDefault == true {
                            users[index].secret?.origin = statement.origin
                        }
                        apply(statement, to: &users[index])
                    }
                }
            default:
                continue
            }
        }
        for user in users {
            if let (statement, property) = user.passwordProperty { markSecret(property, in: statement) }
            config.accounts.append(Account(
                name: user.name, secret: user.secret, isAdministrator: adminGroups.contains(user.group),
                passwordLoginAllowed: user.disabled?.value == true ? Sourced(false, user.disabled!.origin) : nil,
                origin: user.origin))
        }
        if let length = setting("user settings", "minimum-password-length"), let value = Int(length.value) {
            config.hardening.minimumPasswordLength = Sourced(value, length.statement.origin(of: length.property))
        }
    }

    private func userTargets(_ statement: RouterOSStatement) -> Set<String> {
        if let name = statement.selector?.value("name") { return [name] }
        if let numbers = statement.value("numbers") { return Set(RouterOSValues.list(numbers)) }
        return Set(statement.positional.flatMap(RouterOSValues.list))
    }

    private func apply(_ statement: RouterOSStatement, to user: inout User) {
        if let group = statement.value("group") { user.group = group }
        if let property = statement.property("disabled"), let value = RouterOSValues.bool(property.value) {
            user.disabled = Sourced(value, statement.origin(of: property))
        }
        if let property = statement.property("password") {
            let origin = statement.origin(of: property)
            user.secret = Secret(property.value.isEmpty ? .empty : Self.secretForm(property.value), origin: origin)
            user.passwordProperty = (statement, property)
        }
    }

    /// A secret value as written: `*****` is a value the export masked.
    static func secretForm(_ value: String) -> SecretForm {
        if !value.isEmpty && value.allSatisfy({ $0 == "*" }) { return .opaque(scheme: "routeros-masked", encoded: value) }
        return .cleartext(value)
    }

    // MARK: - Other secrets

    /// Menu, property and the purpose the secret serves.
    static let secretProperties: [(path: String, key: String, purpose: String)] = [
        ("interface pppoe-client", "password", "pppoe"),
        ("interface pptp-client", "password", "pptp"),
        ("interface l2tp-client", "password", "l2tp"),
        ("interface l2tp-client", "ipsec-secret", "ipsec"),
        ("interface sstp-client", "password", "sstp"),
        ("interface ovpn-client", "password", "openvpn"),
        ("interface lte apn", "password", "lte"),
        ("interface l2tp-server server", "ipsec-secret", "ipsec"),
        ("interface eoip", "ipsec-secret", "ipsec"),
        ("interface gre", "ipsec-secret", "ipsec"),
        ("interface ipip", "ipsec-secret", "ipsec"),
        ("ppp secret", "password", "ppp"),
        ("interface wireless security-profiles", "wpa-pre-shared-key", "wifi"),
        ("interface wireless security-profiles", "wpa2-pre-shared-key", "wifi"),
        ("interface wireless security-profiles", "static-key-0", "wifi"),
        ("interface wifi security", "passphrase", "wifi"),
        ("interface wifi", "security.passphrase", "wifi"),
        ("interface wifiwave2 security", "passphrase", "wifi"),
        ("interface wifiwave2", "security.passphrase", "wifi"),
        ("caps-man security", "passphrase", "wifi"),
        ("interface wireguard", "private-key", "wireguard"),
        ("interface wireguard peers", "preshared-key", "wireguard"),
        ("ip ipsec identity", "secret", "ipsec"),
        ("ip ipsec identity", "password", "ipsec"),
        ("ip ipsec peer", "secret", "ipsec"),
        ("radius", "secret", "radius"),
        ("snmp community", "authentication-password", "snmp"),
        ("snmp community", "encryption-password", "snmp"),
        ("snmp", "trap-community", "snmp-trap"),
        ("interface wireless security-profiles", "static-key-1", "wifi"),
        ("interface wireless security-profiles", "static-key-2", "wifi"),
        ("interface wireless security-profiles", "static-key-3", "wifi"),
        ("interface vrrp", "password", "vrrp"),
        ("system ntp key", "key", "ntp"),
        ("certificate", "passphrase", "certificate"),
        ("tool e-mail", "password", "smtp"),
        ("ip hotspot user", "password", "hotspot"),
        ("ip smb users", "password", "smb"),
        ("ip socks users", "password", "socks"),
        ("routing bgp peer", "tcp-md5-key", "bgp"),
        ("routing bgp connection", "tcp-md5-key", "bgp"),
        ("routing bgp template", "tcp-md5-key", "bgp"),
        ("routing ospf interface", "authentication-key", "ospf"),
        ("routing ospf interface-template", "auth-key", "ospf"),
        ("user-manager user", "password", "user-manager"),
        ("ip cloud advanced", "ddns-update-key", "ddns"),
    ]

    mutating func convertStoredSecrets() {
        for entry in Self.secretProperties {
            for statement in items(entry.path) where ["add", "set", "import"].contains(statement.command) {
                guard let property = statement.property(entry.key), !property.value.isEmpty else { continue }
                markSecret(property, in: statement)
                let owner = statement.value("name") ?? statement.selector?.value("default-name")
                    ?? statement.selector?.value("name") ?? statement.itemName ?? statement.value("user")
                    ?? statement.value("peer") ?? statement.value("interface") ?? statement.value("address")
                    ?? statement.selector?.text ?? "/\(entry.path)"
                config.storedSecrets.append(StoredSecret(
                    purpose: .service(entry.purpose), owner: owner,
                    secret: Secret(Self.secretForm(property.value), origin: statement.origin(of: property))))
            }
        }
    }
}
