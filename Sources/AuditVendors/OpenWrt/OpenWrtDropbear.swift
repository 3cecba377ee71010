import AuditCore

/// Services come only from the packages the inputs hold: without a dropbear file we do not know
/// whether SSH runs, so no SSH service is invented.
extension OpenWrtConversion {
    mutating func convertServices() {
        convertDropbear()
        convertUhttpd()
        convertUPnP()
        convertSNMP()
    }

    /// Each `config dropbear` section is one SSH server instance. Defaults are those of the
    /// dropbear init script: enabled, port 22, every interface, password and root-password
    /// login allowed.
    private mutating func convertDropbear() {
        guard let dropbear = packages["dropbear"] else { return }
        for section in dropbear.sections(ofType: "dropbear") {
            var settings: [String: Sourced<String>] = [:]
            settings["PasswordAuth"] = boolSetting("PasswordAuth", in: section, default: true,
                                                   statement: "dropbear allows password login unless PasswordAuth is 0")
            settings["RootPasswordAuth"] = boolSetting("RootPasswordAuth", in: section, default: true,
                                                       statement: "dropbear allows root password login unless RootPasswordAuth is 0")
            if section.has("RootLogin") {
                settings["RootLogin"] = boolSetting("RootLogin", in: section, default: true,
                                                    statement: "dropbear lets root log in unless RootLogin is 0")
            }
            for name in ["GatewayPorts", "MaxAuthTries", "IdleTimeout"] {
                if let value = section.option(name) { settings[name] = Sourced(value.text, section.origin(value)) }
            }
            config.services.append(ManagementService(
                kind: .ssh,
                enabled: bool("enable", in: section, default: true, statement: "a dropbear instance runs unless enable is 0"),
                port: port("Port", in: section, default: 22, statement: "dropbear listens on port 22 unless Port is set"),
                listen: listenOnInterfaces(["Interface", "DirectInterface"], in: section,
                                           statement: "dropbear listens on every interface when Interface is not set"),
                settings: settings))
        }
    }

    // MARK: - Shared by the service files

    /// A boolean option as a service setting, normalised to `1` or `0` (the file may say `on`,
    /// `true`, `yes`).
    mutating func boolSetting(_ name: String, in section: UCISection, default fallback: Bool, statement: String) -> Sourced<String> {
        let value = bool(name, in: section, default: fallback, statement: statement)
        return Sourced(value.value ? "1" : "0", value.origin)
    }

    /// A port option, or the service's default port.
    mutating func port(_ name: String, in section: UCISection, default fallback: Int, statement: String) -> Sourced<Int> {
        guard let value = section.option(name) else { return Sourced(fallback, Self.vendorDefault(statement)) }
        guard let port = Int(value.text), port > 0, port <= 65535 else {
            badValue("'\(value.text)' is not a port for '\(name)'", value, in: section)
            return Sourced(fallback, .unparsed(SourceSpan(file: section.file, start: value.line)))
        }
        return Sourced(port, section.origin(value))
    }

    /// The UCI networks named by these options, or every interface when none is set.
    func listenOnInterfaces(_ options: [String], in section: UCISection, statement: String,
                            fallback: [ListenScope] = [.any]) -> Sourced<[ListenScope]> {
        let values = options.flatMap { section.values($0) }
        guard !values.isEmpty else { return Sourced(fallback, Self.vendorDefault(statement)) }
        var scopes: [ListenScope] = []
        for value in values where !scopes.contains(.interface(value.text)) { scopes.append(.interface(value.text)) }
        return Sourced(scopes, Self.provenance(lines: values.map(\.line), file: section.file))
    }

    /// One line as `.source`, several as `.derived`.
    static func provenance(lines: [Int], file: String) -> Provenance {
        let unique = Array(Set(lines)).sorted()
        if unique.count == 1 { return .line(file, unique[0]) }
        return .derived(unique.map { SourceSpan(file: file, start: $0) })
    }
}
