import AuditCore

/// How expensive one guess is against a stored hash, in microseconds on a reference core
/// (measured with `routeraudit-bench --hash-speed`, rounded up). The standard crack depth uses
/// it to decide how many weak-list guesses fit a per-hash budget, so depth depends on the hash's
/// own parameters, never on how fast the machine running the audit happens to be.
public enum HashCost {
    public static func microseconds(_ scheme: HashScheme, stored: String) -> Double {
        switch scheme {
        case .md5crypt: return 100
        case .sha256crypt: return 800 * Double(rounds(stored)) / 5000
        case .sha512crypt: return 1000 * Double(rounds(stored)) / 5000
        case .bcrypt: return 48 * Double(1 << min(31, bcryptCost(stored)))
        case .ciscoType8: return 4000
        case .ciscoType9: return 3600
        case .desCrypt: return 20
        case .ciscoType4, .fortiosSH2, .fortiosAK1, .pixMD5, .asaMD5: return 2
        case .unknown: return .infinity
        }
    }

    /// `rounds=N$` in a sha-crypt setting, 5000 by default.
    static func rounds(_ stored: String) -> Int {
        let parts = stored.split(separator: "$")
        guard parts.count > 2, parts[1].hasPrefix("rounds="), let n = Int(parts[1].dropFirst(7)) else { return 5000 }
        return min(max(n, 1000), 999_999_999)
    }

    /// The cost field of `$2b$10$...`, 10 when unreadable.
    static func bcryptCost(_ stored: String) -> Int {
        let parts = stored.split(separator: "$")
        return parts.count > 1 ? Int(parts[1]) ?? 10 : 10
    }
}

