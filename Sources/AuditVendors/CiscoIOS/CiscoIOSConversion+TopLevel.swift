import AuditCore

/// Dispatch of top-level commands to the area that models them.
extension CiscoIOSConverter {
    mutating func topLevel(_ index: Int) {
        switch dialect {
        case .ios: break
        case .asa: if asaTopLevel(index) { return }
        case .eos: if eosTopLevel(index) { return }
        }
        let words = command(index).words
        switch words[0] {
        case "hostname": hostname(index)
        case "version": version(index)
        case "no": negated(index)
        case "interface": interface(index)
        case "line": line(index)
        case "access-list": numberedAccessList(index)
        case "ip": ip(index)
        case "ipv6": ipv6(index)
        case "username": username(index)
        case "enable": enable(index)
        case "aaa": aaa(index)
        case "service": service(index)
        case "snmp-server": snmpServer(index)
        case "login": login(index)
        case "security": security(index)
        case "router": routingProcess(index)
        case "route-map": routeMap(index)
        case "class-map": classMap(index)
        case "key": keyChain(index)
        case "crypto": crypto(index)
        case "wlan": wlan(index)
        case "ap": accessPointProfile(index)
        case "radius", "tacacs": aaaServerBlock(index)
        case "radius-server", "tacacs-server": legacyAAAServer(index)
        case "ntp": ntp(index)
        case "object-group": objectGroup(index)
        case "license": license(index)
        case "parser": parserView(index)
        case "netconf-yang":
            optionalServers.append((.netconf, span(index)))
            understandSubtree(index)
        case "ftp-server":
            if words[safe: 1] == "enable" { optionalServers.append((.ftp, span(index))) }
            understandSubtree(index)
        case "l2tp-class", "vpdn-group":
            scanSecrets(in: index, keywords: ["password"], purpose: .service("l2tp"), owner: { _ in String(words.joined(separator: " ")) })
            understandSubtree(index)
        case "zone" where words[safe: 1] == "security":
            // A zone definition only names the zone; interfaces record membership.
            understandSubtree(index)
        case "zone", "zone-pair":
            // Zone-based firewall policy: security meaning the model cannot hold yet. Not counted as understood.
            diagnose(.warning, "unsupported-feature", "zone-based firewall policy is not modelled: \(CiscoIOSConverter.safeExcerpt(words))", at: index)
        case "policy-map" where words[safe: 1] == "type" && words[safe: 2] == "inspect":
            diagnose(.warning, "unsupported-feature", "zone-based firewall policy is not modelled: \(CiscoIOSConverter.safeExcerpt(words))", at: index)
        default:
            if CiscoIOSVocabulary.ignorableTopLevel.contains(words[0]) { understandSubtree(index) }
        }
    }

    /// `no X`: the explicit negations the model cares about, and otherwise the same vocabulary as `X`.
    mutating func negated(_ index: Int) {
        let words = command(index).words
        guard let what = words[safe: 1] else { return }
        switch what {
        case "service":
            if words[safe: 2] == "password-encryption" {
                device.hardening.passwordEncryption = Sourced(false, source(index))
            }
            understand(index)
        case "aaa":
            if words[safe: 2] == "new-model" { aaaNewModel = Sourced(false, source(index)) }
            understand(index)
        case "ip":
            guard let third = words[safe: 2] else { return }
            if third == "http" {
                switch words[safe: 3] {
                case "server": http.server = Sourced(false, source(index))
                case "secure-server": http.secureServer = Sourced(false, source(index))
                default: break
                }
                understand(index)
            } else if CiscoIOSVocabulary.ignorableIP.contains(third) || ["access-list", "nat", "ssh", "ftp", "inspect", "wccp"].contains(third) {
                understand(index)
            }
        case "ipv6":
            if let third = words[safe: 2], CiscoIOSVocabulary.ignorableIPv6.contains(third) || third == "access-list" {
                understand(index)
            }
        case "snmp-server":
            if words.count == 2 { snmpDisabled = span(index) }
            understand(index)
        case "enable", "username", "access-list", "banner", "login", "security", "logging", "router",
             "interface", "line", "ntp", "crypto", "key", "route-map", "class-map", "hostname", "exception", "spd":
            understand(index)
        default:
            if CiscoIOSVocabulary.ignorableTopLevel.contains(what) { understand(index) }
        }
    }

    mutating func hostname(_ index: Int) {
        guard let name = command(index).words[safe: 1] else { return badValue("hostname without a name", at: index) }
        device.identity.hostname = Sourced(String(name), source(index))
        understand(index)
    }

    /// `version 15.2`: the firmware train, which decides some defaults (vty transport input).
    mutating func version(_ index: Int) {
        guard let text = command(index).words[safe: 1] else { return badValue("version without a number", at: index) }
        device.identity.firmware = Sourced(String(text), source(index))
        let parts = text.split(separator: ".")
        if let major = parts.first.flatMap({ CiscoText.integer($0) }) {
            let minor = parts.count > 1 ? CiscoText.integer(parts[1].prefix { $0.isNumber }) ?? 0 : 0
            version = (major, minor)
        } else {
            badValue("version '\(text)' is not a release number", at: index)
        }
        understand(index)
    }

    /// `license udi pid CSR1000V sn ...`: the only place a running-config names the hardware.
    mutating func license(_ index: Int) {
        let words = command(index).words
        if words[safe: 1] == "udi", let pid = words.firstIndex(of: "pid"), let model = words[safe: pid + 1] {
            device.identity.model = Sourced(String(model), source(index))
        }
        understandSubtree(index)
    }

