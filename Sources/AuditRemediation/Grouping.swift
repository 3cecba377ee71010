import AuditCore

/// Findings that touch the same thing (one line block, one ACL, one account) are fixed by one
/// block, so the block can be rendered knowing every intent that concerns it.
struct FindingGroups {
    /// key → (finding index, finding), in first-seen order.
    private(set) var order: [String] = []
    private(set) var members: [String: [(Int, Finding)]] = [:]
    private(set) var unfixable: [UnfixableFinding] = []

    mutating func add(_ index: Int, _ finding: Finding, keys: Result<[String], Reason>) {
        switch keys {
        case .success(let keys):
            for key in keys {
                if members[key] == nil { order.append(key) }
                members[key, default: []].append((index, finding))
            }
        case .failure(let reason):
            unfixable.append(UnfixableFinding(finding: index, reason: reason.text))
        }
    }

    mutating func markUnfixable(_ index: Int, _ reason: String) {
        guard !unfixable.contains(where: { $0.finding == index }) else { return }
        unfixable.append(UnfixableFinding(finding: index, reason: reason))
    }
}

/// Why a finding has no automatic fix, and what a person must do.
struct Reason: Error {
    var text: String
    init(_ text: String) { self.text = text }
}
