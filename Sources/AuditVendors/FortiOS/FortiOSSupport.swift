import AuditCore

/// STUB: replaced by the real parser (issue 5). Detects nothing, so it never claims a file.
public struct FortiOSSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .fortiOS }
    public var displayName: String { "Fortinet FortiOS" }
    public func detect(_ text: String) -> DetectionScore { .none }
    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        DeviceConfig(identity: DeviceIdentity(vendor: id), sources: inputs.map { ConfigSource(path: $0.path, text: $0.text) })
    }
}
