import AuditCore
import Testing
@testable import AuditVendors

/// dropbear, uhttpd, miniupnpd and snmpd sections → management services and SNMP communities.
@Suite("OpenWrt services conversion")
struct OpenWrtServicesTests {
    // MARK: dropbear

    @Test func dropbearDefaultsAreVendorDefaults() throws {
        let config = OpenWrtTest.parse("config dropbear\n", path: "dropbear")
        let ssh = try #require(config.service(.ssh))
        #expect(ssh.enabled.value)
        #expect(ssh.enabled.origin.isVendorDefault)
        #expect(ssh.port?.value == 22)
        #expect(ssh.port?.origin.isVendorDefault == true)
        #expect(ssh.listen.value == [.any])
        #expect(ssh.listen.origin.isVendorDefault)
        #expect(ssh.settings["PasswordAuth"]?.value == "1")
        #expect(ssh.settings["PasswordAuth"]?.origin.isVendorDefault == true)
        #expect(ssh.settings["RootPasswordAuth"]?.value == "1")
    }

    @Test func dropbearOptionsAreReadWithTheirLines() throws {
        let config = OpenWrtTest.parse("""
            config dropbear main
            \toption enable '1'
            \toption PasswordAuth 'off'
            \toption RootPasswordAuth 'no'
            \toption Port '2222'
            \toption Interface 'lan'
            """, path: "dropbear")
        let ssh = try #require(config.service(.ssh))
        #expect(ssh.enabled == Sourced(true, .line("dropbear", 2)))
        #expect(ssh.settings["PasswordAuth"] == Sourced("0", .line("dropbear", 3)))
        #expect(ssh.settings["RootPasswordAuth"] == Sourced("0", .line("dropbear", 4)))
        #expect(ssh.port == Sourced(2222, .line("dropbear", 5)))
        #expect(ssh.listen == Sourced([.interface("lan")], .line("dropbear", 6)))
    }

    @Test func noDropbearFileMeansNoSSHService() {
        let config = OpenWrtTest.parse("config system\n\toption hostname 'gw'\n")
        #expect(config.service(.ssh) == nil)
    }

    @Test func disabledDropbearInstance() {
        let config = OpenWrtTest.parse("config dropbear\n\toption enable '0'\n")
        #expect(config.service(.ssh)?.enabled.value == false)
    }

    // MARK: uhttpd

    @Test func uhttpdListenersAndRedirect() throws {
        let config = OpenWrtTest.parse("""
            config uhttpd 'main'
            \tlist listen_http '0.0.0.0:80'
            \tlist listen_http '[::]:80'
            \tlist listen_https '0.0.0.0:443'
            \tlist listen_https '[::]:443'
            \toption redirect_https '1'
            \toption rfc1918_filter '1'
            """, path: "uhttpd")
        let http = try #require(config.service(.http))
        let https = try #require(config.service(.https))
        #expect(http.enabled.value && https.enabled.value)
        #expect(http.listen.value == [.any])
        #expect(http.listen.origin == .derived([SourceSpan(file: "uhttpd", start: 2), SourceSpan(file: "uhttpd", start: 3)]))
        #expect(http.port == Sourced(80, .line("uhttpd", 2)))
        #expect(https.port?.value == 443)
        #expect(http.settings["redirect_https"] == Sourced("1", .line("uhttpd", 6)))
        #expect(https.settings["redirect_https"]?.value == "1")
        #expect(http.settings["rfc1918_filter"]?.value == "1")
    }

    @Test func uhttpdSpecificAddressesAndNoHTTPS() throws {
        let config = OpenWrtTest.parse("""
            config uhttpd main
            \tlist listen_http 192.168.1.1:8080
            \tlist listen_http '[fd00::1]:8080'
            \tlist listen_http 8081
            """)
        let http = try #require(config.service(.http))
        #expect(http.listen.value == [.address(IPAddress("192.168.1.1")!), .address(IPAddress("fd00::1")!), .any])
        #expect(http.port?.value == 8080)
        #expect(http.settings["redirect_https"]?.value == "0")
        #expect(http.settings["redirect_https"]?.origin.isVendorDefault == true)
        let https = try #require(config.service(.https))
        #expect(!https.enabled.value)
        #expect(https.listen.value.isEmpty)
    }

