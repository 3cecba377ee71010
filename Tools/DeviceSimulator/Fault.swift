/// A misbehaviour injected into one simulated device, so collectors and sweeps can be tested
/// against the ways real routers fail.
public enum Fault: String, CaseIterable, Sendable, Hashable {
    /// Accepts and authenticates, then never answers (even-numbered devices) or stalls half-way
    /// through the configuration with the connection left open (odd-numbered devices).
    case hang
    /// Nothing accepts on the port (even-numbered devices), or the connection is accepted and
    /// closed at once before the SSH banner (odd-numbered devices).
    case refuse
    /// Presents a host key other than the one written to `known_hosts`.
    case hostkeyChanged = "hostkey-changed"
    /// Sends about half of the configuration, then drops the TCP connection.
    case dropMidOutput = "drop-mid-output"
    /// Answers a configuration command with output that never ends.
    case flood
    /// Rejects the password written to the state folder.
    case wrongPassword = "wrong-password"
}

/// `hang=5%,refuse=5%,...` as given on the command line: the share of devices for each fault.
public struct FaultSpec: Sendable, Equatable {
    /// Percent of devices per fault, in the order given.
    public var shares: [(fault: Fault, percent: Double)]

    public init(shares: [(fault: Fault, percent: Double)] = []) {
        self.shares = shares
    }

    public static func == (lhs: FaultSpec, rhs: FaultSpec) -> Bool {
        lhs.shares.elementsEqual(rhs.shares) { $0.fault == $1.fault && $0.percent == $1.percent }
    }

    /// Parses `NAME=P%` items separated by commas; `%` is optional. The shares may not add up to
    /// more than 100%.
    public init(parsing text: String) throws(SimulatorError) {
        var shares: [(fault: Fault, percent: Double)] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: true) {
            let parts = item.split(separator: "=", maxSplits: 1)
            let name = parts.first.map { String($0).trimmingSpaces } ?? ""
            guard let fault = Fault(rawValue: name) else {
                let known = Fault.allCases.map(\.rawValue).joined(separator: ", ")
                throw .badArgument("--fault: unknown fault '\(name)' (known: \(known))")
            }
            guard parts.count == 2 else { throw .badArgument("--fault: '\(item)' needs a share, as in \(name)=5%") }
            var value = String(parts[1]).trimmingSpaces
            if value.hasSuffix("%") { value.removeLast() }
            guard let percent = Double(value), percent >= 0, percent <= 100 else {
                throw .badArgument("--fault: '\(item)' needs a share between 0% and 100%")
            }
            guard !shares.contains(where: { $0.fault == fault }) else {
                throw .badArgument("--fault: '\(name)' is given twice")
            }
            shares.append((fault, percent))
        }
        guard shares.reduce(0, { $0 + $1.percent }) <= 100 else {
            throw .badArgument("--fault: the shares add up to more than 100%")
        }
        self.shares = shares
    }

    /// Which device (by index) gets which fault. Each fault gets `round(percent × devices / 100)`
    /// devices, chosen by a shuffle seeded from `seed`, and no device gets two faults, so the
    /// counts are exact and a restart with the same seed gives the same plan.
    public func assign(devices: Int, seed: String) -> [Fault?] {
        var plan = [Fault?](repeating: nil, count: devices)
        var order = Array(0..<devices)
        var random = SeededRandom(seed: seed, purpose: "fault plan")
        order.shuffle(using: &random)
        var next = 0
        for share in shares {
            let count = Int((share.percent * Double(devices) / 100).rounded())
            for _ in 0..<count where next < devices {
                plan[order[next]] = share.fault
                next += 1
            }
        }
        return plan
    }
}

extension String {
    var trimmingSpaces: String {
        var text = Substring(self)
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return String(text)
    }
}
