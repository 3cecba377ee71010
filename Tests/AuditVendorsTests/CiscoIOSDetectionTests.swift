import AuditCore
import AuditVendors
import Testing

/// Detection looks at content only.
@Suite struct CiscoIOSDetectionTests {
    let support = CiscoIOSSupport()

    @Test func identityOfTheVendor() {
        #expect(support.id == .ciscoIOS)
        #expect(support.displayName == "Cisco IOS / IOS-XE")
    }

    @Test func runningConfigScoresHigh() {
        let text = """
        !
        version 15.2
        service timestamps log datetime msec
        !
        hostname r1
        !
        interface GigabitEthernet0/0
         ip address 10.0.0.1 255.255.255.0
        !
        ip route 0.0.0.0 0.0.0.0 10.0.0.254
        access-list 10 permit any
        !
        line vty 0 4
         login
        !
        end
        """
        let score = support.detect(text)
        #expect(score.value >= 90, "\(score.reason)")
        #expect(VendorRegistry.detect(text)?.vendor.id == .ciscoIOS)
    }

    @Test func aSnippetStillScores() {
        #expect(support.detect("interface Dialer1\n ip address negotiated\n ip nat outside\n").value >= 10)
    }

    @Test func openWrtUCIScoresLow() {
        let uci = """
        config defaults
        \toption input 'ACCEPT'
        \toption output 'ACCEPT'

        config zone
        \toption name 'wan'
        \tlist network 'wan'
        \toption input 'REJECT'

        config interface 'lan'
        \toption proto 'static'
        """
        #expect(support.detect(uci).value < 20)
    }

    @Test func randomTextScoresBelowTwenty() {
        var generator = SystemRandomNumberGenerator()
        let words = ["alpha", "interface", "bravo", "version", "the", "end", "router", "hostname", "!", "lorem", "ipsum"]
        var lines: [String] = []
        for _ in 0..<200 {
            lines.append((0..<6).map { _ in words.randomElement(using: &generator)! }.joined(separator: " "))
        }
        #expect(support.detect(lines.joined(separator: "\n")).value < 20)
        #expect(support.detect("The quick brown fox jumps over the lazy dog.\nNothing to see here.\n").value < 20)
        #expect(support.detect("").value == 0)
    }

    @Test func lookAlikesAreCapped() {
        #expect(support.detect(": Saved\nASA Version 9.8(4)\nhostname fw\ninterface Gi0/0\n nameif outside\nend\n").value < 20)
        #expect(support.detect("version 11.4R7.5;\nsystem {\n    host-name sw;\n    services {\n        ssh;\n    }\n}\n").value < 20)
    }
}
