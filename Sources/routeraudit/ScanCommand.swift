import ArgumentParser
import AuditCore
import AuditCredentials
import AuditReport
import AuditSSH
import RouterAudit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

/// `routeraudit scan HOST`: collect the configuration over SSH (read-only) and audit it, with the
/// same report as `audit`. The negotiated SSH algorithms are part of the report; weak ones are a
/// finding (RA-CRYPTO-004).
struct ScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "Collect a router's configuration over SSH (read-only) and audit it.",
        discussion: "See docs/ssh.md for host-key policy, legacy algorithms and collection profiles."
    )

    @OptionGroup var ssh: SSHCommandOptions

    @OptionGroup var defaults: ScanDefaultLoginOptions

    @Option(help: "Output format: text, json, sarif, html, csv, junit or markdown (see docs/reports.md).")
    var format: OutputFormat = .text

    @Option(help: "Report language for text, html and markdown: en or nl.")
    var lang: ReportLanguage?

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Exit with 1 when a finding is at or above this severity (critical, high, medium, low, info).")
    var failOn: Severity = .low

    @Option(help: "Policy: a built-in name (baseline, strict) or a YAML file.")
    var policy: String = "baseline"

    @Flag(help: "Show recovered passwords, hashes and communities in the report (off by default).")
    var showSecrets = false

    @Option(help: "Colour in text output: auto (only on a terminal), always, never.")
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "List unrecognised configuration lines in text output.")
    var verbose = false

    func validate() throws {
        try ssh.validateLogin(tryDefaults: defaults.tryDefaults)
    }

    func run() throws {
        let request = try ssh.liveScanRequest(defaults: defaults)
        let loadedPolicy: AuditPolicy
        do {
            loadedPolicy = try PolicyLoader.load(nameOrPath: policy, knownCheckIDs: RouterAuditFacade.checkIDs)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        let outcome = LiveScanSession.run(request, collector: ssh.collector(), progress: { printError($0) })
        let saved = outcome.collection.map { ssh.save($0) } ?? true

        let auditor = Auditor(options: .init(policy: loadedPolicy, credentials: CredentialEngine(knowledge: request.knowledge, depth: loadedPolicy.crackDepth)))
        let run = LiveScan.audit(outcome, auditor: auditor)
        let document = ReportBuilder.build(run, showSecrets: showSecrets, toolVersion: RouterAuditVersion.current)
        let language = lang ?? ReportLanguage.preferred(environment: ProcessInfo.processInfo.environment)
        let ran = RouterAuditFacade.checks.filter { run.catalog[$0.id] != nil && loadedPolicy.runs($0.id) }
        let useColor = color == .always || (color == .auto && output == nil && isatty(STDOUT_FILENO) == 1)
        let rendered = ReportRendering.render(document, format: format, language: language, catalog: run.catalog, checks: ran,
                                              color: useColor, verbose: verbose)
        if let output {
            do {
                try ReportFile.write(rendered, to: output, ownerOnly: showSecrets)
            } catch {
                printError("error: \(output): \(error)")
                throw ExitCode(2)
            }
        } else {
            print(rendered, terminator: "")
        }
        if format != .text || output != nil {
            for problem in document.problems { printError("error: \(problem)") }
        }
        let status = Int32(ExitStatus.of(run, failOn: failOn))
        throw ExitCode(saved || status != 0 ? status : 3)
    }
}

/// Renders a report document in any of the formats `audit` offers.
enum ReportRendering {
    static func render(_ document: ReportDocument, format: OutputFormat, language: ReportLanguage,
                       catalog: [String: CheckDescription], checks: [CheckDescription], color: Bool, verbose: Bool) -> String {
        switch format {
        case .json: return JSONReporter.render(document)
        case .sarif: return SARIFReporter.render(document, checks: checks)
        case .csv: return CSVReporter.render(document)
        case .junit: return JUnitReporter.render(document, checks: checks)
        case .html: return HTMLReporter(language: language, catalog: catalog).render(document)
        case .markdown: return MarkdownReporter(language: language, catalog: catalog).render(document)
        case .text: return TextReporter(color: color, verbose: verbose, language: language, catalog: catalog).render(document)
        }
    }
}
