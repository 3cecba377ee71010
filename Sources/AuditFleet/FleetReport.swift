#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore

/// Machine-readable outputs of a run: a JSON document and a CSV of findings per device.
public enum FleetReport {
    public struct Document: Codable, Sendable {
        public var schemaVersion = 1
        public var run: Int64
        public var runKey: String
        public var inventory: String
        public var shard: String
        public var summary: Summary
        public var devices: [Device]
    }

    public struct Summary: Codable, Sendable {
        public var devices: Int
        public var byState: [String: Int]
        public var findingsBySeverity: [String: Int]
        public var durationSeconds: Double
    }

    public struct Device: Codable, Sendable {
        public var name: String
        public var state: String
        public var reason: String?
        public var vendor: String?
        public var hostname: String?
        public var score: Int?
        public var attempts: Int
        public var findings: [StoredFinding]
    }

    public static func json(run: Int64, key: String, inventory: String, shard: Shard, results: [DeviceResult], durationSeconds: Double) -> String {
        var byState: [String: Int] = [:]
        var bySeverity: [String: Int] = [:]
        for result in results {
            byState[result.state.rawValue, default: 0] += 1
            for finding in result.findings { bySeverity[finding.severity.rawValue, default: 0] += 1 }
        }
        let document = Document(
            run: run, runKey: key, inventory: inventory, shard: shard.description,
            summary: Summary(devices: results.count, byState: byState, findingsBySeverity: bySeverity,
                             durationSeconds: (durationSeconds * 1000).rounded() / 1000),
            devices: results.map {
                Device(name: $0.device, state: $0.state.rawValue, reason: $0.reason, vendor: $0.vendor, hostname: $0.hostname,
                       score: $0.score, attempts: $0.attempts, findings: $0.findings)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: (try? encoder.encode(document)) ?? Data(), as: UTF8.self) + "\n"
    }

    /// One row per finding, plus one row per device that was not audited (so the CSV shows it).
    public static func findingsCSV(_ results: [DeviceResult]) -> String {
        var out = "device,state,check_id,severity,subject,line,wan_exposed,fingerprint,message\n"
        for result in results {
            if result.findings.isEmpty {
                out += row([result.device, result.state.rawValue, "", "", "", "", "", "", result.reason ?? ""])
            }
            for finding in result.findings {
                out += row([result.device, result.state.rawValue, finding.checkID, finding.severity.rawValue, finding.subject,
                            finding.line.map(String.init) ?? "", finding.wanExposed ? "yes" : "no", finding.fingerprint, finding.message])
            }
        }
        return out
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet never runs a formula.
    static func field(_ text: String) -> String {
        var value = text
        if let first = value.first, "=+-@".contains(first) { value = "'" + value }
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
