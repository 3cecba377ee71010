import Foundation
import Testing
import AuditCore
@testable import AuditFirewall
import AuditVendors

/// Known answers on hand-written fixtures (device-fixtures/openwrt/fw4-exposure and
/// device-fixtures/cisco-ios/static-nat-*.cfg): what the WAN reaches on the router and behind
/// it. Every witness the engine produces is evaluated again, concretely, through the rule list.
struct ExposureFixtureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("device-fixtures")

    static func openWrt(_ folder: String) throws -> DeviceConfig {
        let directory = root.appendingPathComponent("openwrt/\(folder)")
        let inputs = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted().map { name in
            ConfigInput(path: name, text: try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8))
        }
        return OpenWrtSupport().parse(inputs)
    }

    static func cisco(_ file: String) throws -> DeviceConfig {
        let url = root.appendingPathComponent("cisco-ios/\(file)")
        return CiscoIOSSupport().parse([ConfigInput(path: file, text: try String(contentsOf: url, encoding: .utf8))])
    }

    static func v4(_ text: String) -> UInt128 {
        guard case .v4(let a)? = IPAddress(text) else { return 0 }
        return UInt128(a)
    }

    static func zoneRules(_ config: DeviceConfig) -> [CompiledRule] {
        RuleCompiler.compile(config.filters.filter { $0.kind == .zoneRules }.flatMap(\.rules), zones: ZoneIndex(config: config))
    }

    /// Index of a rule in a compiled list, found by its source line.
    static func index(of rule: FilterRule?, in compiled: [CompiledRule]) -> Int? {
        rule.flatMap { rule in compiled.firstIndex { $0.rule.origin == rule.origin } }
    }

    /// The packet arriving from the WAN is one the forward takes: its protocol and outside port.
    static func forwardTakes(_ forward: PortForward, _ packet: Packet) -> Bool {
        let proto = forward.protocols == .any || {
            if case .only(let set) = forward.protocols { return set.contains { $0.number == packet.proto } }
            return false
        }()
        return proto && (forward.externalPorts.isAny || forward.externalPorts.contains(packet.destinationPort))
    }

    // MARK: OpenWrt fw4

    @Test func fw4PortForwardsDeliverWhatTheForwardChainLetsThrough() throws {
        let config = try Self.openWrt("fw4-exposure")
        let paths = LANExposure.forwarded(config)
        // RDP is dropped by 'Block-RDP-Forward' before fw4 accepts port forwards; VNC-old is disabled.
        #expect(Set(paths.compactMap(\.portForward?.label)) == ["Web", "Game", "Cameras", "NAS-SSH"])
        let byName = Dictionary(uniqueKeysWithValues: paths.map { ($0.portForward?.label ?? "", $0) })

        let web = try #require(byName["Web"])
        #expect(web.witness.destinationPort == 80 && web.witness.proto == 6)
        #expect(web.translated?.destination == Self.v4("192.168.1.10") && web.translated?.destinationPort == 8080)
        #expect(web.delivers(proto: 6, port: 8080) && !web.delivers(proto: 6, port: 80))
        #expect(web.decidingRule == nil, "no rule of zone wan decides it: fw4 accepts the forward by default")

        let game = try #require(byName["Game"])
        #expect(game.delivers(proto: 17, port: 27015) && game.delivers(proto: 17, port: 27030))
        #expect(!game.delivers(proto: 17, port: 27031) && !game.delivers(proto: 6, port: 27015))

        // Eleven outside ports onto one inside port.
        let cameras = try #require(byName["Cameras"])
        #expect(cameras.translated?.destinationPort == 554)
        #expect((8000...8010).contains(cameras.witness.destinationPort))
        #expect(cameras.delivers(proto: 6, port: 554) && !cameras.delivers(proto: 6, port: 8000))

        // Only sources in 198.51.100.0/24 get through to the NAS.
        let nas = try #require(byName["NAS-SSH"])
        #expect((Self.v4("198.51.100.0")...Self.v4("198.51.100.255")).contains(nas.witness.source))
        #expect(nas.packets.cubes.allSatisfy { $0[.source].lowerBound >= Self.v4("198.51.100.0") && $0[.source].upperBound <= Self.v4("198.51.100.255") })

        // Concrete re-check of every witness: the translated packet passes the forward chain as
        // the engine says, decided by the same rule (or by fw4's acceptance of forwards).
        let rules = Self.zoneRules(config)
        for path in paths {
            let forward = try #require(path.portForward)
            let translated = try #require(path.translated)
            #expect(Self.forwardTakes(forward, path.witness), "\(path.witness) is not a packet of \(forward.label ?? "?")")
            #expect(forward.internalPorts.isAny || forward.internalPorts.contains(translated.destinationPort))
            let decision = Evaluation.decide(translated, rules: rules, defaultAction: .permit)
            #expect(decision.action == .permit, "\(translated) of \(forward.label ?? "?") is not accepted")
            #expect(decision.rule == Self.index(of: path.decidingRule, in: rules))
        }
        // And the blocked one is blocked: its translated packet meets the DROP rule.
        var rdp = try #require(paths.first).translated!
        rdp.destination = Self.v4("192.168.1.30")
        rdp.destinationPort = 3389
        rdp.proto = 6
        let blocked = Evaluation.decide(rdp, rules: rules, defaultAction: .permit)
        #expect(blocked.action == .deny)
        #expect(blocked.rule.map { rules[$0].rule.label } == "Block-RDP-Forward")
    }

    @Test func fw4RoutedExposureGuestAndRouterServices() throws {
        let config = try Self.openWrt("fw4-exposure")
        let rules = Self.zoneRules(config)
        // WAN to inside zones beyond the forwards: only the IPv6 web rule to the DMZ. The wan
        // zone's REJECT forward policy decides the rest (no path reported for a REJECT).
        let routed = LANExposure.routed(config)
        #expect(routed.map { $0.decidingRule?.label } == ["Allow-DMZ-Web-v6"])
        let web6 = try #require(routed.first)
        #expect(web6.witness.family == 1 && web6.witness.proto == 6 && web6.witness.destinationPort == 443)
        #expect(web6.delivers(proto: 6, port: 443) && !web6.delivers(proto: 6, port: 80))
        let wan = try #require(config.zone(named: "wan"))
        let decision = Evaluation.decide(web6.witness, rules: rules, defaultAction: wan.forward.value)
        #expect(decision.action == .permit && decision.rule == Self.index(of: web6.decidingRule, in: rules))
        // The disabled 'Old-SMB' rule opens nothing.
        #expect(!routed.contains { $0.delivers(proto: 6, port: 445) })

        // Guest reaches the LAN printer, but not the router beyond DHCP and DNS.
        let guest = try #require(config.zone(named: "guest"))
        let lan = try #require(config.zone(named: "lan"))
        let printer = try #require(ZoneReachability.between(guest, lan, in: config))
        #expect(printer.decidedBy == "rule 'Guest-Printer'")
        #expect(printer.witness.destination == Self.v4("192.168.1.40") && printer.witness.destinationPort == 631)
        #expect(Evaluation.decide(printer.witness, rules: rules, defaultAction: guest.forward.value).action == .permit)
        #expect(ZoneReachability.toRouter(from: guest, in: config) == nil)
        // LAN to WAN by forwarding; WAN to LAN not at all.
        #expect(ZoneReachability.between(lan, wan, in: config)?.decidedBy == "forwarding lan->wan")
        #expect(ZoneReachability.between(wan, lan, in: config) == nil)

        // Router services from the WAN: SSH through 'Allow-SSH-Office' only from 203.0.113.0/24;
        // the web interface listens on the LAN address only.
        let exposures = ManagementExposure.analyse(config)
        #expect(exposures.map(\.service.kind) == [.ssh])
        let ssh = try #require(exposures.first)
        #expect((Self.v4("203.0.113.0")...Self.v4("203.0.113.255")).contains(ssh.witness.source))
        #expect(Evaluation.decide(ssh.witness, rules: rules, defaultAction: wan.input.value).action == .permit)
        var outsider = ssh.witness
        outsider.source = Self.v4("192.0.2.1")
        #expect(Evaluation.decide(outsider, rules: rules, defaultAction: wan.input.value).action == .reject)
    }

    // MARK: Cisco IOS static NAT

    @Test func ciscoStaticNATIsDestinationNATBehindTheInboundACL() throws {
        let config = try Self.cisco("static-nat-exposure.cfg")
        let acl = try #require(config.filter(named: "WAN_IN"))
        let compiled = RuleCompiler.compile(acl.rules, zones: ZoneIndex([]))
        let paths = LANExposure.forwarded(config)
        let hosts = Set(paths.compactMap { $0.translated.map(\.destination) })
        #expect(hosts == [Self.v4("192.168.10.20"), Self.v4("192.168.10.30"), Self.v4("192.168.10.40")])

        for path in paths {
            // The ACL sees the untranslated packet; it must permit the witness, by the rule named.
            let decision = Evaluation.decide(path.witness, rules: compiled, defaultAction: acl.defaultAction.value)
            #expect(decision.action == .permit, "\(path.witness) is not permitted by WAN_IN")
            #expect(decision.rule == Self.index(of: path.decidingRule, in: compiled))
            let forward = try #require(path.portForward)
            #expect(Self.forwardTakes(forward, path.witness))
            #expect(path.witness.destination == forward.externalAddress.map { Self.value($0) } ?? Self.v4("198.51.100.2"))
        }
        let rdp = try #require(paths.first { $0.translated?.destination == Self.v4("192.168.10.20") })
        #expect(rdp.delivers(proto: 6, port: 3389) && rdp.translated?.destinationPort == 3389)

        // One-to-one NAT: only what WAN_IN lets through to the global address arrives.
        let oneToOne = try #require(paths.first { $0.translated?.destination == Self.v4("192.168.10.30") })
        #expect(oneToOne.delivers(proto: 6, port: 445) && oneToOne.delivers(proto: 6, port: 8000) && oneToOne.delivers(proto: 6, port: 8080))
        #expect(!oneToOne.delivers(proto: 6, port: 3389) && !oneToOne.delivers(proto: 6, port: 22) && !oneToOne.delivers(proto: 17, port: 445))

        let web = try #require(paths.first { $0.translated?.destination == Self.v4("192.168.10.40") })
        #expect((Self.v4("203.0.113.0")...Self.v4("203.0.113.255")).contains(web.witness.source))

        // Routed: the ACL's rule for ssh to the office subnet. (`permit icmp any any echo-reply`
        // reaches inside addresses too, but names none of them: it is not counted as intent.)
        let routed = LANExposure.routed(config)
        #expect(routed.count == 1)
        let ssh = try #require(routed.first)
        #expect(ssh.witness.destinationPort == 22 && (Self.v4("192.168.10.0")...Self.v4("192.168.10.255")).contains(ssh.witness.destination))
        #expect(Evaluation.decide(ssh.witness, rules: compiled, defaultAction: .deny).action == .permit)
    }

    @Test func ciscoStaticNATWithoutAnACLDeliversEverything() throws {
        let config = try Self.cisco("static-nat-no-acl.cfg")
        let paths = LANExposure.forwarded(config)
        #expect(paths.count == 2)
        let rdp = try #require(paths.first { $0.translated?.destination == Self.v4("192.168.1.50") })
        #expect(rdp.witness.destinationPort == 3389 && rdp.delivers(proto: 6, port: 3389) && !rdp.delivers(proto: 6, port: 3390))
        let host = try #require(paths.first { $0.translated?.destination == Self.v4("192.168.1.60") })
        #expect(host.witness.destination == Self.v4("203.0.113.60"))
        #expect(host.delivers(proto: 6, port: 3389) && host.delivers(proto: 17, port: 161) && host.delivers(proto: 6, port: 1))
        #expect(LANExposure.routed(config).isEmpty)
    }

    static func value(_ address: IPAddress) -> UInt128 {
        switch address {
        case .v4(let a): UInt128(a)
        case .v6(let a): a
        }
    }
}
