import AuditCore

/// What the `ip http ...` lines say, gathered before the HTTP(S) services are built.
struct CiscoHTTPSettings {
    var server: Sourced<Bool>?
    var secureServer: Sourced<Bool>?
    var accessClass: Sourced<String>?
    var port: Sourced<Int>?
    var securePort: Sourced<Int>?
    var settings: [String: Sourced<String>] = [:]
}

/// The HTTP(S) management server and SNMP.
extension CiscoIOSConverter {
    mutating func httpServer(_ index: Int) {
        let words = command(index).words
        switch words[safe: 2] {
        case "server": http.server = Sourced(true, source(index))
        case "secure-server": http.secureServer = Sourced(true, source(index))
        case "access-class":
            // ip http access-class [ipv4|ipv6] NAME
            if let name = words.last, words.count >= 4 {
                http.accessClass = Sourced(String(name), source(index))
                useFilter(String(name), .managementAccess("http"), context: "ip http access-class",
                          filtersTraffic: true, at: index)
            }
        case "port":
            if let port = words[safe: 3].flatMap(CiscoText.integer) { http.port = Sourced(port, source(index)) }
        case "secure-port":
            if let port = words[safe: 3].flatMap(CiscoText.integer) { http.securePort = Sourced(port, source(index)) }
        case "authentication":
            http.settings["authentication"] = Sourced(words.dropFirst(3).joined(separator: " "), source(index))
        case "client":
            // ip http client password [TYPE] VALUE: the router's own HTTP client login.
            if words[safe: 3] == "password" {
                storeSecret(at: 4, of: index, purpose: .service("http-client"), owner: "ip http client")
            }
        case "secure-ciphersuite", "tls-version", "secure-trustpoint":
            if let key = words[safe: 2] {
                http.settings[String(key)] = Sourced(words.dropFirst(3).joined(separator: " "), source(index))
            }
        default:
            break
        }
        understandSubtree(index)
    }

    /// IOS prints `ip http server` when the server is on and, on releases where it is on by
    /// default, `no ip http server` when it is off; absent means off.
    func httpService(_ kind: ServiceKind) -> ManagementService {
        let secure = kind == .https
        let statement = secure ? "the HTTPS server is off unless `ip http secure-server` is configured"
                               : "the HTTP server is off unless `ip http server` is configured"
        let enabled = (secure ? http.secureServer : http.server) ?? Sourced(false, CiscoIOSConversion.vendorDefault(statement))
        var service = ManagementService(kind: kind, enabled: enabled, port: secure ? http.securePort : http.port,
                                        listen: Sourced([.any], enabled.origin), accessFilter: http.accessClass,
                                        settings: http.settings)
        if !enabled.value { service.listen = Sourced([], enabled.origin) }
        return service
    }

    mutating func snmpServer(_ index: Int) {
        let words = command(index).words
        switch words[safe: 1] {
        case "community": snmpCommunity(index)
        case "host": snmpHost(index)
        case "user": snmpUser(index)
        case "group":
            // snmp-server group G v3 priv [read V] [write V] [access [ipv6 N] ACL]
            if let access = words.firstIndex(of: "access"), let name = words.last, words.count > access + 1 {
                useFilter(String(name), .managementAccess("snmp"), context: "snmp-server group \(words[safe: 2] ?? "") access",
                          filtersTraffic: true, at: index)
            }
        case "tftp-server-list", "file-transfer":
            if let name = words.last, words.count >= 3 {
                useFilter(String(name), .other("snmp \(words[1])"), context: "snmp-server \(words[1])",
                          filtersTraffic: false, at: index)
            }
        default:
            break
        }
        understandSubtree(index)
    }

    /// `snmp-server community NAME [view V] [RO|RW] [ipv6 NACL] [ACL]`.
    private mutating func snmpCommunity(_ index: Int) {
        let current = command(index)
        let words = current.words
        guard let name = words[safe: 2] else { return badValue("snmp-server community without a name", at: index) }
        var access = SNMPAccess.readOnly
        var view: String?
        var filter: Sourced<String>?
        var position = 3
        while position < words.count {
            let word = words[position]
            switch word {
            case "view":
                view = words[safe: position + 1].map(String.init)
                position += 2
            case "ro", "RO":
                access = .readOnly
                position += 1
            case "rw", "RW":
                access = .readWrite
                position += 1
            case "ipv6":
                if let acl = words[safe: position + 1] {
                    useFilter(String(acl), .managementAccess("snmp"), context: "snmp-server community ipv6 access list",
                              filtersTraffic: true, at: index)
                }
                position += 2
            default:
                filter = Sourced(String(word), source(index))
                useFilter(String(word), .managementAccess("snmp"), context: "snmp-server community access list",
                          filtersTraffic: true, at: index)
                position += 1
            }
        }
        let value = CiscoSecretValue(form: .cleartext(String(name)), type: nil,
                                     range: CiscoText.byteRange(from: name, to: name, in: current.raw), nextWord: 3)
        markSecret(value, at: index)
        device.snmp.communities.append(SNMPCommunity(name: Secret(value.form, origin: source(index)), access: access,
                                                     accessFilter: filter, view: view, origin: source(index)))
        snmpSpans.append(span(index))
    }

    /// `snmp-server host A [vrf V] [traps|informs] [version 1|2c|3 [auth|noauth|priv]] COMMUNITY-OR-USER ...`.
    private mutating func snmpHost(_ index: Int) {
        let current = command(index)
        let words = current.words
        var position = 3
        if words[safe: position] == "vrf" { position += 2 }
        if words[safe: position] == "traps" || words[safe: position] == "informs" { position += 1 }
        var snmpVersion: Substring = "1"
        if words[safe: position] == "version", let value = words[safe: position + 1] {
            snmpVersion = value
            position += 2
            if value == "3", let level = words[safe: position], ["auth", "noauth", "priv"].contains(level) { position += 1 }
        }
        // With version 3 the word is a user name; otherwise it is the community, which is a secret.
        if snmpVersion != "3", let community = words[safe: position] {
            markSecret(CiscoSecretValue(form: .cleartext(String(community)), type: nil,
                                        range: CiscoText.byteRange(from: community, to: community, in: current.raw),
                                        nextWord: position + 1), at: index)
        }
        snmpSpans.append(span(index))
    }

    /// `snmp-server user U GROUP v3 [encrypted] auth md5|sha PASS [priv des|3des|aes N PASS] [access ACL]`.
    private mutating func snmpUser(_ index: Int) {
        let words = command(index).words
        guard let user = words[safe: 2] else { return badValue("snmp-server user without a name", at: index) }
        if words.contains("v3") { device.snmp.v3Users.append(Sourced(String(user), source(index))) }
        if let auth = words.firstIndex(of: "auth"), auth + 2 < words.count {
            storeSecret(at: auth + 2, of: index, purpose: .service("snmpv3"), owner: "snmp user \(user) auth")
        }
        if let priv = words.firstIndex(of: "priv") {
            var at = priv + 2
            if words[safe: priv + 1] == "aes", words[safe: at].flatMap(CiscoText.integer) != nil { at += 1 }
            if at < words.count {
                storeSecret(at: at, of: index, purpose: .service("snmpv3"), owner: "snmp user \(user) priv")
            }
        }
        if let access = words.firstIndex(of: "access"), let name = words.last, words.count > access + 1 {
            useFilter(String(name), .managementAccess("snmp"), context: "snmp-server user \(user) access",
                      filtersTraffic: true, at: index)
        }
        snmpSpans.append(span(index))
    }
}
