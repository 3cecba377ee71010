import AuditCore
import AuditReport
import Foundation
import RouterAudit
import Testing

/// The HTML report as a browser renders it: Chromium (Debian's `chromium`) loads the file headless,
/// with every connection sent to a recording proxy on 127.0.0.1 so nothing leaves the machine;
/// the checks read the DOM Chromium built, and a screenshot and a PDF print are kept in
/// .build/test-artifacts/ for a person to look at.
@Suite(.serialized) struct ReportHTMLBrowserTests {
    static let chromium = ReportTools.which("chromium") ?? ReportTools.which("chromium-browser")

    static var hasChromium: Bool {
        if chromium == nil { print("skipping browser test: chromium is not installed (Debian package `chromium`; scripts/test.sh installs it)") }
        return chromium != nil
    }

    /// Hosts Chromium itself calls in the background (component updates, account and time
    /// services), whatever page it shows. Anything else the proxy sees came from the page.
    static func isBrowserService(_ requestLine: String) -> Bool {
        let target = requestLine.split(separator: " ").dropFirst().first.map(String.init) ?? ""
        let host = target.replacing("http://", with: "").replacing("https://", with: "").prefix { $0 != "/" && $0 != ":" }
        return ["google.com", "googleapis.com", "gvt1.com", "gvt2.com", "gstatic.com", "googleusercontent.com"]
            .contains { host == $0 || host.hasSuffix("." + $0) }
    }

    struct Rendered {
        var dom: String
        var pageRequests: [String]
    }

    /// Loads the file in Chromium and returns the DOM it built, and the requests the page made.
    static func render(_ file: URL, screenshot: String? = nil, pdf: String? = nil) throws -> Rendered {
        let chromium = try #require(chromium)
        let proxy = try LoopbackServer { fd, server in
            let request = LoopbackServer.readRequest(fd)
            server.record(request.split(whereSeparator: \.isNewline).first.map(String.init) ?? "")
        }
        defer { proxy.stop() }
        let profile = try ReportTools.temporaryFolder("chromium-profile")
        defer { try? FileManager.default.removeItem(at: profile) }
        let common = [
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run", "--user-data-dir=\(profile.path)",
            // Network off: every connection goes to the recording proxy, none leaves the machine.
            "--proxy-server=http://127.0.0.1:\(proxy.port)", "--proxy-bypass-list=<-loopback>",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps",
            "--disable-features=NetworkTimeServiceQuerying,OptimizationHints,MediaRouter,AutofillServerCommunication",
        ]
        // Chromium keeps crash reports and caches under HOME: a throwaway one.
        let home = ["HOME": profile.path]
        let dom = try ReportTools.run(chromium, common + ["--dump-dom", file.absoluteString], environment: home)
        #expect(dom.status == 0, "chromium failed: \(dom.stderr.suffix(2000))")
        if let screenshot {
            let shot = try ReportTools.run(chromium, common + ["--screenshot=\(screenshot)", "--window-size=1280,2000", file.absoluteString],
                                           environment: home)
            #expect(shot.status == 0 && FileManager.default.fileExists(atPath: screenshot), "no screenshot: \(shot.stderr.suffix(1000))")
            let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
            #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "not a PNG")
        }
        if let pdf {
            let print = try ReportTools.run(chromium, common + ["--print-to-pdf=\(pdf)", "--no-pdf-header-footer", file.absoluteString],
                                            environment: home)
            #expect(print.status == 0 && FileManager.default.fileExists(atPath: pdf), "no PDF: \(print.stderr.suffix(1000))")
            let data = try Data(contentsOf: URL(fileURLWithPath: pdf))
            #expect(data.starts(with: Array("%PDF".utf8)) && data.count > 10_000, "print to PDF failed")
        }
        let pageRequests = proxy.recorded.filter { !isBrowserService($0) }
        return Rendered(dom: dom.stdout, pageRequests: pageRequests)
    }

