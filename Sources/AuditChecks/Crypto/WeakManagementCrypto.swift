import AuditCore

/// RA-CRYPTO-002: SSH or the HTTPS admin interface is configured to offer weak algorithms or
/// protocol versions.
public struct WeakManagementCrypto: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRYPTO-002",
        slug: "weak-management-crypto",
        title: "SSH or HTTPS management offers weak algorithms",
        severity: .medium,
        area: .crypto,
        rationale: """
            Administrative sessions carry passwords and full control of the router. An SSH server that offers \
            CBC or RC4 ciphers, SHA-1 or 1024-bit key exchange, MD5 MACs or DSA host keys, or a web interface \
            that still accepts SSL 3.0, TLS 1.0/1.1 or a legacy cipher-suite list, lets a client (or an \
            attacker who downgrades one) settle on cryptography with known practical attacks.
            """,
        remediation: """
            Remove the weak entries from the configured cipher, key-exchange, MAC and host-key lists (or remove \
            the lists to use the platform's current defaults), accept only TLS 1.2 and 1.3 on the web interface \
            and turn off legacy cipher-suite switches such as EdgeOS `service gui older-ciphers`.
            """,
        references: [
            .init("IETF", "RFC 9142", "Key Exchange (KEX) Method Updates and Recommendations for SSH"),
            .init("IETF", "RFC 8996", "Deprecating TLS 1.0 and TLS 1.1"),
            .stig("CISC-ND-001200", "The network device must use FIPS-validated HMAC algorithms for SSH"),
            .nist("SC-8", "Transmission Confidentiality and Integrity"),
        ],
        dutch: LocalizedText(
            title: "SSH- of HTTPS-beheer biedt zwakke algoritmen aan",
            rationale: """
                Beheersessies bevatten wachtwoorden en volledige controle over de router. Een SSH-server die CBC- \
                of RC4-versleuteling, SHA-1- of 1024-bits sleuteluitwisseling, MD5-MAC's of DSA-hostsleutels \
                aanbiedt, of een webinterface die nog SSL 3.0, TLS 1.0/1.1 of een verouderde lijst cipher suites \
                accepteert, laat een client (of een aanvaller die de onderhandeling verlaagt) uitkomen op \
                cryptografie met bekende praktische aanvallen.
                """,
            remediation: """
                Verwijder de zwakke waarden uit de ingestelde lijsten voor versleuteling, sleuteluitwisseling, MAC \
                en hostsleutels (of verwijder de lijsten om de actuele standaard van het platform te gebruiken), \
                accepteer op de webinterface alleen TLS 1.2 en 1.3 en zet schakelaars voor verouderde cipher \
                suites uit, zoals EdgeOS `service gui older-ciphers`.
                """),
        examples: [
            .bad(.vyOS, """
                set service ssh port '22'
                ↓set service ssh ciphers 'aes128-cbc'
                set service ssh ciphers 'aes256-ctr'
                ↓set service ssh key-exchange 'diffie-hellman-group1-sha1'
                """),
            .good(.vyOS, """
                set service ssh port '22'
                set service ssh ciphers 'aes256-ctr'
                set service ssh key-exchange 'curve25519-sha256'
                """),
            .bad(.edgeOS, """
                service {
                    gui {
                        http-port 80
                        https-port 443
                ↓        older-ciphers enable
                    }
                }
                """),
            .good(.edgeOS, """
                service {
                    gui {
                        http-port 80
                        https-port 443
                        older-ciphers disable
                    }
                }
                """),
            .bad(.fortiOS, """
                config system global
                ↓    set admin-https-ssl-versions tlsv1-1 tlsv1-2
                ↓    set ssh-kex-algo diffie-hellman-group1-sha1 curve25519-sha256@libssh.org
                end
                config system interface
                    edit "internal"
                        set allowaccess ping https ssh
                    next
                end
                """),
            .good(.fortiOS, """
                config system global
                    set admin-https-ssl-versions tlsv1-2 tlsv1-3
                    set ssh-kex-algo curve25519-sha256@libssh.org diffie-hellman-group16-sha512
                end
                config system interface
                    edit "internal"
                        set allowaccess ping https ssh
                    next
                end
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        var findings: [Finding] = []
        for service in config.services where service.enabled.value && !service.crypto.isEmpty {
            let crypto = service.crypto
            var reasons: [String] = []
            var evidence: [Provenance] = []
            func judge(_ list: Sourced<[String]>?, _ label: String, _ weak: (String) -> String?) {
                guard let list else { return }
                let bad = list.value.filter { weak($0) != nil }
                guard !bad.isEmpty else { return }
                reasons.append("\(label) \(bad.joined(separator: ", "))")
                evidence.append(Self.narrowed(list.origin, to: bad, in: config))
            }
            judge(crypto.ciphers, "ciphers", CryptoStrength.weakSSHCipher)
            judge(crypto.keyExchange, "key exchange", CryptoStrength.weakKeyExchange)
            judge(crypto.macs, "macs", CryptoStrength.weakMAC)
            judge(crypto.hostKeyAlgorithms, "host keys", CryptoStrength.weakHostKey)
            judge(crypto.tlsVersions, "tls versions", CryptoStrength.weakTLSVersion)
            if let legacy = crypto.legacyCipherSuites, legacy.value {
                reasons.append("legacy cipher suites (older ciphers enabled)")
                evidence.append(legacy.origin)
            }
            guard !reasons.isEmpty else { continue }
            let name = service.kind == .ssh ? "ssh server" : "\(service.kind.rawValue) management"
            findings.append(metadata.finding(
                "\(name) offers weak \(reasons.joined(separator: "; "))",
                evidence: evidence, subject: "service \(service.kind.rawValue) crypto",
                fix: .manual("remove the weak algorithms from the \(service.kind.rawValue) configuration")))
        }
        return findings
    }

    /// When a list was written over several lines, only the lines that name a weak entry.
    static func narrowed(_ origin: Provenance, to bad: [String], in config: DeviceConfig) -> Provenance {
        guard case .derived(let spans) = origin else { return origin }
        let kept = spans.filter { span in
            guard let line = config.sources.first(where: { $0.path == span.file })?.line(span.start) else { return true }
            let lower = line.lowercased()
            return bad.contains { lower.contains($0) }
        }
        if kept.count == 1 { return .source(kept[0]) }
        return kept.isEmpty ? origin : .derived(kept)
    }
}
