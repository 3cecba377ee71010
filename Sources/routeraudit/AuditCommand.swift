import ArgumentParser
import AuditCore
import AuditReport
import RouterAudit
import AuditCredentials
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif, html, csv, junit, markdown
}

extension ReportLanguage: ExpressibleByArgument {}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never
}

extension Severity: ExpressibleByArgument {}
extension CrackDepth: ExpressibleByArgument {}

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Audit configuration files or folders (an OpenWrt /etc/config folder is one device)."
    )

    @Argument(help: "Configuration files or folders.", completion: .file())
    var paths: [String]

    @Option(help: "Output format: text, json, sarif, html, csv, junit or markdown (see docs/reports.md).")
    var format: OutputFormat = .text

    @Option(help: "Report language for text, html and markdown: en or nl (default: from LC_ALL, LC_MESSAGES or LANG; nl* gives nl).")
    var lang: ReportLanguage?

    @Option(name: .shortAndLong, help: "Write the report to this file instead of standard output.")
    var output: String?

    @Option(help: "Exit with 1 when a finding is at or above this severity (critical, high, medium, low, info).")
    var failOn: Severity = .low

    @Option(help: "Skip detection and parse every input as this vendor (cisco-ios, openwrt).")
    var vendor: String?

    @Option(help: "Policy: a built-in name (baseline, strict) or a YAML file.")
    var policy: String = "baseline"

    @Option(name: .customLong("credentials"), help: "Extra credential data (YAML like profiles/credentials/*.yaml): your own defaults and weak words. Repeatable.")
    var credentialFiles: [String] = []

    @Option(help: "How hard to try against password hashes: off, standard (defaults and the top of the weak list, bounded per hash), full (whole list, all cores). Overrides the policy.")
    var crackDepth: CrackDepth?

    @Flag(help: "Show recovered passwords, hashes and communities in the report (off by default).")
    var showSecrets = false

    @Option(help: "Colour in text output: auto (only on a terminal), always, never.")
    var color: ColorChoice = .auto

    @Flag(name: .shortAndLong, help: "List unrecognised configuration lines in text output.")
    var verbose = false

    func validate() throws {
        if let vendor, !RouterAuditFacade.vendorIDs.contains(vendor) {
            throw ValidationError("unknown vendor '\(vendor)'; known: \(RouterAuditFacade.vendorIDs.joined(separator: ", "))")
        }
    }

    func run() throws {
        var loadedPolicy: AuditPolicy
        do {
            loadedPolicy = try PolicyLoader.load(nameOrPath: policy, knownCheckIDs: RouterAuditFacade.checkIDs)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
        if let crackDepth { loadedPolicy.crackDepth = crackDepth }
        var knowledge = CredentialKnowledge.builtIn
        for file in credentialFiles {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                printError("error: \(file): credential file cannot be read")
                throw ExitCode(2)
            }
            do {
                knowledge = try CredentialProfileLoader.merge(text, file: file, into: knowledge)
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
        }
        let auditor = Auditor(options: .init(forcedVendor: vendor.map { VendorID($0) }, policy: loadedPolicy,
                                             credentials: CredentialEngine(knowledge: knowledge, depth: loadedPolicy.crackDepth)))
        let run = auditor.audit(paths: paths)
        // JSON reports carry keyed digests of masked evidence lines for `fix --from-report`.
        let digester = format == .json ? EvidenceKey.defaultPath().flatMap(EvidenceKey.loadOrCreate)?.digester : nil
        let document = ReportBuilder.build(run, showSecrets: showSecrets, toolVersion: RouterAuditVersion.current, evidenceDigest: digester)

        let language = lang ?? ReportLanguage.preferred(environment: ProcessInfo.processInfo.environment)
        // The checks that ran, for SARIF rules and JUnit test cases.
        let ran = RouterAuditFacade.checks.filter { run.catalog[$0.id] != nil && loadedPolicy.runs($0.id) }
        let rendered: String
        switch format {
        case .json: rendered = JSONReporter.render(document)
        case .sarif: rendered = SARIFReporter.render(document, checks: ran)
        case .csv: rendered = CSVReporter.render(document)
        case .junit: rendered = JUnitReporter.render(document, checks: ran)
        case .html: rendered = HTMLReporter(language: language, catalog: run.catalog).render(document)
        case .markdown: rendered = MarkdownReporter(language: language, catalog: run.catalog).render(document)
        case .text:
            let useColor = color == .always || (color == .auto && output == nil && isatty(STDOUT_FILENO) == 1)
            rendered = TextReporter(color: useColor, verbose: verbose, language: language, catalog: run.catalog).render(document)
        }
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
        // Problems go to stderr too, one line each, so they are seen even when the report goes elsewhere.
        if format != .text || output != nil {
            for problem in document.problems { printError("error: \(problem)") }
        }
        throw ExitCode(Int32(ExitStatus.of(run, failOn: failOn)))
    }
}

func printError(_ line: String) {
    var standardError = StandardError()
    print(line, to: &standardError)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
