import AuditCore

/// Why a collection failed, typed so a sweep can count and retry by kind.
public struct CollectionFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case unreachable = "unreachable"
        case authFailed = "auth-failed"
        case hostKeyUnknown = "host-key-unknown"
        case hostKeyMismatch = "host-key-mismatch"
        case timedOut = "timed-out"
        case outputTooLarge = "output-too-large"
        case enableFailed = "enable-failed"
        case protocolError = "protocol-error"
    }

    public var kind: Kind
    /// `host:port`.
    public var target: String
    /// One line, without the target (the description adds it).
    public var reason: String

    /// The reason may quote the device (a disconnect message, stderr): it is sanitised to one
    /// line without terminal sequences.
    public init(_ kind: Kind, target: String, _ reason: String) {
        self.kind = kind
        self.target = target
        self.reason = TerminalScreen.sanitize(Array(reason.utf8)).split(separator: "\n").joined(separator: " ")
    }

    /// One line naming the device: `10.0.0.1:22: auth-failed: password refused for user admin`.
    public var description: String { "\(target): \(kind.rawValue): \(reason)" }
}

/// The output of one command run on the device, already sanitised (no terminal control
/// sequences), with CRLF turned into LF.
public struct CommandOutput: Sendable, Hashable {
    public var command: String
    public var text: String
    public init(command: String, text: String) {
        self.command = command
        self.text = text
    }
}

/// Wall-clock milestones of one collection, in seconds from its start.
public struct CollectionTimings: Sendable, Hashable, Codable {
    public var connected: Double?
    public var authenticated: Double?
    public var finished: Double = 0
    public init() {}
}

/// Everything one collection produced. On failure the parts gathered before it are kept (the
/// transcript shows how far it got).
public struct CollectionResult: Sendable {
    public var target: SSHTarget
    public var profileID: String
    /// Outputs of the profile's configuration commands, in order (the inputs to audit).
    public var configs: [CommandOutput] = []
    /// Output of the profile's version commands.
    public var version: [CommandOutput] = []
    /// What was received and sent, sanitised; typed secrets replaced by `********`.
    public var transcript: String = ""
    public var algorithms: NegotiatedSSHAlgorithms?
    public var timings = CollectionTimings()
    public var failure: CollectionFailure?

    public init(target: SSHTarget, profileID: String) {
        self.target = target
        self.profileID = profileID
    }

    public var succeeded: Bool { failure == nil && !configs.isEmpty }

    /// The collected configuration as inputs for `Auditor.audit(inputs:)`, named `host:port command`.
    public var configInputs: [ConfigInput] {
        configs.map { ConfigInput(path: "\(target.label) \($0.command)", text: $0.text) }
    }

    /// Facts for `DeviceConfig.collection`.
    public var facts: CollectionFacts {
        CollectionFacts(target: target.label, ssh: algorithms)
    }
}
