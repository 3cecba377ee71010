import AuditCore

/// Top-level dispatch, AAA local users, user interfaces and the management servers.
extension HuaweiVRPConverter {
    mutating func topLevel(_ index: Int) {
        let words = command(index).words
        guard let first = words.first else { return }
        switch first {
        case "sysname":
            if words.count >= 2 {
                device.identity.hostname = Sourced(words.dropFirst().joined(separator: " "), source(index))
            }
            understandSubtree(index)
        case "aaa": aaa(index)
        case "user-interface": userInterface(index)
        case "telnet", "stelnet", "ssh", "http", "ftp", "sftp", "scp": server(index, words: words[...], negated: false)
        case "undo": undo(index)
        case "snmp-agent": snmp(index)
        case "acl": acl(index)
        case "interface": interface(index)
        case "ip":
            if words.count >= 2, words[1] == "route-static" {
                routeStatic(index)
            } else if words.count >= 2, HuaweiVocabulary.ignoredIPCommands.contains(words[1]) {
                storeServiceSecrets(in: index)
                understandSubtree(index)
            }
        case "nat":
            if words.count >= 2, words[1] == "server" || words[1] == "static" {
                natServer(index, interface: nil)
            } else {
                understandSubtree(index)
            }
        case "local-aaa-user":
            localAAAUser(index)
        case "super":
            superPassword(index)
        case "radius-server", "hwtacacs-server":
            storeServiceSecrets(in: index)
            understandSubtree(index)
        case "ike", "ipsec", "firewall", "l2tp", "l2tp-group":
            // Security features the model does not hold: secrets are kept and masked, the lines
            // stay "not understood" so the coverage says so.
            storeServiceSecrets(in: index)
        default:
            if HuaweiVocabulary.ignoredTopLevel.contains(first) {
                storeServiceSecrets(in: index)
                understandSubtree(index)
            }
        }
    }

    private mutating func undo(_ index: Int) {
        let words = command(index).words
        guard words.count >= 2 else { return }
        switch words[1] {
        case "telnet", "stelnet", "ssh", "http", "ftp":
            server(index, words: words.dropFirst(), negated: true)
        case "snmp-agent":
            if words.count == 2 { snmpDisabled = span(index) }
            understand(index)
        case "local-aaa-user":
            if words.contains("wrong-password") { loginProtection = Sourced(nil, source(index)) }
            understand(index)
        default:
            if HuaweiVocabulary.ignoredTopLevel.contains(words[1]) { understandSubtree(index) }
        }
    }

    // MARK: - Servers

