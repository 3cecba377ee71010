import AuditCore

/// OPNsense: `config.xml` (System > Configuration > Backups, or `/conf/config.xml`). Shares the
/// XML reading and conversion with pfSense; `PfSenseFlavor.opnSense` carries the differences
/// (SSH `<enabled>`, rule defaults, `<blockpriv>` networks, MVC filter rules and aliases).
public struct OPNsenseSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .opnSense }
    public var displayName: String { "OPNsense" }

    public func detect(_ text: String) -> DetectionScore {
        PfSenseDetection.score(text, for: .opnSense)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        PfSenseParser.parse(inputs, as: .opnSense)
    }
}
