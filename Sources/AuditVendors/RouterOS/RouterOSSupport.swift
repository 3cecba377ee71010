import AuditCore

/// STUB: replaced by the real parser (issue 5). Detects nothing, so it never claims a file.
public struct RouterOSSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .routerOS }
    public var displayName: String { "MikroTik RouterOS" }
    public func detect(_ text: String) -> DetectionScore { .none }
    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        DeviceConfig(identity: DeviceIdentity(vendor: id), sources: inputs.map { ConfigSource(path: $0.path, text: $0.text) })
    }
}
