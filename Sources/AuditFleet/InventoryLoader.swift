#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif
import Yams

/// Reads an inventory YAML file (format in docs/fleet.md). Every problem is reported with its
/// file and line, all of them at once, so an operator fixes the file in one pass.
public enum InventoryLoader {
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var file: String
        public var line: Int?
        public var message: String
        public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
    }

    public struct InventoryError: Error, CustomStringConvertible {
        public var problems: [Problem]
        public var description: String { problems.map(\.description).joined(separator: "\n") }
    }

    static let topLevelKeys: Set<String> = ["defaults", "groups", "devices", "sources", "allow-inline-password"]
    static let settingKeys: Set<String> = [
        "user", "password-env", "password-file", "password", "key", "agent", "known-hosts", "host-key-policy",
        "host-key-fingerprint", "timeout", "legacy-algorithms", "policy", "vendor", "retries",
        "enable-secret-env", "enable-secret-file",
    ]
    static let deviceKeys: Set<String> = settingKeys.union(["name", "address", "port", "group", "file"])
    static let sourceKeys: Set<String> = settingKeys.union(["folder", "group"])

    /// Reads and validates an inventory file.
    public static func load(path: String) throws(InventoryError) -> Inventory {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InventoryError(problems: [Problem(file: path, line: nil, message: "inventory cannot be read")])
        }
        return try parse(String(decoding: data, as: UTF8.self), file: path, ownerOnly: FileMode.isOwnerOnly(path))
    }

    /// Parses inventory text. `ownerOnly` says whether the file is readable by its owner only
    /// (the condition, with `allow-inline-password: true`, for an inline password).
    public static func parse(_ text: String, file: String, ownerOnly: Bool) throws(InventoryError) -> Inventory {
        var reader = Reader(file: file, folder: FilePaths.folder(of: file), ownerOnly: ownerOnly)
        let devices = reader.read(text)
        if !reader.problems.isEmpty { throw InventoryError(problems: reader.problems) }
        return Inventory(devices: devices, file: file)
    }

    /// Duration text: `10s`, `1.5s`, `500ms`, `2m`, or a bare number of seconds.
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let value = Double(text.dropLast(suffix.count)), value > 0 else { return nil }
            return value * scale
        }
        return Double(text).flatMap { $0 > 0 ? $0 : nil }
    }

    struct Reader {
        var file: String
        var folder: String
        var ownerOnly: Bool
        var problems: [Problem] = []
        var allowInline = false

        init(file: String, folder: String, ownerOnly: Bool) {
            self.file = file
            self.folder = folder
            self.ownerOnly = ownerOnly
        }

        mutating func fail(_ node: Node?, _ message: String) {
            problems.append(Problem(file: file, line: node?.mark?.line, message: message))
        }

        mutating func read(_ text: String) -> [InventoryDevice] {
            let root: Node
            do {
                guard let node = try Yams.compose(yaml: text) else {
                    fail(nil, "inventory is empty")
                    return []
                }
                root = node
            } catch let error as YamlError {
                problems.append(Problem(file: file, line: YAMLErrors.line(error), message: "not valid YAML: \(YAMLErrors.summary(error))"))
                return []
            } catch {
                fail(nil, "not valid YAML")
                return []
            }
            guard let mapping = root.mapping else {
                fail(root, "an inventory is a mapping with defaults, groups, devices and sources")
                return []
            }
            for (key, _) in mapping where !InventoryLoader.topLevelKeys.contains(key.string ?? "") {
                fail(key, "unknown key '\(key.string ?? "?")' (known: \(InventoryLoader.topLevelKeys.sorted().joined(separator: ", ")))")
            }
            if let allow = mapping["allow-inline-password"] {
                allowInline = bool(allow, what: "allow-inline-password") ?? false
            }
            var defaults = DeviceSettings()
            if let node = mapping["defaults"] {
                if let settings = node.mapping {
                    for (key, value) in settings { apply(key, value, to: &defaults, allowed: InventoryLoader.settingKeys) }
                } else {
                    fail(node, "defaults must be a mapping of settings")
                }
            }
            var groups: [String: (settings: DeviceSettings, node: Node)] = [:]
            if let node = mapping["groups"] {
                if let entries = node.mapping {
                    for (key, value) in entries {
                        guard let name = key.string, !name.isEmpty else { fail(key, "a group needs a name"); continue }
                        guard let settings = value.mapping else { fail(value, "group '\(name)' must be a mapping of settings"); continue }
                        var resolved = defaults
                        for (settingKey, settingValue) in settings { apply(settingKey, settingValue, to: &resolved, allowed: InventoryLoader.settingKeys) }
                        groups[name] = (resolved, value)
                    }
                } else {
                    fail(node, "groups must map group names to settings")
                }
            }
            var devices: [InventoryDevice] = []
            if let node = mapping["devices"] {
                if let items = node.sequence {
                    for item in items {
                        if let device = readDevice(item, defaults: defaults, groups: groups) { devices.append(device) }
                    }
                } else {
                    fail(node, "devices must be a list")
                }
            }
            if let node = mapping["sources"] {
                if let items = node.sequence {
                    for item in items { devices += readSource(item, defaults: defaults, groups: groups) }
                } else {
                    fail(node, "sources must be a list")
                }
            }
            var seen: [String: String] = [:]
            for device in devices {
                if let first = seen[device.name] {
                    problems.append(Problem(file: file, line: Int(device.declaredAt.split(separator: ":").last ?? ""),
                                            message: "device name '\(device.name)' is used twice (first at \(first))"))
                } else {
                    seen[device.name] = device.declaredAt
                }
            }
            if devices.isEmpty && problems.isEmpty { fail(root, "no devices: add a devices list or a folder source") }
            return devices
        }

        func settings(group: String?, defaults: DeviceSettings,
                      groups: [String: (settings: DeviceSettings, node: Node)]) -> DeviceSettings {
            group.flatMap { groups[$0]?.settings } ?? defaults
        }

        mutating func readDevice(_ node: Node, defaults: DeviceSettings,
                                 groups: [String: (settings: DeviceSettings, node: Node)]) -> InventoryDevice? {
            guard let entry = node.mapping else {
                fail(node, "a device is a mapping with name and address (or file)")
                return nil
            }
            let line = node.mark?.line ?? 0
            guard let nameNode = entry["name"], let name = nameNode.string, !name.isEmpty else {
                fail(node, "device without a name")
                return nil
            }
            guard let groupName = group(of: entry, groups: groups, what: "device '\(name)'") else { return nil }
            var resolved = settings(group: groupName, defaults: defaults, groups: groups)
            for (key, value) in entry where !["name", "address", "port", "group", "file"].contains(key.string ?? "") {
                apply(key, value, to: &resolved, allowed: InventoryLoader.deviceKeys)
            }
            let target: InventoryDevice.Target
            switch (entry["address"], entry["file"]) {
            case (let address?, nil):
                guard let host = address.string, !host.isEmpty, !host.contains(where: \.isWhitespace) else {
                    fail(address, "device '\(name)': address must be a host name or IP address")
                    return nil
                }
                var port = 22
                if let portNode = entry["port"] {
                    guard let value = portNode.string.flatMap({ Int($0) }), (1...65535).contains(value) else {
                        fail(portNode, "device '\(name)': port must be a number from 1 to 65535")
                        return nil
                    }
                    port = value
                }
                target = .network(address: host, port: port)
            case (nil, let path?):
                guard let text = path.string, !text.isEmpty else {
                    fail(path, "device '\(name)': file must be a path")
                    return nil
                }
                target = .file(path: FilePaths.resolve(text, against: folder))
            case (_?, _?):
                fail(node, "device '\(name)': give either address or file, not both")
                return nil
            case (nil, nil):
                fail(node, "device '\(name)': needs an address (SSH) or a file (exported configuration)")
                return nil
            }
            return InventoryDevice(name: name, target: target, declaredAt: "\(file):\(line)", group: groupName, settings: resolved)
        }

        /// The group a device or source names (`.some(nil)` for none); nil when it names one that does not exist.
        mutating func group(of entry: Node.Mapping, groups: [String: (settings: DeviceSettings, node: Node)], what: String) -> String?? {
            guard let node = entry["group"] else { return .some(nil) }
            guard let name = node.string, groups[name] != nil else {
                fail(node, "\(what): unknown group '\(node.string ?? "?")' (defined: \(groups.keys.sorted().joined(separator: ", ")))")
                return nil
            }
            return .some(name)
        }

        mutating func readSource(_ node: Node, defaults: DeviceSettings,
                                 groups: [String: (settings: DeviceSettings, node: Node)]) -> [InventoryDevice] {
            guard let entry = node.mapping, let folderNode = entry["folder"], let path = folderNode.string, !path.isEmpty else {
                fail(node, "a source is a mapping with a folder: every file in it is a device")
                return []
            }
            guard let groupName = group(of: entry, groups: groups, what: "source \(path)") else { return [] }
            var resolved = settings(group: groupName, defaults: defaults, groups: groups)
            for (key, value) in entry where !["folder", "group"].contains(key.string ?? "") {
                apply(key, value, to: &resolved, allowed: InventoryLoader.sourceKeys)
            }
            let full = FilePaths.resolve(path, against: folder)
            let line = node.mark?.line ?? 0
            guard let found = FolderSource.devices(in: full) else {
                fail(folderNode, "folder \(full) cannot be read")
                return []
            }
            return found.map { item in
                InventoryDevice(name: item.name, target: .file(path: item.path), declaredAt: "\(file):\(line)",
                                group: groupName, settings: resolved)
            }
        }

        mutating func bool(_ node: Node, what: String) -> Bool? {
            switch node.string?.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default:
                fail(node, "\(what) must be true or false")
                return nil
            }
        }

        /// Applies one setting key to resolved settings, reporting unknown keys and bad values.
        mutating func apply(_ key: Node, _ value: Node, to settings: inout DeviceSettings, allowed: Set<String>) {
            guard let name = key.string, allowed.contains(name) else {
                fail(key, "unknown key '\(key.string ?? "?")' (known: \(allowed.sorted().joined(separator: ", ")))")
                return
            }
            if name == "agent" {
                if bool(value, what: name) == true { settings.credential = .agent }
                return
            }
            if name == "legacy-algorithms" {
                if let flag = bool(value, what: name) { settings.legacyAlgorithms = flag }
                return
            }
            guard let text = value.string, !text.isEmpty else {
                fail(value, "\(name) must be a value")
                return
            }
            switch name {
            case "user":
                settings.user = text
            case "password-env":
                guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    fail(value, "password-env names an environment variable (letters, digits, _), not a password")
                    return
                }
                settings.credential = .environment(text)
            case "password-file":
                let path = FilePaths.resolve(text, against: folder)
                if !FileManager.default.fileExists(atPath: path) {
                    fail(value, "password-file \(path) does not exist")
                } else if !FileMode.isOwnerOnly(path) {
                    fail(value, "password-file \(path) is readable by others: chmod 600 it")
                } else {
                    settings.credential = .file(path)
                }
            case "password":
                // The value itself never appears in a message.
                if !allowInline {
                    fail(value, "inline passwords are refused: use password-env, password-file, key or agent (or set allow-inline-password: true in an owner-only inventory)")
                } else if !ownerOnly {
                    fail(value, "inline password in an inventory readable by others: chmod 600 \(file)")
                } else {
                    settings.credential = .inline(text)
                }
            case "enable-secret-env":
                guard text.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                    fail(value, "enable-secret-env names an environment variable (letters, digits, _), not a secret")
                    return
                }
                settings.enableSecret = .environment(text)
            case "enable-secret-file":
                let path = FilePaths.resolve(text, against: folder)
                if !FileMode.isOwnerOnly(path) {
                    fail(value, "enable-secret-file \(path) is missing or readable by others: chmod 600 it")
                } else {
                    settings.enableSecret = .file(path)
                }
            case "key":
                settings.credential = .key(FilePaths.resolve(text, against: folder))
            case "known-hosts":
                settings.knownHosts = FilePaths.resolve(text, against: folder)
            case "host-key-policy":
                switch text {
                case "strict": settings.hostKeyPolicy = .strict
                case "tofu": settings.hostKeyPolicy = .trustOnFirstUse
                case "pinned":
                    if case .pinned = settings.hostKeyPolicy { break }
                    settings.hostKeyPolicy = .pinned("")
                default: fail(value, "host-key-policy must be strict, tofu or pinned")
                }
            case "host-key-fingerprint":
                guard text.hasPrefix("SHA256:"), text.count > 7 else {
                    fail(value, "host-key-fingerprint must look like SHA256:base64...")
                    return
                }
                settings.hostKeyPolicy = .pinned(text)
            case "timeout":
                guard let seconds = InventoryLoader.seconds(text), seconds <= 3600 else {
                    fail(value, "timeout must be a duration like 10s, 500ms or 2m (at most 1h)")
                    return
                }
                settings.timeoutSeconds = seconds
            case "retries":
                guard let count = Int(text), (0...10).contains(count) else {
                    fail(value, "retries must be a whole number from 0 to 10")
                    return
                }
                settings.retries = count
            case "policy":
                settings.policy = text
            case "vendor":
                settings.vendor = text == "auto" ? nil : text
            default:
                break
            }
        }
    }
}

