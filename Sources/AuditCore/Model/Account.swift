/// A local user account that can log in to the device.
public struct Account: Sendable {
    public var name: String
    /// nil when the account has no password line at all (may still log in with a key, or not at all).
    public var secret: Secret?
    /// Vendor privilege level when known (Cisco 0-15); `isAdministrator` is the vendor-neutral view.
    public var privilege: Int?
    public var isAdministrator: Bool
    /// Whether the account may log in with a password at all (OpenWrt: dropbear RootPasswordAuth).
    public var passwordLoginAllowed: Sourced<Bool>?
    public var origin: Provenance
    /// Source addresses the account may log in from, for vendors that restrict logins per account
    /// (FortiOS admin `trusthost1..10`, RouterOS `/user address=`); `0.0.0.0/0` when the vendor
    /// supports a restriction and none is set; nil when the vendor has no such setting.
    public var allowedSources: Sourced<[IPPrefix]>? = nil

    public init(name: String, secret: Secret?, privilege: Int? = nil, isAdministrator: Bool,
                passwordLoginAllowed: Sourced<Bool>? = nil, origin: Provenance) {
        self.name = name
        self.secret = secret
        self.privilege = privilege
        self.isAdministrator = isAdministrator
        self.passwordLoginAllowed = passwordLoginAllowed
        self.origin = origin
    }
}