    /// `telnet server enable`, `stelnet server enable`, `http [secure-]server enable`, ports and ACLs.
    private mutating func server(_ index: Int, words: ArraySlice<Substring>, negated: Bool) {
        understandSubtree(index)
        let w = Array(words)
        guard let first = w.first else { return }
        let enabled = Sourced(!negated, source(index))
        func last(_ word: Substring) -> Bool { w.last == word }
        switch first {
        case "telnet":
            if w.count >= 3, w[1] == "server", w[2] == "enable" { telnetServer = enabled }
            else if w.count >= 4, w[1] == "server", w[2] == "port", let port = HuaweiText.integer(w[3]), !negated {
                servicePorts[.telnet] = Sourced(port, source(index))
            } else if w.count >= 4, w[1] == "server", w[2] == "acl", !negated {
                serviceACL(.telnet, w, from: 3, at: index)
            }
        case "stelnet":
            if w.count >= 3, w[1] == "server", w[2] == "enable" { sshServer = enabled }
        case "ssh":
            if w.count >= 3, w[1] == "server", w[2] == "enable" { sshServer = enabled }
            else if w.count >= 4, w[1] == "server", w[2] == "port", let port = HuaweiText.integer(w[3]), !negated {
                servicePorts[.ssh] = Sourced(port, source(index))
            } else if w.count >= 4, w[1] == "server", w[2] == "acl", !negated {
                serviceACL(.ssh, w, from: 3, at: index)
            } else if w.count >= 3, w[1] == "server", w[2] == "compatible-ssh1x" {
                sshVersion = Sourced(negated ? "2" : "1.99", source(index))
            } else if w.count >= 2, w[1] == "user" {
                scanSecret(at: index)
            }
        case "http":
            if w.count >= 3, w[1] == "server", w[2] == "enable" { httpServer = enabled }
            else if w.count >= 3, w[1] == "secure-server", w[2] == "enable" { httpsServer = enabled }
            else if w.count >= 4, w[1] == "server", w[2] == "port", let port = HuaweiText.integer(w[3]), !negated {
                servicePorts[.http] = Sourced(port, source(index))
            } else if w.count >= 4, w[1] == "secure-server", w[2] == "port", let port = HuaweiText.integer(w[3]), !negated {
                servicePorts[.https] = Sourced(port, source(index))
            } else if w.count >= 3, w[1] == "acl", !negated {
                serviceACL(.http, w, from: 2, at: index)
                serviceACL(.https, w, from: 2, at: index)
            }
        case "ftp":
            if w.count >= 3, w[1] == "server", w[2] == "enable" || w.count == 2 { ftpServer = enabled }
            else if w.count >= 2, w[1] == "server", w.count == 2 { ftpServer = enabled }
        default:
            break
        }
    }

    private mutating func serviceACL(_ kind: ServiceKind, _ words: [Substring], from position: Int, at index: Int) {
        var at = position
        if words.count > at, words[at] == "name" { at += 1 }
        guard words.count > at else { return }
        let name = String(words[at])
        serviceACLs[kind] = Sourced(name, source(index))
        useFilter(name, .managementAccess(kind.rawValue), context: "\(kind.rawValue) server acl", filtersTraffic: false, at: index)
    }

    // MARK: - aaa

    private mutating func aaa(_ index: Int) {
        understand(index)
        for child in children(of: index) {
            let words = command(child).words
            guard let first = words.first else { continue }
            switch first {
            case "local-user":
                localUser(child)
            case "authentication-scheme":
                understandSubtree(child)
                guard words.count >= 2 else { continue }
                var methods = ["local"]
                for inner in children(of: child) {
                    let innerWords = command(inner).words
                    if innerWords.first == "authentication-mode" { methods = innerWords.dropFirst().map(String.init) }
                }
                authenticationSchemes[String(words[1])] = methods
            case "local-aaa-user":
                localAAAUser(child)
            case "undo":
                if words.contains("wrong-password") { loginProtection = Sourced(nil, source(child)) }
                understandSubtree(child)
            case "authorization-scheme", "accounting-scheme", "domain", "recording-scheme", "service-scheme", "cmd",
                 "user-group", "user-password", "administrator", "task-group", "remote-download", "local-user-group",
                 "hwtacacs-server", "radius-server", "ucl-group", "user-privilege":
                storeServiceSecrets(in: child)
                understandSubtree(child)
            default:
                break
            }
        }
    }

    /// `local-aaa-user wrong-password retry-interval R retry-time T block-time B` (minutes).
    private mutating func localAAAUser(_ index: Int) {
        understandSubtree(index)
        let words = command(index).words
        guard words.contains("wrong-password") else { return }
        func value(after key: Substring) -> Int? {
            guard let at = words.firstIndex(of: key), at + 1 < words.count else { return nil }
            return HuaweiText.integer(words[at + 1])
        }
        let interval = value(after: "retry-interval") ?? 5
        let attempts = value(after: "retry-time") ?? 3
        let block = value(after: "block-time") ?? 5
        loginProtection = Sourced(LoginProtection(blockSeconds: block * 60, attempts: attempts, withinSeconds: interval * 60),
                                  source(index))
    }

