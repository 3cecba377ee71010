import AuditCore
import Testing
@testable import AuditVendors

/// Zyxel ZLD: extraction (command tree), conversion (model), detection and bad input, on small
/// snippets written from the ZyWALL / USG (ZLD) CLI Reference Guide's syntax.
@Suite struct ZyxelZLDTests {
    static func parse(_ text: String) -> DeviceConfig {
        ZyxelZLDSupport().parse([ConfigInput(path: "usg.conf", text: text)])
    }

    @Test func modeSubCommandsNestUnderTheirHeader() {
        let config = ZyxelZLDParser.parse(path: "x", text: "interface ge1\n type external\n ip address dhcp\n!\nzone WAN\n interface ge1\n")
        #expect(config.topLevel.count == 2)
        #expect(config.commands[config.topLevel[0]].subtreeEnd == 3)
        #expect(config.commands[2].words == ["ip", "address", "dhcp"])
    }

    @Test func quotedValuesAreOneWord() {
        let config = ZyxelZLDParser.parse(path: "x", text: "username bob description \"front desk\"\n")
        #expect(config.commands[0].words == ["username", "bob", "description", "front desk"])
    }

    @Test func accountsAndTheirSecretForms() throws {
        let config = Self.parse("""
        username admin password 1234 user-type admin
        username ro encrypted-password $1$abcd$e8iOUyk5q0hKR0YQ2b7Ww0 user-type limited-admin
        username guest nopassword user-type guest
        """)
        #expect(config.accounts.map(\.name) == ["admin", "ro", "guest"])
        #expect(config.accounts[0].secret?.form == .cleartext("1234"))
        #expect(config.accounts[0].isAdministrator)
        #expect(config.accounts[1].secret?.form == .hashed(scheme: .md5crypt, encoded: "$1$abcd$e8iOUyk5q0hKR0YQ2b7Ww0"))
        #expect(!config.accounts[1].isAdministrator)
        #expect(config.accounts[2].secret?.form == .empty)
        #expect(config.secretSpans.contains { $0.line == 1 && $0.range == 24..<28 })
    }

    /// `$4$` is ZLD's reversible encryption (the device decrypts it); no public specification
    /// exists, so it is classed reversible and left encoded, not opaque.
    @Test func dollarFourSecretsAreReversible() throws {
        let config = Self.parse("username shop encrypted-password $4$Ut6kXcW9$qJ3bV8mN2rL5tY7wZ1xA4c$ user-type user\n")
        let secret = try #require(config.accounts.first { $0.name == "shop" }?.secret)
        #expect(secret.form == .reversible(scheme: .zyxelZLD4, encoded: "$4$Ut6kXcW9$qJ3bV8mN2rL5tY7wZ1xA4c$"))
        #expect(config.secretSpans.contains { $0.line == 1 })
    }

    @Test func theFactoryAdministratorIsAVendorDefault() throws {
        let config = Self.parse("hostname usg\n")
        let admin = try #require(config.accounts.first)
        #expect(admin.name == "admin" && admin.secret?.form == .cleartext("1234"))
        #expect(admin.origin.isVendorDefault)
    }

    @Test func managementServersPortsAndServiceControl() throws {
        let config = Self.parse("""
        address-object MGMT 192.168.1.5
        ip http server
        ip http port 8080
        ip ssh server
        ip ssh server port 2222
        ip ssh server rule 1 access-group MGMT zone WAN action accept
        ip ssh server rule 2 access-group ALL zone ALL action deny
        no ip telnet server
        """)
        let http = try #require(config.service(.http))
        #expect(http.enabled.value && http.effectivePort == 8080)
        #expect(http.listen.value == [.any] && http.listen.origin.isVendorDefault)
        let ssh = try #require(config.service(.ssh))
        #expect(ssh.effectivePort == 2222)
        #expect(ssh.listen.value == [.role(.wan)])
        #expect(ssh.allowedSources?.value == [IPPrefix("192.168.1.5/32")!])
        #expect(config.service(.telnet)?.enabled.value == false)
        #expect(config.service(.https)?.enabled.origin.isVendorDefault == true)
    }

