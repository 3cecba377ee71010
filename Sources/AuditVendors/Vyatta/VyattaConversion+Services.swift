import AuditCore

/// Services of the router. A service exists when its node is in the configuration (an EdgeOS or
/// VyOS service is off unless configured); what the node leaves out takes the platform default:
///
/// - `service ssh`: port 22, every address unless `listen-address`, password login unless
///   `disable-password-authentication`, root login only with `allow-root` (the sshd templates of
///   both set `PermitRootLogin no` otherwise), protocol 2 unless EdgeOS `protocol-version v1|all`;
/// - EdgeOS `service gui`: HTTPS on 443 and HTTP on 80 on every address unless `listen-address`;
///   the HTTP listener only redirects to HTTPS (EdgeOS's `ubnt-gen-lighty-conf.sh` writes the
///   redirect: "the EdgeMAX Web GUI redirects all URLs from HTTP to HTTPS", mgbowen/letsencrypt-edgemax);
/// - VyOS `service https`: 443 on every address unless `listen-address` / `virtual-host`;
/// - `service telnet`: port 23, every address unless `listen-address`;
/// - `service snmp`: UDP 161 on every address unless `listen-address`; a community is read-only
///   unless `authorization rw`, and restricted only by `client`/`network`;
/// - `service upnp2` / `upnp`: on the `listen-on`/`listen` interfaces; `nat-pmp`, `secure-mode`
///   and the `wan` interface as settings;
/// - `service dns forwarding`: on the `listen-on` interfaces or `listen-address` addresses (every
///   interface when neither is set), `allow-from` as allowed sources.
extension VyattaConversion {
    mutating func convertServices() {
        guard let service = top("service") else { return }
        if let ssh = tree.child(service, "ssh") { convertSSH(ssh) }
        if let gui = tree.child(service, "gui") { convertGUI(gui) }
        if let https = tree.child(service, "https") { convertHTTPS(https) }
        if let telnet = tree.child(service, "telnet") { convertTelnet(telnet) }
        if let snmp = tree.child(service, "snmp") { convertSNMP(snmp) }
        for key in ["upnp2", "upnp"] {
            if let upnp = tree.child(service, key) { convertUPnP(upnp) }
        }
        if let forwarding = tree.path(service, "dns", "forwarding") { convertDNS(forwarding) }
    }

    // MARK: - Shared

    /// A port leaf, or the default.
    private mutating func port(_ node: Int32, _ key: String, default fallback: Int, statement: String) -> Sourced<Int> {
        guard let value = tree.value(node, key) else { return Sourced(fallback, vendorDefault(statement)) }
        guard let number = Int(tree.word(value)), number > 0, number <= 65535 else {
            diagnose(.warning, "bad-value", "'\(tree.word(value))' is not a port for \(key)", at: tree.lineSpan(value))
            return Sourced(fallback, .unparsed(tree.lineSpan(value)))
        }
        return Sourced(number, tree.origin(value))
    }

    /// `listen-address` values as addresses, or every address.
    private mutating func listenAddresses(_ values: [Int32], statement: String) -> Sourced<[ListenScope]> {
        guard !values.isEmpty else { return Sourced([.any], vendorDefault(statement)) }
        var scopes: [ListenScope] = []
        for value in values {
            let text = tree.word(value)
            if let address = VyattaValues.address(text) {
                scopes.append(address == .v4(0) || address == .v6(0) ? .any : .address(address))
            } else {
                scopes.append(.interface(String(text)))
            }
        }
        return Sourced(scopes, provenance(values))
    }

    /// A setting as written, for checks that need vendor detail.
    private func setting(_ node: Int32, _ key: String) -> Sourced<String>? {
        let values = tree.values(node, key)
        guard !values.isEmpty else { return nil }
        return Sourced(values.map { String(tree.word($0)) }.joined(separator: ","), provenance(values))
    }

    // MARK: - SSH

