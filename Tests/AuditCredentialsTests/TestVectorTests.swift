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

    @Test("cisco type 7 vectors decode", arguments: vectors.filter { $0.format == "cisco-type7" })
    func type7(_ vector: Vector) throws {
        #expect(try CiscoType7.decode(vector.encoded).get() == vector.plaintext)
    }

    @Test("crypt-family vectors verify with libxcrypt", arguments: vectors.filter {
        $0.encoded.hasPrefix("$1$") || $0.encoded.hasPrefix("$5$") || $0.encoded.hasPrefix("$6$") || $0.encoded.hasPrefix("$2")
    })
    func crypt(_ vector: Vector) {
        #expect(CryptHash.validate(vector.encoded) == nil)
        #expect(CryptHash.matches(vector.plaintext, stored: vector.encoded))
        #expect(!CryptHash.matches(vector.plaintext + "x", stored: vector.encoded))
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
