import Testing
import Foundation
import AuditCore
import AuditCredentials

/// Vectors from ../shared/reference/password-formats/test-vectors.csv, read in place.
struct TestVectorTests {
    struct Vector: Sendable, CustomTestStringConvertible {
        var format: String
        var encoded: String
        var plaintext: String
        var testDescription: String { "\(format) \(encoded.prefix(16))…" }
    }

    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("../shared/reference/password-formats/test-vectors.csv").standardizedFileURL

    static let vectors: [Vector] = {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            print("skipping shared test vectors: \(file.path) is absent")
            return []
        }
        return text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            let fields = CSV.fields(String(line))
            guard fields.count >= 4 else { return nil }
            return Vector(format: fields[0], encoded: fields[2], plaintext: fields[3])
        }
    }()

    /// Every vector, whatever its format, through the engine's own decoder or verifier.
    @Test("every shared vector decodes or verifies", arguments: vectors)
    func vector(_ vector: Vector) throws {
        let encoded = vector.encoded
        switch vector.format {
        case "cisco-type7":
            #expect(try CiscoType7.decode(encoded).get() == vector.plaintext)
        case "junos-type9":
            #expect(try JunosType9.decode(encoded).get() == vector.plaintext)
        case "fortios-ENC-reversible":
            #expect(try FortiOSSecrets.decodeENC(encoded).get() == vector.plaintext)
        case "mikrotik-user.dat-xor":
            #expect(MikroTikUserDat.decode(hexBytes(encoded), user: "admin") == vector.plaintext)
        case "cisco-type4", "cisco-type8", "cisco-type9":
            let format: CiscoHashes.Format = vector.format == "cisco-type4" ? .type4 : vector.format == "cisco-type8" ? .type8 : .type9
            #expect(CiscoHashes.problem(encoded, format: format) == nil)
            #expect(CiscoHashes.matches(vector.plaintext, stored: encoded, format: format))
            #expect(!CiscoHashes.matches(vector.plaintext + "x", stored: encoded, format: format))
        case "fortios-SH2", "fortios-AK1":
            let kind: FortiOSSecrets.HashKind = vector.format == "fortios-SH2" ? .sh2 : .ak1
            #expect(FortiOSSecrets.problem(encoded, kind: kind) == nil)
            #expect(FortiOSSecrets.matches(vector.plaintext, stored: encoded, kind: kind))
            #expect(!FortiOSSecrets.matches(vector.plaintext + "x", stored: encoded, kind: kind))
        default:
            // The crypt family ($1$, $5$, $6$, bcrypt) through libxcrypt.
            #expect(CryptHash.validate(encoded) == nil, "\(vector.format)")
            #expect(CryptHash.matches(vector.plaintext, stored: encoded), "\(vector.format)")
            #expect(!CryptHash.matches(vector.plaintext + "x", stored: encoded))
        }
    }

    func hexBytes(_ hex: String) -> [UInt8] {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex, let next = hex.index(index, offsetBy: 2, limitedBy: hex.endIndex) {
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }

    @Test func vectorsArePresentWhenSharedIs() {
        if FileManager.default.fileExists(atPath: Self.file.path) {
            #expect(Self.vectors.count >= 21)
        }
    }
}

/// A minimal CSV field splitter for the vector file (quoted fields with doubled quotes).
enum CSV {
    static func fields(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = line.makeIterator()
        while let ch = iterator.next() {
            if quoted {
                if ch == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.append("\"") } else { quoted = false; if next == "," { fields.append(field); field = "" } else { field.append(next) } }
                    } else { quoted = false }
                } else { field.append(ch) }
            } else if ch == "\"" { quoted = true } else if ch == "," { fields.append(field); field = "" } else { field.append(ch) }
        }
        fields.append(field)
        return fields
    }
}
