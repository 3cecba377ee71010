/// The hostname a device's prompt shows, read from its configuration the way the platform
/// stores it, falling back to the factory default (`Router`, `HUAWEI`, `MikroTik`, ...).
enum Hostname {
    static func read(from fixture: DeviceFixture, vendor: Vendor) -> String {
        let text = String(decoding: fixture.configuration, as: UTF8.self)
        let keyword: String
        switch vendor {
        case .ciscoIOS: keyword = "hostname"
        case .junos, .edgeOS, .vyos: keyword = "host-name"
        case .huaweiVRP: keyword = "sysname"
        case .routerOS: keyword = "set name="
        case .fortiOS: keyword = "set hostname"
        case .openWrt: keyword = "option hostname"
        case .pfSense, .opnSense: return xmlHostname(text) ?? factoryDefault(vendor)
        }
        for line in text.split(whereSeparator: \.isNewline) {
            var words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            if words.first == "set", words.count > 2, words[1] == "system" { words.removeFirst(2) }
            let joined = words.joined(separator: " ")
            guard joined.hasPrefix(keyword) else { continue }
            let value = joined.dropFirst(keyword.count).trimming(" ;\"'")
            if !value.isEmpty, !value.contains(" ") { return value }
        }
        return factoryDefault(vendor)
    }

    static func factoryDefault(_ vendor: Vendor) -> String {
        switch vendor {
        case .ciscoIOS: "Router"
        case .junos: "srx"
        case .huaweiVRP: "HUAWEI"
        case .routerOS: "MikroTik"
        case .fortiOS: "FGT"
        case .openWrt: "OpenWrt"
        case .vyos: "vyos"
        case .edgeOS: "ubnt"
        case .pfSense: "pfSense"
        case .opnSense: "OPNsense"
        }
    }

    private static func xmlHostname(_ text: String) -> String? {
        guard let start = text.range(of: "<hostname>"), let end = text.range(of: "</hostname>", range: start.upperBound..<text.endIndex) else {
            return nil
        }
        let value = String(text[start.upperBound..<end.lowerBound])
        return value.isEmpty ? nil : value
    }
}

extension StringProtocol {
    func trimming(_ set: String) -> String {
        var text = Substring(self)
        while let first = text.first, set.contains(first) { text.removeFirst() }
        while let last = text.last, set.contains(last) { text.removeLast() }
        return String(text)
    }
}