    @Test func zonesInterfacesAndRoles() throws {
        let config = Self.parse("""
        interface ge1
         type external
         ip address dhcp
        !
        interface ge3
         type internal
         ip address 192.168.1.1 255.255.255.0
        !
        zone LAN1
         interface ge3
        !
        """)
        let wan = try #require(config.zone(named: "WAN"))
        #expect(wan.members == ["ge1"] && wan.role.value == .wan && wan.input.value == .deny)
        #expect(config.zone(named: "LAN1")?.role.value == .lan)
        #expect(config.interfaces.first { $0.name == "ge1" }?.role.value == .wan)
        #expect(config.interfaces.first { $0.name == "ge3" }?.addresses == [IPPrefix("192.168.1.1/24")!])
    }

    @Test func securityPoliciesResolveObjects() throws {
        let config = Self.parse("""
        address-object SRV 192.168.1.10
        address-object POOL 192.168.1.16-192.168.1.23
        service-object RDP tcp eq 3389
        object-group service ADMIN
         service-object RDP
         service-object SSH
        !
        secure-policy 1
         name WAN_RDP
         from WAN
         to LAN1
         sourceip any
         destinationip SRV
         service ADMIN
         action allow
        !
        secure-policy 2
         from WAN
         to ZyWALL
         sourceip POOL
         service any
         action deny
         no activate
        !
        secure-policy 3
         from LAN1
         to WAN
         sourceip NOWHERE
         action allow
        !
        """)
        let list = try #require(config.filter(named: "secure-policy"))
        #expect(list.kind == .zoneRules)
        let first = list.rules.filter { $0.label == "WAN_RDP" }
        #expect(first.count == 2)
        #expect(first[0].destination == .prefix(IPPrefix("192.168.1.10/32")!))
        #expect(first[0].destinationPorts == .single(3389) && first[1].destinationPorts == .single(22))
        #expect(first[0].sourceZone == "WAN" && first[0].destinationZone == "LAN1" && first[0].chain == .forward)
        let second = list.rules.filter { $0.label == "2" }
        #expect(second.map(\.source) == [.prefix(IPPrefix("192.168.1.16/29")!)])
        #expect(second.allSatisfy { $0.chain == .input && $0.destinationZone == nil && !$0.enabled && $0.action == .deny })
        #expect(list.rules.last?.source == .object("NOWHERE"))
        #expect(config.references.contains { $0.name == "NOWHERE" && $0.knownUndefined })
    }

    @Test func olderFirewallSyntaxNamesTheDirectionOnTheHeader() throws {
        let config = Self.parse("""
        firewall WAN ZyWALL 1
         service SSH
         action allow
        !
        firewall LAN1 WAN 2
         action allow
        !
        """)
        let rules = try #require(config.filter(named: "secure-policy")).rules
        #expect(rules.count == 2)
        #expect(rules[0].sourceZone == "WAN" && rules[0].chain == .input && rules[0].destinationPorts == .single(22))
        #expect(rules[1].sourceZone == "LAN1" && rules[1].destinationZone == "WAN" && rules[1].chain == .forward)
        #expect(config.zone(named: "WAN")?.role.value == .wan)
    }

    @Test func virtualServersAreWANPortForwards() throws {
        let config = Self.parse("""
        address-object NAS 192.168.1.20
        interface ge1
         type external
        !
        ip virtual-server NAS_WEB interface ge1 original-ip any map-to NAS map-type port protocol tcp original-port 8443 mapped-port 443
        ip virtual-server RANGE interface ge1 original-ip any map-to NAS map-type ports protocol udp original-port-begin 5000 original-port-end 5010 mapped-port-begin 6000
        """)
        #expect(config.portForwards.count == 2)
        let web = config.portForwards[0]
        #expect(web.externalRole == .wan && web.externalPorts == .single(8443) && web.internalPorts == .single(443))
        #expect(web.internalAddress == IPAddress("192.168.1.20") && web.protocols == .only([.tcp]))
        #expect(config.portForwards[1].internalPorts == .ranges([6000...6010]))
    }

