import AuditCore

/// Fortinet FortiOS `show` / `show full-configuration` output and backups (single or multi-VDOM,
/// oxidized captures with their `#` hardware header): detection, then parse (`FortiOSParser`) and
/// conversion to the model (`FortiOSConversion`).
public struct FortiOSSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .fortiOS }
    public var displayName: String { "Fortinet FortiOS" }

    public func detect(_ text: String) -> DetectionScore {
        FortiOSDetection.score(text)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        FortiOSConversion.convert(inputs.map { FortiOSParser.parse(path: $0.path, text: $0.text) })
    }
}
