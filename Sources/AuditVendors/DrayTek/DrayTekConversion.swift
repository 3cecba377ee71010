import AuditCore

/// Step two of reading a Vigor command script: commands to the vendor-neutral `DeviceConfig`.
/// A Vigor without commands is a factory Vigor, so everything the script does not set is the
/// documented factory state, with vendor-default provenance. docs/vendors.md lists what is
/// covered and which documents the syntax comes from.
public enum DrayTekConversion {
    public static let profile = "draytek"

    public static func convert(_ scripts: [DrayTekScript]) -> DeviceConfig {
        var converter = DrayTekConverter(sources: scripts.map(\.source))
        for script in scripts { converter.read(script) }
        return converter.finish()
    }

    static func vendorDefault(_ statement: String) -> Provenance {
        .vendorDefault(profile: profile, statement: statement)
    }
}

/// An `srv nat openport` entry, built from one or more lines with the same index.
struct DrayTekOpenPort {
    var enabled = true
    var comment: String?
    var localIP: IPAddress?
    var wan: String?
    var protocols: ProtocolMatch = .any
    var start: Int?
    var end: Int?
    var spans: [SourceSpan] = []
}

struct DrayTekConverter {
    var device: DeviceConfig
    var script: DrayTekScript!
    var understoodCount = 0
    var fileDiagnostics: [Diagnostic] = []

    var password: Secret?
    var ports: [ServiceKind: Sourced<Int>] = [:]
    var remote: Sourced<Bool>?
    var remoteProtocols: [ServiceKind: Sourced<Bool>] = [:]
    var accessList: [(prefix: IPPrefix, span: SourceSpan)] = []
    var snmpEnabled: Sourced<Bool>?
    var managerHosts: [IPPrefix] = []
    var upnp: Sourced<Bool>?
    var enforceHTTPS: Sourced<Bool>?
    var portMaps: [Int: PortForward] = [:]
    var portMapOrder: [Int] = []
    var openPorts: [String: DrayTekOpenPort] = [:]
    var openPortOrder: [String] = []
    var lanAddress: (address: IPAddress, span: SourceSpan)?
    var lanLength = 24
    var ipFilter = DrayTekIPFilter()

    init(sources: [ConfigSource]) {
        device = DeviceConfig(identity: DeviceIdentity(vendor: .drayTek), sources: sources)
    }

    var file: String { script.file }

    mutating func read(_ script: DrayTekScript) {
        self.script = script
        fileDiagnostics = []
        understoodCount = 0
        var unrecognized: [Diagnostic] = []
        for command in script.commands {
            if read(command) {
                understoodCount += 1
            } else {
                unrecognized.append(Diagnostic(.warning, code: "unrecognized-line",
                                               "not understood: \(Self.safeExcerpt(command.words))",
                                               at: SourceSpan(file: file, start: command.line)))
            }
        }
        device.coverage = device.coverage + ParseCoverage(meaningfulLines: script.commands.count, understoodLines: understoodCount)
        var diagnostics = fileDiagnostics + unrecognized
        diagnostics.sort { ($0.span?.start ?? 0) < ($1.span?.start ?? 0) }
        device.diagnostics += script.diagnostics + diagnostics
    }

    /// The first words of a command, stopping before a password.
    static func safeExcerpt(_ words: [Substring]) -> String {
        let shown = words.prefix(words.first == "sys" && words.dropFirst().first == "passwd" ? 2 : 4)
        return "'\(shown.joined(separator: " "))\(words.count > shown.count ? " …" : "")'"
    }

    func span(_ command: DrayTekCommand) -> SourceSpan { SourceSpan(file: file, start: command.line) }

    mutating func badValue(_ message: String, _ command: DrayTekCommand) {
        fileDiagnostics.append(Diagnostic(.warning, code: "bad-value", message, at: span(command)))
    }

    mutating func markSecret(_ word: Substring, _ command: DrayTekCommand) {
        device.markSecret(file: file, line: command.line, range: LineBytes.range(of: word, in: command.raw))
    }

