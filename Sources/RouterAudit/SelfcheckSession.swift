#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore
import AuditReport

/// Where the self-check talks to its user: a terminal in the executable, a script in tests.
public protocol SelfcheckConsole: AnyObject {
    func write(_ text: String)
    /// One line typed by the user without its line break; nil at the end of input.
    func readLine() -> String?
}

public struct SelfcheckOptions: Sendable {
    public var language: ReportLanguage
    /// The router's address; nil to use this machine's default gateway.
    public var gateway: String?
    public var routeFile: String
    /// Connect to the router to read its banners.
    public var probe: Bool
    public var sshPort: Int
    public var httpPort: Int
    /// Seconds per connection.
    public var timeout: Double
    /// The exported configuration; asked for when nil (unless `assumeYes`).
    public var configPath: String?
    /// Where to write the HTML report; asked for when nil (unless `assumeYes`).
    public var htmlPath: String?
    /// Never ask: take everything from the options.
    public var assumeYes: Bool

    public init(language: ReportLanguage, gateway: String? = nil, routeFile: String = "/proc/net/route", probe: Bool = true,
                sshPort: Int = 22, httpPort: Int = 80, timeout: Double = 2, configPath: String? = nil,
                htmlPath: String? = nil, assumeYes: Bool = false) {
        self.language = language
        self.gateway = gateway
        self.routeFile = routeFile
        self.probe = probe
        self.sshPort = sshPort
        self.httpPort = httpPort
        self.timeout = timeout
        self.configPath = configPath
        self.htmlPath = htmlPath
        self.assumeYes = assumeYes
    }
}

/// `routeraudit selfcheck`: a guided check for a small business's own router, in plain words.
/// Finds the router (the default gateway), recognises it from its banners, asks for an exported
/// configuration, audits it and says whether the router is safe to leave like this, with the
/// three most important things to change. Changes nothing on the router.
///
/// Exit status: 0 safe, 1 not safe (or too little understood to say), 2 nothing could be audited.
public struct SelfcheckSession {
    public var options: SelfcheckOptions
    public let console: any SelfcheckConsole

    public init(options: SelfcheckOptions, console: any SelfcheckConsole) {
        self.options = options
        self.console = console
    }

    var language: ReportLanguage { options.language }

    func t(_ english: String, _ dutch: String) -> String { language.pick(english, dutch) }

    func say(_ text: String = "") { console.write(text + "\n") }

    func ask(_ prompt: String) -> String? {
        console.write(prompt)
        return console.readLine().map(Self.trimmed)
    }

    public func run() -> Int32 {
        say(t("RouterAudit self-check", "RouterAudit zelftest"))
        say(t("This checks whether your router's settings are safe. Nothing on the router is changed.",
              "Deze test kijkt of de instellingen van uw router veilig zijn. Er wordt niets aan de router veranderd."))
        say()
        let guess = findRouter()

        guard let path = configurationPath(guess: guess) else { return 2 }

        say()
        say(t("Checking \(path) ...", "Bezig met controleren van \(path) ..."))
        let run = Auditor().audit(paths: [path])
        let document = ReportBuilder.build(run, showSecrets: false, toolVersion: RouterAuditVersion.current)
        guard let device = document.devices.first else {
            let reason = document.problems.first?.reason ?? t("nothing in it could be read", "er kon niets in gelezen worden")
            say(t("I could not check this file: \(reason).", "Ik kon dit bestand niet controleren: \(reason)."))
            say(t("Make sure it is the configuration exported from the router itself.",
                  "Controleer of het de configuratie is die uit de router zelf is geëxporteerd."))
            return 2
        }
        let verdict = Verdict.of(device, language: language)
        say()
        say(verdictText(device, verdict: verdict, catalog: run.catalog))

        if !writeHTML(document, catalog: run.catalog) { return 2 }
        say(t("Nothing was changed on your router.", "Er is niets aan uw router veranderd."))
        return verdict.kind == .safe || verdict.kind == .clean ? 0 : 1
    }

    // MARK: - Finding and recognising the router

