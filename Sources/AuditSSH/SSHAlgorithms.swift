/// The algorithm lists offered to a device. Always explicit: libssh's own default cipher string
/// ends with a comma that some servers mis-hash, and explicit lists make the offer auditable.
public struct SSHAlgorithms: Sendable, Hashable {
    public var kex: [String]
    public var hostKeys: [String]
    public var ciphers: [String]
    public var macs: [String]

    public init(kex: [String], hostKeys: [String], ciphers: [String], macs: [String]) {
        self.kex = kex
        self.hostKeys = hostKeys
        self.ciphers = ciphers
        self.macs = macs
    }

    /// What current OpenSSH offers, without SHA-1 or CBC.
    public static let modern = SSHAlgorithms(
        kex: ["curve25519-sha256", "curve25519-sha256@libssh.org", "ecdh-sha2-nistp256", "ecdh-sha2-nistp384",
              "ecdh-sha2-nistp521", "diffie-hellman-group16-sha512", "diffie-hellman-group18-sha512",
              "diffie-hellman-group14-sha256", "diffie-hellman-group-exchange-sha256"],
        hostKeys: ["ssh-ed25519", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
                   "rsa-sha2-512", "rsa-sha2-256"],
        ciphers: ["chacha20-poly1305@openssh.com", "aes256-gcm@openssh.com", "aes128-gcm@openssh.com",
                  "aes256-ctr", "aes192-ctr", "aes128-ctr"],
        macs: ["hmac-sha2-256-etm@openssh.com", "hmac-sha2-512-etm@openssh.com", "hmac-sha2-256", "hmac-sha2-512"])

    /// The modern set followed by what old business routers still speak: SHA-1 key exchange,
    /// `ssh-rsa` (SHA-1 signatures), CBC ciphers and hmac-sha1. Only when asked, per device.
    /// ssh-dss and hmac-md5 are absent because Debian's libssh does not build them.
    public static let legacy = SSHAlgorithms(
        kex: modern.kex + ["diffie-hellman-group14-sha1", "diffie-hellman-group-exchange-sha1", "diffie-hellman-group1-sha1"],
        hostKeys: modern.hostKeys + ["ssh-rsa"],
        ciphers: modern.ciphers + ["aes256-cbc", "aes192-cbc", "aes128-cbc", "3des-cbc"],
        macs: modern.macs + ["hmac-sha1"])
}
