import AuditCore

/// Arista EOS commands that differ from IOS (Arista EOS User Manual):
///
/// - `username NAME [privilege P] [role R] secret [0|5|sha512] VALUE`, `username NAME nopassword`;
///   `aaa root secret ...`, `no aaa root`;
/// - `management api http-commands` (eAPI): `protocol http|https [port N]`, on only after
///   `no shutdown`; HTTPS is its default protocol;
/// - `management telnet`: off unless `no shutdown`; `management ssh`: on unless `shutdown`;
/// - `ip address A/LEN` on interfaces (read by the IOS interface code as well).
extension CiscoIOSConverter {
    /// Reads an EOS-only command; false when IOS reads it the same way.
    mutating func eosTopLevel(_ index: Int) -> Bool {
        let words = command(index).words
        switch words[0] {
        case "username":
            return eosUsername(index)
        case "management":
            eosManagement(index)
        case "aaa" where words[safe: 1] == "root":
            if words[safe: 2] == "secret" { eosSecret(at: 3, of: index, owner: "root", account: true) }
            understand(index)
        case "no" where words[safe: 1] == "aaa" && words[safe: 2] == "root":
            understand(index)
        case "transceiver", "service", "spanning-tree":
            understandSubtree(index)
        case "ip" where words[safe: 1] == "routing":
            understandSubtree(index)
        default:
            return false
        }
        return true
    }

    private mutating func eosUsername(_ index: Int) -> Bool {
        let words = command(index).words
        guard let name = words[safe: 1].map(String.init) else { return false }
        let privilege = words.firstIndex(of: "privilege").flatMap { words[safe: $0 + 1] }.flatMap(CiscoText.integer) ?? 1
        if accountIndex[name] == nil {
            accountIndex[name] = device.accounts.count
            device.accounts.append(Account(name: name, secret: nil, privilege: privilege, isAdministrator: privilege == 15,
                                           origin: source(index)))
        }
        if let at = words.firstIndex(of: "secret") {
            eosSecret(at: at + 1, of: index, owner: name, account: true)
        } else if words.contains("nopassword") {
            device.accounts[accountIndex[name]!].secret = Secret(.empty, origin: source(index))
        }
        let position = accountIndex[name]!
        device.accounts[position].privilege = privilege
        device.accounts[position].isAdministrator = privilege == 15 || words.contains("network-admin")
        understand(index)
        return true
    }

    /// `secret [0|5|7|sha512] VALUE`: 0 or none as typed, 5 MD5-crypt, sha512 SHA-512 crypt.
    private mutating func eosSecret(at position: Int, of index: Int, owner: String, account: Bool) {
        let current = command(index)
        var at = position
        let form: SecretForm
        let marker = current.words[safe: at]
        if ["0", "5", "7", "sha512"].contains(marker ?? ""), current.words.count > at + 1 { at += 1 }
        guard let value = current.words[safe: at].map(String.init) else { return badValue("\(owner) secret has no value", at: index) }
        switch marker {
        case "sha512": form = .hashed(scheme: .sha512crypt, encoded: value)
        case "5": form = .hashed(scheme: .md5crypt, encoded: value)
        case "7": form = .reversible(scheme: .ciscoType7, encoded: value)
        default: form = .cleartext(value)
        }
        let range = CiscoText.byteRange(from: current.words[at], to: current.words[at], in: current.raw)
        markSecret(CiscoSecretValue(form: form, type: nil, range: range, nextWord: at + 1), at: index)
        let secret = Secret(form, origin: source(index))
        if let existing = accountIndex[owner] {
            device.accounts[existing].secret = secret
        } else if account {
            accountIndex[owner] = device.accounts.count
            device.accounts.append(Account(name: owner, secret: secret, privilege: 15, isAdministrator: true, origin: source(index)))
        }
    }

    /// `management api http-commands`, `management telnet`, `management ssh` and their children.
    private mutating func eosManagement(_ index: Int) {
        let words = command(index).words
        let what = words.dropFirst().joined(separator: " ")
        for child in config.children(of: index) {
            let childWords = command(child).words
            let shutdown: Bool? = childWords == ["shutdown"] ? true : childWords == ["no", "shutdown"] ? false : nil
            switch what {
            case "api http-commands":
                if let shutdown { dialectFacts.eapiEnabled = Sourced(!shutdown, source(child)) }
                if childWords.first == "protocol", let name = childWords[safe: 1], name == "http" || name == "https" {
                    let port = childWords.firstIndex(of: "port").flatMap { childWords[safe: $0 + 1] }.flatMap(CiscoText.integer)
                    dialectFacts.eapiProtocols.append((name == "http" ? .http : .https, port, span(child)))
                }
            case "telnet":
                if let shutdown { dialectFacts.telnetEnabled = Sourced(!shutdown, source(child)) }
            case "ssh":
                if let shutdown { dialectFacts.sshEnabled = Sourced(!shutdown, source(child)) }
            default:
                break
            }
        }
        understandSubtree(index)
    }

    /// Services of an EOS device: SSH on by default, Telnet and eAPI off until `no shutdown`.
    mutating func finishEOS() {
        // EOS has no `service password-encryption`: secrets are stored hashed or as type 7 by the CLI.
        device.hardening.passwordEncryption = nil
        device.services.removeAll { [.telnet, .ssh, .http, .https].contains($0.kind) }
        device.loginChannels.removeAll { $0.kind == .vty }
        let profile = CiscoDialect.eos.profile
        let ssh = dialectFacts.sshEnabled ?? Sourced(true, .vendorDefault(
            profile: profile, statement: "EOS runs the SSH server unless `management ssh` says `shutdown`"))
        var sshService = ManagementService(kind: .ssh, enabled: ssh, listen: Sourced(ssh.value ? [.any] : [], ssh.origin))
        sshService.settings["version"] = Sourced("2", .vendorDefault(profile: profile, statement: "EOS speaks SSH version 2 only"))
        device.services.append(sshService)
        let telnet = dialectFacts.telnetEnabled ?? Sourced(false, .vendorDefault(
            profile: profile, statement: "EOS turns Telnet off unless `management telnet` says `no shutdown`"))
        device.services.append(ManagementService(kind: .telnet, enabled: telnet, listen: Sourced(telnet.value ? [.any] : [], telnet.origin)))
        let eapiOn = dialectFacts.eapiEnabled?.value ?? false
        var protocols = dialectFacts.eapiProtocols
        if protocols.isEmpty, let on = dialectFacts.eapiEnabled, on.value {
            protocols = [(.https, nil, on.origin.spans.first ?? SourceSpan(file: file, start: 1))]
        }
        for entry in protocols where eapiOn {
            let on = dialectFacts.eapiEnabled!
            let origin: Provenance = .derived([entry.span] + on.origin.spans)
            var service = ManagementService(kind: entry.kind, enabled: Sourced(true, origin),
                                            port: entry.port.map { Sourced($0, .source(entry.span)) },
                                            listen: Sourced([.any], origin))
            service.settings["api"] = Sourced("eapi", .source(entry.span))
            device.services.append(service)
        }
    }
}
