import AuditCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Collects configuration from devices over SSH, read-only, following a vendor profile. One
/// collector is shared by a whole sweep: it owns the known_hosts file and the concurrency gate.
///
/// ```swift
/// let collector = SSHCollector(knownHosts: KnownHostsFile(path: path), maxConcurrentSessions: 50)
/// let result = await collector.collect(target: target, profile: profile, credentials: credentials, limits: limits)
/// ```
public final class SSHCollector: Sendable {
    public let knownHosts: KnownHostsFile
    public let gate: SessionGate

    public init(knownHosts: KnownHostsFile, maxConcurrentSessions: Int = 16) {
        _ = LibSSH.initialized  // before any session thread starts
        self.knownHosts = knownHosts
        self.gate = SessionGate(limit: maxConcurrentSessions)
    }

    /// Runs one collection on a dedicated thread (through the gate) and calls `completion` there.
    public func collect(target: SSHTarget, profile: VendorProfile, credentials: SSHCredentials, limits: CollectionLimits = CollectionLimits(),
                        completion: @escaping @Sendable (CollectionResult) -> Void) {
        gate.submit { [self] in
            completion(collectBlocking(target: target, profile: profile, credentials: credentials, limits: limits))
        }
    }

    /// Async form for sweeps: the session never blocks a cooperative-pool thread.
    public func collect(target: SSHTarget, profile: VendorProfile, credentials: SSHCredentials,
                        limits: CollectionLimits = CollectionLimits()) async -> CollectionResult {
        await withCheckedContinuation { continuation in
            collect(target: target, profile: profile, credentials: credentials, limits: limits) { continuation.resume(returning: $0) }
        }
    }

    /// Runs one collection on the calling thread, start to finish. For command-line use and for
    /// callers that manage their own threads; never call it from a Swift task.
    public func collectBlocking(target: SSHTarget, profile: VendorProfile, credentials: SSHCredentials,
                                limits: CollectionLimits = CollectionLimits()) -> CollectionResult {
        let deadline = Deadline(seconds: limits.deadline)
        var result = CollectionResult(target: target, profileID: profile.id)
        var transcript = ""
        do throws(CollectionFailure) {
            let compiled = try CompiledProfile(profile, target: target.label)
            let session = try SSHSession(target: target, limits: limits)
            try session.connect()
            result.timings.connected = deadline.elapsed
            result.algorithms = session.negotiated
            try HostKeyVerifier(store: knownHosts).verify(session)
            try session.authenticate(credentials)
            result.timings.authenticated = deadline.elapsed
            if deadline.expired {
                throw CollectionFailure(.timedOut, target: target.label, "deadline of \(ShellDriver.seconds(limits.deadline)) reached during login")
            }
            switch profile.mode {
            case .shell:
                let channel = try session.openShell(columns: 511, rows: 24)
                var driver = ShellDriver(channel: channel, profile: profile, compiled: compiled, deadline: deadline, limits: limits, target: target.label)
                defer { transcript = driver.screen.fullText }
                try driver.run(credentials: credentials, into: &result)
            case .exec:
                var driver = ExecDriver(session: session, profile: profile, deadline: deadline, limits: limits, target: target.label)
                defer { transcript = driver.transcript }
                try driver.run(into: &result)
            }
        } catch {
            result.failure = error
        }
        let secrets = credentials.typedSecrets
        result.transcript = Redaction.redact(transcript, secrets: secrets)
        // A device that echoes a typed secret must not put it in a saved config either.
        result.configs = result.configs.map { CommandOutput(command: $0.command, text: Redaction.redact($0.text, secrets: secrets)) }
        result.version = result.version.map { CommandOutput(command: $0.command, text: Redaction.redact($0.text, secrets: secrets)) }
        result.timings.finished = deadline.elapsed
        return result
    }
}

/// Replaces secrets the tool typed (login password, enable secret) wherever a device echoed them.
enum Redaction {
    static let mask = "********"

    static func redact(_ text: String, secrets: [String]) -> String {
        var text = text
        for secret in secrets where mayContain(text, secret) && text.contains(secret) {
            text = text.replacing(secret, with: mask)
        }
        return text
    }

    /// A byte search first: `String.contains` compares Characters and cost more per collection than
    /// the SSH key exchange on a configuration of tens of kilobytes. For an ASCII secret without
    /// CR every Character match is also a byte match, so a byte miss is a sure miss; any other
    /// secret goes straight to the Character comparison.
    static func mayContain(_ text: String, _ secret: String) -> Bool {
        guard !secret.isEmpty, secret.utf8.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return true }
        var text = text, secret = secret
        return text.withUTF8 { haystack in
            secret.withUTF8 { needle in
                guard let hay = haystack.baseAddress, let first = needle.first, needle.count <= haystack.count else { return false }
                var index = 0
                while index <= haystack.count - needle.count {
                    if haystack[index] == first, memcmp(hay + index, needle.baseAddress!, needle.count) == 0 { return true }
                    index += 1
                }
                return false
            }
        }
    }
}
