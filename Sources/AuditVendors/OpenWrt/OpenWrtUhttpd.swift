import AuditCore

/// uhttpd (the LuCI web server): each `config uhttpd` section is one server. HTTP runs when
/// `listen_http` has entries, HTTPS when `listen_https` has; `0.0.0.0` and `[::]` listen
/// everywhere. `redirect_https` makes the HTTP listener only redirect to HTTPS.
extension OpenWrtConversion {
    mutating func convertUhttpd() {
        guard let uhttpd = packages["uhttpd"] else { return }
        for section in uhttpd.sections(ofType: "uhttpd") {
            var settings: [String: Sourced<String>] = [:]
            settings["redirect_https"] = boolSetting("redirect_https", in: section, default: false,
                                                     statement: "uhttpd serves plain HTTP unless redirect_https is 1")
            if section.has("rfc1918_filter") {
                settings["rfc1918_filter"] = boolSetting("rfc1918_filter", in: section, default: false,
                                                         statement: "uhttpd answers requests for private addresses unless rfc1918_filter is 1")
            }
            if section.has("no_ubusauth") {
                settings["no_ubusauth"] = boolSetting("no_ubusauth", in: section, default: false,
                                                      statement: "uhttpd checks ubus sessions unless no_ubusauth is 1")
            }
            config.services.append(listener(.http, option: "listen_http", in: section, settings: settings))
            config.services.append(listener(.https, option: "listen_https", in: section, settings: settings))
        }
    }

    private mutating func listener(_ kind: ServiceKind, option: String, in section: UCISection,
                                   settings: [String: Sourced<String>]) -> ManagementService {
        let values = section.values(option)
        guard !values.isEmpty else {
            let off = Self.vendorDefault("uhttpd opens no \(kind.displayName) listener without '\(option)'")
            return ManagementService(kind: kind, enabled: Sourced(false, off), listen: Sourced([], off), settings: settings)
        }
        var scopes: [ListenScope] = []
        var firstPort: Sourced<Int>?
        for value in values {
            guard let (scope, port) = Self.listenAddress(value.text) else {
                badValue("'\(value.text)' is not a listen address (address:port or port)", value, in: section)
                if !scopes.contains(.any) { scopes.append(.any) }
                continue
            }
            if !scopes.contains(scope) { scopes.append(scope) }
            if firstPort == nil { firstPort = Sourced(port, section.origin(value)) }
        }
        let origin = Self.provenance(lines: values.map(\.line), file: section.file)
        return ManagementService(kind: kind, enabled: Sourced(true, origin), port: firstPort,
                                 listen: Sourced(scopes, origin), settings: settings)
    }

    /// `0.0.0.0:80`, `[::]:443`, `192.168.1.1:80`, `[fd00::1]:80` or a bare `80` (every address).
    static func listenAddress(_ text: String) -> (ListenScope, Int)? {
        var host: Substring = ""
        var portText = Substring(text)
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            host = text[text.index(after: text.startIndex)..<close]
            let after = text[text.index(after: close)...]
            guard after.hasPrefix(":") else { return nil }
            portText = after.dropFirst()
        } else if let colon = text.lastIndex(of: ":") {
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
        }
        guard let port = Int(portText), port > 0, port <= 65535 else { return nil }
        if host.isEmpty || host == "*" { return (.any, port) }
        guard let address = IPAddress(host) else { return nil }
        if address == .v4(0) || address == .v6(0) { return (.any, port) }
        return (.address(address), port)
    }
}
