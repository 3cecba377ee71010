import AuditCore
import AuditSSH

/// Turns a live collection into an audit: the collected texts go through the normal pipeline with
/// the session's facts attached (weak negotiated crypto is a finding), and a failed collection is
/// an input problem naming the host. Library code for `scan` and for fleet sweeps.
public enum LiveScan {
    public static func audit(_ result: CollectionResult, profile: VendorProfile, auditor: Auditor) -> AuditRun {
        var devices: [DeviceAudit] = []
        var problems: [InputProblem] = []
        if let failure = result.failure {
            problems.append(InputProblem(path: result.target.label, reason: "\(failure.kind.rawValue): \(failure.reason)"))
        } else if result.configs.isEmpty {
            problems.append(InputProblem(path: result.target.label, reason: "the device returned no configuration"))
        } else {
            var forced = auditor
            forced.options.forcedVendor = VendorID(profile.id)
            switch forced.audit(inputs: result.configInputs, label: result.target.label, collection: result.facts) {
            case .success(var audit):
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
