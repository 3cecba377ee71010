import AuditCore

/// Gets a device's configuration text. Implementations block (sockets, files); the sweep engine
/// calls them on its own threads, never inside the Swift cooperative pool.
public protocol DeviceCollector: Sendable {
    /// Collects one device. Must give up by `deadline`: the engine stops waiting shortly after it
    /// and reports the device as timed out either way.
    func collect(_ device: InventoryDevice, deadline: ContinuousClock.Instant) -> Result<CollectedConfig, DeviceFailure>

    /// False for collectors that cannot block past a deadline (files): the engine then calls them
    /// directly instead of on a watchdog thread.
    var mayOverrunDeadline: Bool { get }
}

extension DeviceCollector {
    public var mayOverrunDeadline: Bool { true }
}

/// What a collector brings back: one or more texts (a config and `/etc/shadow`, say).
public struct CollectedConfig: Sendable {
    public var inputs: [ConfigInput]
    /// How it was collected (the negotiated SSH algorithms become findings).
    public var facts: CollectionFacts?
    /// The vendor the collection profile spoke to, when known.
    public var vendor: String?

    public init(inputs: [ConfigInput], facts: CollectionFacts? = nil, vendor: String? = nil) {
        self.inputs = inputs
        self.facts = facts
        self.vendor = vendor
    }
}

/// Why a device could not be collected. The reason is one line, names no secret, and is cleaned
/// of control characters before it reaches a terminal.
public enum DeviceFailure: Error, Sendable, Hashable {
    /// No route, connection refused, DNS failure, file missing.
    case unreachable(String)
    /// The peer closed or reset the connection: retried with backoff within the deadline.
    case connectionReset(String)
    case authFailed(String)
    /// The host key differs from the known one (the reason names both fingerprints).
    case hostKeyMismatch(String)
    case timedOut(String)
    /// Output came back but is not a configuration.
    case parseFailed(String)

    public var isRetryable: Bool {
        if case .connectionReset = self { return true }
        return false
    }

    public var state: DeviceState {
        switch self {
        case .unreachable, .connectionReset: .unreachable
        case .authFailed: .authFailed
        case .hostKeyMismatch: .hostKeyMismatch
        case .timedOut: .timedOut
        case .parseFailed: .parseFailed
        }
    }

    public var reason: String {
        switch self {
        case .unreachable(let r), .connectionReset(let r), .authFailed(let r), .hostKeyMismatch(let r), .timedOut(let r), .parseFailed(let r): r
        }
    }
}

/// How a device ended in a sweep.
public enum DeviceState: String, Sendable, Hashable, CaseIterable, Codable {
    case audited
    case unreachable
    case authFailed = "auth-failed"
    case hostKeyMismatch = "host-key-mismatch"
    case timedOut = "timed-out"
    case parseFailed = "parse-failed"
}
