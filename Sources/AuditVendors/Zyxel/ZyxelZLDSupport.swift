import AuditCore

/// Zyxel ZyWALL/USG/ATP/VPN series running ZLD: `startup-config.conf` and `show running-config`.
/// Detection, then parse (`ZyxelZLDParser`) and conversion to the model (`ZyxelZLDConversion`).
public struct ZyxelZLDSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .zyxel }
    public var displayName: String { "Zyxel ZLD (ZyWALL/USG/ATP)" }

    public func detect(_ text: String) -> DetectionScore {
        ZyxelZLDDetection.score(text)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        ZyxelZLDConversion.convert(inputs.map { ZyxelZLDParser.parse(path: $0.path, text: $0.text) })
    }
}
