import AuditCore

/// A `line` block as written, before AAA and version defaults are applied.
struct CiscoLineBlock {
    enum Login {
        case linePassword, local, none
        case list(String)
    }

    var kind: LoginChannel.Kind
    var name: String
    var span: SourceSpan
    var login: (mode: Login, span: SourceSpan)?
    var transport: Sourced<Set<ServiceKind>>?
    var accessClass: Sourced<String>?
    var execTimeout: Sourced<Int>?
    var privilege: Sourced<Int>?
}

/// Terminal lines (`line con 0`, `line vty 0 4`, `line 33 48`) and the services they imply.
extension CiscoIOSConverter {
    mutating func line(_ index: Int) {
        let words = command(index).words
        guard words.count >= 2 else { return badValue("line without a line number", at: index) }
        let kind: LoginChannel.Kind
        switch words[1] {
        case "con", "console": kind = .console
        case "aux": kind = .aux
        case "vty": kind = .vty
        default: kind = .tty
        }
        let name = words.dropFirst().joined(separator: " ")
        var block = CiscoLineBlock(kind: kind, name: name, span: blockSpan(index))
        understand(index)
        for child in config.children(of: index) {
            lineCommand(child, &block)
        }
        // `line vty 0 4` written twice adds to the first block, as IOS does.
        if let existing = lineBlocks.firstIndex(where: { $0.name == name }) {
            var merged = lineBlocks[existing]
            merged.login = block.login ?? merged.login
            merged.transport = block.transport ?? merged.transport
            merged.accessClass = block.accessClass ?? merged.accessClass
            merged.execTimeout = block.execTimeout ?? merged.execTimeout
            merged.privilege = block.privilege ?? merged.privilege
            lineBlocks[existing] = merged
        } else {
            lineBlocks.append(block)
        }
    }

    private mutating func lineCommand(_ index: Int, _ block: inout CiscoLineBlock) {
        let words = command(index).words
        switch words[0] {
        case "login":
            switch words[safe: 1] {
            case nil: block.login = (.linePassword, span(index))
            case "local": block.login = (.local, span(index))
            case "authentication": block.login = (.list(words[safe: 2].map(String.init) ?? "default"), span(index))
            default: return
            }
        case "no":
            if words[safe: 1] == "login" { block.login = (.none, span(index)) }
            if words[safe: 1] == "exec-timeout" { block.execTimeout = Sourced(0, source(index)) }
        case "password":
            storeSecret(at: 1, of: index, purpose: .linePassword, owner: block.name, restOfLine: true)
        case "transport":
            guard words[safe: 1] == "input" else { break }
            var accepted: Set<ServiceKind> = []
            for word in words.dropFirst(2) {
                switch word {
                case "telnet": accepted.insert(.telnet)
                case "ssh": accepted.insert(.ssh)
                case "all": accepted.formUnion([.telnet, .ssh])
                default: break // none, pad, rlogin, lat, mop, udptn, v120: not management protocols
                }
            }
            block.transport = Sourced(accepted, source(index))
        case "access-class":
            guard let name = words[safe: 1] else { return badValue("access-class without a list", at: index) }
            if words[safe: 2] == "out" {
                useFilter(String(name), .other("\(block.name) outbound"), context: "access-class out on line \(block.name)",
                          filtersTraffic: false, at: index)
            } else {
                block.accessClass = Sourced(String(name), source(index))
                useFilter(String(name), .managementAccess(block.name), context: "access-class on line \(block.name)",
                          filtersTraffic: true, at: index)
            }
        case "ipv6":
            if words[safe: 1] == "access-class", let name = words[safe: 2] {
                useFilter(String(name), .managementAccess(block.name), context: "ipv6 access-class on line \(block.name)",
                          filtersTraffic: true, at: index)
            }
        case "exec-timeout":
            guard let minutes = words[safe: 1].flatMap(CiscoText.integer) else {
                badValue("exec-timeout needs minutes", at: index)
                break
            }
            let seconds = words[safe: 2].flatMap(CiscoText.integer) ?? 0
            block.execTimeout = Sourced(minutes * 60 + seconds, source(index))
        case "privilege":
            if words[safe: 1] == "level", let level = words[safe: 2].flatMap(CiscoText.integer) {
                block.privilege = Sourced(level, source(index))
            }
        default:
            guard CiscoIOSVocabulary.ignorableLine.contains(words[0]) else { return }
        }
        understandSubtree(index)
    }

