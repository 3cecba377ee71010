import AuditCore
import Testing
@testable import AuditVendors

/// DrayTek Vigor telnet command scripts: extraction, conversion, detection and bad input, on
/// snippets written from the Vigor User's Guide "Telnet Commands" syntax.
@Suite struct DrayTekTests {
    static func parse(_ text: String) -> DeviceConfig {
        DrayTekSupport().parse([ConfigInput(path: "vigor.txt", text: text)])
    }

    @Test func promptsAnswersAndCommentsAreNotCommands() {
        let script = DrayTekParser.parse(path: "x", text: "# backup\n> mngt rmtcfg disable\nDrayTek> upnp off\n% Remote configure function has been disabled.\n")
        #expect(script.commands.map(\.line) == [2, 3])
        #expect(script.commands[1].words == ["upnp", "off"])
    }

    @Test func theFactoryLoginIsAVendorDefaultUntilSysPasswd() throws {
        let factory = Self.parse("upnp off\n")
        let admin = try #require(factory.accounts.first)
        #expect(admin.secret?.form == .cleartext("admin") && admin.origin.isVendorDefault)
        let changed = Self.parse("sys passwd admin N3w-Passw0rd!\n")
        #expect(changed.accounts.first?.secret?.form == .cleartext("N3w-Passw0rd!"))
        #expect(changed.secretSpans.count == 2)
        #expect(!changed.diagnostics.contains { $0.message.contains("N3w") })
    }

    @Test func managementStaysOnTheLANUntilRemoteManagement() throws {
        let lan = Self.parse("mngt telnetport 2323\n")
        let telnet = try #require(lan.service(.telnet))
        #expect(telnet.enabled.value && telnet.effectivePort == 2323 && telnet.listen.value == [.role(.lan)])
        #expect(lan.filters.isEmpty)
        #expect(lan.zone(named: "WAN")?.input.value == .deny)

        let remote = Self.parse("mngt rmtcfg enable\nmngt rmtcfg telnet off\nmngt accesslist add 203.0.113.7 255.255.255.255\n")
        #expect(remote.service(.telnet)?.listen.value == [.role(.lan)])
        #expect(remote.service(.https)?.listen.value == [.role(.lan), .role(.wan)])
        let rules = try #require(remote.filter(named: "remote-management")).rules
        #expect(rules.allSatisfy { $0.sourceZone == "WAN" && $0.chain == .input && $0.source == .prefix(IPPrefix("203.0.113.7/32")!) })
        #expect(Set(rules.compactMap { if case .ranges(let r) = $0.destinationPorts { r.first?.lowerBound } else { nil } }) == [80, 443, 22])
    }

    @Test func enforcedHTTPSRedirectsHTTP() throws {
        let config = Self.parse("mngt rmtcfg enforce_https on\n")
        #expect(config.service(.http)?.settings["redirect_https"]?.value == "on")
        #expect(config.coverage.understoodLines == 1)
    }

    @Test func snmpCommunitiesFromMngtSnmp() throws {
        let config = Self.parse("mngt snmp -e 1 -g public -s private -m 192.168.1.50 -t trapme\n")
        #expect(config.service(.snmp)?.enabled.value == true)
        #expect(config.snmp.communities.map(\.access) == [.readOnly, .readWrite])
        #expect(config.snmp.communities.allSatisfy { $0.isRestricted })
        #expect(config.secretSpans.count == 3)
    }

    @Test func portRedirectionsAndOpenPorts() throws {
        let config = Self.parse("""
        srv nat portmap add 1 rdp tcp 3389 0 0 192.168.1.10 3389 wan1 0
        srv nat portmap add 2 web tcp 8080 0 0 192.168.1.11 80 wan2 0
        srv nat portmap disable 2
        srv nat openport 1 1 -a 1 -c games -i 192.168.1.20 -w 1 0 -p UDP -s 27000 -e 27015
        """)
        #expect(config.portForwards.count == 3)
        #expect(config.portForwards[0].externalPorts == .single(3389) && config.portForwards[0].internalAddress == IPAddress("192.168.1.10"))
        #expect(config.portForwards[1].internalPorts == .single(80) && !config.portForwards[1].enabled)
        #expect(config.portForwards[2].externalPorts == .ranges([27000...27015]) && config.portForwards[2].protocols == .only([.udp]))
    }

    @Test func detection() {
        let script = "mngt rmtcfg enable\nsys passwd admin x\nsrv nat portmap add 1 x tcp 80 0 0 1.2.3.4 80 wan1 0\n"
        #expect(DrayTekSupport().detect(script).value >= 60)
        #expect(VendorRegistry.detect(script)?.vendor.id == .drayTek)
        for sample in [
            "hostname cpe\n!\ninterface GigabitEthernet0/0\n ip address 192.0.2.1 255.255.255.0\n!\nend\n",
            "config system global\n    set hostname fw\nend\n",
            "/ip service\nset telnet disabled=yes\n",
            "username admin password 1234 user-type admin\naddress-object A 10.0.0.1\n",
            "The quick brown fox jumps over the lazy dog.\n",
        ] {
            #expect(DrayTekSupport().detect(sample).value < 20, "\(sample.prefix(30))")
        }
    }

    @Test func badInputGetsDiagnostics() {
        let truncated = Self.parse("mngt rmtcfg enable\nsrv nat portmap add 1 rdp tcp\n")
        #expect(truncated.diagnostics.contains { $0.code == "bad-value" && $0.span?.start == 2 })
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let garbage = Self.parse(String(decoding: bytes, as: UTF8.self))
        #expect(garbage.diagnostics.contains { $0.code == "binary" && $0.level == .error })
        let foreign = Self.parse("hostname cpe\ninterface GigabitEthernet0/0\n ip address 192.0.2.1 255.255.255.0\n")
        #expect(foreign.coverage.understoodLines < foreign.coverage.meaningfulLines)
        #expect(foreign.diagnostics.contains { $0.code == "unrecognized-line" })
        #expect(Self.parse("").diagnostics.contains { $0.code == "empty" })
    }
}
