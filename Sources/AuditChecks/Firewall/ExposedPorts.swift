import AuditCore
import AuditFirewall

/// Names what an exposure path opens: every port, or the risky services among its ports.
enum ExposedPorts {
    /// Risky services the path delivers, over TCP or UDP, lowest port first.
    static func risky(_ path: LANExposure.Path) -> [(port: Int, name: String)] {
        RiskyPorts.table.filter { path.delivers(proto: 6, port: $0.key) || path.delivers(proto: 17, port: $0.key) }
            .sorted { $0.key < $1.key }
            .map { ($0.key, $0.value) }
    }

    /// `all ports of 192.168.1.0/24 (risky: rdp 3389, smb 445)`-style text for a message.
    static func describe(_ path: LANExposure.Path) -> String {
        let named = risky(path)
        let all = named.count == RiskyPorts.table.count
        let what = all ? "every port" : named.isEmpty ? "ports without a named risk" : "risky ports " + names(named)
        return "\(hosts(path)) on \(what)"
    }

    static func names(_ ports: [(port: Int, name: String)]) -> String {
        ports.map { "\($0.name) (\($0.port))" }.joined(separator: ", ")
    }

    /// The inside addresses the path reaches, as one host when it is one.
    static func hosts(_ path: LANExposure.Path) -> String {
        if let translated = path.translated { return "host \(translated.family == 0 ? "\(IPAddress.v4(UInt32(truncatingIfNeeded: translated.destination)))" : "\(IPAddress.v6(translated.destination))")" }
        return "inside hosts"
    }
}
