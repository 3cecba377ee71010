#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore

/// The Prometheus text format for a node-exporter textfile collector: devices by state, findings
/// by severity, sweep duration and the time it ended.
public enum SweepMetrics {
    public static func render(results: [DeviceResult], durationSeconds: Double, finishedAt: Double, shard: Shard) -> String {
        let label = "shard=\"\(shard)\""
        var out = ""
        out += "# HELP routeraudit_sweep_devices Devices of the last sweep by final state.\n"
        out += "# TYPE routeraudit_sweep_devices gauge\n"
        for state in DeviceState.allCases {
            out += "routeraudit_sweep_devices{\(label),state=\"\(state.rawValue)\"} \(results.filter { $0.state == state }.count)\n"
        }
        out += "# HELP routeraudit_sweep_findings Findings of the last sweep by severity.\n"
        out += "# TYPE routeraudit_sweep_findings gauge\n"
        let findings = results.flatMap(\.findings)
        for severity in Severity.allCases.reversed() {
            out += "routeraudit_sweep_findings{\(label),severity=\"\(severity.rawValue)\"} \(findings.filter { $0.severity == severity }.count)\n"
        }
        out += "# HELP routeraudit_sweep_duration_seconds Wall time of the last sweep.\n"
        out += "# TYPE routeraudit_sweep_duration_seconds gauge\n"
        out += "routeraudit_sweep_duration_seconds{\(label)} \(String(format: "%.3f", durationSeconds))\n"
        out += "# HELP routeraudit_sweep_last_finished_timestamp_seconds When the last sweep ended (Unix time).\n"
        out += "# TYPE routeraudit_sweep_last_finished_timestamp_seconds gauge\n"
        out += "routeraudit_sweep_last_finished_timestamp_seconds{\(label)} \(Int(finishedAt))\n"
        return out
    }

    /// Writes through a temporary file and a rename, so the collector never reads half a file.
    public static func write(_ text: String, to path: String) throws {
        let temporary = path + ".tmp"
        try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        if FileManager.default.fileExists(atPath: path) { try FileManager.default.removeItem(atPath: path) }
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    }
}
