import AuditCore

/// Names IOS accepts for ports and protocols in access lists, with their numbers.
enum CiscoNames {
    /// TCP and UDP port names from the IOS `eq ?` help. A few names mean different ports for TCP
    /// and UDP (`exec` 512/tcp vs `biff` 512/udp); none collide, so one table serves both.
    /// `https` and `ssh` are not IOS names but appear in hand-written lists; accepting them costs nothing.
    static let ports: [Substring: Int] = [
        "bgp": 179, "chargen": 19, "cmd": 514, "daytime": 13, "discard": 9, "domain": 53, "drip": 3949,
        "echo": 7, "exec": 512, "finger": 79, "ftp": 21, "ftp-data": 20, "gopher": 70, "hostname": 101,
        "ident": 113, "irc": 194, "klogin": 543, "kshell": 544, "login": 513, "lpd": 515, "msrpc": 135,
        "nntp": 119, "onep-plain": 15001, "onep-tls": 15002, "pim-auto-rp": 496, "pop2": 109, "pop3": 110,
        "smtp": 25, "sunrpc": 111, "syslog": 514, "tacacs": 49, "talk": 517, "telnet": 23, "time": 37,
        "uucp": 540, "whois": 43, "www": 80, "biff": 512, "bootpc": 68, "bootps": 67, "dnsix": 195,
        "isakmp": 500, "mobile-ip": 434, "nameserver": 42, "netbios-dgm": 138, "netbios-ns": 137,
        "netbios-ss": 139, "non500-isakmp": 4500, "ntp": 123, "rip": 520, "ripv6": 521, "snmp": 161,
        "snmptrap": 162, "tftp": 69, "who": 513, "xdmcp": 177, "https": 443, "ssh": 22, "ldap": 389,
        "imap": 143, "imap4": 143, "http": 80, "lotusnotes": 1352, "citrix-ica": 1494, "sqlnet": 1521,
        "h323": 1720, "pptp": 1723, "radius": 1645, "radius-acct": 1646, "kerberos": 88, "rsh": 514,
    ]

    static func port(_ word: Substring) -> Int? {
        if let number = CiscoText.integer(word) { return number <= 65535 ? number : nil }
        return ports[word]
    }

    /// Protocol keywords beyond those `IPProtocol(name:)` knows.
    static let extraProtocols: [Substring: Int] = [
        "eigrp": 88, "ospf": 89, "pim": 103, "ipinip": 4, "nos": 94, "pcp": 108, "sctp": 132,
    ]

    /// The protocol of an ACL entry; nil for `ip`/`ipv6` (any protocol) is handled by the caller.
    static func ipProtocol(_ word: Substring, family: Int) -> IPProtocol? {
        if word == "icmp" { return family == 6 ? .icmpv6 : .icmp }
        if let known = IPProtocol(name: word) { return known }
        if let number = extraProtocols[word] { return .number(number) }
        return nil
    }
}
