import AuditCore

/// An alias (`<aliases><alias>`, OPNsense also `OPNsense/Firewall/Alias/aliases/alias`): a named
/// list of hosts, networks or ports, possibly naming other aliases.
struct PfAlias {
    var name: String
    /// host, network, port, url, urltable, url_ports, urltable_ports, geoip, networkgroup, ...
    var type: String
    var entries: [String]
    var element: Int
}

/// Alias resolution, as pf sees it: host and network aliases become address lists, port aliases
/// port lists, nested aliases are expanded (pfSense filter.inc `filter_generate_nested_alias`,
/// OPNsense `filter_core_get_port_alias`). URL tables, GeoIP and FQDN entries are filled at run
/// time and cannot be resolved from the file.
extension PfSenseConversion {
    static let maximumAliasDepth = 16
    static let maximumAliasAddresses = 4096

    mutating func collectAliases() {
        if let section = section("aliases") {
            for element in children(section, "alias") {
                guard let name = nonEmpty(element, "name") else {
                    diagnose(.warning, "bad-value", "an alias without a name is ignored", at: doc.line(element))
                    continue
                }
                let type = (value(element, "type") ?? "").lowercased()
                let entries = Self.list(value(element, "address") ?? "")
                addAlias(PfAlias(name: name, type: type, entries: entries, element: element))
            }
        }
        if let section = section(["OPNsense", "Firewall", "Alias", "aliases"]) {
            for element in children(section, "alias") {
                guard let name = nonEmpty(element, "name") else { continue }
                if let enabled = value(element, "enabled"), enabled == "0" { continue }
                let type = (value(element, "type") ?? "").lowercased()
                let entries = Self.list(value(element, "content") ?? "")
                addAlias(PfAlias(name: name, type: type, entries: entries, element: element))
            }
        }
    }

    private mutating func addAlias(_ alias: PfAlias) {
        if aliases[alias.name] != nil {
            diagnose(.warning, "duplicate", "alias '\(alias.name)' is defined twice; the first definition is used",
                     at: doc.line(alias.element))
            return
        }
        aliases[alias.name] = alias
    }

    static let addressAliasTypes: Set<String> = ["host", "network", "networkgroup", "hosts", "networks"]
    static let portAliasTypes: Set<String> = ["port", "ports"]

    /// The prefixes an address alias stands for; nil when some entry is filled at run time or
    /// cannot be read.
    func aliasAddresses(_ name: String, depth: Int = 0) -> [IPPrefix]? {
        guard depth < Self.maximumAliasDepth, let alias = aliases[name], Self.addressAliasTypes.contains(alias.type) else {
            return nil
        }
        var result: [IPPrefix] = []
        for entry in alias.entries {
            if let prefix = IPPrefix(entry) {
                result.append(prefix)
            } else if let range = Self.addressRange(entry) {
                result += range
            } else if aliases[entry] != nil {
                guard let nested = aliasAddresses(entry, depth: depth + 1) else { return nil }
                result += nested
            } else {
                // An FQDN (resolved by filterdns) or something unreadable.
                return nil
            }
            if result.count > Self.maximumAliasAddresses { return nil }
        }
        return result
    }

    /// The port ranges a port alias stands for; nil when it cannot be resolved.
    func aliasPorts(_ name: String, depth: Int = 0) -> [ClosedRange<Int>]? {
        guard depth < Self.maximumAliasDepth, let alias = aliases[name], Self.portAliasTypes.contains(alias.type) else {
            return nil
        }
        var result: [ClosedRange<Int>] = []
        for entry in alias.entries {
            if let range = Self.portRange(entry) {
                result.append(range)
            } else if aliases[entry] != nil {
                guard let nested = aliasPorts(entry, depth: depth + 1) else { return nil }
                result += nested
            } else {
                return nil
            }
        }
        return result
    }

    /// `80`, `8000-8080` or `8000:8080`.
    static func portRange(_ text: String) -> ClosedRange<Int>? {
        if let single = Int(text), (0...65535).contains(single) { return single...single }
        guard let separator = text.firstIndex(where: { $0 == "-" || $0 == ":" }),
              let low = Int(text[..<separator]), let high = Int(text[text.index(after: separator)...]),
              (0...65535).contains(low), (0...65535).contains(high) else { return nil }
        return min(low, high)...max(low, high)
    }

    /// `192.168.1.10-192.168.1.20` as the smallest list of prefixes covering it (IPv4 only).
    static func addressRange(_ text: String) -> [IPPrefix]? {
        guard let dash = text.firstIndex(of: "-"),
              case .v4(let low)? = IPAddress(text[..<dash]), case .v4(let high)? = IPAddress(text[text.index(after: dash)...]),
              low <= high else { return nil }
        var result: [IPPrefix] = []
        var start = UInt64(low)
        let end = UInt64(high)
        while start <= end && result.count <= 64 {
            var length = 32
            while length > 0 {
                let size = UInt64(1) << UInt64(32 - (length - 1))
                if start % size != 0 || start + size - 1 > end { break }
                length -= 1
            }
            result.append(IPPrefix(.v4(UInt32(start)), length: length))
            start += UInt64(1) << UInt64(32 - length)
        }
        return result.count > 64 ? nil : result
    }
}
