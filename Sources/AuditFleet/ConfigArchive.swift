#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore
import COpenSSL
import CZlib

/// Collected configurations as history keeps them: all texts of a device in one zlib-compressed
/// blob (configs compress about tenfold), named by the SHA-256 of their content.
enum ConfigArchive {
    /// SHA-256 over every input's path and text, and how it was collected (negotiated SSH
    /// algorithms are audited too): equal digests, equal audit input.
    static func digest(_ inputs: [ConfigInput], facts: CollectionFacts? = nil) -> String {
        var bytes: [UInt8] = []
        for input in inputs {
            bytes += Array(input.path.utf8) + [0] + Array(input.text.utf8) + [0]
        }
        if let facts {
            let encoder = JSONEncoder()
            encoder.outputFormatting = .sortedKeys
            bytes += Array((try? encoder.encode(facts)) ?? Data())
        }
        return Hex.sha256(bytes)
    }

    struct Entry: Codable {
        var path: String
        var text: String
    }

    static func pack(_ inputs: [ConfigInput]) -> [UInt8] {
        let json = (try? JSONEncoder().encode(inputs.map { Entry(path: $0.path, text: $0.text) })) ?? Data()
        return Zlib.compress(Array(json))
    }

    static func unpack(_ blob: [UInt8]) -> [ConfigInput]? {
        guard let json = Zlib.decompress(blob),
              let entries = try? JSONDecoder().decode([Entry].self, from: Data(json)) else { return nil }
        return entries.map { ConfigInput(path: $0.path, text: $0.text) }
    }
}

/// zlib with the original length in front (4 bytes, big-endian), so decompression sizes its buffer once.
enum Zlib {
    static func compress(_ input: [UInt8]) -> [UInt8] {
        var bound = compressBound(uLong(input.count))
        var out = [UInt8](repeating: 0, count: Int(bound) + 4)
        let length = UInt32(input.count)
        out[0] = UInt8(length >> 24); out[1] = UInt8(length >> 16 & 0xFF); out[2] = UInt8(length >> 8 & 0xFF); out[3] = UInt8(length & 0xFF)
        let status = out.withUnsafeMutableBufferPointer { buffer in
            input.withUnsafeBufferPointer { source in
                compress2(buffer.baseAddress! + 4, &bound, source.baseAddress, uLong(input.count), 6)
            }
        }
        precondition(status == Z_OK, "zlib compress2 failed with enough room: \(status)")
        return Array(out.prefix(Int(bound) + 4))
    }

    static func decompress(_ blob: [UInt8]) -> [UInt8]? {
        guard blob.count >= 4 else { return nil }
        let length = Int(blob[0]) << 24 | Int(blob[1]) << 16 | Int(blob[2]) << 8 | Int(blob[3])
        guard length <= 512 * 1024 * 1024 else { return nil }
        var out = [UInt8](repeating: 0, count: max(1, length))
        var size = uLongf(length)
        let status = out.withUnsafeMutableBufferPointer { buffer in
            blob.withUnsafeBufferPointer { source in
                uncompress(buffer.baseAddress, &size, source.baseAddress! + 4, uLong(blob.count - 4))
            }
        }
        guard status == Z_OK, Int(size) == length else { return nil }
        return Array(out.prefix(length))
    }
}

enum Hex {
    static func sha256(_ bytes: [UInt8]) -> String {
        var out = [UInt8](repeating: 0, count: 32)
        _ = ra_sha256(bytes, bytes.count, &out)
        return string(out)
    }

    static func string(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var chars: [UInt8] = []
        chars.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            chars.append(digits[Int(byte >> 4)])
            chars.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: chars, as: UTF8.self)
    }
}