    private mutating func convertSSH(_ ssh: Int32) {
        var settings: [String: Sourced<String>] = [:]
        if let node = tree.child(ssh, "disable-password-authentication") {
            settings["PasswordAuth"] = Sourced("0", tree.origin(node))
        } else {
            settings["PasswordAuth"] = Sourced("1", vendorDefault("sshd accepts password logins unless disable-password-authentication is set"))
        }
        if let node = tree.child(ssh, "allow-root") {
            settings["RootPasswordAuth"] = Sourced("1", tree.origin(node))
        } else {
            settings["RootPasswordAuth"] = Sourced("0", vendorDefault("the sshd configuration sets PermitRootLogin no unless allow-root is set"))
        }
        if let value = tree.value(ssh, "protocol-version") {
            let version: String
            switch tree.word(value) {
            case "v1": version = "1"
            case "all": version = "1.99"
            default: version = "2"
            }
            settings["version"] = Sourced(version, tree.origin(value))
        } else {
            settings["version"] = Sourced("2", vendorDefault("sshd speaks protocol 2 only unless protocol-version says otherwise"))
        }
        for key in ["ciphers", "key-exchange", "mac", "hostkey-algorithm", "loglevel", "client-keepalive-interval",
                    "disable-host-validation", "dynamic-protection", "vrf"] {
            if let value = setting(ssh, key) {
                settings[key] = value
            } else if let node = tree.child(ssh, key) {
                settings[key] = Sourced("1", tree.origin(node))
            }
        }
        if let control = tree.child(ssh, "access-control") {
            for (action, kind) in [("allow", "user"), ("allow", "group"), ("deny", "user"), ("deny", "group")] {
                if let holder = tree.child(control, action), let value = setting(holder, kind) {
                    settings["\(action)-\(kind)"] = value
                }
            }
        }
        var service = ManagementService(
            kind: .ssh, enabled: Sourced(true, tree.origin(ssh)),
            port: port(ssh, "port", default: 22, statement: "sshd listens on port 22 unless port is set"),
            listen: listenAddresses(tree.values(ssh, "listen-address"),
                                    statement: "sshd listens on every address unless listen-address is set"),
            settings: settings)
        service.crypto.ciphers = algorithmList(ssh, "ciphers")
        service.crypto.keyExchange = algorithmList(ssh, "key-exchange")
        service.crypto.macs = algorithmList(ssh, "mac")
        service.crypto.hostKeyAlgorithms = algorithmList(ssh, "hostkey-algorithm")
        config.services.append(service)
    }

    /// An algorithm leaf: every value, each of which may itself be a comma-separated list (VyOS
    /// accepts both `ciphers a` `ciphers b` and `ciphers a,b`).
    private func algorithmList(_ node: Int32, _ key: String) -> Sourced<[String]>? {
        let values = tree.values(node, key)
        guard !values.isEmpty else { return nil }
        let names = values.flatMap { tree.word($0).split(separator: ",").map { $0.lowercased() } }
        return Sourced(names, provenance(values))
    }

    // MARK: - Web

    /// EdgeOS `service gui`: the web UI over HTTPS, with an HTTP listener that redirects to it.
    private mutating func convertGUI(_ gui: Int32) {
        let listen = listenAddresses(tree.values(gui, "listen-address"),
                                     statement: "the EdgeOS web UI listens on every address unless listen-address is set")
        var settings: [String: Sourced<String>] = [:]
        if let value = setting(gui, "older-ciphers") { settings["older-ciphers"] = value }
        for key in ["cert-file", "ca-file", "dh-file"] {
            if let value = setting(gui, key) { settings[key] = value }
        }
        var https = ManagementService(
            kind: .https, enabled: Sourced(true, tree.origin(gui)),
            port: port(gui, "https-port", default: 443, statement: "the EdgeOS web UI serves HTTPS on 443 unless https-port is set"),
            listen: listen, settings: settings)
        // `older-ciphers enable` adds lighttpd's legacy cipher-suite list for old browsers.
        if let value = tree.value(gui, "older-ciphers") {
            https.crypto.legacyCipherSuites = Sourced(tree.word(value) == "enable", tree.origin(value))
        }
        config.services.append(https)
        config.services.append(ManagementService(
            kind: .http, enabled: Sourced(true, tree.child(gui, "http-port").map { tree.origin($0) } ?? tree.origin(gui)),
            port: port(gui, "http-port", default: 80, statement: "the EdgeOS web UI listens for HTTP on 80 unless http-port is set"),
            listen: listen,
            settings: ["redirect_https": Sourced("1", vendorDefault(
                "the EdgeOS web UI redirects every HTTP request to HTTPS (lighttpd configuration written by ubnt-gen-lighty-conf.sh)"))]))
    }

    /// VyOS `service https` (nginx; the REST API under `api`).
    private mutating func convertHTTPS(_ https: Int32) {
        var addresses = tree.values(https, "listen-address")
        var portNode = https
        var portKey = "port"
        if let hosts = tree.child(https, "virtual-host") {
            for host in tree.children(hosts) {
                addresses += tree.values(host, "listen-address")
                if tree.has(host, "listen-port") { portNode = host; portKey = "listen-port" }
            }
        }
        var settings: [String: Sourced<String>] = [:]
        if let api = tree.child(https, "api") { settings["api"] = Sourced("1", tree.origin(api)) }
        var allowed: Sourced<[IPPrefix]>?
        let clients = tree.path(https, "allow-client").map { tree.values($0, "address") } ?? []
        if !clients.isEmpty {
            allowed = Sourced(clients.compactMap { VyattaValues.prefix(tree.word($0)) }, provenance(clients))
        }
        config.services.append(ManagementService(
            kind: .https, enabled: Sourced(true, tree.origin(https)),
            port: port(portNode, portKey, default: 443, statement: "the VyOS HTTPS server listens on 443 unless a port is set"),
            listen: listenAddresses(addresses, statement: "the VyOS HTTPS server listens on every address unless listen-address is set"),
            allowedSources: allowed, settings: settings))
        if let redirect = tree.child(https, "enable-http-redirect") {
            config.services.append(ManagementService(
                kind: .http, enabled: Sourced(true, tree.origin(redirect)),
                port: Sourced(80, vendorDefault("the HTTP redirect listens on port 80")),
                listen: listenAddresses(addresses, statement: "the HTTP redirect listens on every address"),
                allowedSources: allowed, settings: ["redirect_https": Sourced("1", tree.origin(redirect))]))
        }
    }

