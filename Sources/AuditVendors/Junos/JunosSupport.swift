import AuditCore

/// Juniper Junos (SRX branch firewalls first, and the routers and switches that share the
/// syntax): `show configuration` braces, `display set` lines and `display xml` / NETCONF XML.
/// Detection, then parse into the word tree (`JunosParser`) and conversion to the model
/// (`JunosConversion`).
public struct JunosSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .junos }
    public var displayName: String { "Juniper Junos" }

    public func detect(_ text: String) -> DetectionScore {
        JunosDetection.score(text)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        let tree = JunosParser.parse(inputs)
        return JunosConversion.convert(tree, sources: inputs.map { ConfigSource(path: $0.path, text: $0.text) })
    }
}
