import AuditCore
import Testing
@testable import AuditVendors

/// The UCI reader alone: text in, packages/sections/options with lines out.
@Suite("OpenWrt UCI reader")
struct OpenWrtUCIReaderTests {
    @Test func exportDumpKeepsPackagesSectionsAndLines() {
        let document = OpenWrtTest.read("""
            package firewall

            config defaults
            \toption input 'REJECT'

            package dropbear

            config dropbear 'main'
            \toption Port '22'
            \tlist Interface 'lan'
            """)
        #expect(document.packages.map(\.name) == ["firewall", "dropbear"])
        #expect(document.meaningfulLines == 7)
        let dropbear = document.packages[1].sections[0]
        #expect(dropbear.type == "dropbear")
        #expect(dropbear.name == "main")
        #expect(dropbear.headerLine == 8)
        #expect(dropbear.option("Port") == UCIValue(text: "22", line: 9, byteRange: 14..<16))
        #expect(dropbear.values("Interface").map(\.text) == ["lan"])
        #expect(dropbear.lastLine == 10)
        #expect(document.unreadableLines.isEmpty)
    }

    @Test(arguments: [
        ("config zone\n\toption name lan\nconfig rule\n\toption src wan\n", "firewall"),
        ("config dropbear\n\toption Port 22\n", "dropbear"),
        ("config uhttpd main\n\tlist listen_http 0.0.0.0:80\nconfig cert defaults\n", "uhttpd"),
        ("config interface lan\n\toption proto static\nconfig device\n", "network"),
        ("config system\n\toption hostname x\nconfig timeserver ntp\n", "system"),
        ("config dnsmasq\nconfig dhcp lan\nconfig host\n", "dhcp"),
        ("config upnpd config\nconfig perm_rule\n", "upnpd"),
        // snmpd has a `config system` too; its other sections outvote it.
        ("config agent\nconfig com2sec public\nconfig system\nconfig access a\n", "snmpd"),
        ("config openvpn custom\n\toption enabled 0\n", "openvpn"),
        ("config wifi-device radio0\nconfig wifi-iface default_radio0\n", "wireless"),
        ("config rpcd\nconfig login\n", "rpcd"),
    ])
    func singleFilePackageIsToldFromSectionTypes(text: String, package: String) {
        #expect(OpenWrtTest.read(text).packages.map(\.name) == [package])
    }

    @Test func unknownSectionTypesLeaveThePackageUnnamed() {
        let document = OpenWrtTest.read("config frobnicator\n\toption level 11\n")
        #expect(document.packages.map(\.name) == [""])
    }

    @Test func uciShowOutputBecomesSections() {
        let document = OpenWrtTest.read("""
            firewall.@defaults[0]=defaults
            firewall.@defaults[0].input='REJECT'
            firewall.@zone[0]=zone
            firewall.@zone[0].name='wan'
            firewall.@zone[0].network='wan' 'wan6'
            network.lan=interface
            network.lan.ipaddr='192.168.1.1'
            system.@system[0].description='it'\\''s mine'
            """)
        #expect(document.packages.map(\.name) == ["firewall", "network", "system"])
        #expect(document.meaningfulLines == 8)
        #expect(document.unreadableLines.isEmpty)
        let zone = document.packages[0].sections[1]
        #expect(zone.type == "zone")
        #expect(zone.name == nil)
        #expect(zone.values("network").map(\.text) == ["wan", "wan6"])
        #expect(zone.entries.filter { $0.name == "network" }.allSatisfy { $0.isList })
        let lan = document.packages[1].sections[0]
        #expect(lan.name == "lan")
        #expect(lan.option("ipaddr")?.text == "192.168.1.1")
        #expect(lan.option("ipaddr")?.byteRange == 20..<31)
        // An option before its section line still lands in a section typed from `@system[0]`.
        let system = document.packages[2].sections[0]
        #expect(system.type == "system")
        #expect(system.option("description")?.text == "it's mine")
    }

    @Test func quotingCommentsAndEscapesFollowLibuci() {
        let document = OpenWrtTest.read(#"""
            config 'system'
            	option 'hostname' 'NOCALL'   # trailing comment
            	option server "10.8.0.0 255.255.255.0"
            	option escaped "say \"hi\""
            	option joined 'a'"b"c
            	option hash '#not-a-comment'
            	option bare /etc/openvpn/ca.crt
            	option empty ''
            # option commented 'out'
            	#option commented 'out'
            """#)
        let system = document.packages[0].sections[0]
        #expect(system.type == "system")
        #expect(system.option("hostname")?.text == "NOCALL")
        #expect(system.option("server")?.text == "10.8.0.0 255.255.255.0")
        #expect(system.option("escaped")?.text == #"say "hi""#)
        #expect(system.option("joined")?.text == "abc")
        #expect(system.option("hash")?.text == "#not-a-comment")
        #expect(system.option("bare")?.text == "/etc/openvpn/ca.crt")
        #expect(system.option("empty")?.text == "")
        #expect(system.option("commented") == nil)
        #expect(document.meaningfulLines == 8)
    }

    @Test func valueRangesPointInsideTheQuotes() {
        let line = "\toption key 'sécret pass'"
        let document = OpenWrtTest.read("config wifi-iface\n" + line + "\n")
        let key = document.packages[0].sections[0].option("key")
        #expect(key?.text == "sécret pass")
        let bytes = Array(line.utf8)
        #expect(key.map { String(decoding: bytes[$0.byteRange], as: UTF8.self) } == "sécret pass")
    }

    @Test func laterOptionWinsAndOptionsSplitLikeLists() {
        let section = OpenWrtTest.read("""
            config zone
            \toption input ACCEPT
            \toption input REJECT
            \toption network 'wan wan6'
            \tlist network 'wwan'
            """).packages[0].sections[0]
        #expect(section.option("input")?.text == "REJECT")
        #expect(section.option("input")?.line == 3)
        #expect(section.values("network").map(\.text) == ["wan", "wan6", "wwan"])
    }

    @Test func unterminatedQuoteIsTruncationAndKeepsTheRestOfTheLine() {
        let document = OpenWrtTest.read("config rule\n\toption name 'Allow-SS\n")
        #expect(document.packages[0].sections[0].option("name")?.text == "Allow-SS")
        #expect(document.diagnostics.contains { $0.code == "truncated" && $0.level == .error && $0.span?.start == 2 })
    }

    @Test func linesOutsideUCISyntaxAreRecordedNotDropped() {
        let document = OpenWrtTest.read("""
            option orphan '1'
            hostname cisco-router
            config zone
            \toption
            \tlist network
            config
            """)
        #expect(document.unreadableLines.map(\.line) == [1, 2, 4, 5, 6])
        #expect(document.meaningfulLines == 6)
    }

    @Test func extraWordsAreReportedButTheValueIsKept() {
        let document = OpenWrtTest.read("config zone\n\toption input REJECT now\n")
        #expect(document.packages[0].sections[0].option("input")?.text == "REJECT")
        #expect(document.diagnostics.contains { $0.code == "bad-value" && $0.span?.start == 2 })
    }
}
