import AuditCore

/// Secrets that are not account logins: uplink and VPN passwords (network), Wi-Fi keys and RADIUS
/// secrets (wireless), rpcd/ubus logins, dynamic-DNS passwords, OpenVPN passwords, uhttpd basic
/// auth. Each is marked on its line so reports can mask it.
extension OpenWrtConversion {
    mutating func convertStoredSecrets() {
        for section in packages["network"]?.sections ?? [] {
            if section.type == "interface", let name = section.name {
                let proto = section.option("proto")?.text.lowercased() ?? ""
                let kind = ["pppoe", "pppoa", "ppp"].contains(proto) || proto.isEmpty ? "pppoe" : proto
                store(["password"], in: section, purpose: .service(kind), owner: name)
                store(["cert_password"], in: section, purpose: .service("openvpn"), owner: name)
                store(["private_key"], in: section, purpose: .service("wireguard"), owner: name)
            } else if section.type.hasPrefix("wireguard_") {
                store(["preshared_key"], in: section, purpose: .service("wireguard"), owner: section.name ?? section.type)
            }
        }
        for section in packages["wireless"]?.sections(ofType: "wifi-iface") ?? [] {
            storeWirelessSecrets(section)
        }
        for section in packages["rpcd"]?.sections(ofType: "login") ?? [] {
            // `$p$root` points at root's shadow entry: not a secret of its own.
            guard section.option("password")?.text.hasPrefix("$p$") == false else { continue }
            store(["password"], in: section, purpose: .service("rpcd"),
                  owner: section.option("username")?.text ?? section.name ?? "rpcd")
        }
        for section in packages["ddns"]?.sections(ofType: "service") ?? [] {
            store(["password"], in: section, purpose: .service("ddns"), owner: section.name ?? "ddns")
        }
        for section in packages["openvpn"]?.sections(ofType: "openvpn") ?? [] {
            store(["password", "cert_password"], in: section, purpose: .service("openvpn"), owner: section.name ?? "openvpn")
        }
        for section in packages["uhttpd"]?.sections(ofType: "httpauth") ?? [] {
            guard section.option("password")?.text.hasPrefix("$p$") == false else { continue }
            store(["password"], in: section, purpose: .service("http-basic-auth"),
                  owner: section.option("username")?.text ?? section.name ?? "httpauth")
        }
    }

    /// The key of a Wi-Fi network depends on its encryption: a PSK for `psk*`/`sae*`, a RADIUS
    /// secret for enterprise modes, WEP keys in `key1`..`key4` (then `key` is an index).
    private mutating func storeWirelessSecrets(_ section: UCISection) {
        let owner = section.option("ssid")?.text ?? section.name ?? "wifi"
        let encryption = section.option("encryption")?.text.lowercased() ?? "none"
        if encryption.hasPrefix("wep") {
            store(["key1", "key2", "key3", "key4"], in: section, purpose: .service("wifi-wep"), owner: owner)
            if let key = section.option("key"), !["1", "2", "3", "4"].contains(key.text) {
                store(["key"], in: section, purpose: .service("wifi-wep"), owner: owner)
            }
        } else if encryption.hasPrefix("wpa") {
            store(["key", "auth_secret", "acct_secret"], in: section, purpose: .service("radius"), owner: owner)
            store(["password"], in: section, purpose: .service("wifi-eap"), owner: owner)
        } else if encryption != "none" && encryption != "owe" {
            store(["key", "sae_password"], in: section, purpose: .service("wifi-psk"), owner: owner)
        }
    }

    /// Stores each named option that is set and not empty.
    private mutating func store(_ options: [String], in section: UCISection, purpose: SecretPurpose, owner: String) {
        for option in options {
            guard let value = section.option(option), !value.text.isEmpty else { continue }
            markSecret(value, in: section)
            config.storedSecrets.append(StoredSecret(
                purpose: purpose, owner: owner,
                secret: Secret(Self.secretForm(value.text), origin: section.origin(value))))
        }
    }

    /// How a stored password is written: a crypt(3) hash by its `$id$` prefix (or a 13-character
    /// DES hash), cleartext otherwise.
    static func secretForm(_ text: String) -> SecretForm {
        if text.isEmpty { return .empty }
        if text.hasPrefix("$1$") { return .hashed(scheme: .md5crypt, encoded: text) }
        if text.hasPrefix("$5$") { return .hashed(scheme: .sha256crypt, encoded: text) }
        if text.hasPrefix("$6$") { return .hashed(scheme: .sha512crypt, encoded: text) }
        if text.hasPrefix("$2a$") || text.hasPrefix("$2b$") || text.hasPrefix("$2y$") {
            return .hashed(scheme: .bcrypt, encoded: text)
        }
        if text.hasPrefix("$y$") || text.hasPrefix("$gy$") { return .opaque(scheme: "yescrypt", encoded: text) }
        if text.hasPrefix("$7$") { return .opaque(scheme: "scrypt", encoded: text) }
        return .cleartext(text)
    }
}
