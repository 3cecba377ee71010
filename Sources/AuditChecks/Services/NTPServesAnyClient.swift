import AuditCore

/// RA-SVC-002: the router's NTP server answers clients from any address.
public struct NTPServesAnyClient: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-SVC-002",
        slug: "ntp-serves-any-client",
        title: "NTP server answers any client",
        severity: .medium,
        area: .svc,
        rationale: """
            An NTP server open to the whole Internet is found within hours and used to reflect and amplify \
            denial-of-service traffic; it also tells scanners the router's uptime and software and gives anyone \
            a time source they should not rely on. Only the networks behind the router need its time service.
            """,
        remediation: """
            Limit the NTP server to the internal networks that use it (VyOS `service ntp allow-client address` \
            with the LAN prefixes instead of `0.0.0.0/0` and `::/0`), and filter UDP 123 from the WAN.
            """,
        references: [
            .stig("CISC-ND-001040", "The network device must authenticate NTP sources and restrict NTP service"),
            .nist("CM-7", "Least Functionality"),
        ],
        dutch: LocalizedText(
            title: "NTP-server antwoordt elke client",
            rationale: """
                Een NTP-server die voor het hele internet openstaat, wordt binnen uren gevonden en misbruikt om \
                denial-of-serviceverkeer te weerkaatsen en te versterken; hij vertelt scanners ook de uptime en \
                software van de router. Alleen de netwerken achter de router hebben zijn tijddienst nodig.
                """,
            remediation: """
                Beperk de NTP-server tot de interne netwerken die hem gebruiken (VyOS `service ntp allow-client \
                address` met de LAN-prefixen in plaats van `0.0.0.0/0` en `::/0`) en filter UDP 123 vanaf het WAN.
                """),
        examples: [
            .bad(.vyOS, """
                set service ntp server time1.vyos.net
                ↓set service ntp allow-client address '0.0.0.0/0'
                set service ntp allow-client address '192.168.1.0/24'
                """),
            .good(.vyOS, """
                set service ntp server time1.vyos.net
                set service ntp allow-client address '192.168.1.0/24'
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        guard let ntp = config.ntpServer, ntp.enabled.value, let clients = ntp.allowedClients else { return [] }
        let open = clients.value.filter(\.isAny)
        guard !open.isEmpty else { return [] }
        let evidence = WeakManagementCrypto.narrowed(clients.origin, to: open.map(\.description), in: config)
        return [metadata.finding(
            "ntp server answers any client (allow-client \(open.map(\.description).joined(separator: " and ")))",
            evidence: [evidence], subject: "ntp server",
            fix: .manual("restrict the ntp server to the internal networks"))]
    }
}
