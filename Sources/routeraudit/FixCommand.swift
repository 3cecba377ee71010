import ArgumentParser
import AuditCore
import AuditRemediation
import AuditReport
import RouterAudit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `routeraudit fix`: per device an apply script, its rollback and a README, optionally proven by
/// applying them to the configuration and auditing again.
struct FixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Write fix scripts with their rollback for the findings of each device (Cisco IOS, OpenWrt, Junos, VyOS, EdgeOS, RouterOS, FortiOS, Huawei VRP, pfSense, OPNsense).",
        discussion: "See docs/remediation.md. New credentials are never invented: the scripts prompt for them or take them from variables."
    )

    @Argument(help: "Configuration files or folders.", completion: .file())
    var paths: [String]

    @Option(help: "Write <device>/apply.<ext>, rollback.<ext> and README under this folder.")
    var out: String?

    @Flag(help: "Print the scripts to the terminal instead of writing files.")
    var show = false

    @Option(name: .customLong("check"), help: "Fix only findings of this check (repeatable).")
    var checks: [String] = []

    @Option(help: "Fix only findings at or above this severity (critical, high, medium, low, info).")
    var minSeverity: Severity = .info

    @Flag(help: "Print the proof of each device's scripts (applied to the configuration, audited again, rolled back); exit 1 if one fails. Scripts are always proven before they are written.")
    var verify = false

    @Flag(help: "Write original secrets into the scripts (otherwise the rollback takes them from variables).")
    var showSecrets = false

    @Option(help: "A JSON report of an earlier audit: fix only what it found, and refuse a device whose evidence lines changed since.")
    var fromReport: String?

    @Option(help: "Skip detection and parse every input as this vendor.")
    var vendor: String?

    func validate() throws {
        if out == nil && !show { throw ValidationError("give --out DIR or --show") }
        if let vendor, !RouterAuditFacade.vendorIDs.contains(vendor) {
            throw ValidationError("unknown vendor '\(vendor)'; known: \(RouterAuditFacade.vendorIDs.joined(separator: ", "))")
        }
        let unknown = checks.filter { !RouterAuditFacade.checkIDs.contains($0) }
        if !unknown.isEmpty { throw ValidationError("unknown check \(unknown.joined(separator: ", "))") }
    }

    func run() throws {
        var report: ReportDocument?
        if let fromReport {
            guard let data = FileManager.default.contents(atPath: fromReport),
                  let decoded = try? JSONDecoder().decode(ReportDocument.self, from: data) else {
                printError("error: \(fromReport): not a JSON report of routeraudit audit --format json")
                throw ExitCode(2)
            }
            report = decoded
        }
        // The key the report's secret digests were made with, when this machine holds it.
        let evidenceKey = report?.evidenceKeyID == nil ? nil : EvidenceKey.defaultPath().flatMap(EvidenceKey.load)
        let auditor = Auditor(options: .init(forcedVendor: vendor.map { VendorID($0) }))
        let remediator = Remediator(auditor: auditor)
        let run = auditor.audit(paths: paths)
        for problem in run.problems { printError("error: \(problem)") }
        var failed = !run.problems.isEmpty
        var verifyFailed = false
        var usedNames: Set<String> = []
        let selection = FixSelection(checks: Set(checks), minimumSeverity: minSeverity)
        for device in run.devices {
            let label = TerminalSafe.clean(device.config.sources.map(\.path).joined(separator: ", "))
            var audit = device
            if let report {
                guard let entry = StaleEvidence.reportDevice(for: device, in: report) else {
                    printError("error: \(label): not in the report \(fromReport ?? ""); audit it first")
                    failed = true
                    continue
                }
                if let problem = StaleEvidence.problem(device, report: entry, secretsShown: report.secretsShown,
                                                       keyID: report.evidenceKeyID, key: evidenceKey) {
                    printError("error: \(label): \(TerminalSafe.clean(problem))")
                    failed = true
                    continue
                }
                audit.findings = StaleEvidence.findings(device, reportedIn: entry)
            }
            // Every script is proven before it is written; --verify prints the proof.
            guard let (plan, proof) = remediator.provenPlan(for: audit, selection: selection, showSecrets: showSecrets),
                  let scripts = remediator.scripts(for: plan) else {
                printError("error: \(label): no fix scripts for \(device.config.vendor) yet (supported: \(Remediations.supportedVendors.map(\.rawValue).joined(separator: ", ")))")
                failed = true
                continue
            }
            let name = Self.folderName(for: device, used: &usedNames)
            if show {
                for (file, text) in [("apply.\(scripts.fileExtension)", scripts.apply), ("rollback.\(scripts.fileExtension)", scripts.rollback), ("README", scripts.readme)] {
                    print("==> \(name)/\(file)")
                    // Device text reaches the terminal only through TerminalSafe, line by line.
                    for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() { print(TerminalSafe.clean(String(line))) }
                }
            }
            if let out {
                do {
                    try write(scripts, to: out + "/" + name)
                } catch {
                    printError("error: \(out)/\(name): \(error)")
                    failed = true
                    continue
                }
                print("\(label): \(plan.blocks.count) block(s) fixing \(plan.fixedFindings.count) of \(plan.findings.count) finding(s), \(plan.unfixable.count) left to a person -> \(out)/\(name)/")
            }
            if verify {
                print(Self.describe(proof, label: label))
                if !proof.passed { verifyFailed = true }
            }
        }
        if run.devices.isEmpty { throw ExitCode(2) }
        if failed { throw ExitCode(3) }
        if verifyFailed { throw ExitCode(1) }
    }

    func write(_ scripts: RemediationScripts, to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // Scripts may hold secrets (with --show-secrets): readable by the owner only.
        let mode = showSecrets ? 0o600 : 0o644
        for (file, text) in [("apply.\(scripts.fileExtension)", scripts.apply), ("rollback.\(scripts.fileExtension)", scripts.rollback), ("README", scripts.readme)] {
            let path = folder + "/" + file
            guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: mode]) else {
                throw FixWriteError(path: path)
            }
        }
    }

    static func folderName(for device: DeviceAudit, used: inout Set<String>) -> String {
        let path = device.config.sources.first?.path ?? "device"
        let base: String = device.config.identity.hostname?.value ?? path.split(separator: "/").last.map(String.init) ?? "device"
        let cleaned: [Character] = base.map { c -> Character in c.isLetter || c.isNumber || c == "-" || c == "_" ? c : "_" }
        let safe = String(cleaned)
        var name = safe.isEmpty ? "device" : safe
        var counter = 2
        while used.contains(name) { name = "\(safe)-\(counter)"; counter += 1 }
        used.insert(name)
        return name
    }

    struct FixWriteError: Error, CustomStringConvertible {
        var path: String
        var description: String { "cannot write \(path)" }
    }

    static func describe(_ proof: FixVerification, label: String) -> String {
        var lines = ["verify \(label): \(proof.passed ? "passed" : "FAILED")"]
        for (index, status) in proof.status.sorted(by: { $0.key < $1.key }) {
            let finding = proof.plan.findings[index]
            let line = finding.primarySpan.map { " line \($0.start)" } ?? ""
            lines.append("  \(status == .verified ? "fixed " : "STILL ") \(finding.checkID)\(line) \(TerminalSafe.clean(finding.subject))")
        }
        for item in proof.plan.unfixable {
            let finding = proof.plan.findings[item.finding]
            lines.append("  manual \(finding.checkID) \(TerminalSafe.clean(finding.subject)): \(TerminalSafe.clean(item.reason))")
        }
        for finding in proof.newFindings { lines.append("  NEW    \(TerminalSafe.clean(finding))") }
        lines.append("  rollback restores the original audit: \(proof.rollbackRestores ? "yes" : "NO")")
        for difference in proof.rollbackDifferences { lines.append("    \(TerminalSafe.clean(difference))") }
        lines.append("  applying twice gives the same configuration: \(proof.idempotent ? "yes" : "no")")
        for problem in proof.problems { lines.append("  problem: \(problem)") }
        return lines.joined(separator: "\n")
    }
}
