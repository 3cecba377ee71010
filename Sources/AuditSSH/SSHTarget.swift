/// One device to collect from, with what is decided per device: which algorithms to offer and how
/// to trust its host key.
public struct SSHTarget: Sendable, Hashable {
    public var host: String
    public var port: Int
    /// Offer SHA-1 key exchange, ssh-rsa, CBC and hmac-sha1 too (old business routers).
    public var legacyAlgorithms: Bool
    public var hostKeyPolicy: HostKeyPolicy

    public init(host: String, port: Int = 22, legacyAlgorithms: Bool = false, hostKeyPolicy: HostKeyPolicy = .strict) {
        self.host = host
        self.port = port
        self.legacyAlgorithms = legacyAlgorithms
        self.hostKeyPolicy = hostKeyPolicy
    }

    /// `host:port`, `[v6]:port` for IPv6 addresses: how every message names the device.
    public var label: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    /// Reads `HOST`, `HOST:PORT`, `[V6]`, `[V6]:PORT` or a bare IPv6 address. nil when malformed.
    public static func parse(_ text: String, defaultPort: Int = 22) -> (host: String, port: Int)? {
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            let host = String(text[text.index(after: text.startIndex)..<close])
            let rest = text[text.index(after: close)...]
            if rest.isEmpty { return host.isEmpty ? nil : (host, defaultPort) }
            guard rest.hasPrefix(":"), let port = Int(rest.dropFirst()), (1...65535).contains(port), !host.isEmpty else { return nil }
            return (host, port)
        }
        let colons = text.filter { $0 == ":" }.count
        if colons > 1 { return (text, defaultPort) }
        if colons == 1 {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            guard !parts[0].isEmpty, let port = Int(parts[1]), (1...65535).contains(port) else { return nil }
            return (String(parts[0]), port)
        }
        return text.isEmpty || text.contains(where: { $0 == " " || $0 == "/" }) ? nil : (text, defaultPort)
    }
}

/// How a device's host key is trusted.
public enum HostKeyPolicy: Sendable, Hashable {
    /// The key must already be in the known_hosts file.
    case strict
    /// An unknown key is recorded in the known_hosts file and accepted; a known one must match.
    case trustOnFirstUse
    /// The key's SHA-256 fingerprint must be this (`SHA256:...`), whatever known_hosts says.
    case pinned(fingerprint: String)
}

/// A secret typed by the tool (login password, enable secret). Its description never shows it.
public struct SSHSecret: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    public let value: String
    public init(_ value: String) { self.value = value }
    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

/// How to log in and how to become privileged.
public struct SSHCredentials: Sendable {
    public var user: String
    public var password: SSHSecret?
    /// A private key file (OpenSSH or PEM format) and its passphrase, when it has one.
    public var identityFile: String?
    public var identityPassphrase: SSHSecret?
    /// Ask the ssh-agent at `SSH_AUTH_SOCK`.
    public var useAgent: Bool
    /// The enable / privilege secret, for profiles that escalate.
    public var enableSecret: SSHSecret?

    public init(user: String, password: SSHSecret? = nil, identityFile: String? = nil, identityPassphrase: SSHSecret? = nil,
                useAgent: Bool = false, enableSecret: SSHSecret? = nil) {
        self.user = user
        self.password = password
        self.identityFile = identityFile
        self.identityPassphrase = identityPassphrase
        self.useAgent = useAgent
        self.enableSecret = enableSecret
    }

    /// The secrets the tool itself types: never to appear in a transcript, log or report.
    var typedSecrets: [String] {
        [password, enableSecret, identityPassphrase].compactMap { $0?.value }.filter { !$0.isEmpty }
    }
}

/// Bounds on one collection. Every wait is bounded: a device can never stall a sweep.
public struct CollectionLimits: Sendable, Hashable {
    /// TCP connect and each single SSH protocol wait (key exchange, authentication), in seconds.
    public var connectTimeout: Double
    /// The whole collection, connect to last byte, in seconds.
    public var deadline: Double
    /// Bytes received from the device before giving up (a device that floods output).
    public var maxOutputBytes: Int

    public init(connectTimeout: Double = 10, deadline: Double = 60, maxOutputBytes: Int = 16 << 20) {
        self.connectTimeout = connectTimeout
        self.deadline = deadline
        self.maxOutputBytes = maxOutputBytes
    }
}
