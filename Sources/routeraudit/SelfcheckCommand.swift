import ArgumentParser
import AuditReport
import RouterAudit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#endif

struct SelfcheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "selfcheck",
        abstract: "Guided check of your own router, in plain language (English or Dutch).",
        discussion: """
            Finds your router (the default gateway), recognises it from its SSH and web banners, asks for \
            its exported configuration, and says whether it is safe to leave like this and the three most \
            important things to change. Nothing on the router is changed. Without questions: \
            `routeraudit selfcheck --config FILE --yes`. Exit codes: 0 safe, 1 not safe, 2 nothing could be checked.
            """
    )

    @Option(help: "Language: en or nl (default: from LC_ALL, LC_MESSAGES or LANG; nl* gives nl).")
    var lang: ReportLanguage?

    @Option(help: "The router's address (default: this computer's default gateway).")
    var gateway: String?

    @Option(help: "SSH port to read the router's banner from.")
    var sshPort: Int = 22

    @Option(help: "Web port to read the router's server name and page title from.")
    var httpPort: Int = 80

    @Option(help: "Seconds to wait for each connection to the router.")
    var timeout: Double = 2

    @Flag(help: "Do not connect to the router at all.")
    var noProbe = false

    @Option(help: "The configuration exported from the router (a file, or an OpenWrt /etc/config folder).", completion: .file())
    var config: String?

    @Option(help: "Also write the full report as a web page to this file.", completion: .file())
    var html: String?

    @Flag(name: [.short, .long], help: "Ask nothing: take everything from the options (needs --config).")
    var yes = false

    func validate() throws {
        guard (1...65535).contains(sshPort), (1...65535).contains(httpPort) else {
            throw ValidationError("ports must be between 1 and 65535")
        }
        guard timeout > 0, timeout <= 60 else { throw ValidationError("--timeout must be more than 0 and at most 60 seconds") }
    }

    func run() throws {
        let language = lang ?? ReportLanguage.preferred(environment: ProcessInfo.processInfo.environment)
        let options = SelfcheckOptions(language: language, gateway: gateway, probe: !noProbe, sshPort: sshPort, httpPort: httpPort,
                                       timeout: timeout, configPath: config, htmlPath: html, assumeYes: yes)
        let status = SelfcheckSession(options: options, console: TerminalConsole()).run()
        throw ExitCode(status)
    }
}

/// Standard input and output, unbuffered on the way out so a prompt shows before the answer is read.
final class TerminalConsole: SelfcheckConsole {
    func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeMutableBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written <= 0 { return }
            offset += written
        }
    }

    func readLine() -> String? {
        Swift.readLine(strippingNewline: true)
    }
}
