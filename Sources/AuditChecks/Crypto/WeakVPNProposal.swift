import AuditCore

/// RA-CRYPTO-003: an IKE or IPsec proposal allows weak encryption, MD5 integrity or a small
/// Diffie-Hellman group.
public struct WeakVPNProposal: Check {
    public init() {}

    public let metadata = CheckDescription(
        id: "RA-CRYPTO-003",
        slug: "weak-vpn-proposal",
        title: "IKE or IPsec proposal allows weak algorithms",
        severity: .medium,
        area: .crypto,
        rationale: """
            A tunnel is only as strong as the weakest proposal both ends accept: an attacker in the path can \
            steer negotiation towards it. DES falls to brute force in hours, 3DES and Blowfish have 64-bit blocks \
            (Sweet32), MD5 is broken, and Diffie-Hellman groups 1, 2 and 5 (768 to 1536 bits) are within reach of \
            precomputation (Logjam); a weak PFS group undoes forward secrecy. RFC 8247 and RFC 8221 forbid or \
            discourage all of them.
            """,
        remediation: """
            Offer only AES (GCM or CBC with SHA-256 or better) and Diffie-Hellman groups 14, 19, 20 or 21 in \
            every IKE and IPsec proposal and PFS setting; replace predefined proposal sets such as Junos \
            `proposal-set basic` or `compatible` with explicit proposals. Change both ends of each tunnel together.
            """,
        references: [
            .init("IETF", "RFC 8247", "Algorithm Implementation Requirements and Usage Guidance for IKEv2"),
            .init("IETF", "RFC 8221", "Cryptographic Algorithm Implementation Requirements for ESP and AH"),
            .nist("SC-13", "Cryptographic Protection"),
        ],
        dutch: LocalizedText(
            title: "IKE- of IPsec-voorstel staat zwakke algoritmen toe",
            rationale: """
                Een tunnel is zo sterk als het zwakste voorstel dat beide kanten accepteren: een aanvaller op de \
                route kan de onderhandeling daarheen sturen. DES is binnen uren te kraken, 3DES en Blowfish hebben \
                blokken van 64 bits (Sweet32), MD5 is gebroken en Diffie-Hellman-groepen 1, 2 en 5 (768 tot 1536 \
                bits) liggen binnen bereik van voorberekening (Logjam); een zwakke PFS-groep maakt forward secrecy \
                ongedaan. RFC 8247 en RFC 8221 verbieden of ontraden ze allemaal.
                """,
            remediation: """
                Bied in elk IKE- en IPsec-voorstel en elke PFS-instelling alleen AES (GCM, of CBC met SHA-256 of \
                sterker) en Diffie-Hellman-groep 14, 19, 20 of 21 aan; vervang vooraf gedefinieerde sets zoals \
                Junos `proposal-set basic` of `compatible` door expliciete voorstellen. Pas beide kanten van een \
                tunnel tegelijk aan.
                """),
        examples: [
            .bad(.junos, """
                set system host-name srx
                set security ike proposal p1 authentication-method pre-shared-keys
                ↓set security ike proposal p1 dh-group group2
                set security ike proposal p1 authentication-algorithm sha-256
                set security ike proposal p1 encryption-algorithm aes-256-cbc
                """),
            .bad(.junos, """
                set system host-name srx
                ↓set security ipsec policy vpn-policy perfect-forward-secrecy keys group1
                set security ipsec policy vpn-policy proposals p2
                """),
            .bad(.junos, """
                set system host-name srx
                ↓set security ike policy ike-policy proposal-set basic
                """),
            .good(.junos, """
                set system host-name srx
                set security ike proposal p1 authentication-method pre-shared-keys
                set security ike proposal p1 dh-group group14
                set security ike proposal p1 authentication-algorithm sha-256
                set security ike proposal p1 encryption-algorithm aes-256-cbc
                set security ipsec policy vpn-policy perfect-forward-secrecy keys group14
                """),
            .bad(.vyOS, """
                set vpn ipsec ike-group IKE proposal 1 encryption 'aes256'
                set vpn ipsec ike-group IKE proposal 1 hash 'sha256'
                ↓set vpn ipsec ike-group IKE proposal 1 dh-group '2'
                set vpn ipsec esp-group ESP proposal 1 encryption 'aes256'
                set vpn ipsec esp-group ESP proposal 1 hash 'sha256'
                ↓set vpn ipsec esp-group ESP pfs 'dh-group2'
                """),
            .good(.vyOS, """
                set vpn ipsec ike-group IKE proposal 1 encryption 'aes256'
                set vpn ipsec ike-group IKE proposal 1 hash 'sha256'
                set vpn ipsec ike-group IKE proposal 1 dh-group '14'
                set vpn ipsec esp-group ESP proposal 1 encryption 'aes256'
                set vpn ipsec esp-group ESP proposal 1 hash 'sha256'
                set vpn ipsec esp-group ESP pfs 'dh-group14'
                """),
            .bad(.edgeOS, """
                vpn {
                    ipsec {
                        ike-group FOO0 {
                            proposal 1 {
                                dh-group 14
                ↓                encryption 3des
                ↓                hash md5
                            }
                        }
                    }
                }
                """),
            .good(.edgeOS, """
                vpn {
                    ipsec {
                        ike-group FOO0 {
                            proposal 1 {
                                dh-group 14
                                encryption aes256
                                hash sha256
                            }
                        }
                    }
                }
                """),
            .bad(.pfSense, """
                <pfsense>
                  <ipsec>
                    <phase1>
                      <ikeid>1</ikeid>
                      <encryption>
                        <item>
                          <encryption-algorithm>
                ↓            <name>blowfish</name>
                            <keylen>256</keylen>
                          </encryption-algorithm>
                          <hash-algorithm>sha256</hash-algorithm>
                          <dhgroup>14</dhgroup>
                        </item>
                      </encryption>
                    </phase1>
                  </ipsec>
                </pfsense>
                """),
            .good(.pfSense, """
                <pfsense>
                  <ipsec>
                    <phase1>
                      <ikeid>1</ikeid>
                      <encryption>
                        <item>
                          <encryption-algorithm>
                            <name>aes</name>
                            <keylen>256</keylen>
                          </encryption-algorithm>
                          <hash-algorithm>sha256</hash-algorithm>
                          <dhgroup>14</dhgroup>
                        </item>
                      </encryption>
                    </phase1>
                    <phase2>
                      <ikeid>1</ikeid>
                      <encryption-algorithm-option>
                        <name>aes</name>
                        <keylen>256</keylen>
                      </encryption-algorithm-option>
                      <hash-algorithm-option>hmac_sha256</hash-algorithm-option>
                      <pfsgroup>14</pfsgroup>
                    </phase2>
                  </ipsec>
                </pfsense>
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        config.cryptoProposals.compactMap { proposal in
            var reasons: [String] = []
            var evidence: [Provenance] = []
            func note(_ reason: String?, _ origin: Provenance) {
                guard let reason else { return }
                if !reasons.contains(reason) { reasons.append(reason) }
                if !evidence.contains(origin) { evidence.append(origin) }
            }
            for cipher in proposal.encryption { note(CryptoStrength.weakCipher(cipher.value).map { "encryption \($0)" }, cipher.origin) }
            for hash in proposal.integrity { note(CryptoStrength.weakIntegrity(hash.value).map { "integrity \($0)" }, hash.origin) }
            for group in proposal.dhGroups {
                let label = proposal.phase == .ipsec ? "pfs " : ""
                note(CryptoStrength.weakGroup(group.value).map { label + $0 }, group.origin)
            }
            guard !reasons.isEmpty else { return nil }
            let severity: Severity = reasons.contains { $0.contains("des (56") || $0.contains("null") || $0.contains("group 1 ") }
                ? .high : .medium
            return metadata.finding(
                "\(proposal.name) allows weak algorithms: \(reasons.joined(separator: ", "))",
                evidence: evidence, subject: proposal.name,
                fix: .manual("offer only AES with SHA-256 or better and DH group 14, 19, 20 or 21 in \(proposal.name)"),
                severity: severity)
        }
    }
}
