import AuditCore

/// DrayTek Vigor routers: a script of DrayOS telnet commands. Detection, then parse
/// (`DrayTekParser`) and conversion to the model (`DrayTekConversion`).
public struct DrayTekSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .drayTek }
    public var displayName: String { "DrayTek Vigor" }

    public func detect(_ text: String) -> DetectionScore {
        DrayTekDetection.score(text)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        DrayTekConversion.convert(inputs.map { DrayTekParser.parse(path: $0.path, text: $0.text) })
    }
}
