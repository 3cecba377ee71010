import AuditCore

/// pfSense: `config.xml` (Diagnostics > Backup & Restore, or `/conf/config.xml`). The reading and
/// conversion are shared with OPNsense (`PfSenseParser`, `PfSenseConversion`); `PfSenseFlavor`
/// says where the products differ.
public struct PfSenseSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .pfSense }
    public var displayName: String { "pfSense" }

    public func detect(_ text: String) -> DetectionScore {
        PfSenseDetection.score(text, for: .pfSense)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        PfSenseParser.parse(inputs, as: .pfSense)
    }
}
