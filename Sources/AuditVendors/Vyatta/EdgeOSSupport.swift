import AuditCore

/// Ubiquiti EdgeOS (EdgeRouter, UniFi Security Gateway): `config.boot`, `show configuration
/// commands` output and UniFi `config.gateway.json` overrides. Shares the Vyatta reader and
/// conversion with VyOS; see `VyattaDetection` for how the two are told apart.
public struct EdgeOSSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .edgeOS }
    public var displayName: String { "Ubiquiti EdgeOS" }

    public func detect(_ text: String) -> DetectionScore {
        VyattaDetection.score(text, for: .edgeOS)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        VyattaParser.parse(inputs, flavor: .edgeOS)
    }
}
