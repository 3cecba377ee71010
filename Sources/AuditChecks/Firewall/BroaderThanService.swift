import AuditCore
import AuditFirewall

/// RA-FW-011: a port forward or a permit rule from the WAN opens more than the service it was
/// written for.
///
/// What the model can know about "the service behind" a rule is what the owner declared: the
/// internal port of a port forward and the host it points at. Two cases follow from that alone:
/// a forward that maps a range of outside ports onto one inside port (every other port of the
/// range is one more door to the same service), and a WAN-to-inside rule that carries a declared
/// port forward but also admits other hosts or ports the firewall engine can show a packet for.
/// Which services the inside hosts really run is not in a router configuration, so a forward of
/// all ports to a host (one-to-one NAT, a DMZ host) is left to RA-FW-004, which names its risk.
public struct BroaderThanService: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-FW-011",
        slug: "rule-broader-than-service",
        title: "Forward or rule from the WAN is broader than the service behind it",
        severity: .medium,
        area: .fw,
        rationale: """
            A port forward of a whole port range onto one service, or a rule written for a port forward that \
            also admits other hosts or ports, publishes more than the owner meant to: every extra address or \
            port is reachable from the Internet without anyone having decided it should be.
            """,
        remediation: """
            Narrow the forward to the one outside port of the service, and the rule to the forwarded host and \
            port (or let the port forward's own acceptance carry the traffic and remove the rule).
            """,
        references: [.nist("SC-7(5)", "Deny by default, allow by exception")],
        dutch: LocalizedText(
            title: "Forward of regel vanaf het WAN is ruimer dan de dienst erachter",
            rationale: """
                Een port forward van een hele poortreeks naar één dienst, of een regel voor een port forward die \
                ook andere hosts of poorten doorlaat, publiceert meer dan de eigenaar bedoelde: elk extra adres of \
                elke extra poort is vanaf internet bereikbaar zonder dat iemand dat besloten heeft.
                """,
            remediation: """
                Beperk de forward tot de ene buitenpoort van de dienst, en de regel tot de doorgestuurde host en \
                poort (of laat de port forward het verkeer zelf toestaan en verwijder de regel).
                """),
        examples: [
            .bad(.openWrt, """
                package firewall
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                ↓config redirect
                	option name 'Web'
                	option src 'wan'
                	option src_dport '8000-8100'
                	option dest_ip '192.168.1.20'
                	option dest_port '80'
                	option proto 'tcp'
                """),
            .good(.openWrt, """
                package firewall
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                config redirect
                	option name 'Web'
                	option src 'wan'
                	option src_dport '8080'
                	option dest_ip '192.168.1.20'
                	option dest_port '80'
                	option proto 'tcp'
                """),
            .bad(.openWrt, """
                package firewall
                config zone
                	option name 'lan'
                	list network 'lan'
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                ↓config redirect
                	option name 'Mail'
                	option src 'wan'
                	option dest 'lan'
                	option src_dport '25'
                	option dest_ip '192.168.1.25'
                	option proto 'tcp'
                ↓config rule
                	option name 'Allow-Mail'
                	option src 'wan'
                	option dest 'lan'
                	option dest_ip '192.168.1.0/24'
                	option dest_port '25'
                	option proto 'tcp'
                	option target 'ACCEPT'
                """),
            .good(.openWrt, """
                package firewall
                config zone
                	option name 'lan'
                	list network 'lan'
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                config redirect
                	option name 'Mail'
                	option src 'wan'
                	option dest 'lan'
                	option src_dport '25'
                	option dest_ip '192.168.1.25'
                	option proto 'tcp'
                config rule
                	option name 'Allow-Mail'
                	option src 'wan'
                	option dest 'lan'
                	option dest_ip '192.168.1.25'
                	option dest_port '25'
                	option proto 'tcp'
                	option target 'ACCEPT'
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        rangesOntoOnePort(config) + rulesBeyondTheirForward(config)
    }

    /// Forwards mapping several outside ports onto a single inside port, when they deliver at all.
    func rangesOntoOnePort(_ config: DeviceConfig) -> [Finding] {
        LANExposure.forwarded(config).compactMap { path in
            guard let forward = path.portForward, case .ranges(let outside) = forward.externalPorts,
                  case .ranges(let inside) = forward.internalPorts, inside.count == 1, inside[0].count == 1,
                  outside.reduce(0, { $0 + $1.count }) > 1, let host = forward.internalAddress else { return nil }
            let label = forward.label.map { " '\($0)'" } ?? ""
            return metadata.finding(
                "port forward\(label) maps outside ports \(forward.externalPorts) onto the one service \(host):\(inside[0].lowerBound): \(path.explanation)",
                evidence: path.evidence, subject: "port forward \(forward.externalInterface ?? "wan"):\(forward.externalPorts)",
                fix: .manual("narrow the forward to a single outside port"))
        }
    }

    /// Rules written for a declared port forward that admit other hosts or ports as well.
    func rulesBeyondTheirForward(_ config: DeviceConfig) -> [Finding] {
        var reported: Set<String> = []
        return LANExposure.routed(config).compactMap { path in
            guard let rule = path.decidingRule, !path.servedForwards.isEmpty, !rule.matchesEverything else { return nil }
            let name = Describe.ruleName(rule)
            guard reported.insert(name).inserted else { return nil }
            let forwards = path.servedForwards.map { forward in
                "\(forward.label.map { "'\($0)' " } ?? "")to \(forward.internalAddress.map { "\($0)" } ?? "?"):\(forward.internalPorts)"
            }.joined(separator: ", ")
            let list = WANRules.list(holding: rule, in: config)?.name ?? "rules"
            return metadata.finding(
                "\(name) carries the port forward \(forwards) but also admits other traffic from the wan: \(path.explanation)",
                evidence: path.evidence + path.servedForwards.map(\.origin), subject: name,
                fix: WANRules.removal(of: rule, in: list))
        }
    }
}
