import AuditCore

/// The router's own services. An export prints only what differs from the default, so each
/// service is modelled with its RouterOS default unless a line changes it:
///
/// - `/ip service` (RouterOS manual, "IP Services"): telnet 23, ftp 21, www 80, ssh 22, api 8728,
///   winbox 8291 and api-ssl 8729 are enabled, www-ssl 443 is disabled; each answers on every
///   interface and from every address unless `address=` lists the allowed sources;
/// - `/ip ssh`: `always-allow-password-login` and `strong-crypto` are `no`;
/// - `/ip dns`: `allow-remote-requests=no` (the resolver answers only the router itself);
/// - `/ip upnp` and `/ip nat-pmp`: disabled; they serve the `internal` interfaces;
/// - `/tool mac-server` and `mac-winbox`: MAC Telnet and MAC Winbox on every interface
///   (`allowed-interface-list=all`, and the `all` entry before RouterOS 6.41);
/// - `/ip socks` (port 1080) and `/ip proxy` (port 8080): disabled.
extension RouterOSConversion {
    /// `/ip service` entries in the order `print` numbers them, with their kind and defaults.
    static let ipServices: [(name: String, kind: ServiceKind, port: Int, enabled: Bool)] = [
        ("telnet", .telnet, 23, true), ("ftp", .ftp, 21, true), ("www", .http, 80, true), ("ssh", .ssh, 22, true),
        ("www-ssl", .https, 443, false), ("api", .api, 8728, true), ("winbox", .winbox, 8291, true),
        ("api-ssl", .apiSSL, 8729, true),
    ]

    static let anywhere = [IPPrefix.anyV4, IPPrefix(.v6(0), length: 0)]

    /// The `/ip service` entries of a fresh router, built once.
    static let defaultIPServices: [ManagementService] = ipServices.map { entry in
        let state = entry.enabled ? "enables" : "disables"
        return ManagementService(
            kind: entry.kind,
            enabled: Sourced(entry.enabled, vendorDefault(
                "RouterOS \(state) /ip service \(entry.name) unless the export changes it; an export prints only "
                + "what differs from the default (telnet, ftp, www, ssh, api, winbox, api-ssl on; www-ssl off)")),
            port: Sourced(entry.port, vendorDefault("/ip service \(entry.name) listens on port \(entry.port) unless port= is set")),
            listen: Sourced([.any], vendorDefault(listenEverywhere)),
            allowedSources: Sourced(anywhere, vendorDefault(
                "/ip service \(entry.name) accepts connections from any address unless address= is set")))
    }
    static let listenEverywhere = "RouterOS services answer on every interface; only address= and the firewall restrict them"

    mutating func convertServices() {
        convertIPServices()
        convertDNS()
        convertUPnP()
        convertMACServer()
        convertProxy(path: "ip socks", kind: .socks, port: 1080)
        convertProxy(path: "ip proxy", kind: .webProxy, port: 8080)
    }

    // MARK: - /ip service

    private mutating func convertIPServices() {
        var services = Self.defaultIPServices
        for statement in items("ip service") {
            let targets = serviceTargets(statement)
            for target in targets {
                guard let index = Self.ipServices.firstIndex(where: { $0.name == target }) else {
                    diagnose(.warning, "bad-value", "'\(target)' is not an /ip service entry", at: statement.span)
                    continue
                }
                apply(statement, to: &services[index])
            }
        }
        applySSHSettings(&services)
        config.services += services
    }

    /// The entries a statement names: `set telnet`, `set [ find name=telnet ]`, `set 0`,
    /// `disable telnet,ftp`, `set [ find ]`.
    private func serviceTargets(_ statement: RouterOSStatement) -> [String] {
        if let selector = statement.selector {
            if let name = selector.value("name") { return [name] }
            return selector.matchesAll ? Self.ipServices.map(\.name) : []
        }
        if let numbers = statement.value("numbers") { return RouterOSValues.list(numbers).map(serviceName) }
        return statement.positional.flatMap(RouterOSValues.list).map(serviceName)
    }

    private func serviceName(_ word: String) -> String {
        if let number = Int(word), number >= 0, number < Self.ipServices.count { return Self.ipServices[number].name }
        return word
    }