    private mutating func convertTelnet(_ telnet: Int32) {
        config.services.append(ManagementService(
            kind: .telnet, enabled: Sourced(true, tree.origin(telnet)),
            port: port(telnet, "port", default: 23, statement: "telnet listens on port 23 unless port is set"),
            listen: listenAddresses(tree.values(telnet, "listen-address"),
                                    statement: "telnet listens on every address unless listen-address is set")))
    }

    // MARK: - SNMP

    private mutating func convertSNMP(_ snmp: Int32) {
        var listenValues: [Int32] = []
        if let holder = tree.child(snmp, "listen-address") { listenValues = Array(tree.children(holder)) }
        config.services.append(ManagementService(
            kind: .snmp, enabled: Sourced(true, tree.origin(snmp)),
            port: Sourced(161, vendorDefault("snmpd listens on UDP 161")),
            listen: listenAddresses(listenValues, statement: "snmpd listens on every address unless listen-address is set")))
        if let communities = tree.child(snmp, "community") {
            for community in tree.children(communities) {
                markSecret(community)
                var access = SNMPAccess.readOnly
                if let value = tree.value(community, "authorization") {
                    access = tree.word(value) == "rw" ? .readWrite : .readOnly
                }
                var sources: [IPPrefix] = []
                var sourceNodes: [Int32] = []
                for key in ["client", "network"] {
                    for value in tree.values(community, key) {
                        sourceNodes.append(value)
                        if let prefix = VyattaValues.prefix(tree.word(value)) {
                            sources.append(prefix)
                        } else {
                            diagnose(.warning, "bad-value", "'\(tree.word(value))' is not an address for SNMP \(key)",
                                     at: tree.lineSpan(value))
                        }
                    }
                }
                config.snmp.communities.append(SNMPCommunity(
                    name: Secret(.cleartext(String(tree.word(community))), origin: tree.origin(community)),
                    access: access, allowedSources: sourceNodes.isEmpty ? nil : sources,
                    view: tree.text(community, "view").map(String.init), origin: .source(tree.blockSpan(community))))
            }
        }
        if let users = tree.path(snmp, "v3", "user") {
            for user in tree.children(users) {
                config.snmp.v3Users.append(Sourced(String(tree.word(user)), tree.origin(user)))
            }
        }
    }

    // MARK: - UPnP, DNS

    private mutating func convertUPnP(_ upnp: Int32) {
        var scopes: [ListenScope] = []
        var nodes: [Int32] = []
        for key in ["listen-on", "listen"] {
            for value in tree.values(upnp, key) {
                nodes.append(value)
                let text = tree.word(value)
                if let address = VyattaValues.address(text) { scopes.append(.address(address)) } else { scopes.append(.interface(String(text))) }
            }
        }
        var settings: [String: Sourced<String>] = [:]
        for key in ["wan", "wan-interface"] {
            if let value = setting(upnp, key) { settings["wan"] = value }
        }
        for key in ["nat-pmp", "secure-mode"] {
            if let value = setting(upnp, key) {
                settings[key] = value
            } else if let node = tree.child(upnp, key) {
                settings[key] = Sourced("enable", tree.origin(node))
            }
        }
        config.services.append(ManagementService(
            kind: .upnp, enabled: Sourced(!tree.has(upnp, "disable"), tree.origin(upnp)),
            listen: scopes.isEmpty
                ? Sourced([.any], vendorDefault("miniupnpd serves every interface when no listen interface is set"))
                : Sourced(scopes, provenance(nodes)),
            settings: settings))
    }

    private mutating func convertDNS(_ forwarding: Int32) {
        var scopes: [ListenScope] = []
        var nodes: [Int32] = []
        for value in tree.values(forwarding, "listen-on") {
            nodes.append(value)
            scopes.append(.interface(String(tree.word(value))))
        }
        for value in tree.values(forwarding, "listen-address") {
            nodes.append(value)
            if let address = VyattaValues.address(tree.word(value)) { scopes.append(.address(address)) }
        }
        let allow = tree.values(forwarding, "allow-from")
        config.services.append(ManagementService(
            kind: .dns, enabled: Sourced(true, tree.origin(forwarding)),
            port: Sourced(53, vendorDefault("DNS forwarding answers on port 53")),
            listen: scopes.isEmpty
                ? Sourced([.any], vendorDefault("DNS forwarding answers on every interface when neither listen-on nor listen-address is set"))
                : Sourced(scopes, provenance(nodes)),
            allowedSources: allow.isEmpty ? nil : Sourced(allow.compactMap { VyattaValues.prefix(tree.word($0)) }, provenance(allow))))
    }
}
