import Testing
import AuditCore
import AuditFirewall
import AuditVendors

/// Hand-written rule lists with known answers. Every witness the engine produces is checked by
/// evaluating that one packet concretely through the list.
struct RuleListAnalysisTests {
    func analyse(cisco text: String, list name: String) throws -> (RuleListAnalysis, [CompiledRule], FilterList) {
        let config = CiscoIOSSupport().parse([ConfigInput(path: "t.cfg", text: "hostname t\n" + text)])
        let list = try #require(config.filter(named: name))
        let zones = ZoneIndex(config: config)
        let compiled = RuleCompiler.compile(list.rules, zones: zones)
        return (RuleListAnalysis(rules: compiled, defaultAction: list.defaultAction.value, zones: zones), compiled, list)
    }

    enum Kind: Equatable { case matches, shadowed([Int]), redundant, notAnalysed }

    func kinds(_ analysis: RuleListAnalysis) -> [Kind] {
        analysis.outcomes.map {
            switch $0 {
            case .matches: .matches
            case .shadowed(let by): .shadowed(by)
            case .redundant: .redundant
            case .notAnalysed: .notAnalysed
            }
        }
    }

    /// Checks every witness concretely: the packet must be decided by the rule it was produced for.
    func recheckWitnesses(_ analysis: RuleListAnalysis, _ compiled: [CompiledRule], _ list: FilterList) {
        for (i, outcome) in analysis.outcomes.enumerated() {
            let witness: Packet
            switch outcome {
            case .matches(let w), .redundant(let w, _): witness = w
            default: continue
            }
            let decision = Evaluation.decide(witness, rules: compiled, defaultAction: list.defaultAction.value)
            #expect(decision.rule == i, "witness \(witness) of rule \(i) is decided by \(String(describing: decision.rule))")
        }
    }

    @Test func overlappingPrefixesPortsEstablishedAndOrder() throws {
        let (analysis, compiled, list) = try analyse(cisco: """
            ip access-list extended T
             permit tcp 10.0.0.0 0.255.255.255 any eq 22
             permit tcp 10.1.0.0 0.0.255.255 any eq 22
             deny tcp 10.1.2.0 0.0.0.255 any range 20 30
             permit tcp any any established
             deny ip 192.168.0.0 0.0.255.255 any
             permit ip 192.168.1.0 0.0.0.255 any
             permit icmp any any echo
             permit udp any any range 1000 2000
             permit udp any any eq 1500
             deny ip any any
            """, list: "T")
        // Rule 5 lies inside rule 4, rule 8 inside rule 7; the final deny repeats the implicit
        // deny, so it is redundant.
        #expect(kinds(analysis) == [
            .matches, .shadowed([0]), .matches, .matches, .matches, .shadowed([4]),
            .matches, .matches, .shadowed([7]), .redundant,
        ])
        recheckWitnesses(analysis, compiled, list)
    }

    @Test func denyThenPermitNeverTakesEffect() throws {
        let (analysis, compiled, list) = try analyse(cisco: """
            ip access-list extended RESTRICT
             deny ip any any
             permit icmp any any
            """, list: "RESTRICT")
        #expect(kinds(analysis) == [.matches, .shadowed([0])])
        recheckWitnesses(analysis, compiled, list)
    }

    @Test func coveredOnlyByTwoRulesTogether() throws {
        // Neither earlier rule covers the third alone; together they do.
        let (analysis, compiled, list) = try analyse(cisco: """
            ip access-list extended SPLIT
             permit tcp any any range 1 1000
             permit tcp any any range 1001 65535
             permit tcp any any eq 443
             permit tcp any any range 0 65535
            """, list: "SPLIT")
        // Port 0 is left for the last rule, which therefore still matches something; the first two
        // rules are redundant, since the last one permits everything they do.
        #expect(kinds(analysis) == [.redundant, .redundant, .shadowed([0]), .matches])
        recheckWitnesses(analysis, compiled, list)
    }

    @Test func shadowedOnlyByTwoRulesTogetherNamesBoth() throws {
        let (analysis, _, _) = try analyse(cisco: """
            ip access-list extended HALVES
             deny ip 10.0.0.0 0.127.255.255 any
             deny ip 10.128.0.0 0.127.255.255 any
             permit ip 10.0.0.0 0.255.255.255 any
            """, list: "HALVES")
        #expect(kinds(analysis) == [.matches, .matches, .shadowed([0, 1])])
    }

    @Test func discontiguousWildcardsAreExact() throws {
        let (analysis, _, _) = try analyse(cisco: """
            access-list 120 permit ip 10.0.0.0 0.0.255.0 any
            access-list 120 permit ip 10.0.7.0 0.0.0.255 any
            access-list 120 permit ip host 10.0.7.0 any
            """, list: "120")
        // 10.0.x.0 for every x covers host 10.0.7.0 but not all of 10.0.7.0/24.
        #expect(kinds(analysis) == [.matches, .matches, .shadowed([0])])
    }

    @Test func unresolvedObjectsAreNotAnalysedAndCoverNothing() throws {
        let (analysis, _, _) = try analyse(cisco: """
            ip access-list extended OBJ
             permit ip object-group NOWHERE any
             permit ip host 10.0.0.1 any
            """, list: "OBJ")
        let k = kinds(analysis)
        #expect(k.first == .notAnalysed)
        #expect(k.last == .matches || k.last == .redundant)
    }

    @Test func aBoundStopsAnAdversarialList() throws {
        // Every rule cuts every earlier rule's leftovers along several dimensions.
        var text = "ip access-list extended BLOWUP\n"
        for i in 0..<120 {
            text += " deny tcp 10.\(i).0.0 0.0.\(255 - i).255 host 192.0.2.\(i) range \(i * 100) \(i * 100 + 5000)\n"
        }
        text += " permit tcp 10.0.0.0 0.255.255.255 any\n"
        let config = CiscoIOSSupport().parse([ConfigInput(path: "t.cfg", text: "hostname t\n" + text)])
        let list = try #require(config.filter(named: "BLOWUP"))
        let compiled = RuleCompiler.compile(list.rules, zones: ZoneIndex([]))
        let analysis = RuleListAnalysis(rules: compiled, defaultAction: .deny, zones: ZoneIndex([]), comparisonBudget: 50_000)
        #expect(analysis.stoppedAt != nil, "a tight budget must stop with a stated bound")
    }
}

/// Zone reachability: an early DHCP rule must not hide an accepting input policy behind it.
struct ZoneReachabilityTests {
    @Test func dhcpRuleDoesNotHideAnOpenInputPolicy() throws {
        let text = """
            package firewall
            config zone
            	option name 'guest'
            	list network 'guest'
            	option input 'ACCEPT'
            	option forward 'REJECT'
            config rule
            	option name 'Allow-Guest-DHCP'
            	option src 'guest'
            	option proto 'udp'
            	option dest_port '67'
            	option target 'ACCEPT'
            """
        let config = OpenWrtSupport().parse([ConfigInput(path: "firewall", text: text)])
        let guest = try #require(config.zone(named: "guest"))
        let path = try #require(ZoneReachability.toRouter(from: guest, in: config))
        #expect(!(path.witness.proto == 17 && (67...68).contains(path.witness.destinationPort)))
        #expect(path.decidedBy.contains("policy"))
        // The witness really is accepted when evaluated concretely through the rules and policy.
        let zones = ZoneIndex(config: config)
        let rules = RuleCompiler.compile(config.filters.flatMap(\.rules), zones: zones)
        #expect(Evaluation.decide(path.witness, rules: rules, defaultAction: guest.input.value).action == .permit)
    }
}
