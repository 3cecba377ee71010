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
    /// SSH public keys that log in as this account.
    public var authorizedKeys: [AuthorizedKey] = []

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

/// One SSH public key in `authorized_keys` form (`ssh-rsa AAAA... comment`).
public struct AuthorizedKey: Sendable, Hashable {
    /// `ssh-rsa`, `ssh-dss`, `ssh-ed25519`, `ecdsa-sha2-nistp256`, ...
    public var algorithm: String
    /// The base64 key blob.
    public var blob: String
    public var comment: String?
    public var origin: Provenance

    public init(algorithm: String, blob: String, comment: String? = nil, origin: Provenance) {
        self.algorithm = algorithm
        self.blob = blob
        self.comment = comment
        self.origin = origin
    }

    /// Reads one `authorized_keys` line (options before the key type are skipped); nil when no key is on it.
    public static func parse(_ line: some StringProtocol, origin: Provenance) -> AuthorizedKey? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let at = words.firstIndex(where: { $0.hasPrefix("ssh-") || $0.hasPrefix("ecdsa-") || $0.hasPrefix("sk-") }),
              at + 1 < words.count else { return nil }
        let comment = words.count > at + 2 ? words[(at + 2)...].joined(separator: " ") : nil
        return AuthorizedKey(algorithm: String(words[at]), blob: String(words[at + 1]), comment: comment, origin: origin)
    }
}
