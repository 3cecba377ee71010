import AuditCore
import AuditVendors
import Testing

/// Step one: lines to the IOS block tree (no model involved).
@Suite struct CiscoIOSParserTests {
    static func parse(_ text: String) -> CiscoIOSConfig {
        CiscoIOSParser.parse(path: "test.cfg", text: text)
    }

    @Test func topLevelCommandsOwnTheirIndentedChildren() {
        let config = Self.parse("""
        !
        hostname r1
        interface Dialer1
         ip address negotiated
         ppp chap hostname user
        !
        router bgp 65000
         neighbor 10.0.0.1 remote-as 65001
         address-family ipv4
          network 10.0.0.0
         exit-address-family
        end
        """)
        #expect(config.topLevelTexts == ["hostname r1", "interface Dialer1", "router bgp 65000"])
        let interface = Array(config.topLevel)[1]
        #expect(config.childTexts(of: interface) == ["ip address negotiated", "ppp chap hostname user"])
        #expect(config.commands[interface].line == 3)
        let bgp = Array(config.topLevel)[2]
        #expect(config.childTexts(of: bgp) == ["neighbor 10.0.0.1 remote-as 65001", "address-family ipv4"])
        let family = Array(config.children(of: bgp))[1]
        #expect(config.childTexts(of: family) == ["network 10.0.0.0"])
        #expect(config.commands[family].depth == 1)
        #expect(config.endLine == 12)
        #expect(config.diagnostics.isEmpty)
    }

    @Test func commentsBlankLinesAndExitAreNotCommands() {
        let config = Self.parse("line vty 0 4\n ! a comment inside\n\n login\n exit\n!\nend\n")
        #expect(config.commands.count == 2)
        #expect(config.childTexts(of: 0) == ["login"])
    }

    @Test func unevenIndentationNestsUnderThePreviousLine() {
        // `show run all` prints some interface lines with two spaces.
        let config = Self.parse("interface Loopback1\n ipv6 nd ra interval 200\n  ipv6 redirects\n shutdown\nend\n")
        #expect(config.childTexts(of: 0) == ["ipv6 nd ra interval 200", "shutdown"])
        #expect(config.childTexts(of: 1) == ["ipv6 redirects"])
    }

    @Test func multiLineBannerTextIsNotParsed() {
        let config = Self.parse("""
        hostname r1
        banner motd ^C
        interface FakeFromBanner
         this is text
        ^C
        line con 0
        end
        """)
        #expect(config.topLevelTexts == ["hostname r1", "line con 0"])
        #expect(config.banners == [CiscoBanner(kind: "motd", delimiter: "^C", startLine: 2, endLine: 5, terminated: true)])
    }

    @Test func bannerClosedOnItsFirstOrLastTextLine() {
        let config = Self.parse("""
        banner login ^CAuthorised access only!
        ***^C
        banner exec #one line#
        hostname r1
        end
        """)
        #expect(config.banners.map(\.lineCount) == [2, 1])
        #expect(config.banners.map(\.delimiter) == ["^C", "#"])
        #expect(config.topLevelTexts == ["hostname r1"])
    }

    @Test func unterminatedBannerIsReportedAsTruncated() {
        let config = Self.parse("banner motd ^C\nno closing delimiter\nhostname r1\n")
        #expect(config.banners.first?.terminated == false)
        #expect(config.commands.isEmpty)
        #expect(config.diagnostics.contains { $0.code == "truncated" && $0.level == .error })
    }

    @Test func missingEndIsAWarning() {
        let config = Self.parse("hostname r1\ninterface Vlan1\n")
        #expect(config.endLine == nil)
        #expect(config.diagnostics.map(\.code) == ["truncated"])
    }

    @Test func wordsKeepQuotedNamesTogether() {
        let config = Self.parse("ap profile \"spaces profile\"\n dot1x username u password 0 two words\nend\n")
        #expect(config.commands[0].words == ["ap", "profile", "\"spaces profile\""])
        #expect(config.commands[1].words.count == 7)
    }

    @Test func certificateHexStaysInsideItsChain() {
        let config = Self.parse("""
        crypto pki certificate chain TP-self-signed-1
         certificate self-signed 01
          30820330 30820218 A0030201 02020101
          3C1D27CD 60B9C28E
          \tquit
        hostname r1
        end
        """)
        #expect(config.topLevelTexts == ["crypto pki certificate chain TP-self-signed-1", "hostname r1"])
        #expect(config.commands[0].subtreeEnd == 4)
    }

    @Test func macroBodiesAreText() {
        let config = Self.parse("macro name ACCESS\nswitchport mode access\n@\nhostname r1\nend\n")
        #expect(config.topLevelTexts == ["hostname r1"])
        #expect(config.textBlockLines == 3)
    }
}
