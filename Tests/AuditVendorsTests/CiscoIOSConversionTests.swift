import AuditCore
import AuditVendors
import Testing

/// Step two: small configurations to the vendor-neutral model.
@Suite struct CiscoIOSConversionTests {
    static func model(_ text: String) -> DeviceConfig {
        CiscoIOSConversion.convert(CiscoIOSParser.parse(path: "r.cfg", text: text))
    }

    static func isDefault(_ origin: Provenance) -> Bool { origin.isVendorDefault }

    /// The text each secret span covers, to prove masking hits exactly the secret.
    static func maskedTexts(_ config: DeviceConfig, _ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return config.secretSpans.map { span in
            String(decoding: Array(lines[span.line - 1].utf8)[span.range], as: UTF8.self)
        }
    }

    @Test func identity() {
        let config = Self.model("version 15.4\nhostname Foo\nlicense udi pid C887VA-K9 sn X\nend\n")
        #expect(config.identity.vendor == .ciscoIOS)
        #expect(config.identity.hostname?.value == "Foo")
        #expect(config.identity.hostname?.origin == .line("r.cfg", 2))
        #expect(config.identity.firmware?.value == "15.4")
        #expect(config.identity.model?.value == "C887VA-K9")
    }

    @Test func accountsAndEnableSecrets() throws {
        let text = """
        enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0
        enable password 7 02050D480809
        username admin privilege 15 password 7 0822455D0A16
        username ntc privilege 15 password 0 two words
        username viewer secret 9 $9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM
        username guest nopassword
        end
        """
        let config = Self.model(text)
        #expect(config.accounts.map(\.name) == ["admin", "ntc", "viewer", "guest"])
        let admin = try #require(config.accounts.first)
        #expect(admin.isAdministrator && admin.privilege == 15)
        #expect(admin.secret?.form == .reversible(scheme: .ciscoType7, encoded: "0822455D0A16"))
        #expect(config.accounts[1].secret?.form == .cleartext("two words"))
        #expect(config.accounts[2].privilege == 1 && !config.accounts[2].isAdministrator)
        #expect(config.accounts[2].secret?.form == .hashed(scheme: .ciscoType9, encoded: "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM"))
        #expect(config.accounts[3].secret?.form == .empty)
        #expect(config.storedSecrets.map(\.owner) == ["enable", "enable"])
        #expect(config.storedSecrets.allSatisfy { $0.purpose == .privilege })
        #expect(config.storedSecrets[0].secret.form == .hashed(scheme: .md5crypt, encoded: "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0"))
        #expect(Self.maskedTexts(config, text) == ["$1$mERr$hx5rVt7rPNoS4wqbXKX7m0", "02050D480809", "0822455D0A16", "two words",
                                                   "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM"])
    }

    @Test func usernameLinesMerge() {
        let config = Self.model("username bob privilege 15\nusername bob secret 5 $1$x$y\nend\n")
        #expect(config.accounts.count == 1)
        #expect(config.accounts[0].isAdministrator)
        #expect(config.accounts[0].secret?.form == .hashed(scheme: .md5crypt, encoded: "$1$x$y"))
    }

    @Test func serviceSecretsOfPPPAndFTP() {
        let text = """
        ip ftp username ftpuser
        ip ftp password 7 107D3D232342041E3A
        interface Dialer1
         ppp chap hostname auser
         ppp chap password 7 107D3D232342041E3A
         ppp pap sent-username auser password 7 023530612D5319347A
        end
        """
        let config = Self.model(text)
        let secrets = config.storedSecrets.map { "\($0.purpose) \($0.owner)" }.sorted()
        #expect(secrets == ["service(\"ftp\") ftpuser", "service(\"ppp-chap\") auser", "service(\"ppp-pap\") auser"])
        #expect(Set(Self.maskedTexts(config, text)) == ["107D3D232342041E3A", "023530612D5319347A"])
    }

    @Test func linesWithoutAAA() throws {
        let config = Self.model("""
        version 15.2
        line con 0
         exec-timeout 0 0
         privilege level 15
        line aux 0
        line vty 0 4
         password 7 02050D480809
         login
        line vty 5 15
         login local
         transport input ssh
         access-class 10 in
         exec-timeout 15 30
        end
        """)
        let channels = config.loginChannels
        #expect(channels.map(\.name) == ["con 0", "aux 0", "vty 0 4", "vty 5 15"])
        #expect(channels.map(\.kind) == [.console, .aux, .vty, .vty])
        let console = channels[0]
        #expect(console.authentication.value == .none && Self.isDefault(console.authentication.origin))
        #expect(console.execTimeout.value == 0 && console.execTimeout.origin == .line("r.cfg", 3))
        #expect(console.privilegeLevel?.value == 15)
        #expect(console.transportInput.value.isEmpty)
        #expect(channels[1].execTimeout.value == 600 && Self.isDefault(channels[1].execTimeout.origin))
        let vty = channels[2]
        #expect(vty.authentication.value == .linePassword && vty.authentication.origin == .line("r.cfg", 8))
        #expect(vty.transportInput.value == [.telnet, .ssh] && Self.isDefault(vty.transportInput.origin))
        #expect(channels[3].authentication.value == .local)
        #expect(channels[3].transportInput.value == [.ssh])
        #expect(channels[3].accessClass?.value == "10")
        #expect(channels[3].execTimeout.value == 930)
        #expect(config.storedSecrets.map(\.owner) == ["vty 0 4"])
        #expect(config.storedSecrets[0].purpose == .linePassword)
    }

    @Test func vtyDefaultTransportFollowsTheVersion() {
        let classic = Self.model("version 12.4\nline vty 0 4\nend\n")
        #expect(classic.loginChannels[0].transportInput.value == [.telnet, .ssh])
        let noVersion = Self.model("line vty 0 4\nend\n")
        #expect(noVersion.loginChannels[0].transportInput.value == [.telnet, .ssh])
        let xe = Self.model("version 17.6\nline vty 0 4\nend\n")
        #expect(xe.loginChannels[0].transportInput.value.isEmpty)
        #expect(Self.isDefault(xe.loginChannels[0].transportInput.origin))
        #expect(xe.service(.telnet)?.enabled.value == false)
    }

    @Test func aaaMethodListsResolve() {
        let config = Self.model("""
        aaa new-model
        aaa authentication login default local
        aaa authentication login CONSOLE none
        line con 0
         login authentication CONSOLE
        line vty 0 4
         transport input ssh
        end
        """)
        #expect(config.loginChannels[0].authentication.value == .aaa(list: "CONSOLE", methods: ["none"]))
        #expect(config.loginChannels[0].authentication.origin.spans.map(\.start) == [1, 5, 3])
        #expect(config.loginChannels[1].authentication.value == .aaa(list: "default", methods: ["local"]))
    }

    @Test func aaaWithoutADefaultList() {
        let config = Self.model("""
        aaa new-model
        aaa authentication login TACACS group tacacs+ local
        line con 0
        line vty 0 4
        line vty 5 15
         login authentication TACACS
        end
        """)
        #expect(config.loginChannels[0].authentication.value == .aaa(list: "default", methods: ["none"]))
        #expect(config.loginChannels[1].authentication.value == .aaa(list: "default", methods: ["local"]))
        #expect(Self.isDefault(config.loginChannels[1].authentication.origin))
        #expect(config.loginChannels[2].authentication.value == .aaa(list: "TACACS", methods: ["group tacacs+", "local"]))
    }

    @Test func telnetAndSSHServicesFollowTheVtyLines() throws {
        let config = Self.model("""
        ip ssh version 2
        line vty 0 4
         access-class MGMT in
         transport input telnet ssh
        line vty 5 15
         transport input ssh
        end
        """)
        let telnet = try #require(config.service(.telnet))
        #expect(telnet.enabled.value && telnet.enabled.origin == .derived([SourceSpan(file: "r.cfg", start: 4)]))
        #expect(telnet.accessFilter?.value == "MGMT")
        #expect(telnet.listen.value == [.any])
        let ssh = try #require(config.service(.ssh))
        #expect(ssh.enabled.value)
        #expect(ssh.accessFilter == nil, "vty 5 15 accepts ssh without an access-class")
        #expect(ssh.settings["version"]?.value == "2")
    }

    @Test func httpServers() throws {
        let none = Self.model("hostname r\nend\n")
        #expect(none.service(.http)?.enabled.value == false)
        #expect(none.service(.http).map { Self.isDefault($0.enabled.origin) } == true)
        #expect(none.service(.https)?.enabled.value == false)
        let config = Self.model("ip http server\nip http access-class 99\nip http authentication local\nno ip http secure-server\nend\n")
        let http = try #require(config.service(.http))
        #expect(http.enabled.value && http.enabled.origin == .line("r.cfg", 1))
        #expect(http.accessFilter?.value == "99")
        #expect(http.settings["authentication"]?.value == "local")
        #expect(config.service(.https)?.enabled.origin == .line("r.cfg", 4))
        #expect(config.filterUses["99"] == [.managementAccess("http")])
    }

    @Test func optionalServers() {
        let config = Self.model("ip dns server\nnetconf-yang\nftp-server enable\nend\n")
        #expect(config.service(.dns)?.enabled.origin == .line("r.cfg", 1))
        #expect(config.service(.netconf)?.enabled.value == true)
        #expect(config.service(.ftp)?.enabled.value == true)
        #expect(Self.model("hostname r\nend\n").service(.dns) == nil)
    }

    @Test func snmpCommunities() throws {
        let text = """
        snmp-server community public RO
        snmp-server community SoMeThaNGwIErd RW 99
        snmp-server community viewer view LIMITED ro SNMP_HOSTS
        snmp-server host 10.1.1.1 version 2c hostcommunity
        end
        """
        let config = Self.model(text)
        let communities = config.snmp.communities
        #expect(communities.map(\.name.form) == [.cleartext("public"), .cleartext("SoMeThaNGwIErd"), .cleartext("viewer")])
        #expect(communities.map(\.access) == [.readOnly, .readWrite, .readOnly])
        #expect(communities.map { $0.accessFilter?.value } == [nil, "99", "SNMP_HOSTS"])
        #expect(communities[2].view == "LIMITED")
        #expect(!communities[0].isRestricted && communities[1].isRestricted)
        #expect(config.service(.snmp)?.enabled.value == true)
        #expect(config.filterUses["99"] == [.managementAccess("snmp")])
        #expect(Self.maskedTexts(config, text) == ["public", "SoMeThaNGwIErd", "viewer", "hostcommunity"])
    }

    @Test func interfaceRoles() throws {
        let config = Self.model("""
        interface Dialer1
         ip address negotiated
        interface GigabitEthernet0/0
         ip address dhcp
        interface GigabitEthernet0/1
         ip address 192.168.1.1 255.255.255.0
         ip address 192.168.2.1 255.255.255.0 secondary
         ip nat inside
        interface GigabitEthernet0/2
         ip nat outside
         shutdown
        interface Ethernet0/1
         ip address 100.64.0.2 255.255.255.252
         pppoe enable
        interface Loopback0
         ip address 10.0.0.1 255.255.255.255
        interface ATM0.1 point-to-point
         no ip address
         pvc 8/35
          pppoe-client dial-pool-number 1
        end
        """)
        let roles = config.interfaces.map(\.role.value)
        #expect(roles == [.wan, .wan, .lan, .wan, .wan, .unknown, .unknown], "a PPPoE carrier without an address has no role")
        #expect(config.interfaces[0].role.origin == .line("r.cfg", 1))
        #expect(config.interfaces[1].role.origin == .line("r.cfg", 4))
        #expect(Self.isDefault(config.interfaces[5].role.origin))
        #expect(config.interfaces[2].addresses == [IPPrefix("192.168.1.1/24")!, IPPrefix("192.168.2.1/24")!])
        #expect(config.interfaces[3].shutdown)
        #expect(config.wanInterfaces.map(\.name) == ["Dialer1", "GigabitEthernet0/0", "Ethernet0/1"])
        #expect(config.interfaces[6].role.origin.isVendorDefault)
    }

    @Test func defaultRouteMakesItsInterfaceWAN() {
        let config = Self.model("""
        interface GigabitEthernet1
         ip address 10.0.0.15 255.255.255.0
        interface GigabitEthernet2
         ip address 192.168.1.1 255.255.255.0
         ip nat inside
        interface GigabitEthernet3
         ip address 172.16.0.1 255.255.255.0
        interface Tunnel0
         ip address 10.9.9.1 255.255.255.252
        ip route 0.0.0.0 0.0.0.0 10.0.0.2
        ip route 0.0.0.0 0.0.0.0 192.168.1.254 250
        ip route 0.0.0.0 0.0.0.0 Tunnel0 200
        ip route vrf MGMT 0.0.0.0 0.0.0.0 172.16.0.254
        ip route 10.10.0.0 255.255.0.0 172.16.0.254
        end
        """)
        let roles = config.interfaces.map(\.role.value)
        #expect(roles == [.wan, .lan, .unknown, .wan], "an explicit `ip nat inside` is not overridden; VRF and non-default routes do not count")
        #expect(config.interfaces[0].role.origin == .derived([SourceSpan(file: "r.cfg", start: 2), SourceSpan(file: "r.cfg", start: 10)]))
        #expect(config.interfaces[3].role.origin == .derived([SourceSpan(file: "r.cfg", start: 12)]))
    }

    @Test func ebgpNeighbourMakesItsInterfaceWAN() {
        let config = Self.model("""
        interface GigabitEthernet0/0
         ip address 10.12.11.2 255.255.255.0
        interface GigabitEthernet1/0
         ip address 2.12.11.1 255.255.255.0
        router bgp 2
         neighbor as1 peer-group
         neighbor as1 remote-as 1
         neighbor as2 peer-group
         neighbor as2 remote-as 2
         neighbor 10.12.11.1 peer-group as1
         neighbor 2.12.11.2 peer-group as2
        end
        """)
        #expect(config.interfaces.map(\.role.value) == [.wan, .unknown], "only the eBGP session (AS 1 from AS 2) counts")
        #expect(config.interfaces[0].role.origin.spans.map(\.start) == [2, 7, 10])
    }

    @Test func zoneMembershipIsRecorded() {
        let config = Self.model("zone security OUTSIDE\ninterface Dialer1\n zone-member security OUTSIDE\nend\n")
        #expect(config.interfaces[0].zone == "OUTSIDE")
        #expect(config.interfaces[0].role.value == .wan)
        #expect(config.coverage.ratio == 1)
    }

    @Test func interfaceFiltersAndIPv6() throws {
        let config = Self.model("""
        interface Dialer1
         description uplink to ISP
         ip access-group EXT_IN in
         ip access-group EXT_OUT out
         ipv6 address autoconfig
         ipv6 enable
         ipv6 traffic-filter V6_IN in
        interface ATM0/0.32 point-to-point
         no ip address
        end
        """)
        let dialer = config.interfaces[0]
        #expect(dialer.description == "uplink to ISP")
        #expect(dialer.inboundFilter?.value == "EXT_IN" && dialer.inboundFilter?.origin == .line("r.cfg", 3))
        #expect(dialer.outboundFilter?.value == "EXT_OUT")
        #expect(dialer.ipv6Enabled?.value == true)
        #expect(dialer.ipv6InboundFilter?.value == "V6_IN")
        #expect(config.interfaces[1].name == "ATM0/0.32")
        #expect(config.filterUses["EXT_IN"] == [.interfaceInbound("Dialer1")])
        #expect(config.filterUses["EXT_OUT"] == [.interfaceOutbound("Dialer1")])
        #expect(config.filterUses["V6_IN"] == [.interfaceInbound("Dialer1")])
        let references = config.references.filter { $0.kind == .filter }
        #expect(references.map(\.name) == ["EXT_IN", "EXT_OUT", "V6_IN"])
        #expect(references.allSatisfy { $0.filtersTraffic })
    }

    @Test func accessListsMergeAcrossTheFile() throws {
        let config = Self.model("""
        access-list 101 permit tcp any any eq 22
        ip access-list extended NAMED
         10 deny ip host 10.0.0.1 any
         20 permit ip any any
        access-list 101 deny ip any any log
        access-list 10 permit 192.168.1.0 0.0.0.255
        ipv6 access-list V6
         sequence 10 deny ipv6 any any
        end
        """)
        #expect(config.filters.map(\.name) == ["101", "NAMED", "10", "V6"])
        #expect(config.filters.map(\.kind) == [.ciscoExtended, .ciscoExtended, .ciscoStandard, .ciscoExtended])
        let numbered = try #require(config.filter(named: "101"))
        #expect(numbered.rules.map(\.action) == [.permit, .deny])
        #expect(numbered.rules.map(\.origin) == [.line("r.cfg", 1), .line("r.cfg", 5)])
        #expect(numbered.origin == .derived([SourceSpan(file: "r.cfg", start: 1), SourceSpan(file: "r.cfg", start: 5)]))
        #expect(numbered.defaultAction.value == .deny && Self.isDefault(numbered.defaultAction.origin))
        #expect(config.filter(named: "NAMED")?.rules.map(\.label) == ["10", "20"])
        #expect(config.filter(named: "V6")?.rules.first?.family == 6)
    }

    @Test func sequenceNumbersOrderTheEntries() {
        let config = Self.model("ip access-list extended A\n 20 deny ip any any\n 10 permit tcp any any eq 22\n 15 permit icmp any any\nend\n")
        #expect(config.filter(named: "A")?.rules.map(\.label) == ["10", "15", "20"])
    }

    @Test func filterUsesSeparateTrafficFiltersFromSelectors() {
        let config = Self.model("""
        ip wccp web-cache redirect-list INTERNAL
        ip inspect name EXT http java-list 11
        ip nat inside source list INTERNAL interface Dialer1 overload
        route-map RM permit 10
         match ip address 101 102
        class-map match-all C
         match access-group name QOS
        snmp-server community c RO 12
        line vty 0 4
         access-class 13 in
        end
        """)
        #expect(config.filterUses["INTERNAL"] == [.other("ip wccp redirect-list"), .natSelection])
        #expect(config.filterUses["11"] == [.other("ip inspect java-list")])
        #expect(config.filterUses["101"] == [.other("route-map RM")])
        #expect(config.filterUses["102"] == [.other("route-map RM")])
        #expect(config.filterUses["QOS"] == [.other("class-map C")])
        #expect(config.filterUses["12"] == [.managementAccess("snmp")])
        #expect(config.filterUses["13"] == [.managementAccess("vty 0 4")])
        let selectors = config.references.filter { ["INTERNAL", "11", "101"].contains($0.name) && $0.kind == .filter }
        #expect(!selectors.isEmpty && selectors.allSatisfy { !$0.filtersTraffic })
        #expect(config.references.first { $0.name == "13" }?.filtersTraffic == true)
    }

    @Test func undefinedObjectGroupsAreReferenced() {
        let config = Self.model("""
        object-group network INSIDE
         host 10.0.0.1
        ip access-list extended A
         permit ip object-group INSIDE object-group MISSING
        end
        """)
        let objects = config.references.filter { $0.kind == .addressObject }
        #expect(objects.map(\.name) == ["MISSING"])
    }

    @Test func staticNATBecomesPortForwards() throws {
        let config = Self.model("""
        interface Dialer1
         ip address negotiated
         ip nat outside
        interface GigabitEthernet0/1
         ip address 203.0.113.2 255.255.255.248
         ip nat outside
        ip nat inside source static tcp 172.16.1.5 22 interface Dialer1 1415
        ip nat inside source static udp 172.16.1.6 500 203.0.113.3 500 extendable
        ip nat inside source static 172.16.1.7 203.0.113.4
        end
        """)
        let forwards = config.portForwards
        #expect(forwards.count == 3)
        #expect(forwards[0].externalInterface == "Dialer1" && forwards[0].externalRole == .wan)
        #expect(forwards[0].protocols == .only([.tcp]))
        #expect(forwards[0].externalPorts == .single(1415) && forwards[0].internalPorts == .single(22))
        #expect(forwards[0].internalAddress == IPAddress("172.16.1.5"))
        #expect(forwards[0].origin == .line("r.cfg", 7))
        #expect(forwards[1].externalInterface == "GigabitEthernet0/1" && forwards[1].protocols == .only([.udp]))
        #expect(forwards[2].protocols == .any && forwards[2].externalPorts == .any && forwards[2].internalPorts == .any)
    }

    @Test func hardeningDefaultsAndExplicitValues() {
        let defaults = Self.model("hostname r\nend\n")
        #expect(defaults.hardening.passwordEncryption?.value == false)
        #expect(defaults.hardening.passwordEncryption.map { Self.isDefault($0.origin) } == true)
        #expect(defaults.hardening.loginProtection.map { $0.value == nil && Self.isDefault($0.origin) } == true)
        let set = Self.model("service password-encryption\nlogin block-for 30 attempts 5 within 15\nsecurity passwords min-length 10\nend\n")
        #expect(set.hardening.passwordEncryption?.value == true && set.hardening.passwordEncryption?.origin == .line("r.cfg", 1))
        #expect(set.hardening.loginProtection?.value == LoginProtection(blockSeconds: 30, attempts: 5, withinSeconds: 15))
        #expect(set.hardening.minimumPasswordLength?.value == 10)
        let off = Self.model("no service password-encryption\nend\n")
        #expect(off.hardening.passwordEncryption?.value == false && off.hardening.passwordEncryption?.origin == .line("r.cfg", 1))
    }

    @Test func coverageAndUnrecognizedLines() throws {
        let config = Self.model("""
        hostname r
        frobnicate the router
        interface Vlan1
         ip address 10.0.0.1 255.255.255.0
         wibble 3
        router ospf 1
         network 10.0.0.0 0.0.0.255 area 0
        banner motd ^C
        hello
        ^C
        end
        """)
        #expect(config.coverage.meaningfulLines == 10)
        #expect(config.coverage.understoodLines == 8)
        let unrecognized = config.diagnostics.filter { $0.code == "unrecognized-line" }
        #expect(unrecognized.map { $0.span?.start } == [2, 5])
        #expect(unrecognized.allSatisfy { $0.level == .warning })
        #expect(unrecognized[1].message.contains("interface Vlan1"))
    }

    @Test func badValuesAreReported() {
        let config = Self.model("interface Vlan1\n ip address 10.0.0.300 255.255.255.0\nip access-list extended A\n permit tcp any host 1.2.\nend\n")
        #expect(config.diagnostics.filter { $0.code == "bad-value" }.map { $0.span?.start } == [2, 4])
    }

    @Test func unrecognizedLinesNeverQuoteSecrets() {
        let config = Self.model("mystery-feature password 0 hunter2\nend\n")
        let messages = config.diagnostics.map(\.message).joined()
        #expect(!messages.contains("hunter2"))
    }

    @Test func wirelessAndAccessPointSecrets() {
        let text = """
        wlan guest 1 guest
         security wpa psk set-key ascii 0 WLAN SECR3T
        ap profile default-ap-profile
         mgmtuser username apadmin password 0 MGMT PASS secret 0 MGMTSECR3T
        aaa server radius dynamic-author
         client 10.42.0.7 server-key 7 02050D480809
        end
        """
        let config = Self.model(text)
        #expect(config.storedSecrets.map(\.secret.form) == [.cleartext("WLAN SECR3T"), .cleartext("MGMT PASS"), .cleartext("MGMTSECR3T"),
                                                            .reversible(scheme: .ciscoType7, encoded: "02050D480809")])
        #expect(Self.maskedTexts(config, text) == ["WLAN SECR3T", "MGMT PASS", "MGMTSECR3T", "02050D480809"])
    }
}
