import AuditCore
import Testing
@testable import AuditVendors

/// Conversion of accounts, secrets and services on small inline snippets.
@Suite struct VyattaConversionTests {
    static func edge(_ text: String) -> DeviceConfig { EdgeOSSupport().parse([ConfigInput(path: "c", text: text)]) }
    static func vyos(_ text: String) -> DeviceConfig { VyOSSupport().parse([ConfigInput(path: "c", text: text)]) }

    static func line(_ number: Int) -> Provenance { .line("c", number) }

    // MARK: - Accounts

    @Test func placeholderPlaintextIsNoPassword() throws {
        let config = Self.vyos("""
            set system login user vyos authentication encrypted-password '$6$O5gJRlDYQpj$MtrCV9lxMnZPMbcxlU7.FI793MImNHznxGoMFgm3Q6QP3vfKJyOSRCt3Ka/GzFQyW1yZS4NS616NLHaIPPFHc0'
            set system login user vyos authentication plaintext-password ''
            """)
        let account = try #require(config.accounts.first)
        #expect(account.name == "vyos" && account.isAdministrator)
        guard case .hashed(.sha512crypt, _)? = account.secret?.form else {
            Issue.record("expected a sha512crypt hash, got \(String(describing: account.secret?.form))")
            return
        }
        #expect(account.secret?.origin == Self.line(1))
        // The hash is masked; the empty placeholder has nothing to mask.
        #expect(config.secretSpans.map(\.line) == [1])
        #expect(config.secretSpans[0].range == 62..<163)
    }

    @Test func plaintextPasswordIsCleartextAndLevelsCount() throws {
        let config = Self.edge("""
            system {
                login {
                    user admin {
                        authentication {
                            encrypted-password $1$zKNoUbAo$gomzUbYvgyUMcD436Wo66.
                        }
                        level admin
                    }
                    user viewer {
                        authentication {
                            plaintext-password "Viewer2024!"
                        }
                        level operator
                    }
                    user old {
                        authentication {
                            encrypted-password "!"
                        }
                    }
                }
            }
            """)
        #expect(config.accounts.map(\.name) == ["admin", "viewer", "old"])
        #expect(config.accounts.map(\.isAdministrator) == [true, false, true])
        #expect(config.accounts[1].secret?.form == .cleartext("Viewer2024!"))
        #expect(config.accounts[1].secret?.origin == Self.line(11))
        #expect(config.accounts[2].passwordLoginAllowed?.value == false)
        if case .hashed(.md5crypt, _)? = config.accounts[0].secret?.form {} else {
            Issue.record("admin: \(String(describing: config.accounts[0].secret?.form))")
        }
    }

    @Test func vyosUsersAreAdministrators() {
        let config = Self.vyos("set system login user ops authentication plaintext-password 'x'\n")
        #expect(config.accounts.first?.isAdministrator == true)
    }

    // MARK: - Other secrets

