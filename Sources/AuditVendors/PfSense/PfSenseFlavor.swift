import AuditCore

/// pfSense and OPNsense share `config.xml` (OPNsense forked pfSense in 2015); this says where the
/// two products read the same file differently. Each difference names the code it comes from.
enum PfSenseFlavor: Sendable {
    case pfSense
    case opnSense

    var vendor: VendorID { self == .pfSense ? .pfSense : .opnSense }
    var profile: String { vendor.rawValue }
    var displayName: String { self == .pfSense ? "pfSense" : "OPNsense" }
    var rootName: String { self == .pfSense ? "pfsense" : "opnsense" }

    /// The `<ssh>` child that turns the server on: pfSense `/etc/sshd` tests
    /// `isset($config['system']['ssh']['enable'])`; OPNsense's openssh plugin tests `enabled`.
    var sshEnableElement: String { self == .pfSense ? "enable" : "enabled" }
    var otherSSHEnableElement: String { self == .pfSense ? "enabled" : "enable" }

    /// A rule without `<ipprotocol>`: pfSense's filter.inc `filter_generate_user_rule` falls back
    /// to `inet`; OPNsense's FilterRule emits no family keyword, so the rule matches both.
    var defaultRuleFamily: Int? { self == .pfSense ? 4 : nil }

    /// Networks `<blockpriv>` blocks: pfSense filter.inc ("Block private networks": 10/8, 127/8,
    /// 172.16/12, 192.168/16, fc00::/7); OPNsense filter.lib.inc adds 100.64/10.
    var privateNetworks: [String] {
        self == .pfSense
            ? ["10.0.0.0/8", "127.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]
            : ["10.0.0.0/8", "127.0.0.0/8", "100.64.0.0/10", "172.16.0.0/12", "192.168.0.0/16", "fc00::/7"]
    }

    /// Whether a rule's `<disabled>` value disables it: pfSense tests `isset()` (any value, even
    /// empty); OPNsense's FilterRule `parseIsComment` tests `!empty()` (so `0` and empty keep it on).
    func disables(_ value: String) -> Bool {
        self == .pfSense ? true : !(value.isEmpty || value == "0")
    }

    /// Whether a `<quick>` value makes a rule quick, when present: pfSense `isset()`; OPNsense
    /// `parseBool` (`!empty()`).
    func quick(_ value: String) -> Bool {
        self == .pfSense ? true : !(value.isEmpty || value == "0")
    }
}
