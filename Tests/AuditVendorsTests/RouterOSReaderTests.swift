import AuditCore
import Testing
@testable import AuditVendors

/// Helpers shared by the RouterOS test files.
enum RouterOSTest {
    static func read(_ text: String, path: String = "export.rsc") -> RouterOSDocument {
        RouterOSReader.read(ConfigSource(path: path, text: text))
    }

    static func parse(_ text: String, path: String = "export.rsc") -> DeviceConfig {
        RouterOSSupport().parse([ConfigInput(path: path, text: text)])
    }

    static func commands(_ document: RouterOSDocument) -> [RouterOSStatement] {
        document.statements.filter { !$0.isPathLine && $0.path != ":script" }
    }

    static func diagnostics(_ config: DeviceConfig, code: String) -> [Diagnostic] {
        config.diagnostics.filter { $0.code == code }
    }
}

@Suite("RouterOS reader")
struct RouterOSReaderTests {
    @Test func pathLinesSetTheMenuAndCommandsUseIt() throws {
        let document = RouterOSTest.read("""
        # jan/02/1970 00:05:27 by RouterOS 6.45.9
        # software id = ABCD-1234
        #
        # model = RBD52G-5HacD2HnD
        /ip address
        add address=192.168.88.1/24 comment=defconf interface=bridge network=192.168.88.0
        /ip service set telnet disabled=yes
        add address=10.0.0.1/24 interface=ether2
        """)
        let commands = RouterOSTest.commands(document)
        #expect(commands.map(\.path) == ["ip address", "ip service", "ip address"])
        #expect(commands.map(\.command) == ["add", "set", "add"])
        #expect(commands[0].value("comment") == "defconf")
        #expect(commands[1].itemName == "telnet" && commands[1].value("disabled") == "yes")
        #expect(document.header.version?.value == "6.45.9")
        #expect(document.header.model?.value == "RBD52G-5HacD2HnD")
        #expect(document.meaningfulLines == 4)
        #expect(document.unreadable.isEmpty)
    }

    @Test func version7SlashPaths() {
        let document = RouterOSTest.read("""
        /ip/firewall/filter
        add chain=input action=drop
        /routing/table/ add name=to_WAN_1 fib
        add chain=forward action=accept
        """)
        let commands = RouterOSTest.commands(document)
        #expect(commands.map(\.path) == ["ip firewall filter", "routing table", "ip firewall filter"])
        #expect(commands[1].positional == ["fib"] && commands[1].value("name") == "to_WAN_1")
    }

    @Test func continuationLinesJoinAndKeepTheirPhysicalLines() throws {
        let document = RouterOSTest.read("""
        /ip firewall filter
        add action=accept chain=input comment=\\
            "defconf: accept established,related,untracked" connection-state=\\
            established,related,untracked
        add action=drop chain=input comment="defconf: drop all not coming from LAN" \\
            in-interface-list=!LAN
        """)
        let commands = RouterOSTest.commands(document)
        try #require(commands.count == 2)
        #expect(commands[0].value("comment") == "defconf: accept established,related,untracked")
        #expect(commands[0].value("connection-state") == "established,related,untracked")
        #expect(commands[0].firstLine == 2 && commands[0].lastLine == 4)
        let state = try #require(commands[0].property("connection-state"))
        #expect(commands[0].line(of: state) == 4)
        #expect(commands[1].value("in-interface-list") == "!LAN")
        #expect(commands[1].line(of: try #require(commands[1].property("in-interface-list"))) == 6)
        #expect(document.meaningfulLines == 6)
    }

