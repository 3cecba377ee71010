import Foundation
import AuditCore
import AuditFirewall

/// Shadowed/redundant analysis with witnesses on generated rule lists of growing size, and on a
/// list built to fragment the packet space.
enum FirewallScale {
    /// A realistic ACL: host/port permits with repeats and overlaps, subnet denies, UDP ranges.
    static func realistic(count: Int, seed: UInt64) -> [FilterRule] {
        var rng = SplitMix(seed: seed)
        let ports = [22, 23, 25, 53, 80, 110, 143, 443, 445, 993, 1433, 3306, 3389, 5432, 8080, 8443]
        var rules: [FilterRule] = []
        for i in 0..<count {
            let origin = Provenance.line("bench", i + 1)
            let roll = rng.next() % 10
            if roll < 7 {
                let host = IPPrefix(.v4(0x0A00_0000 | UInt32(rng.next() % 65_536) << 8 | UInt32(rng.next() % 256)), length: 32)
                rules.append(FilterRule(action: .permit, protocols: .only([.tcp]), source: .any, destination: .prefix(host),
                                        destinationPorts: .single(ports[Int(rng.next() % UInt64(ports.count))]), origin: origin))
            } else if roll < 9 {
                let net = IPPrefix(.v4(0x0A00_0000 | UInt32(rng.next() % 256) << 16), length: 16)
                rules.append(FilterRule(action: .deny, source: .prefix(net), origin: origin))
            } else {
                let low = Int(rng.next() % 60_000)
                rules.append(FilterRule(action: .permit, protocols: .only([.udp]), destinationPorts: .ranges([low...(low + Int(rng.next() % 2000))]), origin: origin))
            }
        }
        rules.append(FilterRule(action: .deny, origin: .line("bench", count + 1)))
        return rules
    }

    /// `FIREWALL_BENCH=10000` (or `exposure`, `zones`, `adversarial10000`) runs one part alone, so
    /// `valgrind --tool=callgrind` can count its instructions when a shared machine makes timing noisy.
    static func run() {
        let only = ProcessInfo.processInfo.environment["FIREWALL_BENCH"]
        func wanted(_ part: String) -> Bool { only == nil || only == part }
        for count in [1_000, 10_000, 50_000] where wanted("\(count)") {
            let rules = realistic(count: count, seed: 42)
            let start = ContinuousClock.now
            let compiled = RuleCompiler.compile(rules, zones: ZoneIndex([]))
            let analysis = RuleListAnalysis(rules: compiled, defaultAction: .deny, zones: ZoneIndex([]))
            let elapsed = ContinuousClock.now - start
            var shadowed = 0, redundant = 0
            for outcome in analysis.outcomes {
                switch outcome {
                case .shadowed: shadowed += 1
                case .redundant: redundant += 1
                default: break
                }
            }
            print("  \(count) rules: \(elapsed) (\(shadowed) shadowed, \(redundant) redundant\(analysis.stoppedAt.map { ", stopped at \($0)" } ?? ""))")
        }
        if wanted("exposure") { aclExposure() }
        if wanted("zones") { zoneExposure() }
        for count in [2_000, 10_000] where wanted("adversarial\(count)") { adversarial(count: count) }
    }

    /// WAN exposure of every management service behind a 2,000-rule inbound ACL.
    static func aclExposure() {
        var config = DeviceConfig(identity: DeviceIdentity(vendor: .ciscoIOS), sources: [])
        let acl = realistic(count: 2_000, seed: 7)
        config.filters = [FilterList(name: "WAN_IN", kind: .ciscoExtended, rules: acl,
                                     defaultAction: Sourced(.deny, .vendorDefault(profile: "bench", statement: "implicit deny")),
                                     origin: .line("bench", 1))]
        config.interfaces = [Interface(name: "Dialer1", role: Sourced(.wan, .line("bench", 1)),
                                       inboundFilter: Sourced("WAN_IN", .line("bench", 2)), origin: .line("bench", 1))]
        config.services = ServiceKind.allCases.map {
            ManagementService(kind: $0, enabled: Sourced(true, .line("bench", 3)), listen: Sourced([.any], .line("bench", 3)))
        }
        let exposureStart = ContinuousClock.now
        let exposures = ManagementExposure.analyse(config)
        print("  wan exposure of \(config.services.count) services behind a 2000-rule acl: \(ContinuousClock.now - exposureStart) (\(exposures.count) exposed)")
    }

