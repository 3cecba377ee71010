import AuditCore

/// RA-FW-004: a port forward publishes a risky service from the WAN.
public struct RiskyPortForward: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-FW-004",
        slug: "risky-port-forward",
        title: "Risky service forwarded from the WAN",
        severity: .high,
        area: .fw,
        rationale: """
            Forwarding Telnet, RDP, SMB, SSH, VNC, databases or a device's web interface from the Internet to \
            a LAN host exposes a service built for the LAN to worldwide scanning and brute force; these are \
            the ports ransomware crews scan for.
            """,
        remediation: """
            Remove the forward; reach the service through a VPN instead. If it must stay, restrict the \
            forward to known source addresses.
            """,
        references: [.nist("SC-7", "Boundary protection")],
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                interface Dialer1
                 ip address negotiated
                 ip nat outside
                ↓ip nat inside source static tcp 192.168.1.20 3389 interface Dialer1 3389
                """),
            .good(.ciscoIOS, """
                hostname cpe
                interface Dialer1
                 ip address negotiated
                 ip nat outside
                ip nat inside source static tcp 192.168.1.20 25565 interface Dialer1 25565
                """),
            .bad(.openWrt, """
                package firewall
                config zone
                	option name 'wan'
                	list network 'wan'
                	option input 'REJECT'
                	option forward 'REJECT'
                ↓config redirect
                	option name 'RDP'
                	option src 'wan'
                	option src_dport '3389'
                	option dest_ip '192.168.1.20'
                	option proto 'tcp'
                	option target 'DNAT'
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.portForwards.compactMap { forward in
            guard forward.enabled, forward.externalRole == .wan || forward.externalRole == nil else { return nil }
            let internalRanges: [ClosedRange<Int>]
            switch (forward.internalPorts, forward.externalPorts) {
            case (.ranges(let r), _), (.any, .ranges(let r)): internalRanges = r
            case (.any, .any): internalRanges = [0...65535]
            }
            var risky = RiskyPorts.named(in: internalRanges)
            if case .ranges(let external) = forward.externalPorts {
                risky += RiskyPorts.named(in: external).filter { e in !risky.contains { $0.port == e.port } }
            }
            guard !risky.isEmpty else { return nil }
            let target = forward.internalAddress.map { "\($0)" } ?? "an internal host"
            let allPorts = forward.externalPorts.isAny
            let names = allPorts ? "all ports" : risky.map { "\($0.name) (\($0.port))" }.joined(separator: ", ")
            let from = forward.externalInterface ?? "wan"
            let restricted = forward.allowedSources.isAny ? "from any source" : "from \(forward.allowedSources)"
            let label = forward.label.map { " '\($0)'" } ?? ""
            return metadata.finding(
                "port forward\(label) from \(from) port \(forward.externalPorts) to \(target):\(forward.internalPorts) exposes \(names) \(restricted)",
                evidence: [forward.origin], subject: "port forward \(from):\(forward.externalPorts)",
                fix: .removePortForward(at: forward.origin.spans.first ?? SourceSpan(file: "", start: 0)),
                severity: allPorts || !forward.allowedSources.isAny ? (allPorts ? .critical : .medium) : nil)
        }
    }
}
