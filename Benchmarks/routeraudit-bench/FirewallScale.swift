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

    static func run() {
        for count in [1_000, 10_000, 50_000] {
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
        // WAN exposure of every management service behind a 2,000-rule inbound ACL.
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

        // Every rule cuts every earlier rule's leftovers along several dimensions.
        var adversarial: [FilterRule] = []
        for i in 0..<2_000 {
            let source = IPPrefix(.v4(0x0A00_0000 | UInt32(i % 256) << 16), length: 8 + i % 17)
            let destination = IPPrefix(.v4(0xC000_0200 | UInt32(i % 256)), length: 24 + i % 9)
            adversarial.append(FilterRule(action: i % 2 == 0 ? .deny : .permit, protocols: .only([.tcp]), source: .prefix(source),
                                          destination: .prefix(destination), sourcePorts: .ranges([(i * 7 % 60_000)...(i * 7 % 60_000 + 3000)]),
                                          destinationPorts: .ranges([(i * 13 % 60_000)...(i * 13 % 60_000 + 5000)]),
                                          origin: .line("adversarial", i + 1)))
        }
        let start = ContinuousClock.now
        let analysis = RuleListAnalysis(rules: RuleCompiler.compile(adversarial, zones: ZoneIndex([])), defaultAction: .deny, zones: ZoneIndex([]))
        print("  adversarial 2000 rules: \(ContinuousClock.now - start)\(analysis.stoppedAt.map { ", stopped at its bound at rule \($0)" } ?? ", completed")")
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
