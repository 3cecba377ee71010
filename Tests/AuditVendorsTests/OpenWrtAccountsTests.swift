import AuditCore
import Testing
@testable import AuditVendors

/// `/etc/shadow` → accounts (with dropbear deciding password login), and the service secrets of
/// network, wireless and rpcd.
@Suite("OpenWrt accounts and secrets")
struct OpenWrtAccountsTests {
    static let shadow = """
        root::0:0:99999:7:::
        daemon:*:0:0:99999:7:::
        admin:$6$kFJf3Qm1$YMYc08//.njmmyku9di0yqWc1BRghGR02DqvNHr.kKQc.YDaIGl6VpJjJLICcDs7I2FDOh/wAb16hz1PMRvT8.:19000:0:99999:7:::
        backup:!$1$Nb9G$YhcgULcYmSTPLKtxlDd76/:19000:0:99999:7:::
        legacy:abJnggxhB/yWI:19000:0:99999:7:::
        """

    @Test func shadowEntriesBecomeAccounts() throws {
        let config = OpenWrtTest.parse(Self.shadow, path: "shadow")
        #expect(config.accounts.map(\.name) == ["root", "daemon", "admin", "backup", "legacy"])
        let root = config.accounts[0]
        #expect(root.isAdministrator)
        #expect(root.secret?.form == .empty)
        #expect(root.secret?.origin == .line("shadow", 1))
        // No dropbear file: whether root may log in with a password over SSH is unknown.
        #expect(root.passwordLoginAllowed == nil)

        let daemon = config.accounts[1]
        #expect(!daemon.isAdministrator)
        #expect(daemon.secret == nil)
        #expect(daemon.passwordLoginAllowed == Sourced(false, .line("shadow", 2)))

        let admin = config.accounts[2]
        guard case .hashed(.sha512crypt, let encoded)? = admin.secret?.form else {
            Issue.record("admin should have a sha512crypt hash")
            return
        }
        #expect(encoded.hasPrefix("$6$kFJf3Qm1$"))

        let backup = config.accounts[3]
        #expect(backup.secret?.form == .hashed(scheme: .md5crypt, encoded: "$1$Nb9G$YhcgULcYmSTPLKtxlDd76/"))
        #expect(backup.passwordLoginAllowed?.value == false)

        #expect(config.accounts[4].secret?.form == .hashed(scheme: .desCrypt, encoded: "abJnggxhB/yWI"))
        #expect(config.coverage == ParseCoverage(meaningfulLines: 5, understoodLines: 5))
    }

    @Test func hashedRootWithDropbearOnLANOnly() throws {
        let config = OpenWrtTest.parse(
            (path: "shadow", text: "root:$5$rounds=5000$abcdefgh$Qm7f0b3y3Vq2tC9oKJp2mVxYw1l5i0r8e6uZ4nH3cD.:19000:0:99999:7:::\n"),
            (path: "dropbear", text: "config dropbear\n\toption Interface 'lan'\n\toption PasswordAuth '0'\n"))
        let root = try #require(config.accounts.first)
        guard case .hashed(.sha256crypt, _)? = root.secret?.form else {
            Issue.record("root should have a sha256crypt hash")
            return
        }
        #expect(root.isAdministrator)
        #expect(root.passwordLoginAllowed == Sourced(false, .derived([SourceSpan(file: "dropbear", start: 3)])))
    }

    @Test func shadowHashesAreMaskedByPosition() {
        let config = OpenWrtTest.parse(Self.shadow, path: "shadow")
        let masked = config.secretSpans.compactMap { OpenWrtTest.maskedText($0, in: config) }
        #expect(masked.count == 4)
        #expect(masked[0] == "*")
        #expect(masked[1].hasPrefix("$6$kFJf3Qm1$"))
        #expect(masked[2] == "!$1$Nb9G$YhcgULcYmSTPLKtxlDd76/")
        #expect(masked[3] == "abJnggxhB/yWI")
    }