    /// `local-user NAME password cipher|simple|irreversible-cipher VALUE`, `privilege level N`,
    /// `service-type ...`, `state block`.
    private mutating func localUser(_ index: Int) {
        understandSubtree(index)
        let words = command(index).words
        guard words.count >= 3 else { return }
        let name = String(words[1])
        if accounts[name] == nil { accountOrder.append(name) }
        var facts = accounts[name] ?? HuaweiAccountFacts(name: name, spans: [])
        facts.spans.append(span(index))
        let origin = source(index)
        switch words[2] {
        case "password":
            if words.count >= 5 {
                markSecret(words[4], at: index)
                facts.secret = HuaweiSecrets.secret(keyword: words[3], value: words[4], origin: origin)
            } else if words.count == 4 {
                // `local-user NAME password VALUE` (hand-written): cleartext.
                markSecret(words[3], at: index)
                facts.secret = Secret(.cleartext(String(words[3])), origin: origin)
            } else {
                badValue("local-user \(name) password has no value", at: index)
            }
        case "privilege":
            if words.count >= 5, let level = HuaweiText.integer(words[4]) {
                facts.privilege = Sourced(level, origin)
            } else {
                badValue("local-user \(name) privilege level does not read", at: index)
            }
        case "state":
            facts.blocked = Sourced(words.count >= 4 && words[3] == "block", origin)
        default:
            break
        }
        accounts[name] = facts
    }

    mutating func resolveAccounts() {
        for name in accountOrder {
            guard let facts = accounts[name] else { continue }
            let origin: Provenance = facts.spans.count == 1 ? .source(facts.spans[0]) : .derived(facts.spans)
            // VRP levels 3-15 are the management level (user and system administration).
            let level = facts.privilege?.value ?? 0
            var passwordLogin: Sourced<Bool>?
            if let blocked = facts.blocked, blocked.value { passwordLogin = Sourced(false, blocked.origin) }
            device.accounts.append(Account(name: name, secret: facts.secret, privilege: facts.privilege?.value,
                                           isAdministrator: level >= 3, passwordLoginAllowed: passwordLogin, origin: origin))
        }
    }

    /// `super password level 15 cipher X`: the password that raises a session's level.
    private mutating func superPassword(_ index: Int) {
        understandSubtree(index)
        guard let (keyword, value) = scanSecret(at: index) else { return }
        device.storedSecrets.append(StoredSecret(purpose: .privilege, owner: "super",
                                                 secret: HuaweiSecrets.secret(keyword: keyword, value: value, origin: source(index))))
    }

    // MARK: - user-interface