    private mutating func apply(_ statement: RouterOSStatement, to service: inout ManagementService) {
        switch statement.command {
        case "disable":
            service.enabled = Sourced(false, statement.origin)
        case "enable":
            service.enabled = Sourced(true, statement.origin)
        case "set":
            if let property = statement.property("disabled") {
                if let disabled = RouterOSValues.bool(property.value) {
                    service.enabled = Sourced(!disabled, statement.origin(of: property))
                } else {
                    badValue("'\(property.value)' is not yes or no", property, in: statement)
                }
            }
            if let property = statement.property("port") {
                if let port = Int(property.value), port > 0, port <= 65535 {
                    service.port = Sourced(port, statement.origin(of: property))
                } else {
                    badValue("'\(property.value)' is not a port", property, in: statement)
                }
            }
            if let property = statement.property("address") {
                var prefixes: [IPPrefix] = []
                for part in RouterOSValues.list(property.value) {
                    if case .prefix(let prefix) = RouterOSValues.address(part) {
                        prefixes.append(prefix)
                    } else {
                        badValue("'\(part)' is not an address or prefix for address=", property, in: statement)
                    }
                }
                // An empty address= lifts the restriction.
                service.allowedSources = Sourced(prefixes.isEmpty ? Self.anywhere : prefixes, statement.origin(of: property))
            }
            for key in ["certificate", "tls-version", "vrf", "max-sessions"] {
                if let property = statement.property(key) {
                    service.settings[key] = Sourced(property.value, statement.origin(of: property))
                }
            }
        default:
            break
        }
    }

    /// `/ip ssh` settings on the SSH service.
    private mutating func applySSHSettings(_ services: inout [ManagementService]) {
        guard let index = services.firstIndex(where: { $0.kind == .ssh }) else { return }
        let defaults: [(String, String)] = [("always-allow-password-login", "no"), ("strong-crypto", "no")]
        for (key, value) in defaults {
            services[index].settings[key] = Sourced(value, Self.vendorDefault("/ip ssh \(key) is \(value) unless set"))
        }
        for statement in settings("ip ssh") {
            for property in statement.properties {
                services[index].settings[property.key] = Sourced(property.value, statement.origin(of: property))
            }
        }
        // The neutral name checks read: whether a user with an SSH key may still log in with a password.
        if let always = services[index].settings["always-allow-password-login"] {
            services[index].settings["password-with-keys"] = Sourced(always.value == "yes" ? "1" : "0", always.origin)
        }
    }

    // MARK: - DNS, UPnP

    private mutating func convertDNS() {
        var enabled = Sourced(false, Self.vendorDefault("/ip dns answers only the router itself unless allow-remote-requests=yes"))
        if let remote = setting("ip dns", "allow-remote-requests") {
            if let value = RouterOSValues.bool(remote.value) {
                enabled = Sourced(value, remote.statement.origin(of: remote.property))
            } else {
                badValue("'\(remote.value)' is not yes or no", remote.property, in: remote.statement)
            }
        }
        var settings: [String: Sourced<String>] = [:]
        if let servers = setting("ip dns", "servers") {
            settings["servers"] = Sourced(servers.value, servers.statement.origin(of: servers.property))
        }
        config.services.append(ManagementService(
            kind: .dns, enabled: enabled,
            port: Sourced(53, Self.vendorDefault("the RouterOS resolver answers on port 53")),
            listen: Sourced([.any], Self.vendorDefault(Self.listenEverywhere)), settings: settings))
    }

    private mutating func convertUPnP() {
        var enabled = Sourced(false, Self.vendorDefault("/ip upnp and /ip nat-pmp are disabled unless enabled=yes"))
        var settings: [String: Sourced<String>] = [:]
        var internalInterfaces: [(String, SourceSpan)] = []
        var external: [(String, SourceSpan)] = []
        for (path, label) in [("ip upnp", "upnp"), ("ip nat-pmp", "nat-pmp")] {
            if let on = setting(path, "enabled") {
                let value = RouterOSValues.bool(on.value) ?? false
                settings[label] = Sourced(value ? "1" : "0", on.statement.origin(of: on.property))
                if value && !enabled.value { enabled = Sourced(true, on.statement.origin(of: on.property)) }
            }
            for statement in items("\(path) interfaces") where statement.command == "add" && !Self.isDisabled(statement) {
                guard let name = statement.value("interface") else { continue }
                if statement.value("type") == "external" { external.append((name, statement.span)) } else {
                    internalInterfaces.append((name, statement.span))
                }
            }
        }
        if let allow = setting("ip upnp", "allow-disable-external-interface") {
            settings["allow-disable-external-interface"] = Sourced(allow.value, allow.statement.origin(of: allow.property))
        }
        if !external.isEmpty {
            settings["ext_iface"] = Sourced(external.map(\.0).joined(separator: ","), .derived(external.map(\.1)))
        }
        let listen: Sourced<[ListenScope]> = internalInterfaces.isEmpty
            ? Sourced([], Self.vendorDefault("UPnP serves only the interfaces marked internal under /ip upnp interfaces"))
            : Sourced(internalInterfaces.map { .interface($0.0) }, internalInterfaces.count == 1 ? .source(internalInterfaces[0].1) : .derived(internalInterfaces.map(\.1)))
        config.services.append(ManagementService(
            kind: .upnp, enabled: enabled, listen: listen, settings: settings))
    }