    /// True when the command is modelled or known to carry nothing the model needs.
    private mutating func read(_ command: DrayTekCommand) -> Bool {
        let w = command.words
        guard let first = w.first else { return true }
        switch first {
        case "sys": return sys(command)
        case "mngt": return mngt(command)
        case "srv": return srv(command)
        case "ipf": return ipf(command)
        case "upnp":
            if w.count == 2, w[1] == "on" || w[1] == "off" { upnp = Sourced(w[1] == "on", .source(span(command))) }
            return true
        case "ip":
            if w.count >= 3, w[1] == "addr", let address = IPAddress(w[2]) { lanAddress = (address, span(command)) }
            if w.count >= 3, w[1] == "nmask", let length = ZLDText.prefixLength(netmask: w[2]) { lanLength = length }
            return true
        default:
            return DrayTekVocabulary.ignoredFamilies.contains(first)
        }
    }

    // MARK: - sys

    /// `sys passwd <old> <new>` (V4 firmware) or `sys passwd <new>` (earlier): the admin password.
    private mutating func sys(_ command: DrayTekCommand) -> Bool {
        let w = command.words
        guard w.count >= 2 else { return false }
        if w[1] == "passwd" {
            guard w.count >= 3 else {
                badValue("sys passwd has no password", command)
                return true
            }
            for word in w.dropFirst(2) { markSecret(word, command) }
            password = Secret(.cleartext(String(w[w.count - 1])), origin: .source(span(command)))
            return true
        }
        return DrayTekVocabulary.ignoredSys.contains(w[1])
    }

    // MARK: - mngt

    private mutating func mngt(_ command: DrayTekCommand) -> Bool {
        let w = command.words
        guard w.count >= 2 else { return false }
        let origin = Provenance.source(span(command))
        if let kind = DrayTekVocabulary.portCommands[w[1]] {
            guard w.count >= 3, let port = ZLDText.port(w[2]), port > 0 else {
                badValue("mngt \(w[1]) does not read", command)
                return true
            }
            ports[kind] = Sourced(port, origin)
            return true
        }
        switch w[1] {
        case "rmtcfg":
            guard w.count >= 3 else { return false }
            if w[2] == "enable" || w[2] == "disable" {
                remote = Sourced(w[2] == "enable", origin)
            } else if w.count >= 4, w[2] == "enforce_https" {
                // Management over HTTP is redirected to HTTPS.
                enforceHTTPS = Sourced(w[3] == "on", origin)
            } else if w.count >= 4, let kind = DrayTekVocabulary.remoteProtocols[w[2]] {
                remoteProtocols[kind] = Sourced(w[3] == "on", origin)
            }
            return true
        case "accesslist":
            // `mngt accesslist add <ip> [<mask>]`: sources allowed to reach remote management.
            if w.count >= 4, w[2] == "add", let address = IPAddress(w[3]) {
                let length = w.count >= 5 ? ZLDText.prefixLength(netmask: w[4]) ?? 32 : 32
                accessList.append((IPPrefix(address, length: length), span(command)))
            } else if w.count >= 3, w[2] == "flush" {
                accessList.removeAll()
            }
            return true
        case "snmp":
            snmp(command)
            return true
        default:
            return DrayTekVocabulary.ignoredMngt.contains(w[1])
        }
    }

    /// `mngt snmp -e 1|0 -g <get community> -s <set community> -m <manager host> -t <trap community> ...`.
    private mutating func snmp(_ command: DrayTekCommand) {
        let w = command.words
        let origin = Provenance.source(span(command))
        var at = 2
        while at < w.count {
            let flag = w[at]
            let value = at + 1 < w.count ? w[at + 1] : nil
            switch flag {
            case "-e":
                if let value { snmpEnabled = Sourced(value == "1", origin) }
            case "-g", "-s":
                if let value {
                    markSecret(value, command)
                    device.snmp.communities.append(SNMPCommunity(
                        name: Secret(.cleartext(String(value)), origin: origin), access: flag == "-s" ? .readWrite : .readOnly,
                        origin: origin))
                }
            case "-t":
                if let value {
                    markSecret(value, command)
                    device.storedSecrets.append(StoredSecret(purpose: .service("snmp-trap"), owner: "mngt snmp",
                                                             secret: Secret(.cleartext(String(value)), origin: origin)))
                }
            case "-m":
                if let value, let address = IPAddress(value) { managerHosts.append(IPPrefix(address, length: 32)) }
            default:
                break
            }
            at += flag.hasPrefix("-") && value != nil && !(value?.hasPrefix("-") ?? true) ? 2 : 1
        }
    }

