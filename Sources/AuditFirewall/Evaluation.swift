import AuditCore

/// Concrete first-match evaluation of one packet: the reference every witness is checked against.
public enum Evaluation {
    public struct Decision: Sendable, Equatable {
        /// Index of the deciding rule, nil when the default action decided.
        public var rule: Int?
        public var action: FilterAction
    }

    public static func decide(_ packet: Packet, rules: [CompiledRule], defaultAction: FilterAction) -> Decision {
        for rule in rules where rule.rule.enabled && rule.cubes.contains(where: packet.isIn) {
            return Decision(rule: rule.index, action: rule.rule.action)
        }
        return Decision(rule: nil, action: defaultAction)
    }

    /// Splits a query into the parts each rule (or the default) decides, in order. Rules that are
    /// not exact (conditions we cannot model, unresolved objects) are passed over: a conditional
    /// deny is no proof that traffic is blocked, so exposure questions err towards reporting.
    /// - Parameter stopAt: when given, stops at the first part decided with this action (the
    ///   exposure questions only need one witness).
    public static func partition(_ query: PacketSet, rules: [CompiledRule], defaultAction: FilterAction,
                                 stopAt: FilterAction? = nil) -> [(packets: PacketSet, decision: Decision)] {
        var remaining = query
        var parts: [(PacketSet, Decision)] = []
        for rule in rules where rule.rule.enabled && rule.exact && !rule.cubes.isEmpty && !remaining.isEmpty {
            let part = remaining.intersection(rule.cubes)
            if !part.isEmpty {
                parts.append((part, Decision(rule: rule.index, action: rule.rule.action)))
                if rule.rule.action == stopAt { return parts }
                remaining.subtract(rule.cubes)
            }
        }
        if !remaining.isEmpty { parts.append((remaining, Decision(rule: nil, action: defaultAction))) }
        return parts
    }
}
