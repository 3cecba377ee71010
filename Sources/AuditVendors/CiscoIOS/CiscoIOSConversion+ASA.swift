import AuditCore

/// Cisco ASA commands that differ from IOS (Cisco ASA Series Command Reference):
///
/// - `enable password HASH [level N] encrypted`, `passwd HASH encrypted` (the Telnet/SSH line
///   password of pre-AAA logins): PIX-MD5 hashes;
/// - `username NAME password HASH (encrypted|pbkdf2) [privilege P]`, `username NAME nopassword`;
/// - `ssh|telnet|http ADDRESS MASK INTERFACE`: management is refused unless a line admits the
///   source; `http server enable [PORT]` starts ASDM, which speaks only HTTPS;
/// - `ssh key-exchange group dh-group1-sha1|dh-group14-sha1|...`, `ssh cipher encryption ...`;
/// - `snmp-server host IF ADDRESS [poll|trap] [community C]`: the ASA answers SNMP polls only from
///   these hosts;
/// - `name ADDRESS NAME`, and `access-list NAME [extended|standard|webtype] ...` lines whose
///   `object-group` names must be defined (the rule semantics are not modelled).
extension CiscoIOSConverter {
    /// Reads an ASA-only command; false when IOS reads it the same way.
    mutating func asaTopLevel(_ index: Int) -> Bool {
        let words = command(index).words
        switch words[0] {
        case "ASA", "PIX":
            if words[safe: 1] == "Version", let release = words[safe: 2] {
                device.identity.firmware = Sourced("\(words[0]) \(release)", source(index))
            }
            understand(index)
        case "enable":
            guard words[safe: 1] == "password", words.count >= 3 else { return false }
            let owner = words.firstIndex(of: "level").flatMap { words[safe: $0 + 1] }.map { $0 == "15" ? "enable" : "enable level \($0)" } ?? "enable"
            storeASASecret(at: 2, of: index, purpose: .privilege, owner: owner)
            understand(index)
        case "passwd", "password":
            guard words.count >= 2 else { return false }
            storeASASecret(at: 1, of: index, purpose: .linePassword, owner: "telnet/ssh (passwd)")
            understand(index)
        case "username":
            return asaUsername(index)
        case "ssh", "telnet", "http":
            asaManagement(index)
        case "name":
            if let address = words[safe: 1].flatMap({ IPAddress(String($0)) }), let name = words[safe: 2] {
                dialectFacts.names[String(name)] = address
            }
            understand(index)
        case "names":
            understand(index)
        case "snmp-server":
            guard words[safe: 1] == "host" else { return false }
            asaSNMPHost(index)
        case "access-list":
            guard let type = words[safe: 2], ["extended", "standard", "remark", "webtype", "ethertype"].contains(type) else { return false }
            for (position, word) in words.enumerated() where word == "object-group" {
                if let name = words[safe: position + 1] {
                    objectGroupUses.append((String(name), "access-list \(words[1])", span(index)))
                }
            }
            if type == "remark" { understand(index) }
        case "object-group":
            objectGroup(index)
        case "interface":
            asaInterfaceZone(index)
            return false
        default:
            // `: Saved`, `: end` and `Cryptochecksum:` are comments the ASA writes around the config.
            if words[0].hasPrefix(":") || words[0].hasPrefix("Cryptochecksum:") {
                understand(index)
                return true
            }
            return false
        }
        return true
    }

    /// A PIX/ASA secret: `VALUE encrypted` is a PIX-MD5 (or ASA-MD5) hash, `VALUE pbkdf2` a
    /// PBKDF2-SHA512 hash, anything else as typed.
    private mutating func storeASASecret(at position: Int, of index: Int, purpose: SecretPurpose, owner: String) {
        let current = command(index)
        guard let value = current.words[safe: position] else { return badValue("\(owner) has no value", at: index) }
        // The storage marker ends the line: `enable password X level 15 encrypted`.
        let form = asaSecretForm(String(value), marker: current.words.count > position + 1 ? current.words.last : nil)
        storeSecret(CiscoSecretValue(form: form, type: nil, range: CiscoText.byteRange(from: value, to: value, in: current.raw),
                                     nextWord: position + 1), purpose: purpose, owner: owner, at: index)
    }

    /// `user` names the account whose name salts an ASA-MD5 hash; nil for PIX-MD5.
    private func asaSecretForm(_ value: String, marker: Substring?, user: String? = nil) -> SecretForm {
        switch marker {
        case "encrypted": .hashed(scheme: user == nil ? .pixMD5 : .asaMD5, encoded: value)
        case "pbkdf2": .opaque(scheme: "asa-pbkdf2", encoded: value)
        default: .cleartext(value)
        }
    }