    // MARK: - srv nat

    private mutating func srv(_ command: DrayTekCommand) -> Bool {
        let w = command.words
        guard w.count >= 3 else { return false }
        if w[1] == "dhcp" { return true }
        guard w[1] == "nat" else { return false }
        switch w[2] {
        case "portmap": return portMap(command)
        case "openport": return openPort(command)
        case "trigger", "status", "showall": return true
        default: return false
        }
    }

    /// `srv nat portmap add <idx> <name> <tcp|udp> <public port> <src ip type> <src ip idx>
    /// <private ip> <private port> <wan> <alias>`, `... enable|disable|del <idx>`, `... flush`.
    private mutating func portMap(_ command: DrayTekCommand) -> Bool {
        let w = command.words
        guard w.count >= 4 else { return w.count == 3 }
        let origin = Provenance.source(span(command))
        switch w[3] {
        case "add":
            guard w.count >= 11, let index = ZLDText.integer(w[4]), let publicPort = ZLDText.port(w[7]),
                  let address = IPAddress(w[10]), let privatePort = ZLDText.port(w.count > 11 ? w[11] : w[7]) else {
                badValue("srv nat portmap add does not read", command)
                return true
            }
            let proto = w[6].lowercased()
            let sourceType = ZLDText.integer(w[8]) ?? 0
            let wan = w.count > 12 ? String(w[12]) : "wan1"
            let forward = PortForward(
                label: String(w[5]), externalInterface: wan.uppercased(), externalRole: .wan,
                protocols: proto == "udp" ? .only([.udp]) : proto == "tcp" ? .only([.tcp]) : .only([.tcp, .udp]),
                externalPorts: .single(publicPort), internalAddress: address, internalPorts: .single(privatePort),
                allowedSources: sourceType == 0 ? .any : .object("ip object \(w[9])"), origin: origin)
            if portMaps[index] == nil { portMapOrder.append(index) }
            portMaps[index] = forward
        case "enable", "disable":
            if w.count >= 5, let index = ZLDText.integer(w[4]), var forward = portMaps[index] {
                forward.enabled = w[3] == "enable"
                forward.origin = .derived(forward.origin.spans + [span(command)])
                portMaps[index] = forward
            }
        case "del":
            if w.count >= 5, let index = ZLDText.integer(w[4]) { portMaps[index] = nil }
        case "flush":
            portMaps.removeAll()
        default:
            break
        }
        return true
    }

    /// `srv nat openport <idx> <sub> -a 1|0 -c <comment> -i <local ip> -w <wan> <alias>
    /// -p TCP|UDP|ALL -s <start port> -e <end port>`.
    private mutating func openPort(_ command: DrayTekCommand) -> Bool {
        let w = command.words
        guard w.count >= 5, ZLDText.integer(w[3]) != nil else { return w.count == 3 }
        let key = "\(w[3])/\(w[4])"
        var entry = openPorts[key] ?? DrayTekOpenPort()
        if openPorts[key] == nil { openPortOrder.append(key) }
        entry.spans.append(span(command))
        var at = 5
        while at < w.count {
            let value = at + 1 < w.count ? w[at + 1] : ""
            switch w[at] {
            case "-a": entry.enabled = value == "1"
            case "-c": entry.comment = String(value)
            case "-i": entry.localIP = IPAddress(value)
            case "-w":
                // `-w <wan> <alias>`: the alias index is a second value.
                entry.wan = String(value)
                at += 1
            case "-p":
                switch value.uppercased() {
                case "TCP": entry.protocols = .only([.tcp])
                case "UDP": entry.protocols = .only([.udp])
                default: entry.protocols = .only([.tcp, .udp])
                }
            case "-s": entry.start = ZLDText.port(value)
            case "-e": entry.end = ZLDText.port(value)
            default:
                at += 1
                continue
            }
            at += 2
        }
        openPorts[key] = entry
        return true
    }

