import AuditCore

/// RA-CRYPTO-005: logins are checked against an LDAP server over plain TCP.
public struct LDAPWithoutTLS: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRYPTO-005",
        slug: "ldap-without-tls",
        title: "LDAP authentication server without TLS",
        severity: .medium,
        area: .crypto,
        rationale: """
            A router that checks administrator or VPN logins against LDAP sends the user's password in a \
            simple bind. Over plain TCP (port 389 without STARTTLS) every login, and the router's own bind \
            password, can be read by anyone on the path to the directory, and the directory's answers can be forged.
            """,
        remediation: """
            Use LDAPS (port 636) or STARTTLS, and have the router verify the directory's certificate against a \
            trusted CA.
            """,
        references: [
            .nist("SC-8", "Transmission Confidentiality and Integrity"),
            .nist("IA-5(1)", "Password-based Authentication"),
        ],
        dutch: LocalizedText(
            title: "LDAP-authenticatieserver zonder TLS",
            rationale: """
                Een router die beheer- of VPN-logins bij LDAP controleert, stuurt het wachtwoord van de gebruiker \
                mee in een simple bind. Over gewone TCP (poort 389 zonder STARTTLS) kan iedereen op de route naar \
                de directory elke login en het bind-wachtwoord van de router lezen, en de antwoorden vervalsen.
                """,
            remediation: """
                Gebruik LDAPS (poort 636) of STARTTLS en laat de router het certificaat van de directory tegen een \
                vertrouwde CA controleren.
                """),
        examples: [
            .bad(.pfSense, """
                <pfsense>
                  <system>
                    <authserver>
                      <type>ldap</type>
                      <name>CorpLDAP</name>
                      <host>ldap.example.com</host>
                      <ldap_port>389</ldap_port>
                ↓      <ldap_urltype>Standard TCP</ldap_urltype>
                    </authserver>
                  </system>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <system>
                    <authserver>
                      <type>ldap</type>
                      <name>CorpLDAP</name>
                      <host>ldap.example.com</host>
                      <ldap_port>636</ldap_port>
                      <ldap_urltype>SSL/TLS Encrypted</ldap_urltype>
                    </authserver>
                  </system>
                </pfsense>
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.authServers.compactMap { server in
            guard server.kind == .ldap, let transport = server.transport, transport.value == .cleartext else { return nil }
            let host = server.host.map { " (\($0))" } ?? ""
            return metadata.finding(
                "ldap authentication server \(server.name)\(host) uses plain tcp: binds and passwords cross the network in cleartext",
                evidence: [transport.origin], subject: "ldap server \(server.name)",
                fix: .manual("use ldaps or starttls for ldap server \(server.name)"))
        }
    }
}
