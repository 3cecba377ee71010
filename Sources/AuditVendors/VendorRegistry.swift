import AuditCore

/// Every vendor the auditor understands. Detection asks each one for a score; the highest wins.
/// Order matters only for ties: more specific syntaxes come first.
public enum VendorRegistry {
    public static let all: [any VendorSupport] = [
        CiscoIOSSupport(),
        CiscoASASupport(),
        AristaEOSSupport(),
        OpenWrtSupport(),
        JunosSupport(),
        RouterOSSupport(),
        FortiOSSupport(),
        HuaweiVRPSupport(),
        PfSenseSupport(),
        OPNsenseSupport(),
        EdgeOSSupport(),
        VyOSSupport(),
        NetgateTNSRSupport(),
        ZyxelZLDSupport(),
        DrayTekSupport(),
    ]

    public static func support(for id: VendorID) -> (any VendorSupport)? {
        all.first { $0.id == id }
    }

    /// The best-scoring vendor for a text, or nil when no vendor scores above the threshold.
    public static func detect(_ text: String, threshold: Int = 20) -> (vendor: any VendorSupport, score: DetectionScore)? {
        var best: (vendor: any VendorSupport, score: DetectionScore)?
        for vendor in all {
            let score = vendor.detect(text)
            if score.value > (best?.score.value ?? threshold - 1) {
                best = (vendor, score)
            }
        }
        return best
    }
}
