import AuditCore

/// Management services: the webConfigurator (HTTP or HTTPS), SSH, SNMP (bsnmpd) and UPnP
/// (miniupnpd). What reaches them from the WAN is decided by the filter rules (`+Rules`).
extension PfSenseConversion {
    mutating func convertServices() {
        if let system = section("system") {
            convertWebGUI(system)
            convertSSH(system)
        }
        convertSNMP()
        convertUPnP()
    }

    // MARK: - webConfigurator

    private mutating func convertWebGUI(_ system: Int) {
        let webgui = child(system, "webgui")
        let protocolElement = webgui.flatMap { child($0, "protocol") }
        let kind: ServiceKind
        let enabledOrigin: Provenance
        if let protocolElement, text(protocolElement).lowercased() == "https" {
            kind = .https
            enabledOrigin = origin(protocolElement)
        } else if let protocolElement, text(protocolElement).lowercased() == "http" {
            kind = .http
            enabledOrigin = origin(protocolElement)
        } else {
            kind = .http
            if let protocolElement {
                diagnose(.warning, "bad-value", "'\(text(protocolElement))' is not http or https; the webConfigurator serves plain HTTP",
                         at: doc.line(protocolElement))
                enabledOrigin = .unparsed(SourceSpan(file: file, start: doc.line(protocolElement)))
            } else {
                enabledOrigin = vendorDefault(
                    "the webConfigurator always runs and serves plain HTTP unless <webgui><protocol> is https "
                    + "(\(flavor == .pfSense ? "system.inc system_webgui_start" : "webgui plugin"))")
            }
        }
        var port: Sourced<Int>?
        if let webgui, let portElement = child(webgui, "port"), !text(portElement).isEmpty {
            if let number = Int(text(portElement)), (1...65535).contains(number) {
                port = Sourced(number, origin(portElement))
            } else {
                diagnose(.warning, "bad-value", "'\(text(portElement))' is not a port for the webConfigurator", at: doc.line(portElement))
            }
        }
        var settings: [String: Sourced<String>] = [:]
        if kind == .https {
            if let webgui, let noRedirect = child(webgui, "disablehttpredirect") {
                settings["http_redirect"] = Sourced("off", origin(noRedirect))
            } else {
                settings["http_redirect"] = Sourced("on", vendorDefault(
                    "with HTTPS the webConfigurator also answers on port 80 to redirect to HTTPS unless <disablehttpredirect> is set"))
            }
        }
        let listen = listenScope(webgui.flatMap { child($0, "interfaces") }, service: "the webConfigurator")
        config.services.append(ManagementService(
            kind: kind, enabled: Sourced(true, enabledOrigin), port: port, listen: listen, settings: settings))
    }

    /// `<interfaces>lan,opt1</interfaces>` (OPNsense webgui and ssh) restricts where a daemon
    /// listens; without it, it listens on every address and the filter rules decide.
    private mutating func listenScope(_ element: Int?, service: String) -> Sourced<[ListenScope]> {
        if let element, !text(element).isEmpty {
            let keys = Self.list(text(element))
            return Sourced(keys.map { .interface($0) }, origin(element))
        }
        return Sourced([.any], vendorDefault("\(service) listens on every address; the firewall rules decide who reaches it"))
    }

    // MARK: - SSH

    private mutating func convertSSH(_ system: Int) {
        let ssh = child(system, "ssh")
        let enabled: Sourced<Bool>
        if let ssh, let enable = child(ssh, flavor.sshEnableElement) {
            enabled = Sourced(true, origin(enable))
        } else if let ssh, let other = child(ssh, flavor.otherSSHEnableElement) {
            // pfSense reads <enable>, OPNsense <enabled>. A file with the other spelling may not
            // start sshd on this product, but its author meant SSH on: read as on, and unparsed
            // so no check takes it as safe.
            enabled = Sourced(true, .unparsed(SourceSpan(file: file, start: doc.line(other))))
            diagnose(.warning, "bad-value",
                     "\(flavor.displayName) turns SSH on with <ssh><\(flavor.sshEnableElement)>; this file writes "
                     + "<\(flavor.otherSSHEnableElement)>: read as enabled", at: doc.line(other))
        } else {
            enabled = Sourced(false, vendorDefault("SSH is off unless <system><ssh><\(flavor.sshEnableElement)> is set"))
        }
        var port: Sourced<Int>?
        if let ssh, let portElement = child(ssh, "port"), !text(portElement).isEmpty {
            if let number = Int(text(portElement)), (1...65535).contains(number) {
                port = Sourced(number, origin(portElement))
            } else {
                diagnose(.warning, "bad-value", "'\(text(portElement))' is not a port for SSH", at: doc.line(portElement))
            }
        }
        var settings: [String: Sourced<String>] = [
            "version": Sourced("2", vendorDefault("sshd speaks protocol 2 only")),
        ]
        switch flavor {
        case .pfSense:
            // /etc/sshd: "PermitRootLogin yes" always; PasswordAuthentication yes unless
            // <sshdkeyonly> (enabled: key only; both: key and password together).
            settings["RootPasswordAuth"] = Sourced("yes", vendorDefault(
                "pfSense's sshd_config always says PermitRootLogin yes; root shares the admin password (/etc/sshd)"))
            if let ssh, let keyOnly = child(ssh, "sshdkeyonly") {
                settings["PasswordAuth"] = Sourced(text(keyOnly) == "both" ? "key+password" : "no", origin(keyOnly))
            } else {
                settings["PasswordAuth"] = Sourced("yes", vendorDefault(
                    "pfSense's sshd accepts password logins unless <sshdkeyonly> is set (/etc/sshd)"))
            }
        case .opnSense:
            settings["PasswordAuth"] = opnSenseSwitch(ssh, "passwordauth",
                                                      off: "OPNsense's sshd refuses password logins unless <passwordauth> is set")
            settings["RootPasswordAuth"] = opnSenseSwitch(ssh, "permitrootlogin",
                                                          off: "OPNsense's sshd refuses root logins unless <permitrootlogin> is set")
        }
        let listen = listenScope(ssh.flatMap { child($0, "interfaces") }, service: "sshd")
        let service = ManagementService(kind: .ssh, enabled: enabled, port: port, listen: listen, settings: settings)
        config.services.append(service)
        sshService = service
    }