    mutating func service(_ index: Int) {
        if command(index).words[safe: 1] == "password-encryption" {
            device.hardening.passwordEncryption = Sourced(true, source(index))
        }
        understand(index)
    }

    /// `ip ...` at the top level.
    mutating func ip(_ index: Int) {
        let words = command(index).words
        guard let second = words[safe: 1] else { return }
        switch second {
        case "http": httpServer(index)
        case "access-list": namedAccessList(index)
        case "nat": nat(index)
        case "ssh":
            if words[safe: 2] == "version", let value = words[safe: 3] {
                sshVersion = Sourced(String(value), source(index))
            }
            understandSubtree(index)
        case "ftp": ftp(index)
        case "inspect": inspect(index)
        case "wccp": wccp(index)
        case "route": ipRoute(index)
        case "dns":
            if words[safe: 2] == "server", words.count == 3 { optionalServers.append((.dns, span(index))) }
            understandSubtree(index)
        default:
            if CiscoIOSVocabulary.ignorableIP.contains(second) { understandSubtree(index) }
        }
    }

    mutating func ipv6(_ index: Int) {
        let words = command(index).words
        guard let second = words[safe: 1] else { return }
        if second == "access-list" {
            ipv6AccessList(index)
        } else if CiscoIOSVocabulary.ignorableIPv6.contains(second) {
            understandSubtree(index)
        }
    }

    /// `ip ftp username U` / `ip ftp password [7] P`: the router's FTP client login (archive, copy).
    mutating func ftp(_ index: Int) {
        let words = command(index).words
        switch words[safe: 2] {
        case "username":
            ftpUsername = words[safe: 3].map(String.init)
        case "password":
            guard let value = CiscoSecretParser.read(command(index), at: 3, restOfLine: true) else {
                return badValue("ip ftp password has no value", at: index)
            }
            ftpSecrets.append(Secret(value.form, origin: source(index)))
            markSecret(value, at: index)
        default:
            break
        }
        understand(index)
    }

    /// `login block-for S attempts N within W` and the other login hardening switches.
    mutating func login(_ index: Int) {
        let words = command(index).words
        switch words[safe: 1] {
        case "block-for":
            guard let block = words[safe: 2].flatMap(CiscoText.integer),
                  let attemptsAt = words.firstIndex(of: "attempts"), let attempts = words[safe: attemptsAt + 1].flatMap(CiscoText.integer),
                  let withinAt = words.firstIndex(of: "within"), let within = words[safe: withinAt + 1].flatMap(CiscoText.integer) else {
                badValue("login block-for needs seconds, attempts and a window", at: index)
                understand(index)
                return
            }
            device.hardening.loginProtection = Sourced(LoginProtection(blockSeconds: block, attempts: attempts, withinSeconds: within),
                                                       source(index))
        case "quiet-mode":
            if words[safe: 2] == "access-class", let name = words[safe: 3] {
                // The list names hosts exempt from the quiet period: it opens nothing when undefined.
                useFilter(String(name), .other("login quiet-mode"), context: "login quiet-mode access-class",
                          filtersTraffic: false, at: index)
            }
        default:
            break
        }
        understand(index)
    }

    /// `security passwords min-length N`, `security authentication failure rate N log`.
    mutating func security(_ index: Int) {
        let words = command(index).words
        if words[safe: 1] == "passwords", words[safe: 2] == "min-length" {
            if let length = words[safe: 3].flatMap(CiscoText.integer) {
                device.hardening.minimumPasswordLength = Sourced(length, source(index))
            } else {
                badValue("security passwords min-length needs a number", at: index)
            }
        }
        understand(index)
    }

    mutating func ntp(_ index: Int) {
        let words = command(index).words
        switch words[safe: 1] {
        case "authentication-key":
            // ntp authentication-key N md5 VALUE [TYPE]: the type follows the value.
            if let value = CiscoSecretParser.read(command(index), at: 4, typeAfterValue: true) {
                storeSecret(value, purpose: .service("ntp"), owner: "ntp key \(words[safe: 2] ?? "")", at: index)
            } else {
                badValue("ntp authentication-key has no value", at: index)
            }
        case "access-group":
            if let name = words.last, words.count >= 4 {
                useFilter(String(name), .managementAccess("ntp"), context: "ntp access-group \(words[2])",
                          filtersTraffic: true, at: index)
            }
        default:
            break
        }
        understandSubtree(index)
    }

    /// Hardening values IOS assumes when their lines are absent.
    mutating func resolveHardeningDefaults() {
        if device.hardening.passwordEncryption == nil {
            device.hardening.passwordEncryption = Sourced(false, CiscoIOSConversion.vendorDefault(
                "without `service password-encryption`, IOS stores line and type 0 user passwords in clear text"))
        }
        if device.hardening.loginProtection == nil {
            device.hardening.loginProtection = Sourced(nil, CiscoIOSConversion.vendorDefault(
                "without `login block-for`, IOS does not slow down repeated failed logins"))
        }
        if device.hardening.minimumPasswordLength == nil {
            device.hardening.minimumPasswordLength = Sourced(0, CiscoIOSConversion.vendorDefault(
                "without `security passwords min-length`, IOS accepts passwords of any length"))
        }
    }
}