    // MARK: - MAC server, SOCKS, proxy

    private mutating func convertMACServer() {
        for (path, kind) in [("tool mac-server", ServiceKind.macTelnet), ("tool mac-server mac-winbox", .macWinbox)] {
            var enabled = Sourced(true, Self.vendorDefault(
                "RouterOS answers \(kind.displayName) on every interface (allowed-interface-list=all) unless /\(path) restricts it"))
            var listen = Sourced([ListenScope.any], Self.vendorDefault(
                "/\(path) listens on every interface, layer 2 neighbours included, unless allowed-interface-list is set"))
            if let allowed = setting(path, "allowed-interface-list") {
                let origin = allowed.statement.origin(of: allowed.property)
                switch allowed.value {
                case "all": listen = Sourced([.any], origin)
                case "none":
                    enabled = Sourced(false, origin)
                    listen = Sourced([], origin)
                default:
                    let members = members(ofList: allowed.value)
                    listen = Sourced(members.isEmpty ? [.interface(allowed.value)] : members.map { .interface($0) }, origin)
                }
            } else {
                // Before RouterOS 6.41: one entry per interface, `all` by default.
                var interfaces: [(String, SourceSpan)] = []
                var allDisabled: Provenance?
                for statement in items(path) {
                    let isDefault = statement.selector?.value("default") == "yes" || statement.itemName == "all"
                        || statement.selector?.value("interface") == "all"
                    if statement.command == "set" && isDefault && Self.isDisabled(statement) {
                        allDisabled = statement.origin
                    } else if statement.command == "remove" && isDefault {
                        allDisabled = statement.origin
                    } else if statement.command == "add", !Self.isDisabled(statement), let name = statement.value("interface") {
                        if name == "all" { allDisabled = nil } else { interfaces.append((name, statement.span)) }
                    }
                }
                if let allDisabled {
                    if interfaces.isEmpty {
                        enabled = Sourced(false, allDisabled)
                        listen = Sourced([], allDisabled)
                    } else {
                        listen = Sourced(interfaces.map { .interface($0.0) }, .derived(interfaces.map(\.1)))
                    }
                }
            }
            config.services.append(ManagementService(kind: kind, enabled: enabled, listen: listen))
        }
    }

    private mutating func convertProxy(path: String, kind: ServiceKind, port: Int) {
        var enabled = Sourced(false, Self.vendorDefault("/\(path) is disabled unless enabled=yes"))
        if let on = setting(path, "enabled") {
            if let value = RouterOSValues.bool(on.value) {
                enabled = Sourced(value, on.statement.origin(of: on.property))
            } else {
                badValue("'\(on.value)' is not yes or no", on.property, in: on.statement)
            }
        }
        var portValue = Sourced(port, Self.vendorDefault("/\(path) listens on port \(port) unless port= is set"))
        if let text = setting(path, "port"), let number = Int(text.value), number > 0, number <= 65535 {
            portValue = Sourced(number, text.statement.origin(of: text.property))
        }
        var settings: [String: Sourced<String>] = [:]
        for key in ["auth-method", "version", "parent-proxy"] {
            if let value = setting(path, key) { settings[key] = Sourced(value.value, value.statement.origin(of: value.property)) }
        }
        config.services.append(ManagementService(
            kind: kind, enabled: enabled, port: portValue,
            listen: Sourced([.any], Self.vendorDefault(Self.listenEverywhere)), settings: settings))
    }
}
