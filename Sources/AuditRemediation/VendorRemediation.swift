import AuditCore

/// A vendor's remediation: a renderer from findings to blocks, the safety net around them, and an
/// applier that applies a script to configuration text the way the device would.
public protocol VendorRemediation: Sendable {
    var vendor: VendorID { get }
    var fileExtension: String { get }
    /// Blocks for the findings of one parsed device. `showSecrets` writes original secrets into the
    /// scripts instead of variables.
    func plan(findings: [Finding], config: DeviceConfig, showSecrets: Bool) -> RemediationPlan
    /// Wraps the plan's blocks in the vendor's safety net.
    func scripts(for plan: RemediationPlan) -> RemediationScripts
    var applier: any ScriptApplier { get }
}

/// Stores a new secret the way the device would (a one-way hash); injected because hashing
/// lives in the credential engine, which this target does not import.
public protocol SecretStorage: Sendable {
    /// `scheme`: `cisco-type9`, `sha512-crypt`. nil when the scheme is not available.
    func store(_ plain: String, scheme: String) -> String?
}

/// Applies a script to configuration text as the vendor applies it.
public protocol ScriptApplier: Sendable {
    /// `bindings` give the values of the script's variables (what the engineer would export).
    func apply(script: String, to inputs: [ConfigInput], bindings: [String: String],
               storage: any SecretStorage) -> [ConfigInput]
}

/// The vendors that have a remediation.
public enum Remediations {
    public static func support(for vendor: VendorID) -> (any VendorRemediation)? {
        switch vendor {
        case .ciscoIOS: CiscoIOSRemediation()
        case .openWrt: OpenWrtRemediation()
        case .junos: JunosRemediation()
        case .vyOS, .edgeOS: VyattaRemediation(vendor: vendor)
        case .routerOS: RouterOSRemediation()
        case .fortiOS: FortiOSRemediation()
        case .huaweiVRP: HuaweiVRPRemediation()
        case .pfSense, .opnSense: PfSenseRemediation(vendor: vendor)
        default: nil
        }
    }

    public static var supportedVendors: [VendorID] { [.ciscoIOS, .openWrt, .junos, .vyOS, .edgeOS, .routerOS, .fortiOS, .huaweiVRP, .pfSense, .opnSense] }
}

/// Replaces `${NAME}` with bound values; unbound references stay as they are.
public enum VariableSubstitution {
    public static func substitute(_ text: String, _ bindings: [String: String]) -> String {
        guard text.contains("${") else { return text }
        var result = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "${") {
            result += rest[..<open.lowerBound]
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else {
                result += rest[open.lowerBound...]
                return result
            }
            let name = String(after[..<close])
            result += bindings[name] ?? "${\(name)}"
            rest = after[after.index(after: close)...]
        }
        result += rest
        return result
    }
}
