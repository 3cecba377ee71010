import AuditCore

/// Secrets other than login hashes, picked out of sections the model otherwise reads whole:
/// IPsec pre-shared keys, CARP and HA-sync passwords, RADIUS secrets and LDAP bind passwords,
/// PPP and dynamic DNS passwords. Both products keep them as typed (PPP passwords base64-encoded),
/// because the daemons need them in clear.
extension PfSenseConversion {
    mutating func convertStoredSecrets() {
        if let ipsec = section("ipsec") {
            for phase1 in children(ipsec, "phase1") {
                guard let key = child(phase1, "pre-shared-key") else { continue }
                let owner = nonEmpty(phase1, "descr") ?? nonEmpty(phase1, "remote-gateway")
                    ?? "phase1 \(value(phase1, "ikeid") ?? "?")"
                addServiceSecret(key, purpose: "ipsec psk", owner: owner)
            }
            for mobile in children(ipsec, "mobilekey") {
                guard let key = child(mobile, "pre-shared-key") else { continue }
                addServiceSecret(key, purpose: "ipsec psk", owner: nonEmpty(mobile, "ident") ?? "mobile client")
            }
        }
        if let keys = section(["OPNsense", "IPsec", "preSharedKeys"]) {
            for entry in children(keys, "preSharedKey") {
                guard let key = child(entry, "Key") else { continue }
                addServiceSecret(key, purpose: "ipsec psk", owner: nonEmpty(entry, "ident") ?? "pre-shared key")
            }
        }
        if let virtualIPs = section("virtualip") {
            for vip in children(virtualIPs, "vip") where value(vip, "mode") == "carp" {
                guard let password = child(vip, "password") else { continue }
                let owner = "vhid \(value(vip, "vhid") ?? "?") on \(value(vip, "interface") ?? "?")"
                addServiceSecret(password, purpose: "carp", owner: owner)
            }
        }
        if let hasync = section("hasync"), let password = child(hasync, "password") {
            addServiceSecret(password, purpose: "ha sync", owner: nonEmpty(hasync, "username") ?? "ha sync")
        }
        if let system = section("system") {
            for server in children(system, "authserver") {
                let name = nonEmpty(server, "name") ?? "authentication server"
                if let secret = child(server, "radius_secret") {
                    addServiceSecret(secret, purpose: "radius", owner: name)
                }
                if let bind = child(server, "ldap_bindpw") {
                    addServiceSecret(bind, purpose: "ldap bind", owner: name)
                }
            }
        }
        if let ppps = section("ppps") {
            for ppp in children(ppps, "ppp") {
                guard let password = child(ppp, "password"), !text(password).isEmpty else { continue }
                markSecret(password)
                let owner = nonEmpty(ppp, "username") ?? nonEmpty(ppp, "if") ?? "ppp"
                let stored = text(password)
                let form: SecretForm = Self.base64Decoded(stored).map { .cleartext($0) } ?? .opaque(scheme: "base64", encoded: stored)
                config.storedSecrets.append(StoredSecret(
                    purpose: .service("ppp"), owner: owner, secret: Secret(form, origin: origin(password))))
            }
        }
        if let dyndns = section("dyndnses") {
            for entry in children(dyndns, "dyndns") {
                guard let password = child(entry, "password") else { continue }
                addServiceSecret(password, purpose: "dyndns", owner: nonEmpty(entry, "host") ?? "dynamic dns")
            }
        }
    }

    /// Standard base64 to text; nil when it is not base64 of printable UTF-8.
    static func base64Decoded(_ text: String) -> String? {
        var values: [UInt8] = []
        values.reserveCapacity(text.utf8.count)
        var padding = 0
        for byte in text.utf8 {
            switch byte {
            case 0x41...0x5A: values.append(byte - 0x41)
            case 0x61...0x7A: values.append(byte - 0x61 + 26)
            case 0x30...0x39: values.append(byte - 0x30 + 52)
            case 0x2B: values.append(62)
            case 0x2F: values.append(63)
            case 0x3D: padding += 1
            default: return nil
            }
            if padding > 0 && byte != 0x3D { return nil }
        }
        guard !values.isEmpty, (values.count + padding) % 4 == 0, padding <= 2 else { return nil }
        var out: [UInt8] = []
        var index = 0
        while index + 1 < values.count {
            let a = UInt32(values[index]), b = UInt32(values[index + 1])
            let c = index + 2 < values.count ? UInt32(values[index + 2]) : 0
            let d = index + 3 < values.count ? UInt32(values[index + 3]) : 0
            let triple = a << 18 | b << 12 | c << 6 | d
            out.append(UInt8(truncatingIfNeeded: triple >> 16))
            if index + 2 < values.count { out.append(UInt8(truncatingIfNeeded: triple >> 8)) }
            if index + 3 < values.count { out.append(UInt8(truncatingIfNeeded: triple)) }
            index += 4
        }
        guard out.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) else { return nil }
        return String(validating: out, as: UTF8.self)
    }
}
