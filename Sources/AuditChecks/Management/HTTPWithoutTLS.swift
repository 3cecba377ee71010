import AuditCore

/// RA-MGMT-002: the web management interface answers in cleartext HTTP.
public struct HTTPWithoutTLS: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-MGMT-002",
        slug: "http-management-cleartext",
        title: "HTTP management without TLS",
        severity: .medium,
        area: .mgmt,
        rationale: """
            A web interface served over plain HTTP exposes the admin password and session cookie to anyone \
            on the path, and is a frequent target of router exploits.
            """,
        remediation: """
            Disable the plain HTTP server (`no ip http server`; OpenWrt: remove `listen_http` or set \
            `redirect_https 1`) and use HTTPS, restricted to management networks.
            """,
        references: [
            .cis("1.2.x", "Disable HTTP server if not in use"),
            .stig("CISC-ND-000470", "The network device must use encrypted management sessions"),
        ],
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                ↓ip http server
                ip http secure-server
                """),
            .good(.ciscoIOS, """
                hostname cpe
                no ip http server
                ip http secure-server
                """),
            .bad(.openWrt, """
                config uhttpd 'main'
                ↓	list listen_http '0.0.0.0:80'
                	option home '/www'
                """),
            .good(.openWrt, """
                config uhttpd 'main'
                	list listen_http '0.0.0.0:80'
                	list listen_https '0.0.0.0:443'
                	option redirect_https '1'
                	option home '/www'
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        guard let http = config.service(.http), http.enabled.value else { return [] }
        if let redirect = http.settings["redirect_https"], ["1", "on", "true", "yes"].contains(redirect.value) {
            return []
        }
        let exposed = WANExposure.evidence(for: http, in: config) != nil
        return [metadata.finding(
            "http management server is enabled without tls on \(Describe.listen(http.listen.value))",
            evidence: [http.enabled.origin], subject: "service http", fix: .disableService(.http),
            severity: exposed ? .critical : nil)]
    }
}
