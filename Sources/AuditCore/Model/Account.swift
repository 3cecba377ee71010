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