    @Test func aValueWrappedInTheMiddleMapsToBothLines() throws {
        let text = "/ppp secret\nadd name=bob password=abcdefgh\\\n    ijkl service=any\n"
        let document = RouterOSTest.read(text)
        let statement = try #require(RouterOSTest.commands(document).first)
        let password = try #require(statement.property("password"))
        #expect(password.value == "abcdefghijkl")
        let ranges = statement.physicalRanges(of: password)
        #expect(ranges.map(\.line) == [2, 3])
        let lines = ConfigSource(path: "x", text: text).lines
        let first = Array(lines[1].utf8)[ranges[0].range]
        let second = Array(lines[2].utf8)[ranges[1].range]
        #expect(String(decoding: first, as: UTF8.self) == "abcdefgh")
        #expect(String(decoding: second, as: UTF8.self) == "ijkl")
    }

    @Test func quotedValuesAndEscapes() throws {
        let document = RouterOSTest.read(#"""
        /system note
        set note="a \"quoted\" word\nnext\_line \\ end" show-at-login=no
        /interface wifi
        set [ find default-name=wifi1 ] security.authentication-types=wpa2-psk .passphrase="x y"
        """#)
        let commands = RouterOSTest.commands(document)
        #expect(commands[0].value("note") == "a \"quoted\" word\nnext line \\ end")
        #expect(commands[0].value("show-at-login") == "no")
        #expect(commands[1].selector?.value("default-name") == "wifi1")
        #expect(commands[1].value("security.passphrase") == "x y")
    }

    @Test func multiLineQuotedNoteWithEscapedBackslashes() {
        // The shape of netutils' `/system note` test: `\\\` at the end is an escaped backslash
        // followed by a continuation; the last line closes a quote left open.
        let document = RouterOSTest.read(#"""
        /system note set note="This is a \\\"System Note\\\".\\n\\\
            \nIt includes double quotes (\\\") and more.\\n\\\
            \nWow, a note!
            \nWe are treating this as a banner."
        /system identity set name=r1
        """#)
        let commands = RouterOSTest.commands(document)
        #expect(commands.count == 2)
        #expect(commands.first?.lastLine == 4)
        #expect(commands.last?.value("name") == "r1")
        #expect(document.diagnostics.isEmpty)
        #expect(document.meaningfulLines == 5)
    }

    @Test func proseAndForeignLinesAreUnreadable() {
        let document = RouterOSTest.read("""
        /ip route
        add dst-address=0.0.0.0/0 gateway=192.168.122.1
        Step 5: Create NAT Policy
        /ip firewall nat add chain=srcnat action=masquerade out-interface=WAN
        """)
        #expect(document.unreadable.keys.sorted() == [3])
        #expect(RouterOSTest.commands(document).count == 2)
    }

    @Test func scriptCommandsAndPromptsAreRecognised() {
        let document = RouterOSTest.read("""
        [admin@gw-core] > /export terse
        :local x 5
        /system identity set name=gw-core
        """)
        #expect(document.promptHost?.value == "gw-core")
        #expect(document.unreadable.isEmpty)
        #expect(document.meaningfulLines == 2)
    }

    @Test func unterminatedQuoteIsReported() {
        let document = RouterOSTest.read("""
        /system note set note="never closed
        /system identity set name=r1
        """)
        #expect(document.diagnostics.contains { $0.code == "truncated" && $0.span?.start == 1 })
        #expect(RouterOSTest.commands(document).last?.value("name") == "r1")
    }

    @Test func trailingContinuationAtTheEnd() {
        let document = RouterOSTest.read("/ip dns set servers=1.1.1.1 \\")
        #expect(document.diagnostics.contains { $0.code == "truncated" })
        #expect(RouterOSTest.commands(document).first?.value("servers") == "1.1.1.1")
    }

    @Test func selectorsAndNumbers() {
        let document = RouterOSTest.read("""
        /snmp community set [ find default=yes ] name=xyz addresses=10.0.0.0/8
        /system logging action set 3 remote=172.16.11.1
        /user set [ find where name="admin" ] disabled=yes
        """)
        let commands = RouterOSTest.commands(document)
        #expect(commands[0].selector?.value("default") == "yes")
        #expect(commands[1].itemName == "3")
        #expect(commands[2].selector?.value("name") == "admin")
    }
}
