import AuditReport
import COpenSSL
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// The key of the report's evidence digests. A digest of a line with a weak secret, made with a
/// key anyone can read (or with none), gives the secret away: hash `password 0 cisco`, compare,
/// next guess. So the key is never written into the report: it stays in a file readable by the
/// owner only on the machine that audited, and the report names it by `keyID` so `fix
/// --from-report` knows whether it holds the same key.
public struct EvidenceKey: Sendable {
    let key: [UInt8]

    public init(key: [UInt8]) {
        self.key = key
    }

    /// `ROUTERAUDIT_EVIDENCE_KEY_FILE`, else `$XDG_CONFIG_HOME/routeraudit/evidence.key`, else
    /// `~/.config/routeraudit/evidence.key`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let path = environment["ROUTERAUDIT_EVIDENCE_KEY_FILE"], !path.isEmpty { return path }
        if let config = environment["XDG_CONFIG_HOME"], !config.isEmpty { return config + "/routeraudit/evidence.key" }
        if let home = environment["HOME"], !home.isEmpty { return home + "/.config/routeraudit/evidence.key" }
        return nil
    }

    /// The key in `path` (64 hex digits), or nil when there is none.
    public static func load(path: String) -> EvidenceKey? {
        guard let data = FileManager.default.contents(atPath: path),
              let bytes = Hex.decode(String(String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace })),
              bytes.count == 32 else { return nil }
        return EvidenceKey(key: bytes)
    }

    /// The key in `path`, made (32 random bytes, mode 0600) when there is none yet.
    public static func loadOrCreate(path: String) -> EvidenceKey? {
        if let existing = load(path: path) { return existing }
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            let folder = String(path[..<slash])
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        guard FileManager.default.createFile(atPath: path, contents: Data((Hex.encode(bytes) + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
            return nil
        }
        return load(path: path)
    }

    /// Names the key without revealing it.
    public var keyID: String { Hex.encode(Array(HMACSHA256.mac(key: key, Array("routeraudit evidence key id".utf8)).prefix(8))) }

    /// 128 bits of HMAC-SHA256 of the line: enough to see any change, nothing to guess against
    /// without the key.
    public func digest(_ line: String) -> String {
        Hex.encode(Array(HMACSHA256.mac(key: key, Array(line.utf8)).prefix(16)))
    }

    public var digester: EvidenceDigester {
        let copy = self
        return EvidenceDigester(keyID: keyID) { copy.digest($0) }
    }
}

/// HMAC (RFC 2104) over libcrypto's SHA-256.
enum HMACSHA256 {
    static func sha256(_ bytes: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: 32)
        _ = ra_sha256(bytes, bytes.count, &out)
        return out
    }

    static func mac(key: [UInt8], _ message: [UInt8]) -> [UInt8] {
        var block = key.count > 64 ? sha256(key) : key
        block += [UInt8](repeating: 0, count: 64 - block.count)
        let inner = sha256(block.map { $0 ^ 0x36 } + message)
        return sha256(block.map { $0 ^ 0x5c } + inner)
    }
}

enum Hex {
    static func encode(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
    }

    static func decode(_ text: String) -> [UInt8]? {
        let characters = Array(text.utf8)
        guard characters.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: characters.count, by: 2) {
            guard let high = value(characters[index]), let low = value(characters[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func value(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): character - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): character - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): character - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