    @Test func serviceSecretsByPath() {
        let config = Self.vyos("""
            set high-availability vrrp group LAN authentication password 'qwerty'
            set high-availability vrrp group LAN authentication type 'plaintext-password'
            set interfaces ethernet eth0 pppoe 0 password 'isp-pass'
            set interfaces ethernet eth0 pppoe 0 user-id 'customer'
            set interfaces openvpn vtun1 authentication password 'vpn-pass'
            set interfaces wireguard wg0 peer red preshared-key 'CumyXX7osvUT9AwnS+m2TEfCaL0Ptc2LfuZ78Sujuk8='
            set interfaces tunnel tun0 parameters ip key '1'
            set protocols bgp 64590 neighbor 10.0.0.1 password 'bgp-pass'
            set protocols rip interface eth1 authentication plaintext-password 'rip-pass'
            set protocols ospf interface eth2 authentication md5 key-id 10 md5-key 'ospf-key'
            set protocols nhrp tunnel tun0 cisco-authentication 'secret'
            set service pppoe-server authentication local-users username foo password 'bar'
            set service https api keys id automation key 'api-key'
            set service snmp trap-target 192.0.2.9 community 'traps'
            set system package repository wheezy password ''
            set vpn ipsec site-to-site peer 203.0.113.1 authentication pre-shared-secret 'psk-1'
            set vpn ipsec profile NHRPVPN authentication pre-shared-secret 'psk-2'
            set vpn l2tp remote-access authentication local-users username alice password 'l2tp-pass'
            """)
        let found = config.storedSecrets.map { stored -> String in
            guard case .service(let kind) = stored.purpose, case .cleartext(let text) = stored.secret.form else { return "?" }
            return "\(kind)|\(stored.owner)|\(text)"
        }
        #expect(found == [
            "vrrp|group LAN|qwerty", "pppoe|pppoe0|isp-pass", "openvpn|vtun1|vpn-pass",
            "wireguard|wg0 peer red|CumyXX7osvUT9AwnS+m2TEfCaL0Ptc2LfuZ78Sujuk8=", "bgp|neighbor 10.0.0.1|bgp-pass",
            "rip|eth1|rip-pass", "ospf|eth2|ospf-key", "nhrp|tun0|secret", "pppoe-server|foo|bar", "https-api|automation|api-key",
            "snmp-trap|192.0.2.9|traps", "ipsec|peer 203.0.113.1|psk-1", "ipsec|profile NHRPVPN|psk-2", "l2tp|alice|l2tp-pass",
        ])
        // Every secret value is masked; the GRE key and the auth type are not secrets.
        let masked = Set(config.secretSpans.map(\.line))
        #expect(masked.isSuperset(of: [1, 3, 5, 6, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18]))
        #expect(!masked.contains(2) && !masked.contains(7))
    }

    // MARK: - Services

    @Test func sshDefaultsAndSettings() throws {
        let plain = try #require(Self.vyos("set service ssh\n").service(.ssh))
        #expect(plain.enabled.value && plain.effectivePort == 22 && plain.listen.value == [.any])
        #expect(plain.listen.origin.isVendorDefault)
        #expect(plain.settings["PasswordAuth"]?.value == "1" && plain.settings["RootPasswordAuth"]?.value == "0")

        let tuned = try #require(Self.edge("""
            service {
                ssh {
                    allow-root
                    disable-password-authentication
                    listen-address 192.168.1.1
                    port 2222
                    protocol-version all
                }
            }
            """).service(.ssh))
        #expect(tuned.effectivePort == 2222 && tuned.port?.origin == Self.line(6))
        #expect(tuned.listen.value == [.address(IPAddress("192.168.1.1")!)])
        #expect(tuned.settings["PasswordAuth"]?.value == "0" && tuned.settings["RootPasswordAuth"]?.value == "1")
        #expect(tuned.settings["version"]?.value == "1.99")

        let ciphers = try #require(Self.vyos("""
            set service ssh ciphers 'aes128-ctr'
            set service ssh ciphers 'rijndael-cbc@lysator.liu.se'
            set service ssh key-exchange 'diffie-hellman-group1-sha1'
            """).service(.ssh))
        #expect(ciphers.settings["ciphers"]?.value == "aes128-ctr,rijndael-cbc@lysator.liu.se")
        #expect(ciphers.settings["key-exchange"]?.value == "diffie-hellman-group1-sha1")
    }

    @Test func edgeGUIRedirectsHTTP() throws {
        let config = Self.edge("""
            service {
                gui {
                    http-port 8080
                    https-port 8443
                    older-ciphers enable
                }
            }
            """)
        let https = try #require(config.service(.https))
        #expect(https.effectivePort == 8443 && https.listen.value == [.any])
        #expect(https.settings["older-ciphers"]?.value == "enable")
        let http = try #require(config.service(.http))
        #expect(http.effectivePort == 8080 && http.enabled.origin == Self.line(3))
        #expect(http.settings["redirect_https"]?.value == "1" && http.settings["redirect_https"]?.origin.isVendorDefault == true)
    }

    @Test func vyosHTTPSTelnetSNMPUPnPDNS() throws {
        let config = Self.vyos("""
            set service https virtual-host rtr listen-address '10.0.0.1'
            set service https api keys id ops key 'k'
            set service telnet
            set service snmp community public authorization 'ro'
            set service snmp community ops authorization 'rw'
            set service snmp community ops client '10.0.0.5'
            set service snmp community ops network '10.1.0.0/24'
            set service snmp v3 user monitor auth plaintext-password 'snmp-v3-pass'
            set service upnp listen 'eth1'
            set service upnp nat-pmp
            set service upnp wan-interface 'eth0'
            set service dns forwarding listen-address '10.0.0.1'
            set service dns forwarding allow-from '10.0.0.0/8'
            """)
        let https = try #require(config.service(.https))
        #expect(https.listen.value == [.address(IPAddress("10.0.0.1")!)] && https.settings["api"]?.value == "1")
        #expect(config.service(.telnet)?.effectivePort == 23)
        #expect(config.snmp.communities.map(\.access) == [.readOnly, .readWrite])
        #expect(config.snmp.communities[0].isRestricted == false)
        #expect(config.snmp.communities[1].allowedSources == [IPPrefix("10.0.0.5/32")!, IPPrefix("10.1.0.0/24")!])
        #expect(config.snmp.v3Users.map(\.value) == ["monitor"])
        #expect(config.storedSecrets.contains { $0.purpose == .service("snmpv3") && $0.owner == "monitor" })
        let upnp = try #require(config.service(.upnp))
        #expect(upnp.listen.value == [.interface("eth1")])
        #expect(upnp.settings["nat-pmp"]?.value == "enable" && upnp.settings["wan"]?.value == "eth0")
        let dns = try #require(config.service(.dns))
        #expect(dns.listen.value == [.address(IPAddress("10.0.0.1")!)] && dns.allowedSources?.value == [IPPrefix("10.0.0.0/8")!])
        // Community names are secrets on their lines.
        #expect(config.secretSpans.contains { $0.line == 4 && $0.range == 27..<33 })
    }

    @Test func identityFromHostNameAndFooter() {
        let config = Self.edge("""
            system {
                host-name gw1
            }
            /* Release version: v1.10.11.5274249.200803.1447 */
            """)
        #expect(config.identity.hostname?.value == "gw1")
        #expect(config.identity.firmware?.value == "EdgeOS v1.10.11.5274249.200803.1447")
        #expect(config.identity.vendor == .edgeOS)
        #expect(config.coverage.ratio == 1)
    }
}
