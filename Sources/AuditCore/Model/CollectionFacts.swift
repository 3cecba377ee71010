/// How a configuration was obtained when it was collected live rather than read from a file.
/// nil on `DeviceConfig` for files; checks about the collection itself (weak SSH crypto) read it.
public struct CollectionFacts: Sendable, Hashable, Codable {
    /// `host:port` the configuration was collected from.
    public var target: String
    /// What the SSH session negotiated, when collected over SSH.
    public var ssh: NegotiatedSSHAlgorithms?
    /// A vendor default login the device accepted (`scan --try-defaults`), nil when none was.
    public var defaultLogin: AcceptedDefaultLogin?

    public init(target: String, ssh: NegotiatedSSHAlgorithms? = nil, defaultLogin: AcceptedDefaultLogin? = nil) {
        self.target = target
        self.ssh = ssh
        self.defaultLogin = defaultLogin
    }
}

/// A published default login that a live device accepted. The password is kept for reports
/// with `--show-secrets` only and is never encoded (JSON, stores).
public struct AcceptedDefaultLogin: Sendable, Hashable, Codable {
    public var user: String
    public var password: String = ""
    /// Where the default is documented (`vendor-doc:...`, `routersploit;seclists`).
    public var source: String
    /// Which attempt succeeded (from 1) and how many were allowed.
    public var attempt: Int
    public var maxAttempts: Int

    enum CodingKeys: String, CodingKey { case user, source, attempt, maxAttempts }

    public init(user: String, password: String, source: String, attempt: Int, maxAttempts: Int) {
        self.user = user
        self.password = password
        self.source = source
        self.attempt = attempt
        self.maxAttempts = maxAttempts
    }
}

/// The algorithms one SSH session actually negotiated with a device.
public struct NegotiatedSSHAlgorithms: Sendable, Hashable, Codable {
    public var kex: String
    public var hostKey: String
    public var cipherClientToServer: String
    public var cipherServerToClient: String
    public var macClientToServer: String
    public var macServerToClient: String
    /// The server's identification string (`SSH-2.0-dropbear_2022.83`).
    public var serverVersion: String

    public init(kex: String, hostKey: String, cipherClientToServer: String, cipherServerToClient: String,
                macClientToServer: String, macServerToClient: String, serverVersion: String) {
        self.kex = kex
        self.hostKey = hostKey
        self.cipherClientToServer = cipherClientToServer
        self.cipherServerToClient = cipherServerToClient
        self.macClientToServer = macClientToServer
        self.macServerToClient = macServerToClient
        self.serverVersion = serverVersion
    }

    public var summary: String {
        "kex \(kex), host key \(hostKey), cipher \(cipherClientToServer)/\(cipherServerToClient), mac \(macClientToServer)/\(macServerToClient)"
    }

    /// The negotiated algorithms that rest on SHA-1 or CBC, each with why, in negotiation order.
    public var weak: [(algorithm: String, reason: String)] {
        var found: [(String, String)] = []
        func note(_ name: String, _ reason: String) {
            if !found.contains(where: { $0.0 == name }) { found.append((name, reason)) }
        }
        if kex.hasSuffix("-sha1") { note(kex, "key exchange with SHA-1") }
        if kex == "diffie-hellman-group1-sha1" { note(kex, "key exchange with SHA-1 over a 1024-bit group") }
        if hostKey == "ssh-rsa" || hostKey == "ssh-dss" { note(hostKey, "host key signed with SHA-1") }
        for cipher in [cipherClientToServer, cipherServerToClient] where cipher.hasSuffix("-cbc") || cipher == "3des-cbc" {
            note(cipher, "CBC-mode cipher")
        }
        for mac in [macClientToServer, macServerToClient] where mac.hasPrefix("hmac-sha1") || mac.hasPrefix("hmac-md5") {
            note(mac, mac.hasPrefix("hmac-md5") ? "MAC with MD5" : "MAC with SHA-1")
        }
        return found
    }
}
