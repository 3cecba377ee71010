import AuditCore

/// RA-FW-010: a rule admits a management port of the router itself from any address on the WAN,
/// while no service of the model answers there yet (when one does, RA-MGMT-003 reports the
/// exposure with its witness packet instead).
public struct WANRuleOpensManagementPort: Check {
    public init() {}

    /// Ports of router management protocols, by transport, with a name for the message.
    static let managementPorts: [(port: Int, transport: IPProtocol, name: String)] = [
        (22, .tcp, "ssh"), (23, .tcp, "telnet"), (80, .tcp, "http"), (443, .tcp, "https"), (161, .udp, "snmp"),
        (830, .tcp, "netconf"), (8080, .tcp, "http-alt"), (8443, .tcp, "https-alt"), (8291, .tcp, "winbox"),
        (8728, .tcp, "routeros-api"), (8729, .tcp, "routeros-api-ssl"),
    ]

    public let metadata = CheckDescription(
        id: "RA-FW-010",
        slug: "wan-rule-opens-management-port",
        title: "Firewall rule opens a management port of the router to the WAN",
        severity: .medium,
        area: .fw,
        rationale: """
            A rule that passes SSH, Telnet, the web interface or SNMP from any Internet address to the router \
            itself leaves the management plane one switch away from exposure: the day the service is turned on, \
            or moved to that port, it is reachable by every scanner, with nothing left in front of it.
            """,
        remediation: """
            Remove the rule, or restrict its source to the addresses that really administer the router (a \
            management network or VPN); reach management through a VPN rather than from the Internet.
            """,
        references: [
            .stig("CISC-RT-000090", "The router must deny all inbound traffic by default and allow by exception"),
            .nist("AC-17", "Remote Access"),
        ],
        dutch: LocalizedText(
            title: "Firewallregel opent een beheerpoort van de router naar het WAN",
            rationale: """
                Een regel die SSH, Telnet, de webinterface of SNMP vanaf elk internetadres naar de router zelf \
                doorlaat, laat het beheer op één schakelaar na open: zodra de dienst aangaat, of naar die poort \
                verhuist, is hij voor elke scanner bereikbaar zonder dat er nog iets voor staat.
                """,
            remediation: """
                Verwijder de regel of beperk de bron tot de adressen die de router echt beheren (een beheernetwerk \
                of VPN); beheer via een VPN in plaats van vanaf het internet.
                """),
        examples: [
            .bad(.drayTek, """
                ↓ipf rule 2 1 -e 1 -D 3 -S "u 17 0,1,65535 0,161,161" -F "0 0" -M snmp-in
                """),
            .good(.drayTek, """
                ipf rule 2 1 -e 1 -D 3 -s "u 1 198.51.100.7" -S "u 17 0,1,65535 0,161,161" -F "0 0" -M snmp-nms
                """),
            .bad(.opnSense, """
                <opnsense>
                  <interfaces>
                    <wan><enable>1</enable><if>vtnet1</if><ipaddr>dhcp</ipaddr></wan>
                    <lan><enable>1</enable><if>vtnet0</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                  <filter>
                ↓    <rule>
                      <type>pass</type>
                      <interface>wan</interface>
                      <protocol>tcp</protocol>
                      <source><any>1</any></source>
                      <destination><network>(self)</network><port>22</port></destination>
                    </rule>
                  </filter>
                </opnsense>
                """),
            .good(.opnSense, """
                <opnsense>
                  <interfaces>
                    <wan><enable>1</enable><if>vtnet1</if><ipaddr>dhcp</ipaddr></wan>
                    <lan><enable>1</enable><if>vtnet0</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                  <filter>
                    <rule>
                      <type>pass</type>
                      <interface>wan</interface>
                      <protocol>tcp</protocol>
                      <source><address>203.0.113.10</address></source>
                      <destination><network>(self)</network><port>22</port></destination>
                    </rule>
                  </filter>
                </opnsense>
                """),
            .bad(.pfSense, """
                <pfsense>
                  <interfaces>
                    <wan><enable/><if>igb0</if><ipaddr>dhcp</ipaddr></wan>
                    <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                  <filter>
                ↓    <rule>
                      <type>pass</type>
                      <interface>wan</interface>
                      <protocol>tcp</protocol>
                      <source><any/></source>
                      <destination><network>wanip</network><port>23</port></destination>
                    </rule>
                  </filter>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <interfaces>
                    <wan><enable/><if>igb0</if><ipaddr>dhcp</ipaddr></wan>
                    <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
                  </interfaces>
                  <filter>
                    <rule>
                      <type>pass</type>
                      <interface>wan</interface>
                      <protocol>udp</protocol>
                      <source><any/></source>
                      <destination><network>(self)</network><port>500</port></destination>
                    </rule>
                  </filter>
                </pfsense>
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        WANRules.permits(in: config).compactMap { permit in
            let rule = permit.rule
            guard rule.chain == .input, !rule.establishedOnly, rule.source.isAny, !rule.destinationPorts.isAny else { return nil }
            let opened = Self.managementPorts.filter { entry in
                rule.protocols.matches(entry.transport) && rule.destinationPorts.contains(entry.port)
                    && !config.services.contains { $0.enabled.value && $0.effectivePort == entry.port && $0.kind.transport == entry.transport }
            }
            guard !opened.isEmpty else { return nil }
            let ports = opened.map { "\($0.name) (\($0.transport) \($0.port))" }.joined(separator: ", ")
            return metadata.finding(
                "\(Describe.ruleName(rule)) admits \(ports) to the router from any source in wan zone \(permit.zone)",
                evidence: [rule.origin], subject: Describe.ruleName(rule),
                fix: WANRules.removal(of: rule, in: permit.list.name))
        }
    }
}
