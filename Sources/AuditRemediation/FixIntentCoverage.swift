import AuditCore

/// How renderers treat a FixIntent they have no commands for, chosen once for every vendor:
///
/// - Each renderer's `keys(for:)` handles the intents it can fix and ends in `default:` with
///   `Reason.notAutomated(_:on:)`, so the finding is left to a person with the same kind of reason
///   on every vendor (and `RemediationCorpusTests` lists it under "not fixable").
/// - Adding a case to `FixIntent` fails to compile here, in `goal`, which has no `default`. That is
///   the reminder to decide, per renderer (IOS, VRP, EOS, OpenWrt, Junos, VyOS/EdgeOS, RouterOS,
///   FortiOS, pfSense/OPNsense, Zyxel, DrayTek), whether it can render the new intent.
extension FixIntent {
    /// What the intent asks for, in words for a reason text.
    var goal: String {
        switch self {
        case .disableService(let kind): "turn off \(kind.rawValue)"
        case .restrictService(let kind, _): "restrict \(kind.rawValue) to the management network"
        case .setTransportInput(let channel, _): "limit the protocols accepted on \(channel)"
        case .setAccessClass(let channel): "limit who may open a session on \(channel)"
        case .setIdleTimeout(let channel, _): "end idle sessions on \(channel)"
        case .requireLogin(let channel): "require a login on \(channel)"
        case .replaceCredential(let owner, _): "replace the credential of \(owner)"
        case .hashSecret(let owner, _): "store the secret of \(owner) as a strong hash"
        case .enablePasswordEncryption: "encrypt stored passwords"
        case .enableLoginProtection: "slow down login brute force"
        case .requireSSHVersion2: "allow SSH version 2 only"
        case .removeRule(let list, _): "remove the rule from \(list)"
        case .removePortForward: "remove the port forward"
        case .setZonePolicy(let zone, let chain, _): "change the \(chain.rawValue) policy of zone \(zone)"
        case .restrictSNMPCommunity: "restrict the SNMP community"
        case .replaceSNMPCommunity: "replace the SNMP community"
        case .defineOrRemoveReference(let name, _): "define `\(name)` or remove its use"
        case .removeZoneForwarding(let from, let to, _): "stop forwarding from \(from) to \(to)"
        case .manual(let what): what
        }
    }
}

extension Reason {
    /// The one fallback every renderer uses for an intent it has no commands for.
    static func notAutomated(_ intent: FixIntent, on vendor: String) -> Reason {
        if case .manual(let what) = intent { return Reason(what) }
        return Reason("no change in \(vendor) is known to \(intent.goal) safely; follow the check's advice by hand")
    }
}
