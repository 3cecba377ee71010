import AuditCore
import AuditReport
import Foundation
import RouterAudit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A TCP server on 127.0.0.1 that the test starts and stops itself: a fake router's SSH or web
/// port, or a proxy that records what a browser tries to fetch. Each connection is handled on its
/// own thread; the first line each connection sends is recorded.
final class LoopbackServer: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let lock = NSLock()
    private var lines: [String] = []
    private var stopped = false
    private let handler: @Sendable (Int32, LoopbackServer) -> Void

    init(handler: @escaping @Sendable (Int32, LoopbackServer) -> Void) throws {
        self.handler = handler
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw ServerError(message: "socket failed") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw ServerError(message: "bind/listen failed")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    struct ServerError: Error { var message: String }

    private func acceptLoop() {
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR && !isStopped { continue }
                return
            }
            Thread.detachNewThread { [self] in
                handler(client, self)
                close(client)
            }
        }
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
    }

    func record(_ line: String) { lock.withLock { lines.append(line) } }
    var recorded: [String] { lock.withLock { lines } }

    /// Reads what the client sends until a blank line (the end of HTTP headers), 16 KB or 3 seconds.
    static func readRequest(_ fd: Int32) -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while data.count < 16384 {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 3000) > 0 else { break }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard count > 0 else { break }
            data += buffer[0..<count]
            if String(decoding: data, as: UTF8.self).contains("\r\n\r\n") { break }
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let sent = bytes.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { return }
            bytes = bytes.dropFirst(sent)
        }
    }

    /// A fake router's SSH port: sends its identification line, like any SSH server.
    static func ssh(banner: String) throws -> LoopbackServer {
        try LoopbackServer { fd, server in
            server.record("connection")
            write(fd, banner + "\r\n")
            // Wait for the client to go away, as an SSH server waits for the client's version.
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&poller, 1, 3000)
        }
    }

    /// A fake router's web port: answers any request with these headers and body.
    static func http(headers: [String], body: String) throws -> LoopbackServer {
        try LoopbackServer { fd, server in
            let request = readRequest(fd)
            server.record(request.split(whereSeparator: \.isNewline).first.map(String.init) ?? "")
            write(fd, (["HTTP/1.0 200 OK"] + headers + ["Content-Length: \(body.utf8.count)", "Connection: close", "", body]).joined(separator: "\r\n"))
        }
    }

    /// A port on which nothing listens (bound, then closed).
    static func closedPort() throws -> Int {
        let server = try LoopbackServer { _, _ in }
        server.stop()
        return server.port
    }
}

/// `routeraudit selfcheck`: gateway discovery, banner recognition against loopback servers, and
/// the guided dialogue driven through a real terminal (a PTY) in English and Dutch.
@Suite(.serialized) struct SelfcheckTests {
    static let openWrtPage = "<html><head><title>HomeRouter - LuCI</title></head><body>login</body></html>"

