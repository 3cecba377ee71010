import AuditCore

/// Cisco IOS and IOS-XE running-configs: detection, then parse (`CiscoIOSParser`) and
/// conversion to the model (`CiscoIOSConversion`).
public struct CiscoIOSSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .ciscoIOS }
    public var displayName: String { "Cisco IOS / IOS-XE" }

    public func detect(_ text: String) -> DetectionScore {
        CiscoIOSDetection.score(text)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        CiscoIOSConversion.convert(inputs.map { CiscoIOSParser.parse(path: $0.path, text: $0.text) })
    }
}