    // MARK: - Finishing

    mutating func finish() -> DeviceConfig {
        let admin = password ?? Secret(.cleartext("admin"), origin: DrayTekConversion.vendorDefault(
            "the administrator logs in as admin/admin until `sys passwd` changes it (User's Guide, Telnet Commands: \"type admin/admin for Account/Password\")"))
        device.accounts.append(Account(name: "admin", secret: admin, isAdministrator: true, origin: admin.origin))
        resolveNetwork()
        resolveServices()
        resolveFilters()
        for index in portMapOrder { if let forward = portMaps[index] { device.portForwards.append(forward) } }
        for key in openPortOrder {
            guard let entry = openPorts[key], let start = entry.start else { continue }
            let end = max(start, entry.end ?? start)
            device.portForwards.append(PortForward(
                label: entry.comment, externalInterface: entry.wan.map { "WAN\($0)" }, externalRole: .wan, protocols: entry.protocols,
                externalPorts: .ranges([start...end]), internalAddress: entry.localIP, internalPorts: .ranges([start...end]),
                enabled: entry.enabled, origin: entry.spans.count == 1 ? .source(entry.spans[0]) : .derived(entry.spans)))
        }
        return device
    }

    private mutating func resolveNetwork() {
        let factory = DrayTekConversion.vendorDefault("a Vigor has one LAN (LAN1) and WAN1; its firewall drops connections the Internet starts unless remote management, an open port or a port redirection lets them in")
        let lanOrigin: Provenance = lanAddress.map { .source($0.span) } ?? factory
        let lan = lanAddress.map { [IPPrefix($0.address, length: lanLength)] } ?? []
        device.interfaces = [
            Interface(name: "LAN1", role: Sourced(.lan, factory), zone: "LAN", addresses: lan, origin: lanOrigin),
            Interface(name: "WAN1", role: Sourced(.wan, factory), zone: "WAN", origin: factory),
        ]
        device.zones = [
            Zone(name: "LAN", role: Sourced(.lan, factory), members: ["LAN1"], input: Sourced(.permit, factory),
                 output: Sourced(.permit, factory), forward: Sourced(.permit, factory), origin: factory),
            Zone(name: "WAN", role: Sourced(.wan, factory), members: ["WAN1"], input: Sourced(.deny, factory),
                 output: Sourced(.permit, factory), forward: Sourced(.deny, factory), origin: factory),
        ]
    }