    @Test func gatewayFromProcNetRoute() {
        let table = """
            Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT
            eth0\t0000A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0
            wlan0\t00000000\t0101A8C0\t0003\t0\t0\t600\t00000000\t0\t0\t0
            eth0\t00000000\t FE01A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0
            """
        #expect(DefaultGateway.parse(procNetRoute: table) == "192.168.1.254", "the lowest metric wins")
        #expect(DefaultGateway.parse(procNetRoute: "Iface\tDestination\tGateway\n") == nil)
        #expect(DefaultGateway.parse(procNetRoute: "header\neth0\t00000000\t0101A8C0\t0001\t0\t0\t0\t00000000\t0\t0\t0\n") == nil,
                "a route without the gateway flag is not a default gateway")
        #expect(DefaultGateway.find(routeFile: "/nonexistent/route") == nil)
    }

    @Test func bannersRecogniseTheRouter() throws {
        let ssh = try LoopbackServer.ssh(banner: "SSH-2.0-dropbear_2022.83")
        let http = try LoopbackServer.http(headers: ["Server: uhttpd/1.0", "Content-Type: text/html"], body: Self.openWrtPage)
        defer { ssh.stop(); http.stop() }
        let banners = BannerProbe.probe(host: "127.0.0.1", sshPort: ssh.port, httpPort: http.port, timeout: 3)
        #expect(banners.ssh == "SSH-2.0-dropbear_2022.83")
        #expect(banners.httpServer == "uhttpd/1.0")
        #expect(banners.httpTitle == "HomeRouter - LuCI")
        #expect(http.recorded.first == "GET / HTTP/1.0")
        let guess = try #require(RouterRecognizer.recognise(banners))
        #expect(guess.vendor == .openWrt)

        #expect(RouterRecognizer.recognise(RouterBanners(ssh: "SSH-2.0-Cisco-1.25"))?.vendor == .ciscoIOS)
        #expect(RouterRecognizer.recognise(RouterBanners(httpRealm: "level_15_access"))?.vendor == .ciscoIOS)
        #expect(RouterRecognizer.recognise(RouterBanners(ssh: "SSH-2.0-ROSSSH"))?.vendor == .routerOS)
        #expect(RouterRecognizer.recognise(RouterBanners(ssh: "SSH-2.0-dropbear"))?.vendor == nil)
        #expect(RouterRecognizer.recognise(RouterBanners(ssh: "SSH-2.0-OpenSSH_9.2")) == nil)
    }

    @Test func realmAndHostileBanners() throws {
        let ssh = try LoopbackServer.ssh(banner: "SSH-2.0-Cisco-1.25 \u{1B}]0;owned\u{07}\u{1B}[2J")
        let http = try LoopbackServer.http(headers: ["WWW-Authenticate: Basic realm=\"level_15_access\"", "server: cisco-IOS"], body: "")
        defer { ssh.stop(); http.stop() }
        let banners = BannerProbe.probe(host: "127.0.0.1", sshPort: ssh.port, httpPort: http.port, timeout: 3)
        let banner = try #require(banners.ssh)
        #expect(!banner.contains("\u{1B}") && !banner.contains("\u{07}") && banner.contains("\\u{1b}"))
        #expect(banners.httpRealm == "level_15_access" && banners.httpServer == "cisco-IOS" && banners.httpTitle == nil)
    }

    @Test func closedPortsAnswerNothingQuickly() throws {
        let port = try LoopbackServer.closedPort()
        let start = Date()
        let banners = BannerProbe.probe(host: "127.0.0.1", sshPort: port, httpPort: port, timeout: 2)
        #expect(banners.isEmpty)
        #expect(Date().timeIntervalSince(start) < 2)
    }

    /// A server that accepts and then says nothing costs at most the timeout.
    @Test func silentServerTimesOut() throws {
        let silent = try LoopbackServer { fd, _ in
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            _ = poll(&poller, 1, 5000)
        }
        defer { silent.stop() }
        let start = Date()
        #expect(BannerProbe.ssh(host: "127.0.0.1", port: silent.port, timeout: 0.5) == nil)
        #expect(Date().timeIntervalSince(start) < 2)
    }

    // MARK: - The whole dialogue

    /// Drives `routeraudit selfcheck` in a pseudo-terminal with Python's pty module: waits for each
    /// prompt, types the answer, and returns everything the terminal showed and the exit status.
    static func drive(_ arguments: [String], script: [(expect: String, answer: String)], environment: [String: String]) throws -> ReportTools.Output {
        let driver = """
            import json, os, pty, select, sys, time
            argv, script, env = json.loads(sys.argv[1]), json.loads(sys.argv[2]), json.loads(sys.argv[3])
            pid, fd = pty.fork()
            if pid == 0:
                os.execve(argv[0], argv, env)
            out = b""
            def pump(deadline):
                global out
                ready, _, _ = select.select([fd], [], [], max(0, min(0.2, deadline - time.time())))
                if not ready:
                    return True
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    return False
                if not chunk:
                    return False
                out += chunk
                return True
            position = 0
            for expect, answer in script:
                deadline = time.time() + 30
                while expect.encode() not in out[position:]:
                    if time.time() > deadline or not pump(deadline):
                        sys.stdout.write(out.decode("utf-8", "replace"))
                        sys.stdout.write("\\n[driver] prompt never came: %r\\n" % expect)
                        os.kill(pid, 9)
                        os.waitpid(pid, 0)
                        sys.exit(99)
                position = out.index(expect.encode(), position) + len(expect)
                os.write(fd, (answer + "\\n").encode())
            deadline = time.time() + 60
            while time.time() < deadline and pump(deadline):
                pass
            _, status = os.waitpid(pid, 0)
            sys.stdout.write(out.decode("utf-8", "replace"))
            sys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 98)
            """
        var env = ["PATH": "/usr/bin:/bin", "TERM": "dumb", "HOME": NSTemporaryDirectory()]
        for (key, value) in environment { env[key] = value }
        let json = { (value: Any) throws -> String in String(decoding: try JSONSerialization.data(withJSONObject: value), as: UTF8.self) }
        return try ReportTools.run("python3", ["-c", driver, try json([CommandLineTests.executable.path] + arguments),
                                               try json(script.map { [$0.expect, $0.answer] }), try json(env)])
    }

    static var hasPython: Bool {
        let ok = ReportTools.which("python3") != nil
        if !ok { print("skipping PTY test: python3 is not installed (scripts/setup.sh installs it)") }
        return ok
    }

    @Test(.enabled(if: hasPython, "needs python3 for its pty module"))
    func guidedInEnglishThroughATerminal() throws {
        let ssh = try LoopbackServer.ssh(banner: "SSH-2.0-Cisco-1.25")
        let http = try LoopbackServer.http(headers: ["Server: cisco-IOS"], body: "<title>Cisco Systems</title>")
        defer { ssh.stop(); http.stop() }
        let folder = try ReportTools.temporaryFolder("selfcheck-en")
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("report.html")
        let result = try Self.drive(
            ["selfcheck", "--lang", "en", "--gateway", "127.0.0.1", "--ssh-port", "\(ssh.port)", "--http-port", "\(http.port)", "--timeout", "3"],
            script: [("Your choice [1]: ", "2"),
                     ("Path to the configuration file: ", "/nonexistent/router.cfg"),
                     ("Path to the configuration file: ", Fixtures.path("cisco-ios/soho-887-insecure.cfg")),
                     ("press Enter to skip: ", html.path)],
            environment: ["LANG": "nl_NL.UTF-8"])
        let transcript = result.stdout
        print(transcript)
        #expect(result.status == 1, "not safe: exit 1")
        #expect(transcript.contains("Router address (given): 127.0.0.1"))
        #expect(transcript.contains("SSH answers: SSH-2.0-Cisco-1.25"))
        #expect(transcript.contains("This looks like Cisco IOS"))
        #expect(transcript.contains("Logging in to the router is not available yet"))
        #expect(transcript.contains("`terminal length 0`"), "export instructions for the recognised vendor")
        #expect(!transcript.contains("uci export"), "only the recognised vendor's instructions (and the generic ones)")
        #expect(transcript.contains("There is no file at /nonexistent/router.cfg."))
        #expect(transcript.contains("Score: 0 out of 100"))
        #expect(transcript.contains("Your router is not safe to leave like this."))
        #expect(transcript.contains("The 3 most important things to change:"))
        // The three priorities are the costliest checks; the default SNMP community is one of them.
        #expect(transcript.contains("1. "))
        #expect(transcript.contains(". SNMP community is a default or guessable"))
        #expect(transcript.contains("   How: Remove default communities."))
        #expect(transcript.contains("The full report is in \(html.path)"))
        #expect(transcript.contains("Nothing was changed on your router."))
        #expect(!transcript.contains("\u{1B}["), "no colour codes in the dialogue")
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("<html lang=\"en\">") && page.contains("data-check=\"RA-SNMP-001\""))
        #expect(ssh.recorded.count == 1 && http.recorded.count == 1, "one connection per port")
        for secret in Fixtures.secrets(in: "cisco-ios/soho-887-insecure.cfg") where secret.count > 5 {
            #expect(!transcript.contains(secret))
        }
    }

    /// Dutch from the environment (LANG=nl_NL.UTF-8), the export help, and no report written.
    @Test(.enabled(if: hasPython, "needs python3 for its pty module"))
    func guidedInDutchThroughATerminal() throws {
        let ssh = try LoopbackServer.ssh(banner: "SSH-2.0-dropbear_2022.83")
        let http = try LoopbackServer.http(headers: ["Server: uhttpd"], body: Self.openWrtPage)
        defer { ssh.stop(); http.stop() }
        let result = try Self.drive(
            ["selfcheck", "--gateway", "127.0.0.1", "--ssh-port", "\(ssh.port)", "--http-port", "\(http.port)", "--timeout", "3"],
            script: [("Uw keuze [1]: ", "7"),
                     ("Uw keuze [1]: ", "3"),
                     ("Pad naar het configuratiebestand: ", Fixtures.path("openwrt/insecure-home-router")),
                     ("druk op Enter om over te slaan: ", "")],
            environment: ["LANG": "nl_NL.UTF-8"])
        let transcript = result.stdout
        print(transcript)
        #expect(result.status == 1)
        #expect(transcript.contains("RouterAudit zelftest"))
        #expect(transcript.contains("Dit lijkt OpenWrt"))
        #expect(transcript.contains("Typ 1, 2 of 3."))
        #expect(transcript.contains("`uci export > export.txt`"))
        #expect(transcript.contains("Score: 0 van de 100"))
        #expect(transcript.contains("Uw router is niet veilig zoals hij nu is ingesteld."))
        #expect(transcript.contains("De 3 belangrijkste dingen om te veranderen:"))
        #expect(transcript.contains("Hoe: "))
        #expect(transcript.contains("Beheer bereikbaar vanaf elk adres"))
        #expect(!transcript.contains("Het volledige rapport staat in"))
        #expect(transcript.contains("Er is niets aan uw router veranderd."))
        #expect(!transcript.contains("Your router"), "no English verdict in a Dutch session")
    }

    /// The same inputs as flags: no question is asked.
    @Test func nonInteractiveWithFlags() throws {
        let folder = try ReportTools.temporaryFolder("selfcheck-flags")
        defer { try? FileManager.default.removeItem(at: folder) }
        let html = folder.appendingPathComponent("rapport.html")
        let port = try LoopbackServer.closedPort()
        let result = try ReportTools.routeraudit(
            ["selfcheck", "--config", Fixtures.path("openwrt/insecure-home-router"), "--lang", "nl", "--yes", "--gateway", "127.0.0.1",
             "--ssh-port", "\(port)", "--http-port", "\(port)", "--timeout", "1", "--html", html.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("Uw router is niet veilig zoals hij nu is ingesteld."))
        #expect(!result.stdout.contains("Uw keuze") && !result.stdout.contains("Pad naar"))
        #expect(result.stdout.contains("Er kwam geen antwoord op deze poorten."))
        let page = try String(contentsOf: html, encoding: .utf8)
        #expect(page.contains("<html lang=\"nl\">"))

        let safe = try ReportTools.routeraudit(["selfcheck", "--config", Fixtures.path("cisco-ios/soho-887-hardened.cfg"), "--yes",
                                                "--gateway", "127.0.0.1", "--no-probe"])
        #expect(safe.status == 0, "\(safe.stdout)")
        #expect(safe.stdout.contains("No problems found: your router is safe to leave like this."))
    }

    @Test func flagsWithoutAConfigurationFail() throws {
        let result = try ReportTools.routeraudit(["selfcheck", "--yes", "--gateway", "127.0.0.1", "--no-probe"])
        #expect(result.status == 2)
        #expect(result.stdout.contains("--config FILE"))
        let empty = try ReportTools.routeraudit(["selfcheck", "--gateway", "127.0.0.1", "--no-probe"], input: "")
        #expect(empty.status == 2 && empty.stdout.contains("No answer; stopping."))
        let bad = try ReportTools.routeraudit(["selfcheck", "--yes", "--no-probe", "--config", Fixtures.root.appendingPathComponent("README.md").path])
        #expect(bad.status == 2 && bad.stdout.contains("I could not check this file"))
        #expect(try ReportTools.routeraudit(["selfcheck", "--ssh-port", "0"]).status == 2)
    }

    /// The session also runs without a terminal, driven by a scripted console.
    @Test func sessionWithAScriptedConsole() {
        final class Script: SelfcheckConsole {
            var answers: [String]
            var output = ""
            init(_ answers: [String]) { self.answers = answers }
            func write(_ text: String) { output += text }
            func readLine() -> String? { answers.isEmpty ? nil : answers.removeFirst() }
        }
        let console = Script(["", Fixtures.path("cisco-ios/soho-887-hardened.cfg"), ""])
        let status = SelfcheckSession(options: SelfcheckOptions(language: .en, routeFile: "/nonexistent", probe: false),
                                      console: console).run()
        #expect(status == 0)
        #expect(console.output.contains("I could not find your router's address"))
        #expect(console.output.contains("Score: 100 out of 100"))
    }
}