    private mutating func asaUsername(_ index: Int) -> Bool {
        let current = command(index)
        let words = current.words
        guard let name = words[safe: 1].map(String.init) else { return false }
        // `username NAME attributes` opens a block of VPN settings.
        if words[safe: 2] == "attributes" {
            understandSubtree(index)
            return true
        }
        var secret: Secret?
        if let at = words.firstIndex(of: "password"), let value = words[safe: at + 1] {
            let form = asaSecretForm(String(value), marker: words[safe: at + 2], user: name)
            secret = Secret(form, origin: source(index))
            markSecret(CiscoSecretValue(form: form, type: nil, range: CiscoText.byteRange(from: value, to: value, in: current.raw),
                                        nextWord: at + 2), at: index)
        } else if words.contains("nopassword") {
            secret = Secret(.empty, origin: source(index))
        }
        // Without `privilege`, an ASA user has level 2.
        let privilege = words.firstIndex(of: "privilege").flatMap { words[safe: $0 + 1] }.flatMap(CiscoText.integer) ?? 2
        accountIndex[name] = device.accounts.count
        device.accounts.append(Account(name: name, secret: secret, privilege: privilege, isAdministrator: privilege == 15,
                                       origin: source(index)))
        understand(index)
        return true
    }

    /// `ssh|telnet|http ADDRESS MASK IF`, `http server enable [PORT]`, `ssh version N`,
    /// `ssh key-exchange group G`, `ssh cipher encryption LIST`, timeouts.
    private mutating func asaManagement(_ index: Int) {
        let words = command(index).words
        let kind: ServiceKind = words[0] == "ssh" ? .ssh : words[0] == "telnet" ? .telnet : .https
        if let first = words[safe: 1], let mask = words[safe: 2].flatMap({ IPAddress(String($0)) }), words.count >= 4 {
            let address = IPAddress(String(first)) ?? dialectFacts.names[String(first)]
            if let address, case .v4(let bits) = mask {
                let length = bits.nonzeroBitCount
                dialectFacts.allowed[kind, default: []].append((IPPrefix(address, length: length), span(index)))
            } else {
                badValue("'\(first) \(words[2])' is not an address and mask", at: index)
            }
        } else if words[0] == "http", words[safe: 1] == "server", words[safe: 2] == "enable" {
            dialectFacts.httpServer = (words[safe: 3].flatMap(CiscoText.integer), span(index))
        } else if words[0] == "ssh", words[safe: 1] == "version", let version = words[safe: 2] {
            sshVersion = Sourced(String(version), source(index))
        } else if words[0] == "ssh", words[safe: 1] == "key-exchange", words[safe: 2] == "group", let group = words[safe: 3] {
            // ASA names the OpenSSH methods by their group: dh-group1-sha1 is diffie-hellman-group1-sha1.
            let method = group.hasPrefix("dh-") ? "diffie-hellman-" + group.dropFirst(3) : String(group)
            dialectFacts.sshCrypto.keyExchange = Sourced([method], source(index))
        } else if words[0] == "ssh", words[safe: 1] == "cipher", words[safe: 2] == "encryption", words.count >= 4 {
            dialectFacts.sshCrypto.ciphers = Sourced(words.dropFirst(3).map { $0.lowercased() }, source(index))
        }
        understand(index)
    }

    private mutating func asaSNMPHost(_ index: Int) {
        let current = command(index)
        let words = current.words
        if let host = words[safe: 3] {
            let address = IPAddress(String(host)) ?? dialectFacts.names[String(host)]
            if let address, !words.contains("trap") {
                dialectFacts.snmpHosts.append(IPPrefix(address, length: address.isV4 ? 32 : 128))
            }
        }
        if let at = words.firstIndex(of: "community"), let community = words[safe: at + 1] {
            markSecret(CiscoSecretValue(form: .cleartext(String(community)), type: nil,
                                        range: CiscoText.byteRange(from: community, to: community, in: current.raw),
                                        nextWord: at + 2), at: index)
        }
        snmpSpans.append(span(index))
        understand(index)
    }

    /// `nameif NAME` and `security-level N` under an interface: the ASA's zones. The IOS interface
    /// code reads the rest of the block.
    private mutating func asaInterfaceZone(_ index: Int) {
        guard let name = command(index).words[safe: 1] else { return }
        var zone: (name: String, level: Int?, span: SourceSpan)?
        var level: Int?
        for child in config.children(of: index) {
            let words = command(child).words
            switch words[0] {
            case "nameif":
                if let value = words[safe: 1] { zone = (String(value), nil, span(child)) }
                understand(child)
            case "security-level":
                level = words[safe: 1].flatMap(CiscoText.integer)
                understand(child)
            case "no" where words[safe: 1] == "nameif" || words[safe: 1] == "security-level":
                understand(child)
            default:
                break
            }
        }
        if var zone {
            zone.level = level
            dialectFacts.zones.append((interface: String(name), name: zone.name, level: zone.level, span: zone.span))
        }
    }

