#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore
import AuditCredentials
import AuditReport
import RouterAudit
import Synchronization

/// Audits collected devices for a sweep: one `Auditor` per (policy, vendor) pair, one credential
/// engine whose hash judgements are remembered in the store, and reuse of an earlier run's result
/// when a device's configuration and everything the audit depends on are unchanged.
public final class FleetAuditor: Sendable {
    struct Profile: Sendable {
        var auditor: Auditor
        var catalog: [String: CheckDescription]
        /// Tool version, policy (name and content), vendor choice, crack depth.
        var key: String
    }

    let profiles: [String: Profile]
    public let toolVersion: String

    /// Loads every policy the inventory names; a policy that cannot be loaded is an error naming it.
    public init(inventory: Inventory, engine: CredentialEngine, toolVersion: String) throws {
        self.toolVersion = toolVersion
        var profiles: [String: Profile] = [:]
        var policies: [String: (AuditPolicy, String)] = [:]
        for device in inventory.devices {
            let settings = device.settings
            let name = Self.profileName(settings)
            guard profiles[name] == nil else { continue }
            if policies[settings.policy] == nil {
                let policy: AuditPolicy
                do {
                    policy = try PolicyLoader.load(nameOrPath: settings.policy, knownCheckIDs: RouterAuditFacade.checkIDs)
                } catch {
                    throw StoreError("\(device.declaredAt): \(error)")
                }
                let content = FileManager.default.contents(atPath: settings.policy).map { Hex.sha256(Array($0)) } ?? "built-in"
                policies[settings.policy] = (policy, content)
            }
            guard let (policy, content) = policies[settings.policy] else { continue }
            if let vendor = settings.vendor, !RouterAuditFacade.vendorIDs.contains(vendor) {
                throw StoreError("\(device.declaredAt): unknown vendor '\(vendor)' (known: \(RouterAuditFacade.vendorIDs.joined(separator: ", ")), auto)")
            }
            var deviceEngine = engine
            deviceEngine.depth = policy.crackDepth
            let auditor = Auditor(options: .init(forcedVendor: settings.vendor.map { VendorID($0) }, policy: policy, credentials: deviceEngine))
            let key = "\(toolVersion)|\(settings.policy)|\(content)|\(settings.vendor ?? "auto")|\(policy.crackDepth.rawValue)"
            profiles[name] = Profile(auditor: auditor, catalog: auditor.catalog, key: Hex.sha256(Array(key.utf8)))
        }
        self.profiles = profiles
    }

    static func profileName(_ settings: DeviceSettings) -> String {
        "\(settings.policy)\u{1F}\(settings.vendor ?? "auto")"
    }

    func profile(for device: InventoryDevice) -> Profile? {
        profiles[Self.profileName(device.settings)]
    }

    /// The audit key of a device: equal keys and equal config digests give equal results.
    public func auditKey(for device: InventoryDevice) -> String? {
        profile(for: device)?.key
    }

    /// Audits one device's collected texts into a result (findings fingerprinted by device name).
    func audit(_ device: InventoryDevice, collected: CollectedConfig, digest: String) -> DeviceResult {
        guard let profile = profile(for: device) else {
            return DeviceResult(device: device.name, state: .parseFailed, reason: "no audit profile for this device")
        }
        switch profile.auditor.audit(inputs: collected.inputs, label: device.name, collection: collected.facts) {
        case .failure(let problem):
            return DeviceResult(device: device.name, state: .parseFailed, reason: TerminalSafe.clean(problem.reason),
                                configDigest: digest, auditKey: profile.key)
        case .success(let audit):
            let run = AuditRun(devices: [audit], problems: [], policyName: profile.auditor.options.policy.name, catalog: profile.catalog)
            let document = ReportBuilder.build(run, showSecrets: false, toolVersion: toolVersion)
            guard let entry = document.devices.first else {
                return DeviceResult(device: device.name, state: .parseFailed, reason: "audit produced no device")
            }
            let findings = entry.findings.map { finding in
                StoredFinding(fingerprint: Fingerprint.of(checkID: finding.id, device: device.name, subject: finding.subject),
                              checkID: finding.id, severity: finding.severity, subject: finding.subject,
                              message: finding.message, line: finding.evidence.first(where: { $0.line != nil })?.line,
                              wanExposed: finding.wanExposed)
            }
            return DeviceResult(device: device.name, state: .audited, vendor: entry.vendor, hostname: entry.hostname,
                                score: entry.score, configDigest: digest, auditKey: profile.key, findings: findings)
        }
    }
}

/// Hash judgements shared by every device of a sweep and kept in the store between sweeps. The
/// store keeps no recovered cleartext (`StoredJudgement`); judgements made in this process keep
/// theirs in memory only.
public final class StoredAssessmentCache: SecretAssessmentCache {
    let memory: Mutex<[String: SecretAssessment]>
    let store: any SecretAssessmentStore

    /// With `needsCleartext` (a report that shows secrets) a stored judgement that recovered a
    /// secret is not reused: the hash is cracked again so the cleartext is at hand.
    public init(store: any SecretAssessmentStore, needsCleartext: Bool = false) throws {
        self.store = store
        var loaded = try store.loadAll()
        if needsCleartext { loaded = loaded.filter { !StoredJudgement.isWithheld($0.value) } }
        memory = Mutex(loaded)
    }

    public func assessment(forKey key: String) -> SecretAssessment? {
        memory.withLock { $0[key] }
    }

    public func remember(_ assessment: SecretAssessment, forKey key: String) {
        memory.withLock { $0[key] = assessment }
        // A lost cache entry only costs a crack next time; the sweep goes on.
        try? store.save(assessment, key: key)
    }
}
