import AuditCore

/// VyOS (and Vyatta Core before it): `config.boot` and `show configuration commands` output, VyOS
/// 1.2 to 1.5 syntax. Shares the Vyatta reader and conversion with EdgeOS; see
/// `VyattaDetection` for how the two are told apart.
public struct VyOSSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .vyOS }
    public var displayName: String { "VyOS" }

    public func detect(_ text: String) -> DetectionScore {
        VyattaDetection.score(text, for: .vyOS)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        VyattaParser.parse(inputs, flavor: .vyOS)
    }
}
