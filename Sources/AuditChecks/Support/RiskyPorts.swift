/// Services that should never be forwarded from the Internet to a LAN host, with why.
enum RiskyPorts {
    static let table: [Int: String] = [
        21: "ftp", 22: "ssh", 23: "telnet", 25: "smtp", 53: "dns", 69: "tftp", 80: "http", 110: "pop3",
        111: "rpcbind", 135: "msrpc", 137: "netbios", 138: "netbios", 139: "netbios-ssn", 143: "imap",
        161: "snmp", 389: "ldap", 443: "https", 445: "smb", 1433: "mssql", 1521: "oracle", 1723: "pptp",
        2049: "nfs", 2323: "telnet-alt", 3306: "mysql", 3389: "rdp", 5432: "postgresql", 5900: "vnc",
        5901: "vnc", 5985: "winrm", 5986: "winrm", 6379: "redis", 7547: "tr-069", 8080: "http-alt",
        8291: "winbox", 8443: "https-alt", 8728: "routeros-api", 9200: "elasticsearch", 11211: "memcached",
        27017: "mongodb",
    ]

    /// Risky services inside a port match, lowest port first.
    static func named(in ports: [ClosedRange<Int>]) -> [(port: Int, name: String)] {
        table.filter { entry in ports.contains { $0.contains(entry.key) } }
            .sorted { $0.key < $1.key }
            .map { ($0.key, $0.value) }
    }
}
