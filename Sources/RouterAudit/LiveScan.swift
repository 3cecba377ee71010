import AuditCore
import AuditSSH

/// Turns a live collection into an audit: the collected texts go through the normal pipeline with
/// the session's facts attached (weak negotiated crypto is a finding), and a failed collection is
/// an input problem naming the host. Library code for `scan` and for fleet sweeps.
public enum LiveScan {
    public static func audit(_ result: CollectionResult, profile: VendorProfile, auditor: Auditor,
                             detection: VendorDetection? = nil, defaultLogin: AcceptedDefaultLogin? = nil) -> AuditRun {
        var devices: [DeviceAudit] = []
        var problems: [InputProblem] = []
        if let failure = result.failure {
            problems.append(InputProblem(path: result.target.label, reason: "\(failure.kind.rawValue): \(failure.reason)"))
        } else if result.configs.isEmpty {
            problems.append(InputProblem(path: result.target.label, reason: "the device returned no configuration"))
        } else {
            var facts = result.facts
            facts.defaultLogin = defaultLogin
            // A detected profile says how to collect; the content then picks the parser (VyOS and
            // EdgeOS look alike at the prompt). A given profile forces its parser.
            let inputs = result.configInputs
            let byContent = detection == nil ? nil : auditor.detect(inputs)
            var chosen = auditor
            chosen.options.forcedVendor = byContent?.vendor.id ?? VendorID(profile.id)
            switch chosen.audit(inputs: inputs, label: result.target.label, collection: facts) {
            case .success(var audit):
                if let detection {
                    audit.vendorChoice = "collected as \(profile.id) (detected from \(detection.evidence)); "
                        + (byContent.map { "parsed as \($0.vendor.id) (config content: \($0.score.reason))" } ?? "parsed as \(profile.id) (config content not recognised)")
                }
                if let ssh = result.algorithms {
                    audit.config.diagnostics.append(Diagnostic(.info, code: "ssh-session",
                        "collected over ssh from \(result.target.label) (\(ssh.serverVersion)): \(ssh.summary)"))
                }
                devices.append(audit)
            case .failure(let problem):
                problems.append(problem)
            }
        }
        return AuditRun(devices: devices, problems: problems, policyName: auditor.options.policy.name, catalog: auditor.catalog)
    }
}

extension LiveScan {
    /// Audits a whole live scan: the collection as above, plus what the scan proved on the device
    /// itself. An accepted default login is a finding (RA-CRED-011) even when the configuration
    /// could not be read afterwards: then the device is reported with the checks about the
    /// collection only, and the reason nothing was read is an input problem.
    public static func audit(_ outcome: LiveScanOutcome, auditor: Auditor) -> AuditRun {
        let label = outcome.target.label
        var run: AuditRun
        if let result = outcome.collection, let profile = outcome.profile {
            run = audit(result, profile: profile, auditor: auditor, detection: outcome.detection, defaultLogin: outcome.acceptedDefault)
        } else {
            let reason = outcome.collection?.failure.map { "\($0.kind.rawValue): \($0.reason)" } ?? outcome.problem ?? "nothing collected"
            run = AuditRun(devices: [], problems: [InputProblem(path: label, reason: reason)],
                           policyName: auditor.options.policy.name, catalog: auditor.catalog)
        }
        if run.devices.isEmpty, let accepted = outcome.acceptedDefault {
            let vendor = VendorID(outcome.profile?.id ?? outcome.detection?.profile?.id ?? "unknown")
            var config = DeviceConfig(identity: DeviceIdentity(vendor: vendor), sources: [])
            config.collection = CollectionFacts(target: label, ssh: outcome.collection?.algorithms ?? outcome.defaults?.algorithms,
                                                defaultLogin: accepted)
            config.diagnostics.append(Diagnostic(.warning, code: "config-not-read",
                "a default login was accepted but the configuration could not be read; only checks about the login ran"))
            // On an empty model most checks would report absences that are not there.
            var collectionOnly = auditor
            collectionOnly.options.checks = auditor.options.checks.filter { collectionCheckIDs.contains($0.metadata.id) }
            run.devices.append(DeviceAudit(config: config, findings: collectionOnly.runChecks(on: config),
                                           vendorChoice: outcome.vendorSummary ?? "not read"))
        }
        return run
    }

    /// Checks that look only at `DeviceConfig.collection`.
    static let collectionCheckIDs: Set<String> = ["RA-CRED-011", "RA-CRYPTO-004"]
}