    /// Web (HTTP, HTTPS), Telnet and SSH management answer on the LAN out of the box; remote
    /// management (`mngt rmtcfg enable`) opens the protocols it allows to the WAN, from the
    /// access list's sources when there is one.
    private mutating func resolveServices() {
        let lanDefault = DrayTekConversion.vendorDefault(
            "web (HTTP/HTTPS), Telnet and SSH management answer on the LAN (the User's Guide reaches the router by Telnet to 192.168.1.1)")
        let remoteOn = remote?.value ?? false
        var wanRules: [FilterRule] = []
        var kinds: [ServiceKind] = [.http, .https, .telnet, .ssh]
        if ports[.ftp] != nil || remoteProtocols[.ftp]?.value == true { kinds.append(.ftp) }
        if let snmpEnabled, snmpEnabled.value { kinds.append(.snmp) }
        if remoteProtocols[.tr069]?.value == true { kinds.append(.tr069) }
        for kind in kinds {
            var enabled = Sourced(true, lanDefault)
            if kind == .snmp, let snmpEnabled { enabled = snmpEnabled }
            if kind == .ftp || kind == .tr069, let origin = ports[kind]?.origin ?? remoteProtocols[kind]?.origin {
                enabled = Sourced(true, origin)
            }
            var scopes: [ListenScope] = [.role(.lan)]
            var listenOrigin = enabled.origin
            let allowed = remoteProtocols[kind]?.value ?? true
            if remoteOn, allowed, let remote {
                scopes.append(.role(.wan))
                let spans = [remote.origin.spans, remoteProtocols[kind]?.origin.spans ?? []].flatMap { $0 }
                listenOrigin = spans.count == 1 ? .source(spans[0]) : .derived(spans)
                let port = ports[kind]?.value ?? kind.defaultPort
                let sources: [AddressMatch] = accessList.isEmpty ? [.any] : accessList.map { .prefix($0.prefix) }
                let ruleOrigin: Provenance = accessList.isEmpty ? listenOrigin : .derived(spans + accessList.map(\.span))
                for source in sources {
                    wanRules.append(FilterRule(action: .permit, protocols: .only([kind.transport]), source: source,
                                               destinationPorts: .single(port), sourceZone: "WAN", chain: .input,
                                               label: "remote management \(kind.rawValue)", origin: ruleOrigin))
                }
            }
            var settings: [String: Sourced<String>] = [:]
            if kind == .http, let enforceHTTPS {
                settings["redirect_https"] = Sourced(enforceHTTPS.value ? "on" : "off", enforceHTTPS.origin)
            }
            device.services.append(ManagementService(
                kind: kind, enabled: enabled, port: ports[kind], listen: Sourced(scopes, listenOrigin),
                allowedSources: kind == .snmp && !managerHosts.isEmpty ? Sourced(managerHosts, enabled.origin) : nil,
                settings: settings))
        }
        if !managerHosts.isEmpty {
            for index in device.snmp.communities.indices { device.snmp.communities[index].allowedSources = managerHosts }
        }
        if !wanRules.isEmpty {
            device.filters.append(FilterList(
                name: "remote-management", kind: .zoneRules, rules: wanRules,
                defaultAction: Sourced(.deny, DrayTekConversion.vendorDefault("the WAN reaches no management service unless remote management allows it")),
                origin: remote?.origin ?? lanDefault))
        }
        if let upnp {
            device.services.append(ManagementService(kind: .upnp, enabled: upnp, listen: Sourced([.role(.lan)], upnp.origin)))
        }
        // The login the WAN reaches matters: a default password there is critical (RA-CRED-001).
    }
}

enum DrayTekVocabulary {
    static let portCommands: [Substring: ServiceKind] = [
        "ftpport": .ftp, "httpport": .http, "httpsport": .https, "telnetport": .telnet, "sshport": .ssh,
    ]

    /// `mngt rmtcfg <protocol> on|off`.
    static let remoteProtocols: [Substring: ServiceKind] = [
        "http": .http, "https": .https, "ftp": .ftp, "telnet": .telnet, "ssh": .ssh, "tr069": .tr069, "snmp": .snmp,
    ]

    static let ignoredMngt: Set<Substring> = [
        "lanaccess", "echoicmp", "noping", "defenseworm", "wanlogin", "bfp", "telnettimeout", "sshtimeout", "sslvpnport",
        "certimport", "ip6iids", "rmtcfg",
    ]

    static let ignoredSys: Set<Substring> = [
        "commit", "reboot", "name", "domainname", "version", "autoreboot", "tftpd", "cfg", "cmdlog", "cc", "qrybuf",
        "health", "time", "syslog", "mailalert", "daylightsave", "ftpd", "iface", "bonjour", "sip_alg", "rtsp_alg",
        "info", "dashboard", "pollbuf", "max_session", "fr_log", "dnsCacheTbl", "webhook", "license", "board",
    ]

    /// Command families with no meaning for the model: LAN subnets, VLANs, objects, content
    /// filtering, QoS, logging, Wake-on-LAN, port-map schedules.
    static let ignoredFamilies: Set<Substring> = [
        "msubnet", "vlan", "object", "csm", "qos", "log", "wol", "portmaptime", "vigbrg", "ddns", "show", "exit", "quit",
        "apm", "appqos", "dos", "port", "swm", "testmail", "usb", "ip6",
    ]
}
