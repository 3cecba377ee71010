import AuditCore
import AuditVendors
import Testing

/// Step one for secrets: `[TYPE] VALUE` to a secret form and its byte range on the line.
@Suite struct CiscoIOSSecretParserTests {
    static func read(_ line: String, at index: Int, restOfLine: Bool = false) -> CiscoSecretValue? {
        let config = CiscoIOSParser.parse(path: "s.cfg", text: line + "\nend\n")
        return CiscoSecretParser.read(config.commands[0], at: index, restOfLine: restOfLine)
    }

    @Test func typesMapToForms() {
        #expect(Self.read("enable password cisco", at: 2)?.form == .cleartext("cisco"))
        #expect(Self.read("enable password 0 cisco", at: 2)?.form == .cleartext("cisco"))
        #expect(Self.read("enable password 7 02050D480809", at: 2)?.form == .reversible(scheme: .ciscoType7, encoded: "02050D480809"))
        #expect(Self.read("enable secret 4 tnhtc92DXBhelxjYk8LWJrPV36S2i4ntXrpb4RFmfqY", at: 2)?.form
                == .hashed(scheme: .ciscoType4, encoded: "tnhtc92DXBhelxjYk8LWJrPV36S2i4ntXrpb4RFmfqY"))
        #expect(Self.read("enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0", at: 2)?.form
                == .hashed(scheme: .md5crypt, encoded: "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0"))
        #expect(Self.read("enable secret 8 $8$dsYGNam3K1SIJO$7nv", at: 2)?.form == .hashed(scheme: .ciscoType8, encoded: "$8$dsYGNam3K1SIJO$7nv"))
        #expect(Self.read("enable secret 9 $9$nhEmQVczB7dqsO$X", at: 2)?.form == .hashed(scheme: .ciscoType9, encoded: "$9$nhEmQVczB7dqsO$X"))
        #expect(Self.read("ppp chap password 6 AbC]", at: 3)?.form == .opaque(scheme: "cisco-type6", encoded: "AbC]"))
    }

    @Test func rangeCoversExactlyTheValue() throws {
        let line = "username bob privilege 15 secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0"
        let value = try #require(Self.read(line, at: 5))
        let bytes = Array(line.utf8)[value.range]
        #expect(String(decoding: bytes, as: UTF8.self) == "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0")
    }

    @Test func cleartextRunsToTheEndOfTheLineWhenAsked() throws {
        let line = " security wpa psk set-key ascii 0 WLAN SECR3T"
        let value = try #require(Self.read(line, at: 5, restOfLine: true))
        #expect(value.form == .cleartext("WLAN SECR3T"))
        #expect(String(decoding: Array(line.utf8)[value.range], as: UTF8.self) == "WLAN SECR3T")
    }

    @Test func aLoneDigitIsAValueNotAType() {
        #expect(Self.read("password 7", at: 1)?.form == .cleartext("7"))
    }
}
