import AuditCore

/// First-match analysis of one ordered rule list: which rules can never match (and which earlier
/// rules cover them), which can be removed without changing any decision, and for every rule that
/// does match a witness packet it decides.
public struct RuleListAnalysis: Sendable {
    public enum Outcome: Sendable {
        /// The rule decides these packets (a witness among them).
        case matches(witness: Packet)
        /// No packet reaches the rule: earlier rules decide all of it. `by` lists earlier rules
        /// that together cover it (broadest first when choosing), in rule order.
        case shadowed(by: [Int])
        /// The rule decides packets, but every one of them would get the same action without it.
        case redundant(witness: Packet, decidedInsteadBy: [Int])
        /// Disabled, empty, not expressible exactly, or past a bound: not analysed.
        case notAnalysed(reason: String)
    }

    public var rules: [CompiledRule]
    public var outcomes: [Outcome]
    /// The first rule the analysis gave up on because of its bounds (it carries on after it).
    public var stoppedAt: Int?

    public static let defaultComparisonBudget = 400_000_000

    /// - Parameters:
    ///   - defaultAction: what happens to a packet no rule matches; nil when it depends on where
    ///     the packet comes from (zone policies), so no rule is called redundant because of it.
    ///   - comparisonBudget: cube comparisons allowed in all; past it the remaining rules are
    ///     reported as not analysed, with the bound named.
    public init(rules: [CompiledRule], defaultAction: FilterAction?, zones: ZoneIndex,
                comparisonBudget: Int = RuleListAnalysis.defaultComparisonBudget) {
        self.rules = rules
        var outcomes: [Outcome] = []
        outcomes.reserveCapacity(rules.count)
        var budget = comparisonBudget
        var matched: [PacketSet?] = Array(repeating: nil, count: rules.count)
        var stopped: Int?
        // Earlier analysable rules, their cubes flattened with the rule each came from.
        var earlierCubes: [Cube] = []
        var earlierOwner: [Int] = []

        for i in rules.indices {
            let rule = rules[i]
            defer {
                if rule.rule.enabled && rule.exact {
                    earlierCubes += rule.cubes
                    earlierOwner += Array(repeating: i, count: rule.cubes.count)
                }
            }
            guard rule.rule.enabled else { outcomes.append(.notAnalysed(reason: "disabled")); continue }
            guard rule.exact, !rule.cubes.isEmpty else {
                outcomes.append(.notAnalysed(reason: rule.inexactReason ?? "matches no packet of a modelled family"))
                continue
            }
            guard budget > 0 else {
                stopped = stopped ?? i
                outcomes.append(.notAnalysed(reason: "analysis stopped after \(comparisonBudget) comparisons"))
                continue
            }
            // The earlier cubes that overlap this rule at all; nothing else can shadow it.
            var overlapping: [Int] = []
            earlierCubes.withUnsafeBufferPointer { earlier in
                for k in earlier.indices {
                    for cube in rule.cubes where cube.intersects(earlier[k]) {
                        overlapping.append(k)
                        break
                    }
                }
            }
            budget -= earlierCubes.count * rule.cubes.count
            let others = overlapping.map { earlierCubes[$0] }

            // 1. One earlier rule containing the whole rule shadows it: no search needed.
            if rule.cubes.count == 1, let k = overlapping.first(where: { earlierCubes[$0].contains(rule.cubes[0]) }) {
                outcomes.append(.shadowed(by: [earlierOwner[k]]))
                continue
            }

            // 2. Quick witness: a packet of the rule that no earlier rule matches.
            if let point = rule.cubes.lazy.compactMap({ WitnessSearch.uncovered(in: $0, avoiding: others) }).first {
                outcomes.append(.matches(witness: Packet.witness(in: point, zones: zones)))
                // The exact matched set, when it stays small, sharpens the redundancy pass; it is
                // an optional refinement, so it gets a small bound of its own.
                if others.count <= 64 {
                    var set = PacketSet(rule.cubes, limit: 256)
                    set.subtract(others)
                    budget -= others.count * max(1, set.cubes.count)
                    if !set.overflowed { matched[i] = set }
                }
                continue
            }
            // 3. Exact subtraction, bounded. Broad covers go first (a cube containing the rule in
            // every dimension empties it at once); cutting with narrow ones first fragments it.
            let order = overlapping.map { (k: $0, score: Self.coverScore(earlierCubes[$0], rule.cubes)) }
                .sorted { $0.score > $1.score || ($0.score == $1.score && $0.k < $1.k) }.map(\.k)
            var remaining = PacketSet(rule.cubes)
            var shadowers: [Int] = []
            for k in order {
                budget -= remaining.cubes.count
                if remaining.subtract([earlierCubes[k]]), shadowers.last != earlierOwner[k] { shadowers.append(earlierOwner[k]) }
                if remaining.isEmpty || remaining.overflowed || budget <= 0 { break }
            }
            if remaining.isEmpty {
                outcomes.append(.shadowed(by: Array(Set(shadowers)).sorted()))
            } else if remaining.overflowed || budget <= 0 {
                stopped = stopped ?? i
                outcomes.append(.notAnalysed(reason: "the rule's remaining packet space exceeded \(PacketSet.bound) pieces"))
            } else {
                matched[i] = remaining
                outcomes.append(.matches(witness: Packet.witness(in: remaining.cubes[0], zones: zones)))
            }
        }

        // Redundancy: the packets a rule decides would get the same action without it.
        for i in rules.indices where budget > 0 {
            guard case .matches(let witness) = outcomes[i] else { continue }
            let action = rules[i].rule.action
            if let decidedBy = Self.sameDecisionLater(i, matched: matched[i], rules: rules, action: action,
                                                      defaultAction: defaultAction, budget: &budget) {
                outcomes[i] = .redundant(witness: witness, decidedInsteadBy: decidedBy)
            }
        }
        self.outcomes = outcomes
        self.stoppedAt = stopped
    }

    /// How many dimensions of the rule's cubes a cube spans entirely.
    static func coverScore(_ cube: Cube, _ targets: [Cube]) -> Int {
        var score = 0
        for target in targets {
            for d in 0..<Dimension.count where cube.lo(d) <= target.lo(d) && cube.hi(d) >= target.hi(d) { score += 1 }
        }
        return score
    }

    /// Which later rules (and -1 for the default) would decide rule `i`'s packets, when all of
    /// them give the same action; nil when some packet would be decided differently or we cannot tell.
    static func sameDecisionLater(_ i: Int, matched: PacketSet?, rules: [CompiledRule], action: FilterAction,
                                  defaultAction: FilterAction?, budget: inout Int) -> [Int]? {
        // Work on the exact matched set when we have it, else on the whole rule (a sound
        // over-approximation: if every packet of the rule is decided the same later, so are the
        // packets it actually decides).
        var packets = matched ?? PacketSet(rules[i].cubes)
        var decidedBy: [Int] = []
        for j in (i + 1)..<rules.count where rules[j].rule.enabled && !rules[j].cubes.isEmpty {
            guard packets.intersects(rules[j].cubes) else { continue }
            guard rules[j].exact else { return nil }
            if rules[j].rule.action != action { return nil }
            decidedBy.append(j)
            budget -= packets.cubes.count * rules[j].cubes.count
            packets.subtract(rules[j].cubes)
            if packets.overflowed || budget <= 0 { return nil }
            if packets.isEmpty { return decidedBy }
        }
        return defaultAction == action ? decidedBy + [-1] : nil
    }
}
