import AuditCore

/// The management servers (`ip http|ssh|telnet|ftp server`, `snmp-server`), their service
/// control tables, SNMP communities and UPnP.
extension ZLDConverter {
    /// `[no] ip ...`: the management servers, `ip virtual-server`, `ip upnp`, and `ip` commands
    /// with no security meaning. `words` starts at `ip`.
    mutating func ipCommand(_ index: Int, words: ArraySlice<Substring>, negated: Bool) {
        let w = Array(words)
        guard w.count >= 2 else { return }
        switch w[1] {
        case "http":
            guard w.count >= 3 else { return }
            if w[2] == "secure-server" || w[2] == "secure-port" {
                server(.https, index, words: Array(w.dropFirst(2)), negated: negated)
            } else if w[2] == "server" {
                server(.http, index, words: Array(w.dropFirst(2)), negated: negated)
            } else if w[2] == "port" {
                server(.http, index, words: Array(w.dropFirst(2)), negated: negated)
            } else if w[2] == "authentication" {
                understandSubtree(index)
            }
        case "ssh", "telnet", "ftp":
            guard w.count >= 3, w[2] == "server", let kind = ZLDVocabulary.serverKinds[w[1]] else {
                if w.count >= 3, w[1] == "ssh", w[2] == "client" { understandSubtree(index) }
                return
            }
            server(kind, index, words: Array(w.dropFirst(2)), negated: negated)
        case "virtual-server":
            if negated { understandSubtree(index) } else { virtualServer(index, words: w) }
        case "upnp":
            upnpLine(index, words: words.dropFirst(), negated: negated)
        default:
            if ZLDVocabulary.ignoredIP.contains(w[1]) {
                storeServiceSecrets(in: index)
                understandSubtree(index)
            }
        }
    }

    /// The words after `ip http`, `ip ssh`, ... : `server`, `secure-server`, `port N`,
    /// `server port N`, `secure-port N`, `[secure-]server table admin|user rule N access-group A
    /// zone Z action accept|deny`, `server rule N ...`, `server v1`, `secure-server force-redirect`,
    /// `server cert X`.
    private mutating func server(_ kind: ServiceKind, _ index: Int, words: [Substring], negated: Bool) {
        understandSubtree(index)
        var facts = servers[kind] ?? ZLDServerFacts()
        defer { servers[kind] = facts }
        let origin = source(index)
        if words == ["server"] || words == ["secure-server"] {
            facts.enabled = Sourced(!negated, origin)
            return
        }
        if let at = words.firstIndex(where: { $0 == "port" || $0 == "secure-port" }), at + 1 < words.count {
            guard let port = ZLDText.port(words[at + 1]) else { return badValue("\(kind.rawValue) port does not read", at: index) }
            if !negated { facts.port = Sourced(port, origin) }
            return
        }
        if words.contains("rule") {
            if words.contains("user") { return }   // the web user portal's table, not administration
            guard !negated else { return }
            guard let rule = controlRule(words, at: index) else {
                understood[index] = false
                return
            }
            facts.rules.append(rule)
            return
        }
        if words.last == "v1" {
            facts.settings["version"] = Sourced(negated ? "2" : "1.99", origin)
        } else if words.last == "force-redirect" {
            // HTTP requests are redirected to HTTPS: the HTTP server carries no login.
            var http = servers[.http] ?? ZLDServerFacts()
            http.settings["redirect_https"] = Sourced(negated ? "off" : "on", origin)
            servers[.http] = http
        }
    }

    /// `... rule N access-group OBJECT zone ZONE action accept|deny`.
    private func controlRule(_ words: [Substring], at index: Int) -> ZLDControlRule? {
        func value(after key: Substring) -> Substring? {
            guard let at = words.firstIndex(of: key), at + 1 < words.count else { return nil }
            return words[at + 1]
        }
        guard let group = value(after: "access-group"), let zone = value(after: "zone"), let action = value(after: "action"),
              action == "accept" || action == "deny" else { return nil }
        return ZLDControlRule(addressObject: String(group), zone: String(zone), accept: action == "accept", span: span(index))
    }

    // MARK: - SNMP

    /// `[no] snmp-server`, `snmp-server community NAME ro|rw`, `snmp-server port N`,
    /// `snmp-server rule N access-group A zone Z action A`, `snmp-server host/location/contact`.
    mutating func snmpServer(_ index: Int, negated: Bool) {
        understandSubtree(index)
        let all = command(index).words
        let words = Array(negated ? all.dropFirst(2) : all.dropFirst())
        let origin = source(index)
        var facts = servers[.snmp] ?? ZLDServerFacts()
        defer { servers[.snmp] = facts }
        guard let first = words.first else {
            snmpEnabled = Sourced(!negated, origin)
            return
        }
        switch first {
        case "community":
            guard !negated else { return }
            guard words.count >= 2 else { return badValue("snmp-server community has no name", at: index) }
            markSecret(words[1], at: index)
            let access: SNMPAccess = words.count >= 3 && words[2] == "rw" ? .readWrite : .readOnly
            communities.append(SNMPCommunity(name: Secret(.cleartext(String(words[1])), origin: origin), access: access,
                                             origin: origin))
        case "port":
            if words.count >= 2, let port = ZLDText.port(words[1]) { facts.port = Sourced(port, origin) }
        case "rule":
            if !negated, let rule = controlRule(words, at: index) { facts.rules.append(rule) }
        case "host":
            if let at = words.firstIndex(where: { IPAddress($0) != nil }), at + 1 < words.count { markSecret(words[at + 1], at: index) }
        default:
            break
        }
    }