    @Test func snmpCommunitiesAndUPnP() throws {
        let config = Self.parse("snmp-server\nsnmp-server community public ro\nsnmp-server community s3cret rw\nip upnp\n")
        #expect(config.snmp.communities.map(\.access) == [.readOnly, .readWrite])
        #expect(config.service(.snmp)?.enabled.value == true)
        #expect(config.service(.upnp)?.enabled.value == true)
        #expect(config.secretSpans.filter { $0.line == 2 || $0.line == 3 }.count == 2)
    }

    @Test func unknownLinesAreDiagnosedWithoutSecrets() {
        let config = Self.parse("frobnicate the router\nusername x password hunter2 user-type user\n")
        #expect(config.coverage.meaningfulLines == 2 && config.coverage.understoodLines == 1)
        #expect(config.diagnostics.contains { $0.code == "unrecognized-line" && $0.span?.start == 1 })
        #expect(!config.diagnostics.contains { $0.message.contains("hunter2") })
    }

    // MARK: - Detection and bad input

    @Test func detectionScoresZLDAboveIOS() {
        let zld = "hostname usg\nusername admin password 1234 user-type admin\naddress-object A 10.0.0.1\n!\ninterface ge1\n type external\n!\n"
        #expect(ZyxelZLDSupport().detect(zld).value >= 60)
        #expect(CiscoIOSSupport().detect(zld).value < ZyxelZLDSupport().detect(zld).value)
        #expect(VendorRegistry.detect(zld)?.vendor.id == .zyxel)
        let ios = "version 15.2\nhostname cpe\n!\ninterface GigabitEthernet0/0\n ip address 192.0.2.1 255.255.255.0\n!\nline vty 0 4\n transport input ssh\n!\nend\n"
        #expect(ZyxelZLDSupport().detect(ios).value < 20)
        #expect(VendorRegistry.detect(ios)?.vendor.id == .ciscoIOS)
    }

    @Test func otherSyntaxesAndProseScoreLow() {
        for sample in [
            "config system global\n    set hostname fw\nend\n",
            "set system host-name srx\n",
            "/ip service\nset telnet disabled=yes\n",
            "interfaces {\n    ethernet eth0 {\n        address dhcp\n    }\n}\n",
            "sysname AR\n#\nuser-interface vty 0 4\n#\nreturn\n",
            "The quick brown fox jumps over the lazy dog.\n",
            "mngt rmtcfg enable\nsrv nat portmap add 1 x tcp 80 0 0 1.2.3.4 80 wan1 0\n",
        ] {
            #expect(ZyxelZLDSupport().detect(sample).value < 20, "\(sample.prefix(30))")
        }
    }

    @Test func truncatedFileKeepsWhatItRead() throws {
        let config = Self.parse("username admin password 1234 user-type admin\nsecure-policy 1\n from WAN\n to LAN1\n sourceip any\n description \"half")
        #expect(config.diagnostics.contains { $0.code == "truncated" })
        #expect(config.diagnostics.contains { $0.code == "bad-value" })   // the policy has no action
        #expect(config.filter(named: "secure-policy")?.rules.count == 1)
    }

    @Test func binaryGarbage() {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<20_000).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let config = Self.parse(String(decoding: bytes, as: UTF8.self))
        #expect(config.diagnostics.contains { $0.code == "binary" && $0.level == .error })
        #expect(config.coverage.understoodLines <= config.coverage.meaningfulLines)
    }

    @Test func anotherVendorsFileForcedThroughThisParser() {
        let config = Self.parse("config system interface\n    edit \"port1\"\n        set allowaccess ping https ssh telnet\n    next\nend\n")
        #expect(config.coverage.understoodLines == 0)
        #expect(config.services.allSatisfy { $0.enabled.origin.isVendorDefault })
        #expect(config.diagnostics.contains { $0.code == "unrecognized-line" })
    }
}