    // MARK: upnpd

    @Test func upnpIsOffUnlessEnabled() throws {
        let off = OpenWrtTest.parse("config upnpd config\n\toption enable_natpmp '1'\n")
        let upnpOff = try #require(off.service(.upnp))
        #expect(!upnpOff.enabled.value)
        #expect(upnpOff.enabled.origin.isVendorDefault)
        #expect(upnpOff.listen.value == [.interface("lan")])

        let on = OpenWrtTest.parse("""
            config upnpd config
            \toption enabled '1'
            \toption secure_mode '0'
            \toption internal_iface 'lan guest'
            \toption external_iface 'wan'
            """, path: "upnpd")
        let upnp = try #require(on.service(.upnp))
        #expect(upnp.enabled == Sourced(true, .line("upnpd", 2)))
        #expect(upnp.listen.value == [.interface("lan"), .interface("guest")])
        #expect(upnp.settings["secure_mode"] == Sourced("0", .line("upnpd", 3)))
        #expect(upnp.settings["ext_iface"] == Sourced("wan", .line("upnpd", 5)))
        #expect(upnp.settings["enable_upnp"]?.value == "1")
        #expect(upnp.port?.value == 5000)
    }

    // MARK: snmpd

    @Test func snmpCommunitiesFromCom2sec() throws {
        let config = OpenWrtTest.parse("""
            config agent
            \toption agentaddress 'UDP:161'
            config com2sec public
            \toption secname ro
            \toption source default
            \toption community public
            config com2sec private
            \toption secname rw
            \toption source localhost
            \toption community private
            config com2sec office
            \toption secname office_ro
            \toption source 192.168.1.0/24
            \toption community 'S3cret-c0mm'
            """, path: "snmpd")
        let snmp = try #require(config.service(.snmp))
        #expect(snmp.enabled.value)
        #expect(snmp.listen.value == [.any])
        #expect(snmp.port == Sourced(161, .line("snmpd", 2)))
        let communities = config.snmp.communities
        #expect(communities.map(\.name.form) == [.cleartext("public"), .cleartext("private"), .cleartext("S3cret-c0mm")])
        #expect(communities.map(\.access) == [.readOnly, .readWrite, .readOnly])
        #expect(communities[0].allowedSources == [.anyV4])
        #expect(!communities[0].isRestricted)
        #expect(communities[1].allowedSources == [IPPrefix("127.0.0.1/32")!])
        #expect(communities[2].allowedSources == [IPPrefix("192.168.1.0/24")!])
        #expect(communities[2].isRestricted)
        #expect(communities[0].name.origin == .line("snmpd", 6))
        // Every community is masked on its line.
        let masked = config.secretSpans.compactMap { OpenWrtTest.maskedText($0, in: config) }
        #expect(masked == ["public", "private", "S3cret-c0mm"])
    }

    @Test func snmpAccessSectionsDecideReadWrite() {
        let config = OpenWrtTest.parse("""
            config com2sec mon
            \toption secname monitor
            \toption source default
            \toption community c1
            config group g
            \toption group writers
            \toption secname monitor
            config access a
            \toption group writers
            \toption read all
            \toption write all
            config snmpd general
            \toption enabled '0'
            """)
        #expect(config.snmp.communities.first?.access == .readWrite)
        #expect(config.snmp.communities.first?.view == "all")
        #expect(config.service(.snmp)?.enabled.value == false)
    }

    @Test func agentAddresses() {
        #expect(OpenWrtConversion.agentAddress("UDP:161")! == (.any, 161))
        #expect(OpenWrtConversion.agentAddress("udp:127.0.0.1:1161")! == (.address(IPAddress("127.0.0.1")!), 1161))
        #expect(OpenWrtConversion.agentAddress("UDP6:[::1]:161")! == (.address(IPAddress("::1")!), 161))
        #expect(OpenWrtConversion.agentAddress("tcp:bogus:x") == nil)
    }
}
