import AuditCore
import AuditVendors
import Testing

/// Conversion of VPN proposals, service algorithms, the NTP server and LDAP transports into the
/// model, per vendor, on small hand-written configurations.
struct CryptoModelTests {
    static func parse(_ support: any VendorSupport, _ text: String) -> DeviceConfig {
        support.parse([ConfigInput(path: "test", text: text)])
    }

    @Test func junosProposalSetExpandsOnItsLine() throws {
        let config = Self.parse(JunosSupport(), """
            set system host-name srx
            set security ike policy p1 proposal-set compatible
            set security ipsec policy p2 perfect-forward-secrecy keys group5
            set security ipsec policy p2 proposal-set standard
            """)
        let ike = try #require(config.cryptoProposals.first { $0.phase == .ike })
        #expect(ike.encryption.map(\.value) == ["3des-cbc", "des-cbc"] && ike.dhGroups.map(\.value) == [2])
        #expect(ike.encryption.allSatisfy { $0.origin.spans.map(\.start) == [2] })
        let ipsec = try #require(config.cryptoProposals.first { $0.phase == .ipsec })
        // The policy's own PFS group wins over the set's.
        #expect(ipsec.dhGroups.map(\.value) == [5] && ipsec.dhGroups[0].origin.spans.map(\.start) == [3])
    }

    @Test func junosInactiveProposalIsIgnored() {
        let config = Self.parse(JunosSupport(), """
            set system host-name srx
            set security ike proposal old dh-group group1
            deactivate security ike proposal old
            """)
        #expect(config.cryptoProposals.isEmpty)
    }

    @Test func vyosAlgorithmListsAndNTPClients() throws {
        let config = Self.parse(VyOSSupport(), """
            set service ssh ciphers 'aes128-ctr,aes256-cbc'
            set service ssh ciphers 'chacha20-poly1305@openssh.com'
            set service ssh key-exchange 'curve25519-sha256'
            set service ntp allow-client address '0.0.0.0/0'
            set service ntp allow-client address '192.168.1.0/24'
            set vpn ipsec esp-group ESP pfs 'enable'
            set vpn ipsec esp-group ESP proposal 1 encryption 'aes256'
            """)
        let ssh = try #require(config.service(.ssh))
        #expect(ssh.crypto.ciphers?.value == ["aes128-ctr", "aes256-cbc", "chacha20-poly1305@openssh.com"])
        #expect(ssh.crypto.keyExchange?.value == ["curve25519-sha256"])
        let ntp = try #require(config.ntpServer)
        #expect(ntp.allowedClients?.value == [IPPrefix("0.0.0.0/0")!, IPPrefix("192.168.1.0/24")!])
        // `pfs enable` reuses the IKE group: no group of its own.
        #expect(config.cryptoProposals.first?.dhGroups.isEmpty == true)
        #expect(!config.diagnostics.contains { $0.code == "unrecognized-line" })
    }

    @Test func pfSenseLegacyPhase1AndLDAPTransports() throws {
        let config = Self.parse(PfSenseSupport(), """
            <pfsense>
              <system>
                <authserver><type>ldap</type><name>A</name><ldap_urltype>TCP - STARTTLS</ldap_urltype></authserver>
                <authserver><type>ldap</type><name>B</name><ldap_urltype>SSL - Encrypted</ldap_urltype></authserver>
                <authserver><type>ldap</type><name>C</name></authserver>
              </system>
              <ipsec>
                <phase1>
                  <ikeid>1</ikeid>
                  <encryption-algorithm><name>3des</name></encryption-algorithm>
                  <hash-algorithm>md5</hash-algorithm>
                  <dhgroup>2</dhgroup>
                </phase1>
                <phase2>
                  <ikeid>1</ikeid>
                  <hash-algorithm-option>hmac_sha256</hash-algorithm-option>
                  <pfsgroup>0</pfsgroup>
                </phase2>
              </ipsec>
            </pfsense>
            """)
        let phase1 = try #require(config.cryptoProposals.first { $0.phase == .ike })
        #expect(phase1.encryption.map(\.value) == ["3des"] && phase1.integrity.map(\.value) == ["md5"])
        #expect(phase1.dhGroups.map(\.value) == [2])
        let phase2 = try #require(config.cryptoProposals.first { $0.phase == .ipsec })
        #expect(phase2.dhGroups.isEmpty, "pfsgroup 0 is no PFS")
        #expect(config.authServers.map { $0.transport?.value } == [.startTLS, .tls, .cleartext])
        #expect(config.authServers[2].transport?.origin.isVendorDefault == true)
    }
}
