import Testing
import AuditCore

struct AddressTests {
    @Test func ipv4() {
        #expect(IPAddress("192.168.1.1") == .v4(0xC0A8_0101))
        #expect(IPAddress("256.1.1.1") == nil)
        #expect(IPAddress("1.2.3") == nil)
        #expect(IPAddress("1.2.3.4.5") == nil)
        #expect(IPAddress("a.b.c.d") == nil)
        #expect(IPAddress.v4(0x0A00_0001).description == "10.0.0.1")
    }

    @Test func ipv6() {
        #expect(IPAddress("::1") == .v6(1))
        #expect(IPAddress("::") == .v6(0))
        #expect(IPAddress("fe80::1") == .v6(UInt128(0xfe80) << 112 | 1))
        #expect(IPAddress("2001:db8::8:800:200c:417a") != nil)
        #expect(IPAddress("1:2:3:4:5:6:7:8") != nil)
        #expect(IPAddress("1::2::3") == nil)
        #expect(IPAddress("12345::") == nil)
    }

    @Test func prefixes() throws {
        let net = try #require(IPPrefix("10.1.0.0/16"))
        #expect(net.contains(IPAddress("10.1.200.3")!))
        #expect(!net.contains(IPAddress("10.2.0.1")!))
        #expect(IPPrefix("10.0.0.0/33") == nil)
        #expect(IPPrefix("0.0.0.0/0")!.isAny)
        #expect(IPPrefix("192.168.4.0/24")!.isPrivate)
        #expect(!IPPrefix("8.8.8.0/24")!.isPrivate)
    }

    @Test func ciscoWildcards() {
        #expect(AddressMatch.cisco(address: 0x0A00_0000, wildcard: 0x00FF_FFFF) == .prefix(IPPrefix("10.0.0.0/8")!))
        #expect(AddressMatch.cisco(address: 0x0A01_0203, wildcard: 0) == .prefix(IPPrefix("10.1.2.3/32")!))
        #expect(AddressMatch.cisco(address: 0, wildcard: .max).isAny)
        // 0.0.255.0 is discontiguous: kept as written.
        if case .wildcard = AddressMatch.cisco(address: 0x0A00_0001, wildcard: 0x0000_FF00) {} else {
            Issue.record("discontiguous wildcard was turned into a prefix")
        }
    }

    @Test func ports() {
        let match = PortMatch.ranges([20...21, 8000...8080])
        #expect(match.contains(21) && match.contains(8080) && !match.contains(22))
        #expect(PortMatch.ranges([0...65535]).isAny)
    }
}

struct TextTests {
    @Test func secretsAreMaskedUnlessAsked() {
        let secret = "hunter2"
        let text: FindingText = "community \(secret: secret) is weak"
        #expect(!text.rendered(showSecrets: false).contains(secret))
        #expect(!"\(text)".contains(secret))
        #expect(text.rendered(showSecrets: true).contains(secret))
    }

    @Test func linesSplitOnLFAndCRLF() {
        let source = ConfigSource(path: "x", text: "a\r\nb\n\nc")
        #expect(source.lines == ["a", "b", "", "c"])
        #expect(source.line(4) == "c")
        #expect(source.line(5) == nil)
        #expect(ConfigSource(path: "x", text: "").lines.isEmpty)
    }

    @Test func exampleMarkers() {
        let example = CheckExample.bad(.ciscoIOS, "hostname x\n↓enable password 7 0822455D0A16\n↓ transport input telnet")
        let (text, marked) = example.unmarked
        #expect(marked == [2, 3])
        #expect(!text.contains("↓"))
        #expect(text.contains("\n transport input telnet"))
    }
}