    private mutating func userInterface(_ index: Int) {
        understand(index)
        let words = command(index).words
        guard words.count >= 2 else { return }
        let kind: LoginChannel.Kind
        switch words[1] {
        case "con", "console": kind = .console
        case "vty": kind = .vty
        case "tty": kind = .tty
        case "aux": kind = .aux
        default:
            // `user-interface maxvty 15`, `user-interface current`: no line of its own.
            understandSubtree(index)
            return
        }
        let name = (words[1] == "con" ? ["console"] : [words[1]]).map(String.init) + words.dropFirst(2).map(String.init)
        var facts = HuaweiLineFacts(kind: kind, name: name.joined(separator: " "), span: blockSpan(index))
        for child in children(of: index) {
            understandSubtree(child)
            let w = command(child).words
            guard let first = w.first else { continue }
            switch first {
            case "authentication-mode":
                switch w.count >= 2 ? w[1] : "" {
                case "aaa": facts.authentication = Sourced(.aaa(list: "default", methods: []), source(child))
                case "password": facts.authentication = Sourced(.linePassword, source(child))
                case "none": facts.authentication = Sourced(.none, source(child))
                default: understood[child] = false
                }
            case "set":
                guard w.count >= 3, w[1] == "authentication", w[2] == "password" else {
                    understood[child] = false
                    continue
                }
                storeLinePassword(child, words: w, owner: facts.name)
            case "protocol":
                guard w.count >= 3, w[1] == "inbound" else {
                    understood[child] = false
                    continue
                }
                switch w[2] {
                case "all": facts.protocols = Sourced([.telnet, .ssh], source(child))
                case "telnet": facts.protocols = Sourced([.telnet], source(child))
                case "ssh": facts.protocols = Sourced([.ssh], source(child))
                default: facts.protocols = Sourced([], source(child))
                }
            case "acl":
                // `acl [ipv6] N|name X inbound`: the IPv4 inbound one restricts who may log in.
                guard w.last == "inbound", w.count >= 3, w[1] != "ipv6" else { continue }
                let name = w[1] == "name" && w.count >= 4 ? w[2] : w[1]
                facts.accessClass = Sourced(String(name), source(child))
                useFilter(String(name), .managementAccess(facts.name), context: "user-interface \(facts.name) acl",
                          filtersTraffic: false, at: child)
            case "idle-timeout":
                guard w.count >= 2, let minutes = HuaweiText.integer(w[1]) else {
                    badValue("idle-timeout does not read", at: child)
                    continue
                }
                let seconds = w.count >= 3 ? HuaweiText.integer(w[2]) ?? 0 : 0
                facts.timeout = Sourced(minutes * 60 + seconds, source(child))
            case "user":
                if w.count >= 4, w[1] == "privilege", let level = HuaweiText.integer(w[3]) {
                    facts.privilege = Sourced(level, source(child))
                }
            case "undo":
                if w.count >= 2, w[1] == "shell" { facts.shellDisabled = true }
            case "shell", "history-command", "screen-length", "screen-width", "speed", "databits", "parity", "stopbits",
                 "flow-control", "terminal", "auto-execute", "modem", "redirect", "escape-key", "lock", "connect",
                 "authentication", "authorization", "accounting", "command", "ip", "protocol-translate":
                break
            default:
                understood[child] = false
            }
        }
        lines.append(facts)
    }

    /// `set authentication password cipher|simple VALUE` (or a bare value on old releases).
    private mutating func storeLinePassword(_ index: Int, words: [Substring], owner: String) {
        guard words.count >= 4 else { return }
        let secret: Secret
        if words.count >= 5, HuaweiVocabulary.secretKeywords.contains(words[3]) {
            markSecret(words[4], at: index)
            secret = HuaweiSecrets.secret(keyword: words[3], value: words[4], origin: source(index))
        } else {
            markSecret(words[3], at: index)
            secret = Secret(.cleartext(String(words[3])), origin: source(index))
        }
        device.storedSecrets.append(StoredSecret(purpose: .linePassword, owner: owner, secret: secret))
    }

    // MARK: - Login channels and services

    /// VRP's defaults for a release: V200R010 and later accept only SSH on vty lines
    /// (`protocol inbound ssh`) and keep the Telnet server off; earlier releases accept Telnet
    /// (`protocol inbound telnet`) with the Telnet server on. A file without a version line is
    /// read as an earlier release, the exposure an auditor cannot rule out.
    var defaultsStatement: String {
        switch modernDefaults {
        case true?: "VRP V200R010 and later"
        case false?: "VRP before V200R010"
        case nil: "VRP before V200R010 (no version line in the file; older releases are assumed)"
        }
    }

