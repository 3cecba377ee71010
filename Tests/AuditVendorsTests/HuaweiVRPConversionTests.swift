import AuditCore
import Testing
@testable import AuditVendors

/// Step two: the VRP command tree to the vendor-neutral model.
@Suite("Huawei VRP conversion")
struct HuaweiVRPConversionTests {
    static func model(_ text: String) -> DeviceConfig {
        HuaweiVRPSupport().parse([ConfigInput(path: "ar.cfg", text: text)])
    }

    // MARK: Local users and secrets

    @Test func localUserPasswordForms() throws {
        let config = Self.model("""
        aaa
         local-user a password simple Plain!Text9
         local-user b password cipher %^%#Hq8YV0]kf=*h]g8~aQeY}6U"Hb:~iTqsBl!XnCV5%^%#
         local-user c password irreversible-cipher $1a$Uq3Zq5F0y$9<]G=J2p1M.w*z3FQ0pU9eY@4V6rTb!8cW7nK^fQ$
         local-user d password irreversible-cipher Admin@123
         local-user e password cipher Password123
         local-user a privilege level 15
         local-user b privilege level 3
         local-user c privilege level 2
         local-user d state block
        #
        return
        """)
        let accounts = Dictionary(uniqueKeysWithValues: config.accounts.map { ($0.name, $0) })
        #expect(accounts["a"]?.secret?.form == .cleartext("Plain!Text9"))
        #expect(accounts["b"]?.secret?.form == .reversible(scheme: .huaweiCipher,
                                                          encoded: "%^%#Hq8YV0]kf=*h]g8~aQeY}6U\"Hb:~iTqsBl!XnCV5%^%#"))
        #expect(accounts["c"]?.secret?.form == .opaque(scheme: "huawei-irreversible-cipher",
                                                      encoded: "$1a$Uq3Zq5F0y$9<]G=J2p1M.w*z3FQ0pU9eY@4V6rTb!8cW7nK^fQ$"))
        #expect(accounts["d"]?.secret?.form == .cleartext("Admin@123"))
        #expect(accounts["d"]?.secret?.declaredForm == "irreversible-cipher")
        #expect(accounts["e"]?.secret?.declaredForm == "cipher")
        #expect(accounts["a"]?.isAdministrator == true && accounts["a"]?.privilege == 15)
        #expect(accounts["b"]?.isAdministrator == true, "levels 3-15 are the management level")
        #expect(accounts["c"]?.isAdministrator == false)
        #expect(accounts["d"]?.passwordLoginAllowed?.value == false)
        #expect(accounts["a"]?.origin == .derived([SourceSpan(file: "ar.cfg", start: 2), SourceSpan(file: "ar.cfg", start: 7)]))
        #expect(Set(config.secretSpans.map(\.line)) == [2, 3, 4, 5, 6])
        // ` local-user a password simple Plain!Text9`: the value starts at byte 30.
        #expect(config.secretSpans.first { $0.line == 2 }?.range == 30..<41)
    }

    @Test func servicesFollowTheirServerLines() throws {
        let config = Self.model("""
        !Software Version V200R010C00SPC600
        #
         http server enable
         http secure-server enable
         http acl 2001
         http server port 8080
         undo telnet server enable
         stelnet server enable
         ssh server compatible-ssh1x enable
         ftp server enable
        #
        acl number 2001
         rule 5 permit source 192.168.1.0 0.0.0.255
        #
        return
        """)
        let http = try #require(config.service(.http))
        #expect(http.enabled == Sourced(true, .line("ar.cfg", 3)))
        #expect(http.effectivePort == 8080 && http.accessFilter?.value == "2001")
        #expect(config.service(.https)?.accessFilter?.value == "2001")
        #expect(config.service(.telnet)?.enabled == Sourced(false, .line("ar.cfg", 7)))
        #expect(config.service(.ssh)?.settings["version"] == Sourced("1.99", .line("ar.cfg", 9)))
        #expect(config.service(.ftp)?.enabled.value == true)
        #expect(config.filterUses["2001"] == [.managementAccess("http"), .managementAccess("https")])
        #expect(config.filter(named: "2001")?.defaultAction.value == .deny)
    }

    // MARK: User interfaces

    @Test func userInterfacesBecomeLoginChannels() throws {
        let config = Self.model("""
        !Software Version V200R009C00SPC500
        #
         telnet server enable
        #
        user-interface con 0
         authentication-mode password
         set authentication password cipher %^%#Hq8YV0]kf=*h]g8~aQeY}6U"Hb:~iTqsBl!XnCV5%^%#
         idle-timeout 0 0
        user-interface vty 0 4
         acl 2000 inbound
         authentication-mode aaa
         user privilege level 15
         idle-timeout 15 30
        user-interface vty 16 20
         authentication-mode none
         protocol inbound ssh
        #
        return
        """)
        let console = try #require(config.loginChannels.first { $0.kind == .console })
        #expect(console.name == "console 0")
        #expect(console.authentication == Sourced(.linePassword, .line("ar.cfg", 6)))
        #expect(console.execTimeout == Sourced(0, .line("ar.cfg", 8)))
        #expect(console.transportInput.value.isEmpty)
        #expect(config.storedSecrets.first { $0.owner == "console 0" }?.purpose == .linePassword)
        let vty = try #require(config.loginChannels.first { $0.name == "vty 0 4" })
        #expect(vty.authentication.value == .aaa(list: "default", methods: ["local"]))
        #expect(vty.accessClass?.value == "2000" && vty.execTimeout.value == 930 && vty.privilegeLevel?.value == 15)
        // V200R009: protocol inbound defaults to telnet and the Telnet server is on.
        #expect(vty.transportInput.value == [.telnet])
        #expect(vty.transportInput.origin.isVendorDefault)
        let other = try #require(config.loginChannels.first { $0.name == "vty 16 20" })
        #expect(other.authentication.value == .none)
        #expect(other.transportInput.value.isEmpty, "ssh accepted, but no stelnet server")
        #expect(config.service(.telnet)?.enabled.value == true)
        #expect(config.references.contains { $0.kind == .filter && $0.name == "2000" })
    }

    @Test func modernReleasesDefaultToSSHOnly() throws {
        let config = Self.model("""
        !Software Version V200R019C10SPC500
        #
         stelnet server enable
        #
        user-interface vty 0 4
         authentication-mode aaa
        #
        return
        """)
        let vty = try #require(config.loginChannels.first)
        #expect(vty.transportInput.value == [.ssh])
        #expect(config.service(.telnet) == nil)
        #expect(config.identity.firmware?.value == "V200R019C10SPC500")
    }

    @Test func fragmentsWithoutVtyLinesModelNoTelnet() {
        let config = Self.model("""
        #
         sysname R1
        #
        interface GigabitEthernet0/0/0
         ip address 10.0.0.1 255.255.255.252
        #
        return
        """)
        #expect(config.services.isEmpty && config.loginChannels.isEmpty)
        #expect(config.coverage.ratio == 1)
    }

    // MARK: ACLs, interfaces, NAT

    @Test func aclRulesReadAddressesPortsAndKeywords() throws {
        let config = Self.model("""
        acl number 3001
         rule 5 permit tcp source 10.1.1.0 0.0.0.255 destination 192.168.1.10 0 destination-port eq www
         rule 10 permit udp source any destination-port range 5000 5010
         rule 15 permit tcp tcp-flag established
         rule 20 permit icmp icmp-type echo-reply
         rule 25 permit ip source 10.0.0.0 8 time-range office
         rule 30 deny ip
        acl name MGMT basic
         rule 5 permit source 192.168.10.5 0
        #
        interface GigabitEthernet0/0/4
         ip address dhcp-alloc
         traffic-filter inbound acl 3001
        #
        return
        """)
        let list = try #require(config.filter(named: "3001"))
        #expect(list.kind == .ciscoExtended)
        let rules = list.rules
        #expect(rules[0].protocols == .only([.tcp]) && rules[0].source == .prefix(IPPrefix("10.1.1.0/24")!))
        #expect(rules[0].destination == .prefix(IPPrefix("192.168.1.10/32")!) && rules[0].destinationPorts == .single(80))
        #expect(rules[1].destinationPorts == .ranges([5000...5010]) && rules[1].source == .any)
        #expect(rules[2].establishedOnly)
        #expect(rules[3].icmpTypes == ["echo-reply"])
        #expect(rules[4].source == .prefix(IPPrefix("10.0.0.0/8")!) && rules[4].conditions == ["time-range office"])
        #expect(rules[5].matchesEverything && rules[5].action == .deny && rules[5].label == "rule 30")
        #expect(list.defaultAction.value == .permit, "traffic-filter forwards what no rule matches")
        #expect(config.filter(named: "MGMT")?.kind == .ciscoStandard)
        #expect(config.filter(named: "MGMT")?.rules.first?.source == .prefix(IPPrefix("192.168.10.5/32")!))
        let wan = try #require(config.interfaces.first)
        #expect(wan.name == "GigabitEthernet0/0/4" && wan.inboundFilter?.value == "3001")
        #expect(wan.role == Sourced(.wan, .line("ar.cfg", 12)))
    }

    @Test func wanRolesFromPPPoEDialersNATAndDefaultRoutes() {
        let config = Self.model("""
        interface Vlanif1
         ip address 192.168.1.1 255.255.255.0
        #
        interface GigabitEthernet0/0/1
         pppoe-client dial-bundle-number 1
        #
        interface GigabitEthernet0/0/2
         ip address 198.51.100.2 255.255.255.252
        #
        interface GigabitEthernet0/0/3
         ip address 203.0.113.2 255.255.255.252
         nat outbound 2000
        #
        interface GigabitEthernet 0/0/5
         pppoe-client dial-bundle-number 5
        #
        interface Dialer1
         link-protocol ppp
         ppp chap user isp-user
         ppp chap password cipher %^%#Hq8YV0]kf=*h]g8~aQeY}6U"Hb:~iTqsBl!XnCV5%^%#
         dialer user arweb
         dialer bundle 1
         dialer-group 1
         ip address ppp-negotiate
        #
        ip route-static 0.0.0.0 0.0.0.0 198.51.100.1
        ip route-static 0.0.0.0 0 192.168.1.254 preference 200
        #
        return
        """)
        let roles = config.interfaces.map { "\($0.name)=\($0.role.value)" }
        #expect(roles == ["Vlanif1=unknown", "GigabitEthernet0/0/1=unknown", "GigabitEthernet0/0/2=wan",
                          "GigabitEthernet0/0/3=wan", "GigabitEthernet0/0/5=wan", "Dialer1=wan"])
        #expect(config.storedSecrets.contains { $0.purpose == .service("ppp") && $0.owner == "Dialer1" })
        #expect(config.coverage.ratio == 1)
    }

    @Test func natServerBecomesPortForwards() throws {
        let config = Self.model("""
        interface GigabitEthernet0/0/4
         ip address dhcp-alloc
         nat server protocol tcp global current-interface 8080 inside 192.168.1.10 www
         nat server protocol udp global 203.0.113.5 5000 5010 inside 192.168.1.11 6000 6010
         nat server global 203.0.113.6 inside 192.168.1.12
        #
        nat server protocol tcp global 203.0.113.7 3389 inside 192.168.1.13 3389
        #
        return
        """)
        let forwards = config.portForwards
        #expect(forwards.count == 4)
        #expect(forwards[0].externalPorts == .single(8080) && forwards[0].internalPorts == .single(80))
        #expect(forwards[0].externalInterface == "GigabitEthernet0/0/4" && forwards[0].externalRole == .wan)
        #expect(forwards[1].protocols == .only([.udp]) && forwards[1].externalPorts == .ranges([5000...5010]))
        #expect(forwards[1].internalPorts == .ranges([6000...6010]))
        #expect(forwards[2].protocols == .any && forwards[2].externalPorts == .any)
        #expect(forwards[2].internalAddress == IPAddress("192.168.1.12"))
        #expect(forwards[3].externalInterface == nil && forwards[3].externalRole == nil)
    }

    // MARK: SNMP

    @Test func snmpCommunitiesVersionsAndACLs() {
        let config = Self.model("""
        #
         snmp-agent
         snmp-agent community read public
         snmp-agent community write cipher %^%#Hq8YV0]kf=*h]g8~aQeY}6U"Hb:~iTqsBl!XnCV5%^%# acl 2001
         snmp-agent community read cipher Private1 mib-view iso-view
         snmp-agent sys-info version v2c v3
         snmp-agent usm-user v3 nms-user
        #
        return
        """)
        let communities = config.snmp.communities
        #expect(communities.map(\.access) == [.readOnly, .readWrite, .readOnly])
        #expect(communities[0].name.form == .cleartext("public") && communities[0].accessFilter == nil)
        #expect(communities[1].accessFilter?.value == "2001")
        if case .reversible(.huaweiCipher, _) = communities[1].name.form {} else { Issue.record("cipher community") }
        #expect(communities[2].name.form == .cleartext("Private1") && communities[2].view == "iso-view")
        #expect(config.snmp.v3Users.map(\.value) == ["nms-user"])
        #expect(config.service(.snmp)?.enabled.value == true)
        #expect(Set(config.secretSpans.map(\.line)) == [3, 4, 5])
    }

    @Test func communitiesAreInertWhenOnlyV3IsEnabled() {
        let config = Self.model("""
        #
         snmp-agent
         snmp-agent community read public
         snmp-agent sys-info version v3
        #
        return
        """)
        #expect(config.snmp.communities.isEmpty)
        #expect(config.diagnostics.contains { $0.code == "snmp-communities-unused" })
    }

    @Test func loginLockoutDefaultsAndOverrides() {
        #expect(Self.model("#\n sysname R\n#\nreturn\n").hardening.loginProtection?.origin.isVendorDefault == true)
        let set = Self.model("aaa\n local-aaa-user wrong-password retry-interval 10 retry-time 5 block-time 30\n#\nreturn\n")
        #expect(set.hardening.loginProtection?.value == LoginProtection(blockSeconds: 1800, attempts: 5, withinSeconds: 600))
        let off = Self.model("aaa\n undo local-aaa-user wrong-password\n#\nreturn\n")
        #expect(off.hardening.loginProtection.map { $0.value == nil } == true)
    }

    @Test func routingKeysAreServiceSecrets() {
        let config = Self.model("""
        interface GigabitEthernet0/0/0
         ospf authentication-mode md5 1 cipher OspfAuth123
        #
        bgp 65000
         peer 192.0.2.2 password cipher %^%#Hq8YV0]kf=*h]g8~aQeY}6U"Hb:~iTqsBl!XnCV5%^%#
        #
        return
        """)
        let secrets = config.storedSecrets.map { "\($0.purpose) \($0.owner)" }
        #expect(secrets == ["service(\"ospf\") GigabitEthernet0/0/0", "service(\"bgp\") bgp 65000"])
        #expect(config.storedSecrets[0].secret.form == .cleartext("OspfAuth123"))
    }
}
