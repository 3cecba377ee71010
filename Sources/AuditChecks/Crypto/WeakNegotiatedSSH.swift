import AuditCore

/// RA-CRYPTO-004: the SSH session the configuration was collected over settled on weak
/// algorithms (SHA-1 key exchange, ssh-rsa signatures, CBC ciphers, hmac-sha1). Fed by the
/// collection facts of a live scan: it is what the device really negotiates, whatever its
/// configuration says or leaves to defaults.
public struct WeakNegotiatedSSH: Check {
    public init() {}

    static let weakSession = CollectionFacts(target: "192.0.2.1:22", ssh: NegotiatedSSHAlgorithms(
        kex: "diffie-hellman-group14-sha1", hostKey: "ssh-rsa", cipherClientToServer: "aes128-cbc",
        cipherServerToClient: "aes128-cbc", macClientToServer: "hmac-sha1", macServerToClient: "hmac-sha1",
        serverVersion: "SSH-2.0-Cisco-1.25"))
    static let modernSession = CollectionFacts(target: "192.0.2.1:22", ssh: NegotiatedSSHAlgorithms(
        kex: "curve25519-sha256", hostKey: "ssh-ed25519", cipherClientToServer: "chacha20-poly1305@openssh.com",
        cipherServerToClient: "chacha20-poly1305@openssh.com", macClientToServer: "hmac-sha2-256-etm@openssh.com",
        macServerToClient: "hmac-sha2-256-etm@openssh.com", serverVersion: "SSH-2.0-Cisco-1.25"))

    public let metadata = CheckDescription(
        id: "RA-CRYPTO-004",
        slug: "weak-negotiated-ssh",
        title: "SSH session negotiated weak algorithms",
        severity: .medium,
        area: .crypto,
        rationale: """
            When the device was scanned, its SSH server could only agree on SHA-1 key exchange, ssh-rsa (SHA-1) \
            host-key signatures, CBC-mode ciphers or hmac-sha1. These have known practical weaknesses (SHA-1 \
            collisions, CBC plaintext recovery) and current SSH clients refuse them by default, so \
            administrators end up turning legacy options on everywhere. The scan only succeeded because \
            legacy algorithms were allowed for this device.
            """,
        remediation: """
            Upgrade the firmware or configure the SSH server for curve25519 or ECDH key exchange, Ed25519, ECDSA \
            or RSA-SHA2 host keys, AES-GCM, ChaCha20-Poly1305 or AES-CTR ciphers and SHA-2 MACs (on IOS: \
            `ip ssh server algorithm kex|encryption|mac ...` and an RSA key of 2048 bits or more).
            """,
        references: [
            .init("IETF", "RFC 9142", "Key Exchange (KEX) Method Updates and Recommendations for SSH"),
            .init("IETF", "RFC 8332", "Use of RSA Keys with SHA-256 and SHA-512 in SSH"),
            .nist("SC-8", "Transmission Confidentiality and Integrity"),
        ],
        dutch: LocalizedText(
            title: "SSH-sessie kwam uit op zwakke algoritmen",
            rationale: """
                Tijdens de scan kon de SSH-server van het apparaat alleen overeenkomen op SHA-1-sleuteluitwisseling, \
                ssh-rsa-handtekeningen (SHA-1), CBC-versleuteling of hmac-sha1. Die hebben bekende praktische \
                zwakheden en moderne SSH-clients weigeren ze standaard, zodat beheerders overal verouderde opties \
                aanzetten. De scan lukte alleen omdat verouderde algoritmen voor dit apparaat waren toegestaan.
                """,
            remediation: """
                Werk de firmware bij of stel de SSH-server in op curve25519- of ECDH-sleuteluitwisseling, \
                Ed25519-, ECDSA- of RSA-SHA2-hostsleutels, AES-GCM, ChaCha20-Poly1305 of AES-CTR en SHA-2-MAC's \
                (op IOS: `ip ssh server algorithm kex|encryption|mac ...` en een RSA-sleutel van minstens 2048 bits).
                """),
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                ip ssh version 2
                line vty 0 4
                 login local
                ↓ transport input ssh
                """, collection: weakSession),
            .good(.ciscoIOS, """
                hostname cpe
                ip ssh version 2
                line vty 0 4
                 login local
                 transport input ssh
                """, collection: modernSession),
            .good(.ciscoIOS, """
                hostname cpe
                ip ssh version 2
                line vty 0 4
                 login local
                 transport input ssh
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        guard let collection = config.collection, let ssh = collection.ssh else { return [] }
        let weak = ssh.weak
        guard !weak.isEmpty else { return [] }
        let list = weak.map { "\($0.algorithm) (\($0.reason))" }.joined(separator: ", ")
        // The finding points where the configuration turns SSH on, when the model knows.
        let evidence = config.service(.ssh).map { [$0.enabled.origin] } ?? []
        return [metadata.finding(
            "ssh session with \(collection.target) negotiated \(list)",
            evidence: evidence, subject: "ssh negotiated algorithms",
            fix: .manual("configure the ssh server for modern key exchange, host keys, ciphers and MACs"))]
    }
}
