/// The words in which an IOS-like CLI says the same things: Cisco IOS (`configure terminal`,
/// `no`, `exit`, `end`) and Huawei VRP (`system-view`, `undo`, `quit`, `return`).
struct IOSDialect: Sendable {
    var negation: Substring
    /// Global commands are indented after a `#` line (VRP).
    var flatAfterSeparator = false
    var enter: [[Substring]]
    var leaveMode: [Substring]
    var leaveAll: [Substring]
    /// The last line of a saved configuration, before which new lines go.
    var endMarker: [Substring]
    /// Commands that open a mode.
    var modeCommands: [[Substring]]
    /// Global commands recognised inside a mode: the CLI leaves the mode to run them.
    var globalLeads: Set<Substring>
    var globalPrefixes: [[Substring]]
    /// Settings shown in their negative form when they are off.
    var shownNegative: Set<String>
    var globalKeyLength: @Sendable ([Substring]) -> Int
    var modeKey: @Sendable ([Substring]) -> (prefix: [Substring], last: Substring?)?

    static let ios = IOSDialect(
        negation: "no", enter: [["configure", "terminal"], ["conf", "t"]], leaveMode: ["exit"], leaveAll: ["end"], endMarker: ["end"],
        modeCommands: [["interface"], ["line"], ["ip", "access-list"], ["ipv6", "access-list"], ["router"], ["archive"]],
        globalLeads: ["username", "enable", "snmp-server", "service", "hostname", "access-list", "banner", "aaa"],
        globalPrefixes: [["ip", "http"], ["ip", "ssh"], ["ip", "nat"], ["login", "block-for"]],
        shownNegative: ["service password-encryption"],
        globalKeyLength: IOSApplyState.iosGlobalKeyLength, modeKey: IOSApplyState.iosModeKey)

    /// Huawei VRP: `user-interface`, `interface`, `aaa` and `acl` open views; `undo` removes.
    static let vrp = IOSDialect(
        negation: "undo", flatAfterSeparator: true, enter: [["system-view"]], leaveMode: ["quit"], leaveAll: ["return"], endMarker: ["return"],
        modeCommands: [["interface"], ["user-interface"], ["aaa"], ["acl", "number"], ["acl", "name"], ["acl", "ipv6"]],
        globalLeads: ["snmp-agent", "sysname", "telnet", "stelnet", "http"],
        globalPrefixes: [],
        shownNegative: [],
        globalKeyLength: { words in
            if words.starts(with: ["snmp-agent", "community"]), words.count >= 4 { return 4 }
            return words.count
        },
        modeKey: { words in
            guard let lead = words.first else { return nil }
            switch lead {
            case "idle-timeout", "authentication-mode", "user", "acl": return ([lead], lead == "acl" ? words.last : nil)
            case "protocol" where words.count >= 2: return (Array(words.prefix(2)), nil)
            case "local-user" where words.count >= 3:
                // `local-user NAME password ...` replaces the password; other attributes their own value.
                return (Array(words.prefix(3)), nil)
            default: return nil
            }
        })
}