    func findRouter() -> RouterGuess? {
        let address: String
        if let given = options.gateway {
            address = given
            say(t("Router address (given): \(given)", "Adres van de router (opgegeven): \(given)"))
        } else if let found = DefaultGateway.find(routeFile: options.routeFile) {
            address = found
            say(t("Your router is probably \(found) (the default gateway of this computer).",
                  "Uw router is waarschijnlijk \(found) (de standaardgateway van deze computer)."))
        } else {
            say(t("I could not find your router's address (this computer has no default gateway).",
                  "Ik kon het adres van uw router niet vinden (deze computer heeft geen standaardgateway)."))
            return nil
        }
        guard options.probe else { return nil }
        say(t("Looking at \(address) (SSH port \(options.sshPort), web port \(options.httpPort)) ...",
              "Bezig met kijken naar \(address) (SSH-poort \(options.sshPort), webpoort \(options.httpPort)) ..."))
        let banners = BannerProbe.probe(host: address, sshPort: options.sshPort, httpPort: options.httpPort, timeout: options.timeout)
        if let ssh = banners.ssh { say(t("  SSH answers: \(ssh)", "  SSH antwoordt: \(ssh)")) }
        if banners.httpServer != nil || banners.httpTitle != nil || banners.httpRealm != nil {
            let parts = [banners.httpServer.map { t("server '\($0)'", "server '\($0)'") },
                         banners.httpRealm.map { t("login '\($0)'", "login '\($0)'") },
                         banners.httpTitle.map { t("title '\($0)'", "titel '\($0)'") }].compactMap { $0 }
            say(t("  Web page answers: \(parts.joined(separator: ", "))", "  Webpagina antwoordt: \(parts.joined(separator: ", "))"))
        }
        if banners.isEmpty {
            say(t("  It did not answer on these ports.", "  Er kwam geen antwoord op deze poorten."))
        }
        guard let guess = RouterRecognizer.recognise(banners) else {
            if !banners.isEmpty {
                say(t("I could not tell from its answers which router this is.", "Aan de antwoorden kon ik niet zien welke router dit is."))
            }
            return nil
        }
        let name = guess.vendor == nil && guess.name.hasPrefix("a Linux") ? t(guess.name, "een router op Linux-basis (Dropbear SSH-server)") : guess.name
        say(t("This looks like \(name) (from its \(guess.clues.joined(separator: ", "))).",
              "Dit lijkt \(name) (herkend aan \(guess.clues.joined(separator: ", ")))."))
        return guess
    }

    // MARK: - Getting the configuration

    func configurationPath(guess: RouterGuess?) -> String? {
        if let given = options.configPath {
            guard FileManager.default.fileExists(atPath: given) else {
                say(t("There is no file at \(given).", "Er is geen bestand op \(given)."))
                return nil
            }
            return given
        }
        if options.assumeYes {
            say(t("No configuration file given: export it from the router and pass it with --config FILE.",
                  "Geen configuratiebestand opgegeven: exporteer het uit de router en geef het mee met --config BESTAND."))
            return nil
        }
        say()
        say(t("To check the settings I need the router's configuration. How would you like to give it?",
              "Om de instellingen te controleren heb ik de configuratie van de router nodig. Hoe wilt u die aanleveren?"))
        for attempt in 0..<3 {
            say(t("  1) I have an exported configuration file", "  1) Ik heb een geëxporteerd configuratiebestand"))
            say(t("  2) Log in to the router with its admin password", "  2) Inloggen op de router met het beheerderswachtwoord"))
            say(t("  3) How do I export the configuration?", "  3) Hoe exporteer ik de configuratie?"))
            guard let answer = ask(t("Your choice [1]: ", "Uw keuze [1]: ")) else {
                say()
                say(t("No answer; stopping.", "Geen antwoord; de test stopt."))
                return nil
            }
            switch answer {
            case "", "1":
                return askForFile()
            case "2":
                say()
                say(t("Logging in to the router is not available yet in this version of RouterAudit. Please export the configuration and give me the file instead:",
                      "Inloggen op de router kan in deze versie van RouterAudit nog niet. Exporteer in plaats daarvan de configuratie en geef mij het bestand:"))
                instructions(guess)
                return askForFile()
            case "3":
                say()
                instructions(guess)
                return askForFile()
            default:
                if attempt < 2 { say(t("Please type 1, 2 or 3.", "Typ 1, 2 of 3.")) }
            }
        }
        say(t("No valid choice; stopping.", "Geen geldige keuze; de test stopt."))
        return nil
    }

    func instructions(_ guess: RouterGuess?) {
        for line in ExportInstructions.lines(for: guess?.vendor, language: language) {
            say("  - " + line)
        }
        say()
    }

