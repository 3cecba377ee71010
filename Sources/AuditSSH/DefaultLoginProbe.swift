import AuditCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A published default login to try on a live device. `source` says where it is documented; the
/// password is only ever typed into the SSH authentication, never shown.
public struct DefaultLoginCandidate: Sendable {
    public var user: String
    public var password: SSHSecret
    public var source: String

    public init(user: String, password: SSHSecret, source: String) {
        self.user = user
        self.password = password
        self.source = source
    }

    /// How the login is named in output: never its password.
    public var label: String { "vendor default for \(user.isEmpty ? "(empty user)" : user) (source: \(source))" }
}

/// How hard the probe may try. Lockout policies count failed logins, most often per account and
/// from 3 failures (FortiOS `admin-lockout-threshold` 3, Huawei `retry-time 3`, Linux
/// `pam_faillock` deny=3): `maxAttempts` is a hard cap on failed logins per device and run, no
/// account gets more than `maxPerAccount` of them, and the delay keeps rate-based blocking quiet.
public struct DefaultLoginPolicy: Sendable, Hashable {
    public var maxAttempts: Int
    public var delaySeconds: Double
    /// Below the common lockout threshold of 3 failures per account.
    public static let maxPerAccount = 2

    public init(maxAttempts: Int = 3, delaySeconds: Double = 2) {
        self.maxAttempts = maxAttempts
        self.delaySeconds = delaySeconds
    }
}

/// What the probe did: every attempt with its outcome.
public struct DefaultLoginProbeResult: Sendable {
    public enum Outcome: Sendable {
        case accepted
        case refused
        /// Not a verdict on the login (unreachable, host key, timeout): the probe stopped.
        case failed(CollectionFailure)
    }

    public var attempts: [(candidate: DefaultLoginCandidate, outcome: Outcome)] = []
    /// Candidates left untried because the attempt limit was reached or the probe stopped.
    public var untried = 0
    public var accepted: (candidate: DefaultLoginCandidate, attempt: Int)?
    /// What the session negotiated (for the report), from the last attempt that got that far.
    public var algorithms: NegotiatedSSHAlgorithms?

    public init() {}

    public var refusedCount: Int {
        attempts.filter { if case .refused = $0.outcome { true } else { false } }.count
    }

    /// One line for the terminal, without any password.
    public var summary: String {
        if let accepted {
            return "\(accepted.candidate.label) accepted on attempt \(accepted.attempt)"
        }
        var text = "no default login accepted (\(refusedCount) refused"
        if untried > 0 { text += ", \(untried) more not tried" }
        text += ")"
        if case .failed(let failure)? = attempts.last?.outcome { text += "; stopped: \(failure)" }
        return text
    }
}

extension SSHCollector {
    /// Tries `candidates` in order, one SSH connection and one password per attempt (the session
    /// sends a password by one method only), at most `policy.maxAttempts` of them, waiting
    /// `policy.delaySeconds` between attempts. Stops at the first accepted login and at the first
    /// failure that is not a refused password (unreachable, host key, timeout): nothing is
    /// retried. Login only, no channel is opened. Blocking: run it on a thread of its own.
    public func probeDefaultLogins(target: SSHTarget, candidates: [DefaultLoginCandidate], policy: DefaultLoginPolicy,
                                   limits: CollectionLimits, progress: (String) -> Void = { _ in }) -> DefaultLoginProbeResult {
        var probe = DefaultLoginProbeResult()
        let allowed = Self.withinLimits(candidates, policy: policy)
        probe.untried = candidates.count - allowed.count
        for (index, candidate) in allowed.enumerated() {
            if index > 0, policy.delaySeconds > 0 { Self.pause(policy.delaySeconds) }
            progress("trying \(candidate.label) [\(index + 1)/\(allowed.count)]")
            let (algorithms, failure) = checkLogin(target: target, credentials: SSHCredentials(user: candidate.user, password: candidate.password),
                                                   limits: limits)
            if let algorithms { probe.algorithms = algorithms }
            guard let failure else {
                probe.attempts.append((candidate, .accepted))
                probe.accepted = (candidate, index + 1)
                probe.untried += allowed.count - index - 1
                return probe
            }
            guard failure.kind == .authFailed else {
                probe.attempts.append((candidate, .failed(failure)))
                probe.untried += allowed.count - index - 1
                return probe
            }
            probe.attempts.append((candidate, .refused))
        }
        return probe
    }

    /// The candidates the probe may try, in order: at most `maxAttempts`, and at most
    /// `maxPerAccount` per user name, so no account is pushed to a lockout threshold of 3.
    static func withinLimits(_ candidates: [DefaultLoginCandidate], policy: DefaultLoginPolicy) -> [DefaultLoginCandidate] {
        var perAccount: [String: Int] = [:]
        var allowed: [DefaultLoginCandidate] = []
        for candidate in candidates where allowed.count < policy.maxAttempts {
            guard perAccount[candidate.user, default: 0] < DefaultLoginPolicy.maxPerAccount else { continue }
            perAccount[candidate.user, default: 0] += 1
            allowed.append(candidate)
        }
        return allowed
    }

    static func pause(_ seconds: Double) {
        var request = timespec(tv_sec: Int(seconds), tv_nsec: Int((seconds - seconds.rounded(.down)) * 1e9))
        var remaining = timespec()
        while nanosleep(&request, &remaining) != 0, errno == EINTR { request = remaining }
    }
}
