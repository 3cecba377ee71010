import AuditCore

/// STUB: to be replaced by the real parser.
public struct CiscoIOSSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .ciscoIOS }
    public var displayName: String { "CiscoIOS" }
    public func detect(_ text: String) -> DetectionScore { .none }
    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        DeviceConfig(identity: DeviceIdentity(vendor: id), sources: inputs.map { ConfigSource(path: $0.path, text: $0.text) })
    }
}
