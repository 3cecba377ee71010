import AuditCore

/// miniupnpd (`config upnpd`): off unless `enabled` is 1; it listens on the `internal_iface`
/// networks (`lan` by default) and opens ports on `external_iface` (`wan` by default). Defaults
/// are those of the miniupnpd init script.
extension OpenWrtConversion {
    mutating func convertUPnP() {
        guard let upnpd = packages["upnpd"] else { return }
        for section in upnpd.sections(ofType: "upnpd") {
            var settings: [String: Sourced<String>] = [:]
            settings["ext_iface"] = textSetting(["external_iface", "ext_iface"], in: section, default: "wan",
                                                statement: "miniupnpd opens ports on the wan network unless external_iface is set")
            settings["internal_iface"] = textSetting(["internal_iface"], in: section, default: "lan",
                                                     statement: "miniupnpd serves the lan network unless internal_iface is set")
            settings["secure_mode"] = boolSetting("secure_mode", in: section, default: true,
                                                  statement: "miniupnpd runs in secure mode unless secure_mode is 0")
            settings["enable_upnp"] = boolSetting("enable_upnp", in: section, default: true,
                                                  statement: "miniupnpd answers UPnP IGD unless enable_upnp is 0")
            settings["enable_natpmp"] = boolSetting("enable_natpmp", in: section, default: true,
                                                    statement: "miniupnpd answers NAT-PMP/PCP unless enable_natpmp is 0")
            var port: Sourced<Int>?
            if section.option("port")?.text != "auto" {
                port = self.port("port", in: section, default: ServiceKind.upnp.defaultPort,
                                 statement: "miniupnpd listens on port 5000 unless port is set")
            }
            config.services.append(ManagementService(
                kind: .upnp,
                enabled: bool("enabled", in: section, default: false, statement: "miniupnpd stays off unless enabled is 1"),
                port: port,
                listen: listenOnInterfaces(["internal_iface"], in: section,
                                           statement: "miniupnpd listens on the lan network unless internal_iface is set",
                                           fallback: [.interface("lan")]),
                settings: settings))
        }
    }

    /// The first of these options that is set, as written, or the default.
    private func textSetting(_ names: [String], in section: UCISection, default fallback: String,
                             statement: String) -> Sourced<String> {
        for name in names {
            if let value = section.option(name) { return Sourced(value.text, section.origin(value)) }
        }
        return Sourced(fallback, Self.vendorDefault(statement))
    }
}
