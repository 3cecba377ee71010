import AuditCore

/// Every check that ships. Order is the order checks run and are listed: by area, then id, so
/// `checks list` and the docs catalogue read naturally. A test fails when a check file is not
/// registered here or when ids repeat.
public enum BuiltInChecks {
    public static let all: [any Check] = [
        DefaultCredential(),
        WeakPassword(),
        CleartextSecret(),
        ReversibleSecret(),
        EnablePasswordNotSecret(),
        PasswordEncryptionDisabled(),
        EmptyPassword(),
        WeakHashAlgorithm(),
        SharedSecret(),
        InsecureSSHKey(),
        DefaultLoginAccepted(),
        TelnetEnabled(),
        HTTPWithoutTLS(),
        ManagementFromAnywhere(),
        UnauthenticatedLine(),
        IdleTimeout(),
        NoLoginProtection(),
        SSHRootPasswordLogin(),
        SSHPasswordWithKeys(),
        SNMPDefaultCommunity(),
        SNMPWriteCommunity(),
        SNMPUnrestrictedCommunity(),
        PermitAnyFromWAN(),
        WANDefaultAccept(),
        WANToLANForward(),
        RiskyPortForward(),
        ShadowedRule(),
        RedundantRule(),
        GuestIsolation(),
        UndefinedReference(),
        IPv6WANUnfiltered(),
        WANRuleOpensManagementPort(),
        BroaderThanService(),
        UPnPEnabled(),
        NTPServesAnyClient(),
        SSHVersion1(),
        WeakManagementCrypto(),
        WeakVPNProposal(),
        LDAPWithoutTLS(),
        WeakNegotiatedSSH(),
    ]

    public static func check(id: String) -> (any Check)? {
        all.first { $0.metadata.id == id.uppercased() }
    }
}