    // MARK: - Resolution

    /// What a line without `transport input` accepts, from the `version` line.
    ///
    /// Classic IOS (12.x, 15.x; IOS-XE 3.x also prints `version 15.x`) lets vty lines accept every
    /// protocol, telnet and ssh included. IOS-XE 16.x and later print `version 16.x`/`17.x`; there
    /// the running-config lists `transport input` on vty lines whenever telnet or ssh is wanted
    /// (the IOS-XE 17.1 corpus file prints `transport input all`, which a default of "all" would
    /// hide), and we read the default as `none`. Without a `version` line we assume classic IOS,
    /// the more exposed reading. Console, aux and tty lines accept no inbound connection unless
    /// `transport input` says so (IOS 11.1 and later).
    func defaultTransport(for kind: LoginChannel.Kind) -> Sourced<Set<ServiceKind>> {
        guard kind == .vty else {
            return Sourced([], CiscoIOSConversion.vendorDefault(
                "console, aux and tty lines accept no inbound network connection without `transport input`"))
        }
        if let version, version.major >= 16 {
            return Sourced([], CiscoIOSConversion.vendorDefault(
                "on IOS-XE 16.x and later, vty lines without `transport input` accept no inbound protocol"))
        }
        let release = version.map { "IOS \($0.major).\($0.minor)" } ?? "IOS (no version line; classic IOS assumed)"
        return Sourced([.telnet, .ssh], CiscoIOSConversion.vendorDefault(
            "on \(release), vty lines without `transport input` accept telnet and ssh"))
    }

    /// Under `aaa new-model` a line authenticates with its `login authentication` list, else the
    /// `default` list. Without `aaa authentication login default`, IOS checks the local user
    /// database, except on the console, where the login succeeds without any check (IOS command
    /// reference for `aaa authentication login`).
    func aaaAuthentication(list: String?, kind: LoginChannel.Kind, explicit: SourceSpan?) -> Sourced<LoginChannel.Authentication> {
        let name = list ?? "default"
        var spans: [SourceSpan] = explicit.map { [$0] } ?? []
        if let newModel = aaaNewModel?.origin.spans.first { spans.insert(newModel, at: 0) }
        if let defined = loginLists[name] {
            return Sourced(.aaa(list: name, methods: defined.methods), .derived(spans + [defined.span]))
        }
        if name == "default" {
            if kind == .console {
                return Sourced(.aaa(list: name, methods: ["none"]), CiscoIOSConversion.vendorDefault(
                    "under `aaa new-model` without `aaa authentication login default`, the console logs in without authentication"))
            }
            return Sourced(.aaa(list: name, methods: ["local"]), CiscoIOSConversion.vendorDefault(
                "under `aaa new-model` without `aaa authentication login default`, lines authenticate against local users"))
        }
        // A named list that is not defined: IOS warns and the login cannot succeed through it.
        return Sourced(.aaa(list: name, methods: []), .derived(spans))
    }

