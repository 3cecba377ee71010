import AuditCore
import AuditReport

/// A fix written from an earlier report must rest on the lines that report saw. When a line the
/// report quoted as evidence reads differently now, the configuration changed since the audit and
/// a script built on it could remove or restore the wrong thing: the device is refused.
public enum StaleEvidence {
    /// The report's entry for this device (same sources), if any.
    public static func reportDevice(for audit: DeviceAudit, in report: ReportDocument) -> ReportDocument.Device? {
        let sources = audit.config.sources.map { TerminalSafe.clean($0.path) }
        return report.devices.first { $0.sources == sources }
    }

    /// nil when every evidence line of the report still reads the same; otherwise a one-line reason.
    /// A masked line is compared by its text and, when the report has one, by its secret digest,
    /// which needs the key the report was made with (`key`; the report names it by `keyID`).
    public static func problem(_ audit: DeviceAudit, report device: ReportDocument.Device, secretsShown: Bool,
                               keyID: String? = nil, key: EvidenceKey? = nil) -> String? {
        let quoter = EvidenceQuoter(config: audit.config, showSecrets: secretsShown)
        for finding in device.findings {
            for evidence in finding.evidence {
                guard let file = evidence.file, let line = evidence.line, let text = evidence.text else { continue }
                let now = quoter.quote(file: file, line: line)
                if now != text {
                    return "evidence of \(finding.id) changed since the audit (line \(line) was '\(text)', now \(now.map { "'\($0)'" } ?? "missing")); audit again before fixing"
                }
                guard let digest = evidence.secretDigest else { continue }
                guard let key, key.keyID == keyID else {
                    return "the report's secret digests were made with evidence key \(keyID ?? "(unnamed)"), which is not here, so a change inside a secret cannot be ruled out; audit again on this machine before fixing"
                }
                if let raw = quoter.unmasked(file: file, line: line), key.digest(raw) != digest {
                    return "evidence of \(finding.id) changed since the audit: the secret on line \(line) ('\(text)') is not the one the report saw; audit again before fixing"
                }
            }
        }
        return nil
    }

    /// The findings of today's audit that the report also had (by check and subject).
    public static func findings(_ audit: DeviceAudit, reportedIn device: ReportDocument.Device) -> [Finding] {
        let reported = Set(device.findings.map { "\($0.id)|\($0.subject)" })
        return audit.findings.filter { reported.contains("\($0.checkID)|\(TerminalSafe.clean($0.subject))") }
    }
}
