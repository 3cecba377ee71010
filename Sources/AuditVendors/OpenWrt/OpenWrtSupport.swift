import AuditCore

/// STUB: to be replaced by the real parser.
public struct OpenWrtSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .openWrt }
    public var displayName: String { "OpenWrt" }
    public func detect(_ text: String) -> DetectionScore { .none }
    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        DeviceConfig(identity: DeviceIdentity(vendor: id), sources: inputs.map { ConfigSource(path: $0.path, text: $0.text) })
    }
}