/// The devices of a folder source: every file is one device, named by its path inside the folder
/// (extension kept: `shop.cfg` and `shop.conf` stay two devices); a subfolder laid out like
/// OpenWrt's /etc/config is one device.
enum FolderSource {
    struct Item {
        var name: String
        var path: String
    }

    static func devices(in folder: String) -> [Item]? {
        var isDirectory: Bool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory,
              let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return nil }
        var items: [Item] = []
        walk(folder, prefix: "", names: names, into: &items)
        return items
    }

    static func walk(_ folder: String, prefix: String, names: [String], into items: inout [Item]) {
        for name in names.sorted() where !name.hasPrefix(".") {
            let full = folder + "/" + name
            var isDirectory: Bool = false
            guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) else { continue }
            if isDirectory {
                let inner = (try? FileManager.default.contentsOfDirectory(atPath: full)) ?? []
                if inner.contains("network") || inner.contains("firewall") {
                    items.append(Item(name: prefix + name, path: full))
                } else {
                    walk(full, prefix: prefix + name + "/", names: inner, into: &items)
                }
            } else {
                items.append(Item(name: prefix + name, path: full))
            }
        }
    }
}

enum FilePaths {
    static func folder(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    static func resolve(_ path: String, against folder: String) -> String {
        if path.hasPrefix("/") { return path }
        if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] { return home + path.dropFirst() }
        let relative = path.hasPrefix("./") ? String(path.dropFirst(2)) : path
        return folder == "." ? relative : folder + "/" + relative
    }
}

enum FileMode {
    /// True when neither group nor others may read or write the file.
    static func isOwnerOnly(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return false }
        return info.st_mode & 0o077 == 0
    }
}

enum YAMLErrors {
    static func line(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    static func summary(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)".split(separator: "\n").first.map(String.init) ?? "syntax error"
        }
    }
}
