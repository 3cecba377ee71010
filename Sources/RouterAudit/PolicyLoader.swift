#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore
import Yams

/// Loads an audit policy from YAML, with errors that name the file and line.
///
///     name: strict
///     checks:
///       disable: [RA-MGMT-006]
///     severity:
///       RA-CRED-006: medium
///     trusted-management-networks: [192.168.1.0/24]
///     minimum-password-length: 12
///     maximum-idle-timeout: 600
///     crack-depth: standard        # off, standard, full
public enum PolicyLoader {
    public struct PolicyError: Error, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var message: String
        public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
    }

    static let knownKeys: Set<String> = [
        "name", "description", "extends", "checks", "severity", "trusted-management-networks",
        "minimum-password-length", "maximum-idle-timeout", "crack-depth",
    ]

    /// Loads a policy by built-in name (`baseline`, `strict`) or by file path.
    public static func load(nameOrPath: String, knownCheckIDs: Set<String>) throws(PolicyError) -> AuditPolicy {
        if let text = EmbeddedProfiles.policies[nameOrPath] {
            return try parse(text, file: "profiles/policies/\(nameOrPath).yaml", knownCheckIDs: knownCheckIDs)
        }
        guard let data = FileReading.contents(of: nameOrPath) else {
            throw PolicyError(file: nameOrPath, line: nil, message: "policy file cannot be read (built-in policies: \(EmbeddedProfiles.policies.keys.sorted().joined(separator: ", ")))")
        }
        return try parse(data, file: nameOrPath, knownCheckIDs: knownCheckIDs)
    }

    /// Parses YAML into a node tree, turning syntax errors into file:line errors.
    static func compose(_ text: String, file: String) throws(PolicyError) -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw PolicyError(file: file, line: nil, message: "file is empty")
            }
            return node
        } catch let error as PolicyError {
            throw error
        } catch let error as YamlError {
            throw PolicyError(file: file, line: yamlErrorLine(error), message: "not valid YAML: \(yamlErrorSummary(error))")
        } catch {
            throw PolicyError(file: file, line: nil, message: "not valid YAML")
        }
    }

    public static func parse(_ text: String, file: String, knownCheckIDs: Set<String>) throws(PolicyError) -> AuditPolicy {
        let root = try compose(text, file: file)
        guard let mapping = root.mapping else {
            throw PolicyError(file: file, line: line(root), message: "a policy is a mapping of keys (name, checks, severity, ...)")
        }
        var policy = AuditPolicy(name: file)
        if let base = mapping["extends"] {
            guard let name = base.string, let text = EmbeddedProfiles.policies[name] else {
                throw PolicyError(file: file, line: line(base), message: "extends must name a built-in policy (\(EmbeddedProfiles.policies.keys.sorted().joined(separator: ", ")))")
            }
            policy = try parse(text, file: "profiles/policies/\(name).yaml", knownCheckIDs: knownCheckIDs)
        }
        for (key, value) in mapping {
            guard let name = key.string, knownKeys.contains(name) else {
                throw PolicyError(file: file, line: line(key), message: "unknown key '\(key.string ?? "?")' (known: \(knownKeys.sorted().joined(separator: ", ")))")
            }
            switch name {
            case "name":
                policy.name = try string(value, file: file, what: "name")
            case "description", "extends":
                break
            case "checks":
                guard let checks = value.mapping else {
                    throw PolicyError(file: file, line: line(value), message: "checks must be a mapping with 'enable' and/or 'disable' lists")
                }
                for (checkKey, list) in checks {
                    let ids = try checkIDs(list, file: file, known: knownCheckIDs)
                    switch checkKey.string {
                    case "enable": policy.enabledChecks = Set(ids)
                    case "disable": policy.disabledChecks.formUnion(ids)
                    default:
                        throw PolicyError(file: file, line: line(checkKey), message: "checks takes 'enable' and 'disable', not '\(checkKey.string ?? "?")'")
                    }
                }
            case "severity":
                guard let overrides = value.mapping else {
                    throw PolicyError(file: file, line: line(value), message: "severity must map check ids to levels")
                }
                for (idNode, levelNode) in overrides {
                    let id = try checkIDs(.sequence(Node.Sequence([idNode])), file: file, known: knownCheckIDs)[0]
                    guard let level = levelNode.string.flatMap(Severity.init(rawValue:)) else {
                        throw PolicyError(file: file, line: line(levelNode), message: "severity must be one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    policy.severityOverrides[id] = level
                }
            case "trusted-management-networks":
                guard let items = value.sequence else {
                    throw PolicyError(file: file, line: line(value), message: "trusted-management-networks must be a list of prefixes")
                }
                policy.trustedManagementNetworks = try items.map { item throws(PolicyError) in
                    guard let text = item.string, let prefix = IPPrefix(text) else {
                        throw PolicyError(file: file, line: line(item), message: "'\(item.string ?? "?")' is not an address or prefix like 192.168.1.0/24")
                    }
                    return prefix
                }
            case "minimum-password-length":
                policy.minimumPasswordLength = try integer(value, file: file, what: name, range: 1...128)
            case "crack-depth":
                guard let depth = value.string.flatMap(CrackDepth.init(rawValue:)) else {
                    throw PolicyError(file: file, line: line(value), message: "crack-depth must be one of \(CrackDepth.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                policy.crackDepth = depth
            case "maximum-idle-timeout":
                policy.maximumIdleTimeout = try integer(value, file: file, what: name, range: 1...86_400)
            default:
                break
            }
        }
        return policy
    }

    static func line(_ node: Node) -> Int? {
        node.mark.map { $0.line }
    }

    static func string(_ node: Node, file: String, what: String) throws(PolicyError) -> String {
        guard let value = node.string else {
            throw PolicyError(file: file, line: line(node), message: "\(what) must be a string")
        }
        return value
    }

    static func integer(_ node: Node, file: String, what: String, range: ClosedRange<Int>) throws(PolicyError) -> Int {
        guard let value = node.string.flatMap({ Int($0) }), range.contains(value) else {
            throw PolicyError(file: file, line: line(node), message: "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static func checkIDs(_ node: Node, file: String, known: Set<String>) throws(PolicyError) -> [String] {
        guard let items = node.sequence else {
            throw PolicyError(file: file, line: line(node), message: "expected a list of check ids like [RA-MGMT-001]")
        }
        return try items.map { item throws(PolicyError) in
            guard let id = item.string?.uppercased(), known.contains(id) else {
                throw PolicyError(file: file, line: line(item), message: "unknown check id '\(item.string ?? "?")' (see `routeraudit checks list`)")
            }
            return id
        }
    }

    static func yamlErrorLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    static func yamlErrorSummary(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        default:
            return "\(error)".split(separator: "\n").first.map(String.init) ?? "syntax error"
        }
    }
}

enum FileReading {
    static func contents(of path: String) -> String? {
        FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
    }
}