    /// Each `nameif` is a zone. The ASA drops traffic to itself except what its management lines
    /// admit, and forwards from a higher security level to a lower one only; the lowest level
    /// (the outside, level 0) forwards nothing unless an access-list permits it, which the model
    /// does not hold (the `access-list` lines stay not understood).
    private mutating func asaZones() {
        let profile = CiscoDialect.asa.profile
        for entry in dialectFacts.zones {
            let origin = Provenance.source(entry.span)
            var role = Sourced(ZoneRole.unknown, origin)
            if let position = device.interfaces.firstIndex(where: { $0.name == entry.interface }) {
                device.interfaces[position].zone = entry.name
                if device.interfaces[position].role.value != .unknown { role = device.interfaces[position].role }
            }
            if role.value == .unknown {
                let lower = entry.name.lowercased()
                if lower.contains("outside") || lower.contains("wan") || lower.contains("internet") || entry.level == 0 {
                    role = Sourced(.wan, origin)
                } else if lower.contains("dmz") {
                    role = Sourced(.dmz, origin)
                } else if lower.contains("inside") || lower.contains("lan") || entry.level == 100 {
                    role = Sourced(.lan, origin)
                }
            }
            if let position = device.interfaces.firstIndex(where: { $0.name == entry.interface }),
               device.interfaces[position].role.value == .unknown {
                device.interfaces[position].role = role
            }
            let lowest = (entry.level ?? 0) == 0
            device.zones.append(Zone(
                name: entry.name, role: role, members: [entry.interface],
                input: Sourced(.deny, .vendorDefault(profile: profile, statement:
                    "the ASA drops traffic to itself except the management its ssh, telnet and http lines admit")),
                output: Sourced(.permit, .vendorDefault(profile: profile, statement: "the ASA's own traffic leaves unfiltered")),
                forward: Sourced(lowest ? .deny : .permit, .vendorDefault(profile: profile, statement: lowest
                    ? "security level 0: nothing is forwarded from it unless an access-list permits it"
                    : "traffic flows from a higher security level to a lower one")),
                origin: origin))
        }
    }

    /// Services of an ASA: each answers only the sources its `ssh|telnet|http` lines admit.
    mutating func finishASA() {
        asaZones()
        // The ASA has no `service password-encryption`: its passwords are hashed by default.
        device.hardening.passwordEncryption = nil
        device.services.removeAll { [.telnet, .ssh, .http, .https].contains($0.kind) }
        device.loginChannels.removeAll()
        let profile = CiscoDialect.asa.profile
        for kind in [ServiceKind.ssh, .telnet, .https] {
            let entries = dialectFacts.allowed[kind] ?? []
            let enabled: Sourced<Bool>
            if kind == .https {
                guard let server = dialectFacts.httpServer else { continue }
                enabled = Sourced(true, .source(server.span))
            } else {
                guard !entries.isEmpty else {
                    enabled = Sourced(false, .vendorDefault(profile: profile, statement:
                        "the ASA refuses \(kind.rawValue) management unless a `\(kind.rawValue) ADDRESS MASK INTERFACE` line admits the source"))
                    device.services.append(ManagementService(kind: kind, enabled: enabled, listen: Sourced([], enabled.origin)))
                    continue
                }
                enabled = Sourced(true, .derived(entries.map { $0.span }))
            }
            var service = ManagementService(
                kind: kind, enabled: enabled,
                port: kind == .https ? dialectFacts.httpServer?.port.map { Sourced($0, enabled.origin) } : nil,
                listen: Sourced([.any], enabled.origin),
                allowedSources: Sourced(entries.map { $0.prefix }, entries.isEmpty
                    ? .vendorDefault(profile: profile, statement: "ASDM admits no source unless an `http ADDRESS MASK INTERFACE` line allows it")
                    : .derived(entries.map { $0.span })))
            if kind == .ssh {
                service.settings["version"] = sshVersion ?? Sourced("1.99", .vendorDefault(
                    profile: profile, statement: "without `ssh version 2`, older ASA releases accept SSH versions 1 and 2"))
                service.crypto = dialectFacts.sshCrypto
            }
            device.services.append(service)
        }
        // SNMP polls are answered only from `snmp-server host` stations.
        if !dialectFacts.snmpHosts.isEmpty {
            for position in device.snmp.communities.indices where device.snmp.communities[position].allowedSources == nil {
                device.snmp.communities[position].allowedSources = dialectFacts.snmpHosts
            }
        }
    }
}