    mutating func resolveLoginChannels() {
        let modern = modernDefaults ?? false
        let telnetOn = telnetServer ?? Sourced(!modern, HuaweiVRPConversion.vendorDefault(
            "\(defaultsStatement): the Telnet server is \(modern ? "disabled" : "enabled") unless `telnet server enable` says otherwise"))
        let sshOn = sshServer ?? Sourced(false, HuaweiVRPConversion.vendorDefault(
            "the STelnet (SSH) server is disabled unless `stelnet server enable` is configured"))
        let methods = authenticationSchemes["default"] ?? ["local"]
        for facts in lines where !facts.shellDisabled {
            let origin = Provenance.source(facts.span)
            let authentication: Sourced<LoginChannel.Authentication>
            switch facts.authentication {
            case let explicit? where explicit.value == .aaa(list: "default", methods: []):
                authentication = Sourced(.aaa(list: "default", methods: methods), explicit.origin)
            case let explicit?:
                authentication = explicit
            case nil:
                authentication = Sourced(.linePassword, HuaweiVRPConversion.vendorDefault(
                    facts.kind == .console
                        ? "the console asks for a password (authentication-mode password) unless configured otherwise"
                        : "a vty line without authentication-mode asks for a line password; none set means no login"))
            }
            let transport: Sourced<Set<ServiceKind>>
            if facts.kind == .vty {
                let declared = facts.protocols ?? Sourced(modern ? [.ssh] : [.telnet], HuaweiVRPConversion.vendorDefault(
                    "\(defaultsStatement): vty lines accept \(modern ? "SSH" : "Telnet") only (protocol inbound \(modern ? "ssh" : "telnet"))"))
                // A protocol the line accepts still needs its server: Telnet and STelnet are switched on
                // device-wide (`telnet server enable`, `stelnet server enable`).
                var accepted = declared.value
                if !telnetOn.value { accepted.remove(.telnet) }
                if !sshOn.value { accepted.remove(.ssh) }
                transport = Sourced(accepted, declared.origin)
            } else {
                transport = Sourced([], HuaweiVRPConversion.vendorDefault("console, aux and tty lines accept no network protocol"))
            }
            let timeout = facts.timeout ?? Sourced(600, HuaweiVRPConversion.vendorDefault("idle-timeout is 10 minutes"))
            device.loginChannels.append(LoginChannel(
                kind: facts.kind, name: facts.name, authentication: authentication, transportInput: transport,
                accessClass: facts.accessClass, execTimeout: timeout, privilegeLevel: facts.privilege, origin: origin))
        }
    }

    mutating func resolveServices() {
        let modern = modernDefaults ?? false
        let vty = device.loginChannels.filter { $0.kind == .vty }
        func vtyFilter(_ kind: ServiceKind) -> Sourced<String>? {
            if let own = serviceACLs[kind] { return own }
            let accepting = vty.filter { $0.transportInput.value.contains(kind) }
            guard !accepting.isEmpty, accepting.allSatisfy({ $0.accessClass != nil }) else { return nil }
            return accepting[0].accessClass
        }
        let telnet = telnetServer ?? Sourced(!modern, HuaweiVRPConversion.vendorDefault(
            "\(defaultsStatement): the Telnet server is \(modern ? "disabled" : "enabled") by default"))
        // Without vty lines the file is a fragment: the Telnet server is modelled only when a line names it.
        let telnetUsable = telnet.value && vty.contains { $0.transportInput.value.contains(.telnet) }
        if telnetServer != nil || telnetUsable {
            device.services.append(ManagementService(
                kind: .telnet, enabled: Sourced(telnetUsable, telnet.origin), port: servicePorts[.telnet],
                listen: Sourced([.any], telnet.origin), accessFilter: vtyFilter(.telnet)))
        }
        if let ssh = sshServer {
            var settings: [String: Sourced<String>] = [:]
            if let sshVersion { settings["version"] = sshVersion }
            device.services.append(ManagementService(
                kind: .ssh, enabled: ssh, port: servicePorts[.ssh], listen: Sourced([.any], ssh.origin),
                accessFilter: vtyFilter(.ssh), settings: settings))
        }
        for (kind, state) in [(ServiceKind.http, httpServer), (.https, httpsServer), (.ftp, ftpServer)] {
            guard let state else { continue }
            device.services.append(ManagementService(
                kind: kind, enabled: state, port: servicePorts[kind], listen: Sourced([.any], state.origin),
                accessFilter: serviceACLs[kind]))
        }
    }
}
