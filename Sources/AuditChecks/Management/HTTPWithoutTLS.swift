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
        dutch: LocalizedText(
            title: "Webbeheer via HTTP zonder TLS",
            rationale: """
                Een webinterface via gewone HTTP geeft het beheerderswachtwoord en de sessiecookie prijs aan \
                iedereen op de route, en is een geliefd doelwit van aanvallen op routers.
                """,
            remediation: """
                Schakel de gewone HTTP-server uit (`no ip http server`; OpenWrt: verwijder `listen_http` of zet \
                `redirect_https 1`) en gebruik HTTPS, alleen bereikbaar vanaf beheernetwerken.
                """),
        examples: [
            .bad(.zyxel, """
                hostname usg
                ↓ip http server
                ip http secure-server
                """),
            .good(.zyxel, """
                hostname usg
                no ip http server
                ip http secure-server
                """),
            // No line to point at: a Vigor answers HTTP on the LAN by factory default.
            .bad(.drayTek, """
                mngt httpsport 8443
                """),
            .good(.drayTek, """
                mngt rmtcfg enforce_https on
                """),
            .bad(.pfSense, """
                <pfsense>
                  <system>
                    <webgui>
                ↓      <protocol>http</protocol>
                    </webgui>
                  </system>
                </pfsense>
                """),
            .good(.opnSense, """
                <opnsense>
                  <system>
                    <webgui>
                      <protocol>https</protocol>
                    </webgui>
                  </system>
                </opnsense>
                """),
            .bad(.fortiOS, """
                config system interface
                    edit "internal"
                        set ip 192.168.1.99 255.255.255.0
                ↓        set allowaccess ping https http
                        set role lan
                    next
                end
                """),
            .good(.fortiOS, """
                config system interface
                    edit "internal"
                        set ip 192.168.1.99 255.255.255.0
                        set allowaccess ping https
                        set role lan
                    next
                end
                """),
            .bad(.huaweiVRP, """
                #
                ↓ http server enable
                 http secure-server enable
                #
                return
                """),
            .good(.huaweiVRP, """
                #
                 undo http server enable
                 http secure-server enable
                #
                return
                """),
            .good(.edgeOS, """
                service {
                    gui {
                        http-port 80
                        https-port 443
                    }
                }
                """),
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
            .bad(.junos, """
                set system host-name srx
                ↓set system services web-management http interface ge-0/0/1.0
                """),
            .good(.junos, """
                set system host-name srx
                set system services web-management https system-generated-certificate
                set system services web-management https interface ge-0/0/1.0
                """),
            .bad(.routerOS, """
                /ip service
                ↓set www address=192.168.88.0/24 disabled=no
                """),
            .good(.routerOS, """
                /ip service
                set www disabled=yes
                set www-ssl certificate=router disabled=no
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
