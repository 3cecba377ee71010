import AuditCore

/// Cisco IOS / IOS-XE: configuration-mode commands, with `archive`/`copy` before, `reload in N`
/// as the dead-man switch and `configure replace` as the way back.
public struct CiscoIOSRemediation: VendorRemediation {
    public init() {}
    public var vendor: VendorID { .ciscoIOS }
    public var fileExtension: String { "ios" }
    public var applier: any ScriptApplier { IOSApplier() }

    public func plan(findings: [Finding], config: DeviceConfig, showSecrets: Bool) -> RemediationPlan {
        var renderer = IOSRenderer(config: config, showSecrets: showSecrets)
        return renderer.plan(findings)
    }

    public func scripts(for plan: RemediationPlan) -> RemediationScripts {
        IOSScriptWriter(plan: plan).scripts()
    }
}