    mutating func resolveSNMP() {
        let facts = servers[.snmp]
        let enabled = snmpEnabled ?? (communities.isEmpty ? nil : Sourced(true, communities[0].origin))
        guard let enabled else { return }
        let listen = listenScope(.snmp, facts?.rules ?? [], origin: enabled.origin)
        device.services.append(ManagementService(kind: .snmp, enabled: enabled, port: facts?.port, listen: listen.scope,
                                                 allowedSources: listen.sources))
        let restricted = listen.sources.map { Array($0.value) }
        device.snmp.communities = communities.map { community in
            var community = community
            community.allowedSources = restricted
            return community
        }
    }

    // MARK: - UPnP

    /// `[no] ip upnp`, `[no] upnp ...`: `words` starts after `ip` (or is the whole `upnp` line).
    mutating func upnpLine(_ index: Int, words: ArraySlice<Substring>, negated: Bool) {
        understandSubtree(index)
        let rest = Array(words.dropFirst())
        // `ip upnp`, `upnp enable`, `upnp activate`: the service itself; other words are its options.
        guard rest.isEmpty || rest == ["enable"] || rest == ["activate"] else { return }
        upnp = Sourced(!negated, source(index))
    }

    // MARK: - Services

    /// Where a service answers, from its service control table: the first rule whose zone
    /// matches (or `ALL`) decides for that zone, and the table's fixed last entry accepts every
    /// zone from every address (the User's Guide: the `-` entry is the non-configurable default).
    func listenScope(_ kind: ServiceKind, _ rules: [ZLDControlRule], origin: Provenance)
        -> (scope: Sourced<[ListenScope]>, sources: Sourced<[IPPrefix]>?) {
        guard !rules.isEmpty else {
            return (Sourced([.any], ZyxelZLDConversion.vendorDefault(
                "an empty service control table accepts \(kind.rawValue) from every zone (its fixed default entry is ALL/ALL/accept)")), nil)
        }
        let spans = rules.map(\.span)
        let zones = Set(rules.map(\.zone)).subtracting(["ALL", "any"]).sorted() + ["ALL"]
        var scopes: [ListenScope] = []
        var wanSources: [IPPrefix] = []
        var wanFullyOpen = false
        for zone in zones {
            var partial: [IPPrefix] = []
            var decided: Bool?
            for rule in rules where rule.zone == zone || rule.zone == "ALL" || rule.zone == "any" {
                if rule.addressObject == "ALL" || rule.addressObject == "any" {
                    decided = rule.accept
                    break
                }
                if rule.accept { partial += resolveAddress(rule.addressObject) ?? [IPPrefix.anyV4] }
            }
            let accepts = decided ?? true
            guard accepts || !partial.isEmpty else { continue }
            let role = zone == "ALL" ? nil : ZLDVocabulary.role(ofZone: zone)
            if zone == "ALL" {
                scopes.append(.any)
            } else if let role, role != .unknown {
                scopes.append(.role(role))
            } else {
                scopes.append(.interface(zone))
            }
            if role == .wan || zone == "ALL" {
                if accepts { wanFullyOpen = true } else { wanSources += partial }
            }
        }
        let provenance = Provenance.derived(spans)
        let sources: Sourced<[IPPrefix]>? = !wanFullyOpen && !wanSources.isEmpty ? Sourced(wanSources, provenance) : nil
        return (Sourced(scopes, provenance), sources)
    }

    mutating func resolveServices() {
        let webDefault = ZyxelZLDConversion.vendorDefault(
            "the web configurator answers on HTTP and HTTPS out of the box (the User's Guide's default login is http(s)://192.168.1.1)")
        for kind in [ServiceKind.http, .https, .ssh, .telnet, .ftp] {
            let facts = servers[kind]
            let enabled: Sourced<Bool>
            if let explicit = facts?.enabled {
                enabled = explicit
            } else if kind == .http || kind == .https {
                enabled = Sourced(true, webDefault)
            } else {
                continue
            }
            let listen = listenScope(kind, facts?.rules ?? [], origin: enabled.origin)
            device.services.append(ManagementService(kind: kind, enabled: enabled, port: facts?.port, listen: listen.scope,
                                                     allowedSources: listen.sources, settings: facts?.settings ?? [:]))
        }
        if let upnp {
            device.services.append(ManagementService(kind: .upnp, enabled: upnp, listen: Sourced([.role(.lan)], upnp.origin)))
        }
    }
}
