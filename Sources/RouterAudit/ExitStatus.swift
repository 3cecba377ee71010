#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore
import AuditChecks
import AuditVendors

/// Exit codes: 0 nothing at or above the threshold, 1 findings at or above it, 2 nothing could be
/// audited, 3 some inputs could not be audited (and no finding reached the threshold).
public enum ExitStatus {
    public static func of(_ run: AuditRun, failOn: Severity) -> Int {
        if run.devices.isEmpty { return 2 }
        if run.allFindings.contains(where: { $0.severity >= failOn }) { return 1 }
        return run.problems.isEmpty ? 0 : 3
    }
}

/// What the command tree needs to know without importing every module.
public enum RouterAuditFacade {
    public static var vendorIDs: [String] { VendorRegistry.all.map(\.id.rawValue) }
    public static var checkIDs: Set<String> { Set(BuiltInChecks.all.map(\.metadata.id)) }
    public static var checks: [CheckDescription] { BuiltInChecks.all.map(\.metadata) }
}

public enum ReportFile {
    /// Writes a report; owner-only when it may contain secrets.
    public static func write(_ text: String, to path: String, ownerOnly: Bool) throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
        let attributes: [FileAttributeKey: any Sendable] = ownerOnly ? [.posixPermissions: 0o600] : [:]
        guard manager.createFile(atPath: path, contents: Data(text.utf8), attributes: attributes) else {
            throw ReportFileError(message: "cannot create the file")
        }
    }

    struct ReportFileError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}