    /// Elements and attributes that would load something or run something.
    static func activeContent(in dom: String) -> [String] {
        var found: [String] = []
        let lower = dom.lowercased()
        for tag in ["<script", "<img", "<iframe", "<link", "<object", "<embed", "<video", "<audio", "<source", "<base", "<form", "<meta http-equiv=\"refresh\""] where lower.contains(tag) {
            found.append(tag)
        }
        for attribute in ["src=\"", "srcset=\"", "href=\"", "action=\"", "poster=\"", "data=\"", "xlink:href=\""] {
            for part in lower.components(separatedBy: " " + attribute).dropFirst() where !part.hasPrefix("#") {
                found.append(attribute + part.prefix(40))
            }
        }
        for marker in ["url(", "@import"] where lower.contains(marker) {
            found.append(marker)
        }
        // Event handler attributes (onerror=, onload=...) on any element.
        for part in lower.components(separatedBy: "<").dropFirst() {
            let tag = part.prefix { $0 != ">" }
            if tag.range(of: #"\son[a-z]+="#, options: .regularExpression) != nil { found.append("<" + tag.prefix(60)) }
        }
        return found
    }

    static func html(_ inputs: [String], language: String = "en", into folder: URL, name: String) throws -> (file: URL, document: ReportDocument) {
        let file = folder.appendingPathComponent(name)
        let result = try ReportTools.routeraudit(["audit", "--format", "html", "--lang", language, "-o", file.path] + inputs)
        #expect(result.status <= 1, "\(result.stderr)")
        let json = try ReportTools.routeraudit(["audit", "--format", "json"] + inputs)
        return (file, try JSONDecoder().decode(ReportDocument.self, from: Data(json.stdout.utf8)))
    }

    @Test(.enabled(if: hasChromium, "needs Debian's chromium"))
    func renderedReportShowsScoreFindingsAndNoSecrets() throws {
        let folder = try ReportTools.temporaryFolder("html")
        defer { try? FileManager.default.removeItem(at: folder) }
        let fixture = "cisco-ios/soho-887-insecure.cfg"
        let (file, document) = try Self.html([Fixtures.path(fixture)], into: folder, name: "report.html")
        let artifacts = try ReportTools.artifactsFolder()
        let rendered = try Self.render(file, screenshot: artifacts.appendingPathComponent("report-cisco-insecure.png").path,
                                       pdf: artifacts.appendingPathComponent("report-cisco-insecure.pdf").path)
        let dom = rendered.dom
        let device = try #require(document.devices.first)
        #expect(dom.contains("id=\"score\" data-score=\"\(device.score)\">\(device.score)</span>"), "the score is shown")
        #expect(dom.contains("Your router is not safe to leave like this."))
        for finding in device.findings {
            #expect(dom.contains("data-check=\"\(finding.id)\""), "finding \(finding.id) is missing from the page")
            #expect(dom.contains("data-fingerprint=\"\(finding.fingerprint)\""))
        }
        #expect(dom.components(separatedBy: "class=\"instance\"").count - 1 == device.findings.count)
        #expect(dom.contains("<svg class=\"chart\" id=\"chart-severity\""))
        #expect(dom.contains("data-fix-script=\"pending\""))
        let ownWords = (CheckCatalogue.markdown() + RouterAuditFacade.vendorIDs.joined(separator: " ")).lowercased()
        let secrets = Fixtures.secrets(in: fixture).filter { !ownWords.contains($0.lowercased()) }
        #expect(!secrets.isEmpty)
        for secret in secrets { #expect(!dom.contains(secret), "secret '\(secret)' is on the page") }
        #expect(Self.activeContent(in: dom).isEmpty, "\(Self.activeContent(in: dom))")
        #expect(rendered.pageRequests.isEmpty, "the page made network requests: \(rendered.pageRequests)")
        print("artifacts: \(artifacts.path)/report-cisco-insecure.{png,pdf}")
    }

    /// Device text is hostile input: markup in a hostname, a username or a description must stay
    /// text on the rendered page, and never make the browser fetch anything.
    @Test(.enabled(if: hasChromium, "needs Debian's chromium"))
    func hostileConfigurationStaysText() throws {
        let folder = try ReportTools.temporaryFolder("html-hostile")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("hostile.cfg")
        try Data("""
            hostname <img/src=http://evil.example/h.png>
            !
            username <script>alert(1)</script> privilege 15 password 0 letmein
            username x"><img src=http://evil.example/u.png onerror=alert(2)> password 0 x"><img src=http://evil.example/u.png onerror=alert(2)>
            snmp-server community public RW
            interface Dialer1
             description <iframe src=http://evil.example/f></iframe>
             ip address negotiated
             ip nat outside
            line vty 0 4
             transport input telnet
            end

            """.utf8).write(to: config)
        let (file, document) = try Self.html([config.path], into: folder, name: "hostile.html")
        #expect(try #require(document.devices.first).findings.count >= 5)
        let rendered = try Self.render(file, screenshot: try ReportTools.artifactsFolder().appendingPathComponent("report-hostile.png").path)
        #expect(Self.activeContent(in: rendered.dom).isEmpty, "\(Self.activeContent(in: rendered.dom))")
        #expect(rendered.dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(rendered.dom.contains("&lt;img/src=http://evil.example/h.png&gt;"))
        #expect(rendered.pageRequests.isEmpty, "the page made network requests: \(rendered.pageRequests)")
        #expect(!rendered.pageRequests.contains { $0.contains("evil.example") })
    }

    /// Several devices in Dutch: the device table and the Dutch words survive rendering.
    @Test(.enabled(if: hasChromium, "needs Debian's chromium"))
    func fleetReportInDutch() throws {
        let folder = try ReportTools.temporaryFolder("html-fleet")
        defer { try? FileManager.default.removeItem(at: folder) }
        let inputs = ["cisco-ios/soho-887-insecure.cfg", "cisco-ios/soho-887-hardened.cfg", "cisco-ios/soho-1841-legacy-defaults.cfg",
                      "openwrt/insecure-home-router", "openwrt/hardened-router"].map(Fixtures.path)
        let (file, document) = try Self.html(inputs, language: "nl", into: folder, name: "fleet.html")
        let rendered = try Self.render(file, screenshot: try ReportTools.artifactsFolder().appendingPathComponent("report-fleet-nl.png").path)
        let dom = rendered.dom
        #expect(dom.contains("<html lang=\"nl\">"))
        #expect(dom.contains("<table class=\"devices\">"))
        #expect(dom.contains("Laagste score") && dom.contains("Waarom dit belangrijk is."))
        #expect(dom.contains("id=\"score\" data-score=\"\(document.summary.score ?? -1)\""))
        for (index, device) in document.devices.enumerated() {
            #expect(dom.contains("id=\"device-\(index + 1)\""))
            #expect(dom.contains("data-score=\"\(device.score)\""))
        }
        #expect(rendered.pageRequests.isEmpty, "the page made network requests: \(rendered.pageRequests)")
    }

    /// The bar in the issue: a report of 200 findings and more stays under 1 MB and renders whole.
    @Test(.enabled(if: hasChromium, "needs Debian's chromium"))
    func twoHundredFindingsStayUnderOneMegabyte() throws {
        let folder = try ReportTools.temporaryFolder("html-200")
        defer { try? FileManager.default.removeItem(at: folder) }
        let config = folder.appendingPathComponent("big-office.cfg")
        var text = "hostname big-office\n!\n"
        for index in 1...100 { text += "username staff\(index) privilege 15 password 0 staff\(index)\n" }
        text += "line vty 0 4\n login local\n transport input ssh\nend\n"
        try Data(text.utf8).write(to: config)
        let (file, document) = try Self.html([config.path], into: folder, name: "big.html")
        let findings = try #require(document.devices.first).findings
        #expect(findings.count >= 200)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.size] as? Int)
        print("HTML report with \(findings.count) findings: \(size) bytes")
        #expect(size < 1_000_000)
        let rendered = try Self.render(file)
        #expect(rendered.dom.components(separatedBy: "class=\"instance\"").count - 1 == findings.count)
    }
}
