/// The platforms the simulator can play; the raw value is the fixture folder's name.
public enum Vendor: String, CaseIterable, Sendable {
    case ciscoIOS = "cisco-ios"
    case junos
    case huaweiVRP = "huawei-vrp"
    case routerOS = "routeros"
    case fortiOS = "fortios"
    case openWrt = "openwrt"
    case vyos
    case edgeOS = "edgeos"
    case pfSense = "pfsense"
    case opnSense = "opnsense"

    /// Parses `--vendors cisco-ios,openwrt,...`.
    public static func list(parsing text: String) throws(SimulatorError) -> [Vendor] {
        var vendors: [Vendor] = []
        for name in text.split(separator: ",") {
            let trimmed = String(name).trimmingSpaces
            guard let vendor = Vendor(rawValue: trimmed) else {
                let known = Vendor.allCases.map(\.rawValue).joined(separator: ", ")
                throw .badArgument("--vendors: unknown vendor '\(trimmed)' (known: \(known))")
            }
            vendors.append(vendor)
        }
        guard !vendors.isEmpty else { throw .badArgument("--vendors: no vendor given") }
        return vendors
    }
}
