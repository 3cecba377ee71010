import AuditCore
import AuditFirewall

/// RA-FW-009: a guest network reaches the LAN or the router's own services.
public struct GuestIsolation: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-FW-009",
        slug: "guest-not-isolated",
        title: "Guest network not isolated",
        severity: .high,
        area: .fw,
        rationale: """
            A guest or visitor network exists to keep unknown devices away from the business LAN and from \
            the router's management. When its zone forwards to the LAN, or accepts connections to the router \
            itself, a visitor's infected phone reaches the same printers, NAS and login pages as staff.
            """,
        remediation: """
            Give the guest zone input and forward policies of REJECT, allow only DHCP and DNS to the router, \
            and forward the guest zone to the WAN alone.
            """,
        references: [.nist("SC-7(21)", "Isolation of system components")],
        dutch: LocalizedText(
            title: "Gastennetwerk niet afgeschermd",
            rationale: """
                Een gastennetwerk is er om onbekende apparaten weg te houden van het bedrijfsnetwerk en van het \\
                beheer van de router. Stuurt de gastenzone verkeer door naar het LAN, of accepteert zij verbindingen \\
                met de router zelf, dan bereikt de besmette telefoon van een bezoeker dezelfde printers, NAS en \\
                inlogpagina's als het personeel.
                """,
            remediation: """
                Geef de gastenzone een input- en forward-beleid van REJECT, sta alleen DHCP en DNS naar de router toe \\
                en stuur de gastenzone alleen door naar het WAN.
                """),
        examples: [
            .bad(.openWrt, """
                package firewall
                config zone
                	option name 'lan'
                	list network 'lan'
                	option input 'ACCEPT'
                	option forward 'ACCEPT'
                config zone
                	option name 'guest'
                	list network 'guest'
                ↓	option input 'ACCEPT'
                	option forward 'REJECT'
                ↓config forwarding
                	option src 'guest'
                	option dest 'lan'
                """),
            .good(.openWrt, """
                package firewall
                config zone
                	option name 'lan'
                	list network 'lan'
                	option input 'ACCEPT'
                	option forward 'ACCEPT'
                config zone
                	option name 'guest'
                	list network 'guest'
                	option input 'REJECT'
                	option forward 'REJECT'
                config rule
                	option name 'Allow-Guest-DHCP'
                	option src 'guest'
                	option proto 'udp'
                	option dest_port '67'
                	option target 'ACCEPT'
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        let inside = config.zones.filter { [.lan, .mgmt, .dmz].contains($0.role.value) }
        for guest in config.zones where guest.role.value == .guest {
            for lan in inside where lan.name != guest.name {
                if let path = ZoneReachability.between(guest, lan, in: config) {
                    findings.append(metadata.finding(
                        "guest zone \(guest.name) is not isolated from zone \(lan.name): \(path.witness) is allowed by \(path.decidedBy)",
                        evidence: [path.origin], subject: "guest \(guest.name)->\(lan.name)",
                        fix: .setZonePolicy(zone: guest.name, chain: .forward, action: .reject)))
                }
            }
            // DHCP and DNS to the router are left out of the question: a guest network needs them.
            if let path = ZoneReachability.toRouter(from: guest, in: config) {
                findings.append(metadata.finding(
                    "guest zone \(guest.name) reaches the router's own services unfiltered: \(path.witness) is allowed by \(path.decidedBy)",
                    evidence: [path.origin], subject: "guest \(guest.name)->router",
                    fix: .setZonePolicy(zone: guest.name, chain: .input, action: .reject), severity: .medium))
            }
        }
        return findings
    }
}