    mutating func resolveLoginChannels() {
        let newModel = aaaNewModel?.value ?? false
        for block in lineBlocks {
            let authentication: Sourced<LoginChannel.Authentication>
            if newModel {
                if case .list(let name)? = block.login?.mode {
                    authentication = aaaAuthentication(list: name, kind: block.kind, explicit: block.login?.span)
                } else {
                    authentication = aaaAuthentication(list: nil, kind: block.kind, explicit: nil)
                }
            } else if let login = block.login {
                switch login.mode {
                case .linePassword: authentication = Sourced(.linePassword, .source(login.span))
                case .local: authentication = Sourced(.local, .source(login.span))
                case .none: authentication = Sourced(.none, .source(login.span))
                case .list(let name):
                    // Only valid under aaa new-model; IOS rejects it otherwise. Keep what was written.
                    authentication = Sourced(.aaa(list: name, methods: loginLists[name]?.methods ?? []), .source(login.span))
                }
            } else if block.kind == .vty {
                authentication = Sourced(.linePassword, CiscoIOSConversion.vendorDefault(
                    "vty lines ask for the line password (`login`) unless configured otherwise"))
            } else {
                authentication = Sourced(.none, CiscoIOSConversion.vendorDefault(
                    "console, aux and tty lines do not ask for a login unless `login` is set"))
            }
            let timeout = block.execTimeout ?? Sourced(600, CiscoIOSConversion.vendorDefault(
                "lines disconnect an idle session after 10 minutes unless `exec-timeout` says otherwise"))
            device.loginChannels.append(LoginChannel(
                kind: block.kind, name: block.name, authentication: authentication,
                transportInput: block.transport ?? defaultTransport(for: block.kind), accessClass: block.accessClass,
                execTimeout: timeout, privilegeLevel: block.privilege, origin: .source(block.span)))
        }
    }

    /// Telnet and SSH follow the vty lines; HTTP(S) the `ip http` lines; SNMP any community, host or user.
    mutating func resolveManagementServices() {
        let vtys = device.loginChannels.filter { $0.kind == .vty }
        if !vtys.isEmpty {
            for kind in [ServiceKind.telnet, .ssh] {
                device.services.append(vtyService(kind, vtys: vtys))
            }
        }
        device.services.append(httpService(.http))
        device.services.append(httpService(.https))
        if !snmpSpans.isEmpty {
            device.services.append(ManagementService(kind: .snmp, enabled: Sourced(true, .derived(snmpSpans)),
                                                     listen: Sourced([.any], .derived(snmpSpans))))
        } else if let snmpDisabled {
            device.services.append(ManagementService(kind: .snmp, enabled: Sourced(false, .source(snmpDisabled)),
                                                     listen: Sourced([], .source(snmpDisabled))))
        }
        for server in optionalServers where device.service(server.kind) == nil {
            device.services.append(ManagementService(kind: server.kind, enabled: Sourced(true, .source(server.span)),
                                                     listen: Sourced([.any], .source(server.span))))
        }
    }

    private func vtyService(_ kind: ServiceKind, vtys: [LoginChannel]) -> ManagementService {
        let accepting = vtys.filter { $0.transportInput.value.contains(kind) }
        let enabled: Sourced<Bool>
        if accepting.isEmpty {
            let explicit = vtys.flatMap { $0.transportInput.origin.spans }
            enabled = Sourced(false, explicit.isEmpty ? vtys[0].transportInput.origin : .derived(explicit))
        } else {
            let explicit = accepting.flatMap { $0.transportInput.origin.spans }
            enabled = Sourced(true, explicit.isEmpty ? accepting[0].transportInput.origin : .derived(explicit))
        }
        var service = ManagementService(kind: kind, enabled: enabled, listen: Sourced([.any], enabled.origin))
        // The service is restricted only when every vty line that accepts it has an access-class.
        if !accepting.isEmpty, accepting.allSatisfy({ $0.accessClass != nil }), let first = accepting[0].accessClass {
            service.accessFilter = first
        }
        if kind == .ssh {
            service.settings["version"] = sshVersion ?? Sourced("1.99", CiscoIOSConversion.vendorDefault(
                "without `ip ssh version 2`, IOS accepts SSH protocol versions 1 and 2 (1.99)"))
        }
        return service
    }
}