    func askForFile() -> String? {
        for _ in 0..<3 {
            guard let answer = ask(t("Path to the configuration file: ", "Pad naar het configuratiebestand: ")) else {
                say()
                say(t("No file given; stopping.", "Geen bestand opgegeven; de test stopt."))
                return nil
            }
            var path = answer
            if path.count >= 2, let first = path.first, let last = path.last, first == last, first == "'" || first == "\"" {
                path = String(path.dropFirst().dropLast())
            }
            if path.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] {
                path = home + path.dropFirst()
            }
            if path.isEmpty { continue }
            if FileManager.default.fileExists(atPath: path) { return path }
            say(t("There is no file at \(TerminalSafe.clean(path)).", "Er is geen bestand op \(TerminalSafe.clean(path))."))
        }
        say(t("No file found; stopping.", "Geen bestand gevonden; de test stopt."))
        return nil
    }

    // MARK: - The verdict

    func verdictText(_ device: ReportDocument.Device, verdict: Verdict, catalog: [String: CheckDescription]) -> String {
        let localizer = Localizer(language: language, catalog: catalog)
        var out = t("Result for \(device.shortName)", "Uitslag voor \(device.shortName)") + "\n"
        out += t("Score: \(device.score) out of 100", "Score: \(device.score) van de 100") + "\n"
        out += verdict.headline + "\n"
        if !verdict.detail.isEmpty { out += verdict.detail + "\n" }
        if let note = verdict.coverageNote { out += note + "\n" }
        let top = Verdict.priorities(device)
        if !top.isEmpty {
            out += "\n"
            out += (top.count == 1
                    ? t("The most important thing to change:", "Het belangrijkste om te veranderen:")
                    : t("The \(top.count) most important things to change:", "De \(top.count) belangrijkste dingen om te veranderen:")) + "\n"
            for (index, finding) in top.enumerated() {
                let times = device.findings.filter { $0.id == finding.id }.count
                out += "\(index + 1). \(localizer.title(finding))"
                out += times > 1 ? t(" (\(times) times)", " (\(times) keer)") : ""
                if finding.wanExposed { out += t(", reachable from the Internet", ", bereikbaar vanaf internet") }
                out += "\n"
                out += "   " + t("Where: ", "Waar: ") + place(finding) + "\n"
                out += "   " + t("How: ", "Hoe: ") + localizer.remediation(finding).split(separator: "\n").joined(separator: " ") + "\n"
            }
        }
        return out
    }

    func place(_ finding: ReportDocument.FindingEntry) -> String {
        if let evidence = finding.evidence.first(where: { $0.file != nil }), let file = evidence.file, let line = evidence.line {
            let name = file.split(separator: "/").last.map(String.init) ?? file
            return t("line \(line) of \(name)", "regel \(line) van \(name)") + (evidence.text.map { ": \(Self.trimmed($0))" } ?? "")
        }
        return t("a factory setting of the router (not written in the configuration)",
                 "een fabrieksinstelling van de router (staat niet in de configuratie)")
    }

    static func trimmed(_ text: String) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    // MARK: - The HTML report

    /// Writes the report when asked; false when it could not be written.
    func writeHTML(_ document: ReportDocument, catalog: [String: CheckDescription]) -> Bool {
        var path = options.htmlPath
        if path == nil && !options.assumeYes {
            say()
            let answer = ask(t("Save the full report as a web page for you or your IT supplier? Type a file name, or press Enter to skip: ",
                               "Het volledige rapport opslaan als webpagina voor u of uw IT-leverancier? Typ een bestandsnaam, of druk op Enter om over te slaan: "))
            if let answer, !answer.isEmpty { path = answer.hasSuffix(".html") || answer.hasSuffix(".htm") ? answer : answer + ".html" }
        }
        guard let path else { return true }
        let html = HTMLReporter(language: language, catalog: catalog).render(document)
        do {
            try ReportFile.write(html, to: path, ownerOnly: false)
        } catch {
            say(t("Could not write \(path): \(error)", "Kon \(path) niet schrijven: \(error)"))
            return false
        }
        say(t("The full report is in \(path): open it in a web browser, print it or send it to your IT supplier.",
              "Het volledige rapport staat in \(path): open het in een webbrowser, druk het af of stuur het naar uw IT-leverancier."))
        return true
    }
}
