import AuditCore

/// What changed between two runs: per device, findings that are new, fixed or persisting (by
/// fingerprint, so a finding that only moved lines persists), and devices whose state changed.
public struct RunDiff: Sendable {
    public struct DeviceChange: Sendable {
        public var device: String
        /// nil when the device was not in that run.
        public var before: DeviceState?
        public var after: DeviceState?
        public var new: [StoredFinding]
        public var fixed: [StoredFinding]
        public var persisting: [StoredFinding]

        public var stateChanged: Bool { before != after }
    }

    public var devices: [DeviceChange]

    public var newCount: Int { devices.reduce(0) { $0 + $1.new.count } }
    public var fixedCount: Int { devices.reduce(0) { $0 + $1.fixed.count } }
    public var persistingCount: Int { devices.reduce(0) { $0 + $1.persisting.count } }

    /// Findings are only compared where both runs audited the device: a device that could not be
    /// reached has unknown findings, not fixed ones.
    public static func compare(before: [DeviceResult], after: [DeviceResult]) -> RunDiff {
        let old = Dictionary(before.map { ($0.device, $0) }, uniquingKeysWith: { a, _ in a })
        let new = Dictionary(after.map { ($0.device, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [DeviceChange] = []
        for name in Set(old.keys).union(new.keys).sorted() {
            let a = old[name], b = new[name]
            var change = DeviceChange(device: name, before: a?.state, after: b?.state, new: [], fixed: [], persisting: [])
            if let a, let b, a.state == .audited, b.state == .audited {
                let was = Set(a.findings.map(\.fingerprint)), now = Set(b.findings.map(\.fingerprint))
                change.new = b.findings.filter { !was.contains($0.fingerprint) }
                change.fixed = a.findings.filter { !now.contains($0.fingerprint) }
                change.persisting = b.findings.filter { was.contains($0.fingerprint) }
            } else if a == nil, let b, b.state == .audited {
                change.new = b.findings
            }
            changes.append(change)
        }
        return RunDiff(devices: changes)
    }
}
