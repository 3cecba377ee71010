#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore
import AuditSSH
import RouterAudit

/// The adaptor between inventory devices and the libssh collector (issue #6, `AuditSSH`): maps a
/// device's settings onto an `SSHTarget`, `SSHCredentials` and a vendor collection profile, runs
/// `SSHCollector.collectBlocking` on the sweep's own worker thread, and maps its failures onto
/// the sweep's device states.
public enum SSHCollectorAdaptor {
    public static func make(environment: [String: String] = ProcessInfo.processInfo.environment) -> any DeviceCollector {
        SSHDeviceCollector(environment: environment)
    }
}

final class SSHDeviceCollector: DeviceCollector {
    let environment: [String: String]
    /// One collector per known_hosts file (each owns its file and its lock).
    let collectors = Locked<[String: SSHCollector]>([:])
    let profiles = Locked<[String: VendorProfile]>([:])

    init(environment: [String: String]) {
        self.environment = environment
    }

    func collect(_ device: InventoryDevice, deadline: ContinuousClock.Instant) -> Result<CollectedConfig, DeviceFailure> {
        guard case .network(let host, let port) = device.target else { return .failure(.unreachable("not a network device")) }
        let settings = device.settings
        guard let vendor = settings.vendor else {
            return .failure(.parseFailed("vendor: auto is not supported for SSH devices yet: set the vendor (a collection profile id)"))
        }
        let profile: VendorProfile
        switch loadProfile(vendor) {
        case .success(let loaded): profile = loaded
        case .failure(let failure): return .failure(failure)
        }
        let credentials: SSHCredentials
        switch Self.credentials(settings, environment: environment) {
        case .success(let found): credentials = found
        case .failure(let failure): return .failure(failure)
        }
        let policy: AuditSSH.HostKeyPolicy = switch settings.hostKeyPolicy {
        case .strict: .strict
        case .trustOnFirstUse: .trustOnFirstUse
        case .pinned(let fingerprint): .pinned(fingerprint: fingerprint)
        }
        let target = SSHTarget(host: host, port: port, legacyAlgorithms: settings.legacyAlgorithms, hostKeyPolicy: policy)
        let remaining = deadline - .now
        let seconds = max(0.1, Double(remaining.components.seconds) + Double(remaining.components.attoseconds) / 1e18)
        let limits = CollectionLimits(connectTimeout: min(10, seconds), deadline: seconds)
        let result = collector(knownHosts: settings.knownHosts).collectBlocking(target: target, profile: profile,
                                                                                credentials: credentials, limits: limits)
        if let failure = result.failure { return .failure(Self.map(failure)) }
        guard !result.configs.isEmpty else { return .failure(.parseFailed("the device returned no configuration")) }
        return .success(CollectedConfig(inputs: result.configInputs, facts: result.facts, vendor: profile.id))
    }

    func collector(knownHosts: String?) -> SSHCollector {
        let path = knownHosts ?? KnownHostsFile.defaultPath(environment: environment)
        return collectors.withLock { collectors in
            if let existing = collectors[path] { return existing }
            let created = SSHCollector(knownHosts: KnownHostsFile(path: path), maxConcurrentSessions: 1)
            collectors[path] = created
            return created
        }
    }

    func loadProfile(_ vendor: String) -> Result<VendorProfile, DeviceFailure> {
        if let cached = profiles.withLock({ $0[vendor] }) { return .success(cached) }
        do {
            let profile = try VendorProfileLoader.load(idOrPath: vendor)
            profiles.withLock { $0[vendor] = profile }
            return .success(profile)
        } catch {
            return .failure(.parseFailed("no collection profile for vendor '\(vendor)': \(error)"))
        }
    }

    /// The password or key a device's settings point at, and the enable secret (the login
    /// password when none is set). The secrets themselves never reach a message.
    static func credentials(_ settings: DeviceSettings, environment: [String: String]) -> Result<SSHCredentials, DeviceFailure> {
        var credentials: SSHCredentials
        switch login(settings, environment: environment) {
        case .success(let found): credentials = found
        case .failure(let failure): return .failure(failure)
        }
        switch settings.enableSecret {
        case nil:
            credentials.enableSecret = credentials.password
        case .environment(let name)?:
            guard let value = environment[name] else { return .failure(.authFailed("environment variable \(name) (enable-secret-env) is not set")) }
            credentials.enableSecret = SSHSecret(value)
        case .file(let path)?:
            guard let secret = firstLine(of: path) else { return .failure(.authFailed("enable secret file \(path) cannot be read")) }
            credentials.enableSecret = SSHSecret(secret)
        default:
            break
        }
        return .success(credentials)
    }

    static func login(_ settings: DeviceSettings, environment: [String: String]) -> Result<SSHCredentials, DeviceFailure> {
        let user = settings.user ?? "admin"
        switch settings.credential {
        case nil:
            return .success(SSHCredentials(user: user, useAgent: environment["SSH_AUTH_SOCK"] != nil))
        case .environment(let name):
            guard let value = environment[name] else { return .failure(.authFailed("environment variable \(name) (password-env) is not set")) }
            return .success(SSHCredentials(user: user, password: SSHSecret(value)))
        case .file(let path):
            guard let secret = firstLine(of: path) else { return .failure(.authFailed("password file \(path) cannot be read")) }
            return .success(SSHCredentials(user: user, password: SSHSecret(secret)))
        case .key(let path):
            return .success(SSHCredentials(user: user, identityFile: path))
        case .agent:
            return .success(SSHCredentials(user: user, useAgent: true))
        case .inline(let password):
            return .success(SSHCredentials(user: user, password: SSHSecret(password)))
        }
    }

    static func firstLine(of path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return String(line.hasSuffix("\r") ? line.dropLast() : line)
    }

    /// libssh's failure kinds onto device states; a reset or closed connection is retried.
    static func map(_ failure: AuditSSH.CollectionFailure) -> DeviceFailure {
        let reason = failure.reason
        let lower = reason.lowercased()
        let reset = lower.contains("reset") || lower.contains("closed") || lower.contains("disconnect") || lower.contains("broken pipe") || lower.contains("eof")
        switch failure.kind {
        case .unreachable: return reset ? .connectionReset(reason) : .unreachable(reason)
        case .authFailed, .enableFailed: return .authFailed(reason)
        case .hostKeyUnknown: return .hostKeyMismatch("unknown host key: \(reason)")
        case .hostKeyMismatch: return .hostKeyMismatch(reason)
        case .timedOut: return .timedOut(reason)
        case .outputTooLarge: return .parseFailed(reason)
        case .protocolError: return reset ? .connectionReset(reason) : .unreachable(reason)
        }
    }
}
