import AuditCore

/// Local users, enable secrets, AAA method lists and the secrets of AAA servers.
extension CiscoIOSConverter {
    /// `username NAME [privilege P] [view V] (password|secret) [TYPE] VALUE`, `username NAME nopassword`.
    /// IOS may split one user over several lines (`username x privilege 15`, `username x secret ...`),
    /// so lines with the same name merge into one account.
    mutating func username(_ index: Int) {
        let current = command(index)
        let words = current.words
        guard let name = words[safe: 1].map(String.init) else { return badValue("username without a name", at: index) }
        var privilege: Int?
        var secret: Secret?
        var position = 2
        scan: while position < words.count {
            let word = words[position]
            switch word {
            case "privilege":
                privilege = words[safe: position + 1].flatMap(CiscoText.integer)
                if privilege == nil { badValue("username \(name) privilege is not a number", at: index) }
                position += 2
            case "password", "secret":
                // A cleartext password keeps its spaces: it runs to the end of the line.
                guard let value = CiscoSecretParser.read(current, at: position + 1, restOfLine: true) else {
                    badValue("username \(name) \(word) has no value", at: index)
                    break scan
                }
                secret = Secret(value.form, origin: source(index))
                markSecret(value, at: index)
                position = value.nextWord
            case "nopassword":
                secret = Secret(.empty, origin: source(index))
                position += 1
            case "access-class":
                if let acl = words[safe: position + 1] {
                    useFilter(String(acl), .managementAccess("username \(name)"), context: "username \(name) access-class",
                              filtersTraffic: true, at: index)
                }
                position += 2
            case "autocommand", "callback-dialstring", "callback-line", "dnis":
                break scan
            case "view", "algorithm-type", "common-criteria-policy", "user-maxlinks", "mac":
                position += 2
            default:
                position += 1
            }
        }
        let level = privilege ?? 1
        if let existing = accountIndex[name] {
            var account = device.accounts[existing]
            if let privilege {
                account.privilege = privilege
                account.isAdministrator = privilege == 15
            }
            if let secret { account.secret = secret }
            account.origin = .derived(account.origin.spans + [span(index)])
            device.accounts[existing] = account
        } else {
            accountIndex[name] = device.accounts.count
            device.accounts.append(Account(name: name, secret: secret, privilege: level, isAdministrator: level == 15,
                                           origin: source(index)))
        }
        understand(index)
    }

    /// `enable secret [level N] [TYPE] VALUE`, `enable password [level N] [TYPE] VALUE`.
    mutating func enable(_ index: Int) {
        let words = command(index).words
        guard let kind = words[safe: 1], kind == "secret" || kind == "password" else {
            // `enable algorithm-type`, `enable view`: nothing to model.
            understand(index)
            return
        }
        var position = 2
        var owner = "enable"
        if words[safe: 2] == "level", let level = words[safe: 3] {
            if level != "15" { owner = "enable level \(level)" }
            position = 4
        }
        if words[safe: position] == "algorithm-type" { position += 2 }
        storeSecret(at: position, of: index, purpose: .privilege, owner: owner)
        understand(index)
    }

    /// `aaa new-model`, `aaa authentication login LIST METHOD...`, and AAA server groups.
    mutating func aaa(_ index: Int) {
        let words = command(index).words
        switch words[safe: 1] {
        case "new-model":
            aaaNewModel = Sourced(true, source(index))
        case "authentication":
            if words[safe: 2] == "login", let list = words[safe: 3], words.count > 4 {
                loginLists[String(list)] = (Self.methods(words[4...]), span(index))
            }
        case "group":
            // aaa group server radius|tacacs+ NAME / server-private ADDRESS key [7] VALUE
            scanSecrets(in: index, keywords: ["key"], purpose: .service(words[safe: 3].map { $0.hasPrefix("tacacs") ? "tacacs" : "radius" } ?? "radius"),
                        owner: { $0.words[safe: 1].map(String.init) ?? "aaa server" })
        case "server":
            // aaa server radius dynamic-author / client ADDRESS server-key [7] VALUE
            scanSecrets(in: index, keywords: ["server-key"], purpose: .service("radius"),
                        owner: { "radius client \($0.words[safe: 1] ?? "")" })
        default:
            break
        }
        understandSubtree(index)
    }

    /// Method words as written, with `group X` kept together (`["group tacacs+", "local"]`).
    static func methods(_ words: ArraySlice<Substring>) -> [String] {
        var result: [String] = []
        var iterator = words.makeIterator()
        while let word = iterator.next() {
            if word == "group" || word == "cache", let name = iterator.next() {
                result.append("\(word) \(name)")
            } else {
                result.append(String(word))
            }
        }
        return result
    }

    /// `radius server NAME` / `tacacs server NAME` blocks: the shared key.
    mutating func aaaServerBlock(_ index: Int) {
        let words = command(index).words
        let kind = words[0] == "radius" ? "radius" : "tacacs"
        let name = words[safe: 2].map(String.init) ?? kind
        scanSecrets(in: index, keywords: ["key"], purpose: .service(kind), owner: { _ in "\(kind) server \(name)" })
        understandSubtree(index)
    }