    private func opnSenseSwitch(_ ssh: Int?, _ name: String, off statement: String) -> Sourced<String> {
        if let ssh, let element = child(ssh, name) {
            let value = text(element)
            return Sourced(value == "0" ? "no" : "yes", origin(element))
        }
        return Sourced("no", vendorDefault(statement))
    }

    // MARK: - SNMP

    private mutating func convertSNMP() {
        guard let snmpd = section("snmpd") else { return }
        let enabled: Sourced<Bool>
        if let enable = child(snmpd, "enable") {
            enabled = Sourced(true, origin(enable))
        } else {
            enabled = Sourced(false, vendorDefault("bsnmpd runs only when <snmpd><enable> is set"))
        }
        var port: Sourced<Int>?
        if let pollport = child(snmpd, "pollport"), let number = Int(text(pollport)), (1...65535).contains(number) {
            port = Sourced(number, origin(pollport))
        }
        var listen = Sourced<[ListenScope]>([.any], vendorDefault("bsnmpd binds every address unless <bindip> names one"))
        if let bind = child(snmpd, "bindip"), !text(bind).isEmpty, text(bind) != "all" {
            let value = text(bind)
            listen = Sourced([IPAddress(value).map { .address($0) } ?? .interface(value)], origin(bind))
        }
        config.services.append(ManagementService(kind: .snmp, enabled: enabled, port: port, listen: listen))
        guard enabled.value else {
            if child(snmpd, "rocommunity") != nil {
                diagnose(.info, "not-running", "SNMP is not enabled: its community is not modelled", at: doc.line(snmpd))
            }
            return
        }
        if let community = child(snmpd, "rocommunity"), !text(community).isEmpty {
            markSecret(community)
            config.snmp.communities.append(SNMPCommunity(
                name: Secret(.cleartext(text(community)), origin: origin(community)), access: .readOnly,
                origin: origin(community)))
        }
        if isSet(snmpd, "trapenable"), let trap = child(snmpd, "trapstring") {
            addServiceSecret(trap, purpose: "snmp trap community", owner: "snmp traps")
        }
    }

    // MARK: - UPnP

    /// miniupnpd (pfSense base system and the OPNsense os-upnp plugin) keeps its settings in
    /// `<installedpackages><miniupnpd><config>`; it starts when `enable` is set and UPnP or
    /// NAT-PMP is turned on (miniupnpd.inc `sync_package_miniupnpd`).
    private mutating func convertUPnP() {
        guard let settings = section(["installedpackages", "miniupnpd", "config"]) else { return }
        let enable = child(settings, "enable")
        let protocols = ["enable_upnp", "enable_natpmp"].compactMap { child(settings, $0) }
        let enabled: Sourced<Bool>
        if let enable, !protocols.isEmpty {
            enabled = Sourced(true, .derived(([enable] + protocols).map { SourceSpan(file: file, start: doc.line($0)) }))
        } else if let enable {
            enabled = Sourced(false, .derived([SourceSpan(file: file, start: doc.line(enable))]))
        } else {
            enabled = Sourced(false, vendorDefault("miniupnpd runs only when <enable> is set"))
        }
        var listen = Sourced<[ListenScope]>([], vendorDefault("miniupnpd serves no interface unless <iface_array> lists some"))
        if let interfaces = child(settings, "iface_array"), !text(interfaces).isEmpty {
            listen = Sourced(Self.list(text(interfaces)).map { .interface($0) }, origin(interfaces))
        }
        var extra: [String: Sourced<String>] = [:]
        if let external = child(settings, "ext_iface") { extra["ext_iface"] = Sourced(text(external), origin(external)) }
        if let deny = child(settings, "permdefault") { extra["default_deny"] = Sourced("on", origin(deny)) }
        config.services.append(ManagementService(kind: .upnp, enabled: enabled, listen: listen, settings: extra))
    }
}
