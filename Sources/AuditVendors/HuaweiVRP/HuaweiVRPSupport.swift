import AuditCore

/// Huawei VRP (AR routers, S switches) `display current-configuration`: detection, then parse
/// (`HuaweiVRPParser`) and conversion to the model (`HuaweiVRPConversion`).
public struct HuaweiVRPSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .huaweiVRP }
    public var displayName: String { "Huawei VRP" }

    public func detect(_ text: String) -> DetectionScore {
        HuaweiVRPDetection.score(text)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        HuaweiVRPConversion.convert(inputs.map { HuaweiVRPParser.parse(path: $0.path, text: $0.text) })
    }
}