    @Test func dropbearDecidesPasswordLogin() {
        let permissive = OpenWrtTest.parse(
            (path: "shadow", text: Self.shadow),
            (path: "dropbear", text: "config dropbear\n\toption PasswordAuth 'on'\n"))
        let root = permissive.accounts[0]
        #expect(root.passwordLoginAllowed?.value == true)
        #expect(root.passwordLoginAllowed?.origin == .derived([SourceSpan(file: "dropbear", start: 2)]))
        // A locked account stays locked whatever dropbear allows.
        #expect(permissive.accounts[1].passwordLoginAllowed?.value == false)

        let strict = OpenWrtTest.parse(
            (path: "shadow", text: Self.shadow),
            (path: "dropbear", text: "config dropbear\n\toption RootPasswordAuth '0'\n"))
        #expect(strict.accounts[0].passwordLoginAllowed == Sourced(false, .derived([SourceSpan(file: "dropbear", start: 2)])))
        #expect(strict.accounts[2].passwordLoginAllowed?.value == true)
        #expect(strict.accounts[2].passwordLoginAllowed?.origin.isVendorDefault == true)
    }

    @Test func serviceSecretsAreStoredAndMasked() {
        let config = OpenWrtTest.parse(
            (path: "network", text: """
                config interface 'wan'
                \toption proto 'pppoe'
                \toption username 'user@isp'
                \toption password 'dsl-secret'
                config interface 'vpn'
                \toption proto 'openvpn'
                \toption key /etc/openvpn/client.key
                """),
            (path: "wireless", text: """
                config wifi-iface 'default_radio0'
                \toption ssid 'Home'
                \toption encryption 'psk2'
                \toption key 'wifi passphrase'
                config wifi-iface 'open'
                \toption ssid 'Cafe'
                \toption encryption 'none'
                \toption key 'ignored'
                """),
            (path: "rpcd", text: """
                config login
                \toption username 'root'
                \toption password '$p$root'
                config login
                \toption username 'monitor'
                \toption password 'cleartext-pw'
                """))
        let secrets = config.storedSecrets.map { "\($0.purpose):\($0.owner)" }
        #expect(secrets == [#"service("pppoe"):wan"#, #"service("wifi-psk"):Home"#, #"service("rpcd"):monitor"#])
        #expect(config.storedSecrets.map(\.secret.form) == [.cleartext("dsl-secret"), .cleartext("wifi passphrase"), .cleartext("cleartext-pw")])
        #expect(config.storedSecrets[0].secret.origin == .line("network", 4))
        let masked = config.secretSpans.compactMap { OpenWrtTest.maskedText($0, in: config) }
        #expect(masked == ["dsl-secret", "wifi passphrase", "cleartext-pw"])
    }

    @Test func interfacesTakeTheirRoleFromZones() {
        let config = OpenWrtTest.parse(
            (path: "network", text: """
                config interface 'lan'
                \toption proto 'static'
                \toption ipaddr '192.168.1.1'
                \toption netmask '255.255.255.0'
                config interface 'uplink'
                \toption proto 'pppoe'
                config interface 'iot'
                \toption proto 'static'
                \toption ipaddr '10.9.0.1/24'
                config interface 'spare'
                \toption proto 'none'
                \toption disabled '1'
                """),
            (path: "firewall", text: """
                config zone
                \toption name 'wan'
                \toption network 'uplink'
                config zone
                \toption name 'lan'
                \toption network 'lan iot'
                """))
        let roles = config.interfaces.map { "\($0.name)=\($0.role.value):\($0.zone ?? "-")" }
        #expect(roles == ["lan=lan:lan", "uplink=wan:wan", "iot=lan:lan", "spare=unknown:-"])
        #expect(config.interfaces[0].addresses == [IPPrefix("192.168.1.1/24")!])
        #expect(config.interfaces[2].addresses == [IPPrefix("10.9.0.1/24")!])
        #expect(config.interfaces[3].shutdown)
        #expect(config.wanInterfaces.map(\.name) == ["uplink"])
        // Evidence for the role: the zone's name line and the line that lists the network.
        #expect(config.interfaces[1].role.origin == .derived([SourceSpan(file: "firewall", start: 2), SourceSpan(file: "firewall", start: 3)]))
    }

    @Test func interfacesWithoutFirewallUseTheirNames() {
        let config = OpenWrtTest.parse("config interface 'wan'\n\toption proto 'dhcp'\nconfig interface 'lan'\n\toption proto static\n")
        #expect(config.interfaces.map(\.role.value) == [.wan, .lan])
        #expect(config.interfaces[0].zone == nil)
    }
}
