import AuditCore

/// Short, lowercase phrases for finding messages.
enum Describe {
    static func purpose(_ stored: StoredSecret) -> String {
        switch stored.purpose {
        case .login: "password of account '\(stored.owner)'"
        case .privilege: "\(stored.owner) secret"
        case .linePassword: "line password of '\(stored.owner)'"
        case .service(let kind): "\(kind) secret of '\(stored.owner)'"
        }
    }

    /// What a finding about a stored secret is about: owner, purpose and storage form, so two
    /// secrets of one owner (`enable secret` and `enable password`) keep distinct fingerprints.
    static func subject(_ stored: StoredSecret) -> String {
        let storage: String
        switch stored.secret.form {
        case .empty: storage = "empty"
        case .cleartext: storage = "cleartext"
        case .reversible(let scheme, _): storage = scheme.rawValue
        case .hashed(let scheme, _): storage = scheme.rawValue
        case .opaque(let scheme, _): storage = scheme
        }
        let purpose: String
        switch stored.purpose {
        case .login: purpose = "login"
        case .privilege: purpose = "privilege"
        case .linePassword: purpose = "line"
        case .service(let kind): purpose = kind
        }
        return "\(stored.owner) \(purpose) \(storage)"
    }

    static func scheme(_ scheme: ReversibleScheme) -> String {
        switch scheme {
        case .ciscoType7: "cisco type 7"
        case .junosType9: "junos $9$"
        case .fortiosENC: "fortios enc"
        case .huaweiCipher: "huawei cipher"
        case .zyxelZLD4: "zyxel $4$"
        }
    }

    static func rule(_ rule: FilterRule) -> String {
        var words = [rule.action.rawValue]
        words.append(rule.protocols == .any ? "ip" : rule.protocols.description)
        words.append(rule.source.description)
        if !rule.sourcePorts.isAny { words.append("port \(rule.sourcePorts)") }
        words.append(rule.destination.description)
        if !rule.destinationPorts.isAny { words.append("port \(rule.destinationPorts)") }
        // A condition that names the connection states says more than `established`.
        if rule.establishedOnly && !rule.conditions.contains(where: { $0.hasPrefix("connection-state=") }) {
            words.append("established")
        }
        words += rule.conditions
        return words.joined(separator: " ")
    }

    /// `rule 'Allow-SSH'` for named rules, `rule at line 12` otherwise.
    static func ruleName(_ rule: FilterRule) -> String {
        if let label = rule.label { return "rule '\(label)'" }
        if let span = rule.origin.spans.first { return "rule at line \(span.start)" }
        return "rule"
    }

    static func listen(_ scopes: [ListenScope]) -> String {
        scopes.map {
            switch $0 {
            case .any: "all interfaces"
            case .role(let role): "\(role.rawValue) interfaces"
            case .interface(let name): "interface \(name)"
            case .address(let address): "address \(address)"
            }
        }.joined(separator: ", ")
    }
}

extension Provenance {
    /// Evidence for a value that may rest on a vendor default: the default itself and the line
    /// of the object it applies to, so the reader sees both.
    func with(context: Provenance) -> [Provenance] {
        isVendorDefault ? [context, self] : [self]
    }
}