    /// A zone firewall (fw4-like) with 2,000 rules and 100 port forwards: every router service,
    /// every port forward and every WAN-to-inside path, each with a witness.
    static func zoneExposure() {
        let origin = Provenance.line("bench", 1)
        var config = DeviceConfig(identity: DeviceIdentity(vendor: .openWrt), sources: [])
        func policy(_ action: FilterAction) -> Sourced<FilterAction> { Sourced(action, origin) }
        config.zones = [
            Zone(name: "lan", role: Sourced(.lan, origin), members: ["lan"], input: policy(.permit), output: policy(.permit), forward: policy(.permit), origin: origin),
            Zone(name: "wan", role: Sourced(.wan, origin), members: ["wan"], input: policy(.reject), output: policy(.permit), forward: policy(.reject), origin: origin),
            Zone(name: "dmz", role: Sourced(.dmz, origin), members: ["dmz"], input: policy(.reject), output: policy(.permit), forward: policy(.reject), origin: origin),
        ]
        var rng = SplitMix(seed: 11)
        let ports = [22, 25, 80, 443, 445, 3389, 5900, 8080, 8443, 27015]
        var rules: [FilterRule] = []
        for i in 0..<2_000 {
            let host = IPPrefix(.v4(0xC0A8_0000 | UInt32(rng.next() % 4) << 8 | UInt32(rng.next() % 256)), length: 32)
            let port = ports[Int(rng.next() % UInt64(ports.count))]
            let chain: Chain = rng.next() % 5 == 0 ? .input : .forward
            rules.append(FilterRule(action: rng.next() % 3 == 0 ? .deny : .permit, protocols: .only([.tcp]),
                                    source: rng.next() % 4 == 0 ? .prefix(IPPrefix(.v4(0xCB00_7100 | UInt32(rng.next() % 256)), length: 32)) : .any,
                                    destination: chain == .input ? .any : .prefix(host), destinationPorts: .single(port),
                                    sourceZone: "wan", destinationZone: chain == .input ? nil : (rng.next() % 2 == 0 ? "lan" : "dmz"),
                                    chain: chain, label: "r\(i)", origin: .line("bench", i + 2)))
        }
        config.filters = [FilterList(name: "rules", kind: .zoneRules, rules: rules, defaultAction: policy(.reject), origin: origin)]
        config.portForwards = (0..<100).map { i in
            PortForward(externalInterface: "wan", externalRole: .wan, protocols: .only([.tcp]), externalPorts: .single(10_000 + i),
                        internalAddress: .v4(0xC0A8_0100 | UInt32(i)), internalPorts: .single(ports[i % ports.count]), origin: .line("forward", i + 1))
        }
        config.services = ServiceKind.allCases.map {
            ManagementService(kind: $0, enabled: Sourced(true, origin), listen: Sourced([.any], origin))
        }
        let start = ContinuousClock.now
        let services = ManagementExposure.analyse(config)
        let forwarded = LANExposure.forwarded(config)
        let routed = LANExposure.routed(config)
        print("  zone firewall, 2000 rules, 100 forwards: \(ContinuousClock.now - start) for every service, forward and wan-to-inside path (\(services.count) services, \(forwarded.count) forwards, \(routed.count) routed paths)")
    }

    /// Every rule cuts every earlier rule's leftovers along several dimensions.
    static func adversarial(count: Int) {
        var adversarial: [FilterRule] = []
        for i in 0..<count {
            let source = IPPrefix(.v4(0x0A00_0000 | UInt32(i % 256) << 16), length: 8 + i % 17)
            let destination = IPPrefix(.v4(0xC000_0200 | UInt32(i % 256)), length: 24 + i % 9)
            adversarial.append(FilterRule(action: i % 2 == 0 ? .deny : .permit, protocols: .only([.tcp]), source: .prefix(source),
                                          destination: .prefix(destination), sourcePorts: .ranges([(i * 7 % 60_000)...(i * 7 % 60_000 + 3000)]),
                                          destinationPorts: .ranges([(i * 13 % 60_000)...(i * 13 % 60_000 + 5000)]),
                                          origin: .line("adversarial", i + 1)))
        }
        let start = ContinuousClock.now
        let analysis = RuleListAnalysis(rules: RuleCompiler.compile(adversarial, zones: ZoneIndex([])), defaultAction: .deny, zones: ZoneIndex([]))
        print("  adversarial \(count) rules: \(ContinuousClock.now - start)\(analysis.stoppedAt.map { ", stopped at its bound at rule \($0)" } ?? ", completed")")
    }
}

/// A small deterministic generator so runs are comparable.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
