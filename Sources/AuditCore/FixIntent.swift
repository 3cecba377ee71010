/// What must change to close a finding, independent of vendor syntax. Each vendor renders
/// intents into commands; a finding that no machine can fix says what a person must do.
public enum FixIntent: Sendable, Hashable {
    case disableService(ServiceKind)
    case restrictService(ServiceKind, to: [ZoneRole])
    /// Accept only these protocols on a login channel (`transport input ssh`).
    case setTransportInput(channel: String, allowed: [ServiceKind])
    case setAccessClass(channel: String)
    case setIdleTimeout(channel: String, seconds: Int)
    case requireLogin(channel: String)
    /// Replace a credential that is default, weak or empty; the new one is never invented.
    case replaceCredential(owner: String, purpose: SecretPurpose)
    /// Re-store a secret with a strong one-way hash.
    case hashSecret(owner: String, purpose: SecretPurpose)
    case enablePasswordEncryption
    case enableLoginProtection
    case requireSSHVersion2
    case removeRule(list: String, at: SourceSpan)
    case removePortForward(at: SourceSpan)
    case setZonePolicy(zone: String, chain: Chain, action: FilterAction)
    case restrictSNMPCommunity(at: SourceSpan)
    case replaceSNMPCommunity(at: SourceSpan)
    case defineOrRemoveReference(name: String, at: SourceSpan)
    /// Stop forwarding all traffic from one zone to another (OpenWrt `config forwarding`).
    case removeZoneForwarding(from: String, to: String, at: SourceSpan)
    /// No automatic fix: what a person must do.
    case manual(String)
}
