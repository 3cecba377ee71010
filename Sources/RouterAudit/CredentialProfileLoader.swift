import AuditCore
import AuditCredentials
import Yams

/// Reads credential data in the format of `profiles/credentials/*.yaml`, so an operator can add
/// their own defaults (an ISP's service account, a reseller's standard password) and weak words.
/// Every malformed entry is rejected with its file and line.
///
///     version: 1
///     vendors:
///       cisco-ios:
///         - {user: isp-support, password: Support2020, protocol: any, source: "our CPE template"}
///     passwords: [Winter2024!, Company123]
///     guessable: [isp-snmp]
public enum CredentialProfileLoader {
    public typealias LoadError = PolicyLoader.PolicyError

    static let knownTopKeys: Set<String> = ["version", "vendors", "passwords", "sources", "defaults", "guessable", "patterns"]
    static let knownEntryKeys: Set<String> = ["user", "password", "protocol", "models", "source"]

    /// Merges the file's entries into `knowledge`.
    public static func merge(_ text: String, file: String, into knowledge: CredentialKnowledge) throws(LoadError) -> CredentialKnowledge {
        let root = try PolicyLoader.compose(text, file: file)
        guard let mapping = root.mapping else {
            throw LoadError(file: file, line: PolicyLoader.line(root), message: "a credential file is a mapping (version, vendors, passwords, ...)")
        }
        var defaults = knowledge.defaults
        var weak = knowledge.weakPasswords
        var defaultCommunities = knowledge.defaultCommunities
        var guessable = knowledge.guessableCommunities
        for (key, value) in mapping {
            guard let name = key.string, knownTopKeys.contains(name) else {
                throw LoadError(file: file, line: PolicyLoader.line(key), message: "unknown key '\(key.string ?? "?")' (known: \(knownTopKeys.sorted().joined(separator: ", ")))")
            }
            switch name {
            case "version":
                guard value.string == "1" else {
                    throw LoadError(file: file, line: PolicyLoader.line(value), message: "unsupported version '\(value.string ?? "?")' (this release reads version 1)")
                }
            case "vendors":
                defaults += try vendorEntries(value, file: file)
            case "passwords":
                weak += try strings(value, file: file, what: "passwords")
            case "defaults":
                defaultCommunities += try strings(value, file: file, what: "defaults")
            case "guessable":
                guessable += try strings(value, file: file, what: "guessable")
            case "sources", "patterns":
                break
            default:
                break
            }
        }
        return CredentialKnowledge(defaults: defaults, weakPasswords: weak, defaultCommunities: defaultCommunities,
                                   guessableCommunities: guessable)
    }

    static func vendorEntries(_ node: Node, file: String) throws(LoadError) -> [DefaultLogin] {
        guard let vendors = node.mapping else {
            throw LoadError(file: file, line: PolicyLoader.line(node), message: "vendors must map vendor ids to lists of logins")
        }
        var result: [DefaultLogin] = []
        for (vendorNode, entries) in vendors {
            guard let vendor = vendorNode.string, !vendor.isEmpty else {
                throw LoadError(file: file, line: PolicyLoader.line(vendorNode), message: "vendor id must be a string")
            }
            guard let list = entries.sequence else {
                throw LoadError(file: file, line: PolicyLoader.line(entries), message: "logins of \(vendor) must be a list")
            }
            for entry in list {
                guard let fields = entry.mapping else {
                    throw LoadError(file: file, line: PolicyLoader.line(entry), message: "a login is a mapping with user, password, protocol, source")
                }
                for (fieldKey, _) in fields where !knownEntryKeys.contains(fieldKey.string ?? "") {
                    throw LoadError(file: file, line: PolicyLoader.line(fieldKey), message: "unknown login field '\(fieldKey.string ?? "?")' (known: \(knownEntryKeys.sorted().joined(separator: ", ")))")
                }
                guard let password = fields["password"]?.string else {
                    throw LoadError(file: file, line: PolicyLoader.line(entry), message: "login has no password (use '' for an empty one)")
                }
                guard let source = fields["source"]?.string, !source.isEmpty else {
                    throw LoadError(file: file, line: PolicyLoader.line(entry), message: "login has no source: say where the fact comes from")
                }
                result.append(DefaultLogin(vendor: vendor, user: fields["user"]?.string ?? "", password: password,
                                           protocol: fields["protocol"]?.string ?? "any", source: source))
            }
        }
        return result
    }

    static func strings(_ node: Node, file: String, what: String) throws(LoadError) -> [String] {
        guard let items = node.sequence else {
            throw LoadError(file: file, line: PolicyLoader.line(node), message: "\(what) must be a list of strings")
        }
        return try items.map { item throws(LoadError) in
            guard let text = item.string else {
                throw LoadError(file: file, line: PolicyLoader.line(item), message: "\(what) entries must be strings")
            }
            return text
        }
    }
}