    /// `radius-server key [7] V`, `radius-server host A ... key [7] V` and the TACACS+ equivalents.
    mutating func legacyAAAServer(_ index: Int) {
        let words = command(index).words
        let kind = words[0] == "radius-server" ? "radius" : "tacacs"
        if let key = words.firstIndex(of: "key"), key + 1 < words.count {
            let owner = words[safe: 1] == "host" ? "\(kind) server \(words[safe: 2] ?? "")" : "\(kind) default key"
            storeSecret(at: key + 1, of: index, purpose: .service(kind), owner: owner)
        }
        understandSubtree(index)
    }

    /// `parser view NAME` / `secret [TYPE] VALUE`: a CLI view with its own secret.
    mutating func parserView(_ index: Int) {
        let name = command(index).words.dropFirst().joined(separator: " ")
        scanSecrets(in: index, keywords: ["secret"], purpose: .privilege, owner: { _ in "parser \(name)" })
        understandSubtree(index)
    }

    /// `key chain NAME` / `key N` / `key-string [7] VALUE`: routing-protocol authentication keys.
    mutating func keyChain(_ index: Int) {
        let words = command(index).words
        if words[safe: 1] == "chain" {
            let chain = words[safe: 2].map(String.init) ?? ""
            scanSecrets(in: index, keywords: ["key-string"], purpose: .service("key-chain"), owner: { _ in "key chain \(chain)" })
        }
        understandSubtree(index)
    }

    /// `crypto ...`: pre-shared keys, and crypto maps that select traffic with an ACL.
    /// Certificates (`crypto pki certificate chain`) are hex text with no meaning for the checks.
    mutating func crypto(_ index: Int) {
        let words = command(index).words
        switch words[safe: 1] {
        case "isakmp":
            // crypto isakmp key [0|6] VALUE address A [MASK] | hostname H
            if words[safe: 2] == "key" {
                let peer = words.firstIndex { $0 == "address" || $0 == "hostname" }.flatMap { words[safe: $0 + 1] } ?? ""
                storeSecret(at: 3, of: index, purpose: .service("ipsec-psk"), owner: "isakmp peer \(peer)",
                            stopWords: ["address", "hostname"])
            }
        case "keyring", "ikev2":
            scanSecrets(in: index, keywords: ["key"], purpose: .service("ipsec-psk"),
                        owner: { command in
                            let words = command.words
                            return words.firstIndex(of: "address").flatMap { words[safe: $0 + 1] }.map { "ipsec peer \($0)" } ?? "ipsec keyring"
                        })
            scanPreSharedKeys(in: index)
        case "map":
            let mapName = words[safe: 2].map(String.init) ?? ""
            for position in index..<command(index).subtreeEnd {
                let child = command(position).words
                if child[0] == "match", child[safe: 1] == "address", let acl = child[safe: 2] {
                    useFilter(String(acl), .other("crypto map \(mapName)"), context: "crypto map \(mapName) match address",
                              filtersTraffic: false, at: position)
                }
            }
        default:
            break
        }
        understandSubtree(index)
    }

    /// IKEv2 keyrings write `pre-shared-key [local|remote] [TYPE] VALUE`.
    private mutating func scanPreSharedKeys(in index: Int) {
        for position in index..<command(index).subtreeEnd {
            let words = command(position).words
            guard words[0] == "pre-shared-key", !words.contains("key") else { continue }
            var at = 1
            if words[safe: 1] == "local" || words[safe: 1] == "remote" { at = 2 }
            guard at < words.count else { continue }
            storeSecret(at: at, of: position, purpose: .service("ipsec-psk"), owner: "ikev2 keyring")
        }
    }

    /// `wlan NAME ID SSID` / `security wpa psk set-key ascii|hex [TYPE] KEY` (Catalyst 9800).
    mutating func wlan(_ index: Int) {
        let name = command(index).words[safe: 1].map(String.init) ?? ""
        for position in index..<command(index).subtreeEnd {
            let words = command(position).words
            guard let setKey = words.firstIndex(of: "set-key"), let format = words[safe: setKey + 1] else { continue }
            let at = (format == "ascii" || format == "hex") ? setKey + 2 : setKey + 1
            storeSecret(at: at, of: position, purpose: .service("wlan-psk"), owner: "wlan \(name)", restOfLine: true)
        }
        understandSubtree(index)
    }

    /// `ap profile NAME`: AP console (`mgmtuser`) and 802.1X supplicant credentials.
    mutating func accessPointProfile(_ index: Int) {
        for position in index..<command(index).subtreeEnd {
            let current = command(position)
            let words = current.words
            guard words[0] == "dot1x" || words[0] == "mgmtuser", let user = words.firstIndex(of: "username") else { continue }
            let owner = words[safe: user + 1].map(String.init) ?? ""
            let purpose = SecretPurpose.service(words[0] == "dot1x" ? "ap-dot1x" : "ap-mgmtuser")
            if let password = words.firstIndex(of: "password") {
                storeSecret(at: password + 1, of: position, purpose: purpose, owner: owner, restOfLine: true,
                            stopWords: ["secret"])
            }
            if let secret = words.lastIndex(of: "secret"), secret > (words.firstIndex(of: "password") ?? 0) + 1 {
                storeSecret(at: secret + 1, of: position, purpose: purpose, owner: "\(owner) enable", restOfLine: true)
            }
        }
        understandSubtree(index)
    }
}
