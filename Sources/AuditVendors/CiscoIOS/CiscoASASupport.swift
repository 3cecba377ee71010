import AuditCore

/// Cisco ASA (and PIX) running-configs: the IOS parser's tree, read with the ASA dialect.
public struct CiscoASASupport: VendorSupport {
    public init() {}
    public var id: VendorID { .ciscoASA }
    public var displayName: String { "Cisco ASA" }

    public func detect(_ text: String) -> DetectionScore {
        CiscoDialectDetection.score(text, for: .asa)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        CiscoIOSConversion.convert(inputs.map { CiscoIOSParser.parse(path: $0.path, text: $0.text, dialect: .asa) }, dialect: .asa)
    }
}

/// Arista EOS running-configs: the IOS parser's tree, read with the EOS dialect.
public struct AristaEOSSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .aristaEOS }
    public var displayName: String { "Arista EOS" }

    public func detect(_ text: String) -> DetectionScore {
        CiscoDialectDetection.score(text, for: .eos)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        CiscoIOSConversion.convert(inputs.map { CiscoIOSParser.parse(path: $0.path, text: $0.text, dialect: .eos) }, dialect: .eos)
    }
}

/// Markers of the ASA and EOS dialects, read from the first 64 KiB. The IOS detector caps itself
/// when it sees these, so a dialect wins with any marker.
enum CiscoDialectDetection {
    static func score(_ text: String, for dialect: CiscoDialect) -> DetectionScore {
        var found: [String] = []
        var score = 0
        func mark(_ name: String, _ points: Int) {
            guard !found.contains(name) else { return }
            found.append(name)
            score += points
        }
        DetectionLines.scan(text, limit: CiscoIOSDetection.scanLimit) { line in
            switch dialect {
            case .asa:
                if line.has("ASA Version ") || line.has("PIX Version ") { mark("ASA/PIX Version line", 80) }
                if line.has("nameif ") { mark("nameif", 30) }
                if line.has("security-level ") { mark("security-level", 20) }
                if line.has("passwd ") && line.hasSuffix(" encrypted") { mark("passwd encrypted", 20) }
                if line.has("access-list ") && line.contains(" extended ") { mark("access-list extended", 10) }
            case .eos:
                if line.has("! device:") && line.contains("EOS-") { mark("device: EOS banner", 80) }
                if line.has("management api http-commands") { mark("management api", 40) }
                if line.has("username ") && line.contains(" secret sha512 ") { mark("username secret sha512", 40) }
                if line.has("transceiver qsfp") { mark("transceiver qsfp", 30) }
                if line.equals("no aaa root") || line.has("aaa root secret") { mark("aaa root", 30) }
                if line.has("service routing protocols model") { mark("routing protocols model", 30) }
            case .ios:
                return false
            }
            return true
        }
        guard score > 0 else { return .none }
        return DetectionScore(min(score, 100), "\(dialect.vendor.rawValue) markers: \(found.joined(separator: ", "))")
    }
}
