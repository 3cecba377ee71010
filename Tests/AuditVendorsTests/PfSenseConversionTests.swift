import AuditCore
import Testing
@testable import AuditVendors

enum PfSenseTest {
    static func parse(_ text: String, _ flavor: PfSenseFlavor = .pfSense, path: String = "config.xml") -> DeviceConfig {
        PfSenseParser.parse([ConfigInput(path: path, text: text)], as: flavor)
    }

    /// A document with the given body under the product's root element (body starts on line 3).
    static func document(_ body: String, _ flavor: PfSenseFlavor = .pfSense) -> String {
        "<?xml version=\"1.0\"?>\n<\(flavor.rootName)>\n\(body)\n</\(flavor.rootName)>\n"
    }

    static func config(_ body: String, _ flavor: PfSenseFlavor = .pfSense) -> DeviceConfig {
        parse(document(body, flavor), flavor)
    }

    static func diagnostics(_ config: DeviceConfig, code: String) -> [Diagnostic] {
        config.diagnostics.filter { $0.code == code }
    }

    static func rules(_ config: DeviceConfig, _ list: String) -> [FilterRule] {
        config.filter(named: list)?.rules ?? []
    }

    /// User rules only (no system, anti-lockout or block rules).
    static func userRules(_ config: DeviceConfig, _ list: String) -> [FilterRule] {
        rules(config, list).filter { !$0.origin.isVendorDefault && !($0.label ?? "").hasPrefix("Block private")
            && !($0.label ?? "").hasPrefix("block bogon") }
    }

    static let interfaces = """
        <interfaces>
          <wan><enable/><if>igb0</if><ipaddr>dhcp</ipaddr><blockpriv/><blockbogons/></wan>
          <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
          <opt1><enable/><if>igb2</if><descr>DMZ</descr><ipaddr>10.10.10.1</ipaddr><subnet>24</subnet></opt1>
        </interfaces>
        """
}

@Suite("pfSense conversion")
struct PfSenseConversionTests {
    // MARK: Accounts

    @Test func accountsHashesAndAdministrators() throws {
        let config = PfSenseTest.config("""
            <system>
              <hostname>fw1</hostname>
              <group><name>admins</name><scope>system</scope><gid>1999</gid><member>0</member><member>2001</member><priv>page-all</priv></group>
              <group><name>ops</name><gid>2000</gid><priv>page-status-systemlogs</priv></group>
              <user><name>admin</name><scope>system</scope><groupname>admins</groupname><bcrypt-hash>$2y$10$AMCpA.Z.RNaferLp1yzFq.BvaGgfqaJKtQug7OErbocyNagsEK6xW</bcrypt-hash><uid>0</uid></user>
              <user><name>bob</name><groupname>ops</groupname><md5-hash>$1$abcdefgh$0123456789012345678901</md5-hash><uid>2000</uid></user>
              <user><name>carol</name><uid>2001</uid><sha512-hash>$6$salt$hash</sha512-hash></user>
              <user><name>dave</name><uid>2002</uid><bcrypt-hash></bcrypt-hash></user>
              <user><name>eve</name><uid>2003</uid><disabled/><bcrypt-hash>$2y$10$x</bcrypt-hash></user>
            </system>
            """)
        #expect(config.identity.hostname?.value == "fw1")
        #expect(config.accounts.map(\.name) == ["admin", "bob", "carol", "dave"])
        let admin = try #require(config.accounts.first)
        #expect(admin.isAdministrator)
        guard case .hashed(.bcrypt, _)? = admin.secret?.form else { Issue.record("admin: bcrypt"); return }
        #expect(admin.secret?.origin == .line("config.xml", 7))
        guard case .hashed(.md5crypt, _)? = config.accounts[1].secret?.form else { Issue.record("bob: md5crypt"); return }
        #expect(!config.accounts[1].isAdministrator)
        #expect(config.accounts[2].isAdministrator, "carol is a member of admins by uid")
        #expect(config.accounts[3].secret == nil)
        #expect(PfSenseTest.diagnostics(config, code: "no-password").count == 1)
        #expect(PfSenseTest.diagnostics(config, code: "disabled").count == 1)
        // Hash values are masked in quoted evidence.
        #expect(config.secretSpans.contains { $0.line == 7 })
    }

    @Test func opnSenseAccountsAndAPIKeys() throws {
        let config = PfSenseTest.config("""
            <system>
              <user><name>root</name><groupname>admins</groupname><password>$6$rounds=5000$abc$def</password><uid>0</uid>
                <apikeys><item><key>K3y</key><secret>$6$$x.ZrJq6a</secret></item></apikeys>
                <disabled>0</disabled>
              </user>
            </system>
            """, .opnSense)
        let root = try #require(config.accounts.first)
        guard case .hashed(.sha512crypt, _)? = root.secret?.form else { Issue.record("root: sha512crypt"); return }
        #expect(root.isAdministrator)
        #expect(config.storedSecrets.map(\.purpose) == [.service("api key")])
    }

    // MARK: Management services

    @Test func webGUIProtocolsAndPorts() throws {
        let http = PfSenseTest.config("<system><webgui><protocol>http</protocol></webgui></system>")
        let service = try #require(http.service(.http))
        #expect(service.enabled.value && service.enabled.origin == .line("config.xml", 3))
        #expect(service.effectivePort == 80 && service.listen.value == [.any] && service.listen.origin.isVendorDefault)
        #expect(http.service(.https) == nil)

        let https = PfSenseTest.config("<system><webgui><protocol>https</protocol><port>8443</port><disablehttpredirect/></webgui></system>")
        #expect(https.service(.https)?.effectivePort == 8443)
        #expect(https.service(.https)?.settings["http_redirect"]?.value == "off")

        let missing = PfSenseTest.config("<system><hostname>x</hostname></system>")
        #expect(missing.service(.http)?.enabled.origin.isVendorDefault == true)

        let opn = PfSenseTest.config("<system><webgui><protocol>https</protocol><interfaces>lan,opt1</interfaces></webgui></system>", .opnSense)
        #expect(opn.service(.https)?.listen.value == [.interface("lan"), .interface("opt1")])

        let fragment = PfSenseTest.config(PfSenseTest.interfaces)
        #expect(fragment.services.isEmpty, "no <system>: no service is invented")
    }

    @Test func sshOnPfSense() throws {
        let on = PfSenseTest.config("<system><ssh><enable>enabled</enable><port>2222</port></ssh></system>")
        let ssh = try #require(on.service(.ssh))
        #expect(ssh.enabled.value && ssh.effectivePort == 2222)
        #expect(ssh.settings["PasswordAuth"]?.value == "yes" && ssh.settings["PasswordAuth"]?.origin.isVendorDefault == true)
        #expect(ssh.settings["RootPasswordAuth"]?.value == "yes")

        let keyOnly = PfSenseTest.config("<system><ssh><enable>enabled</enable><sshdkeyonly>enabled</sshdkeyonly></ssh></system>")
        #expect(keyOnly.service(.ssh)?.settings["PasswordAuth"]?.value == "no")
        let both = PfSenseTest.config("<system><ssh><enable>enabled</enable><sshdkeyonly>both</sshdkeyonly></ssh></system>")
        #expect(both.service(.ssh)?.settings["PasswordAuth"]?.value == "key+password")

        let off = PfSenseTest.config("<system><ssh><port>22</port></ssh></system>")
        #expect(off.service(.ssh)?.enabled.value == false)

        // The OPNsense spelling in a pfSense file: on, but unparsed, and reported.
        let other = PfSenseTest.config("<system><ssh><enabled/></ssh></system>")
        let read = try #require(other.service(.ssh))
        #expect(read.enabled.value)
        guard case .unparsed = read.enabled.origin else { Issue.record("expected unparsed"); return }
        #expect(PfSenseTest.diagnostics(other, code: "bad-value").count == 1)
    }

    @Test func sshOnOPNsense() throws {
        let config = PfSenseTest.config("""
            <system><ssh><enabled>enabled</enabled><permitrootlogin>1</permitrootlogin><passwordauth>1</passwordauth>
            <interfaces>lan</interfaces></ssh></system>
            """, .opnSense)
        let ssh = try #require(config.service(.ssh))
        #expect(ssh.enabled.value && ssh.listen.value == [.interface("lan")])
        #expect(ssh.settings["PasswordAuth"]?.value == "yes" && ssh.settings["RootPasswordAuth"]?.value == "yes")
        let defaults = PfSenseTest.config("<system><ssh><enabled>enabled</enabled></ssh></system>", .opnSense)
        #expect(defaults.service(.ssh)?.settings["PasswordAuth"]?.value == "no")
        #expect(defaults.service(.ssh)?.settings["RootPasswordAuth"]?.origin.isVendorDefault == true)
    }

    @Test func snmpOnlyWhenEnabled() throws {
        let off = PfSenseTest.config("<snmpd><rocommunity>public</rocommunity></snmpd>")
        #expect(off.snmp.communities.isEmpty && off.service(.snmp)?.enabled.value == false)
        #expect(PfSenseTest.diagnostics(off, code: "not-running").count == 1)
        let on = PfSenseTest.config("<snmpd>\n<enable/>\n<rocommunity>public</rocommunity>\n<pollport>1161</pollport>\n</snmpd>")
        let community = try #require(on.snmp.communities.first)
        #expect(community.name.form == .cleartext("public") && community.access == .readOnly && !community.isRestricted)
        #expect(community.origin == .line("config.xml", 5))
        #expect(on.service(.snmp)?.effectivePort == 1161)
        #expect(on.secretSpans.contains { $0.line == 5 })
    }

    @Test func upnp() throws {
        let config = PfSenseTest.config("""
            <installedpackages><miniupnpd><config>
            <enable>on</enable>
            <enable_upnp>on</enable_upnp>
            <ext_iface>wan</ext_iface>
            <iface_array>lan,opt1</iface_array>
            </config></miniupnpd></installedpackages>
            """)
        let upnp = try #require(config.service(.upnp))
        #expect(upnp.enabled.value && upnp.enabled.origin.spans.map(\.start) == [4, 5])
        #expect(upnp.listen.value == [.interface("lan"), .interface("opt1")])
        let off = PfSenseTest.config("<installedpackages><miniupnpd><config><enable_upnp>on</enable_upnp></config></miniupnpd></installedpackages>")
        #expect(off.service(.upnp)?.enabled.value == false)
    }

    // MARK: Interfaces and zones

    @Test func interfaceRoles() throws {
        let config = PfSenseTest.config("""
            <interfaces>
              <wan><enable/><if>igb0</if><ipaddr>dhcp</ipaddr></wan>
              <lan><enable/><if>igb1</if><ipaddr>192.168.1.1</ipaddr><subnet>24</subnet></lan>
              <opt1><enable/><if>igb2</if><descr>DMZ</descr><ipaddr>10.10.10.1</ipaddr><subnet>24</subnet></opt1>
              <opt2><enable/><if>igb3</if><descr>backup</descr><ipaddr>pppoe</ipaddr></opt2>
              <opt3><enable/><if>igb4</if><descr>isp2</descr><ipaddr>198.51.100.2</ipaddr><subnet>29</subnet><gateway>GW2</gateway></opt3>
              <opt4><if>igb5</if><descr>Servers</descr><ipaddr>10.20.0.1</ipaddr><subnet>16</subnet></opt4>
              <opt5><enable/><if>igb6</if><descr>Guest VLAN</descr></opt5>
            </interfaces>
            """)
        let roles = Dictionary(uniqueKeysWithValues: config.interfaces.map { ($0.name, $0.role.value) })
        #expect(roles == ["wan": .wan, "lan": .lan, "opt1": .dmz, "opt2": .wan, "opt3": .wan, "opt4": .lan, "opt5": .guest])
        #expect(config.interfaces.first { $0.name == "opt4" }?.shutdown == true)
        #expect(config.interfaces.first { $0.name == "lan" }?.addresses == [IPPrefix("192.168.1.1/24")!])
        #expect(config.wanInterfaces.map(\.name) == ["wan", "opt2", "opt3"])
        let wan = try #require(config.zone(named: "wan"))
        #expect(wan.input.value == .deny && wan.input.origin.isVendorDefault && wan.forward.value == .deny)
        #expect(wan.members == ["wan", "igb0"])
    }

    @Test func disableFilterOpensEveryZone() {
        let config = PfSenseTest.config("<system><disablefilter/></system>\n" + PfSenseTest.interfaces)
        #expect(config.zone(named: "wan")?.input.value == .permit)
        #expect(config.zone(named: "wan")?.forward.origin == .line("config.xml", 3))
    }

    // MARK: Filter rules

    @Test func chainsFollowTheDestination() throws {
        let config = PfSenseTest.config(PfSenseTest.interfaces + """

            <filter>
              <rule><type>pass</type><interface>wan</interface><protocol>tcp</protocol><source><any/></source><destination><network>(self)</network><port>443</port></destination><descr>gui</descr></rule>
              <rule><type>pass</type><interface>wan</interface><protocol>tcp</protocol><source><any/></source><destination><network>wanip</network><port>22</port></destination></rule>
              <rule><type>pass</type><interface>wan</interface><protocol>tcp</protocol><source><any/></source><destination><any/><port>80</port></destination></rule>
              <rule><type>pass</type><interface>wan</interface><protocol>tcp/udp</protocol><source><any/></source><destination><network>opt1</network><port>53</port></destination></rule>
              <rule><type>pass</type><interface>wan</interface><protocol>tcp</protocol><source><any/></source><destination><address>192.168.1.20</address><port>3389</port></destination></rule>
              <rule><type>block</type><interface>lan</interface><source><network>lan</network></source><destination><address>8.8.8.8</address></destination></rule>
            </filter>
            """)
        let wan = PfSenseTest.userRules(config, "wan")
        // To the firewall: input. To any: both (no chain). To a network: forward.
        #expect(wan.map(\.chain) == [.input, .input, nil, .forward, .forward])
        #expect(wan[0].destination == .any && wan[0].destinationPorts == .single(443) && wan[0].label == "gui")
        #expect(wan[0].family == 4, "pfSense reads a rule without <ipprotocol> as inet")
        #expect(wan[2].destinationZone == "*" && wan[2].destination == .any)
        #expect(wan[3].destinationZone == "opt1" && wan[3].protocols == .only([.tcp, .udp]))
        #expect(wan[4].destinationZone == "lan" && wan[4].destination == .prefix(IPPrefix("192.168.1.20/32")!))
        #expect(wan.allSatisfy { $0.sourceZone == "wan" })
        let lan = PfSenseTest.userRules(config, "lan")
        #expect(lan.count == 1 && lan[0].chain == .forward && lan[0].destinationZone == nil)
        #expect(lan[0].source == .prefix(IPPrefix("192.168.1.0/24")!) && lan[0].action == .deny)
        #expect(config.filterUses["wan"] == [.interfaceInbound("wan")])
    }

    @Test func floatingRulesAreOrderedAsPfEvaluatesThem() throws {
        let config = PfSenseTest.config(PfSenseTest.interfaces + """

            <filter>
              <rule><type>pass</type><interface>wan</interface><protocol>tcp</protocol><source><any/></source><destination><network>(self)</network></destination><descr>iface</descr></rule>
              <rule><type>block</type><interface>wan,lan</interface><floating>yes</floating><direction>any</direction><source><any/></source><destination><network>(self)</network></destination><descr>late1</descr></rule>
              <rule><type>pass</type><interface>wan</interface><floating>yes</floating><quick>yes</quick><direction>in</direction><source><any/></source><destination><network>(self)</network></destination><descr>quick</descr></rule>
              <rule><type>block</type><interface>wan</interface><floating>yes</floating><source><any/></source><destination><network>(self)</network></destination><descr>late2</descr></rule>
              <rule><type>match</type><interface>wan</interface><floating>yes</floating><quick>yes</quick><source><any/></source><destination><network>(self)</network></destination><descr>tag</descr></rule>
              <rule><type>block</type><interface>wan</interface><floating>yes</floating><quick>yes</quick><direction>out</direction><source><any/></source><destination><network>(self)</network></destination><descr>egress</descr></rule>
            </filter>
            """)
        let wan = PfSenseTest.userRules(config, "wan")
        #expect(wan.map { $0.label ?? "" } == ["quick", "tag", "iface", "late2", "late1"])
        #expect(wan.first { $0.label == "tag" }?.enabled == false, "match rules tag packets and never pass or block")
        #expect(PfSenseTest.userRules(config, "lan").map { $0.label ?? "" } == ["late1"])
    }

    @Test func aliasesResolve() throws {
        let config = PfSenseTest.config(PfSenseTest.interfaces + """

            <aliases>
              <alias><name>web</name><type>host</type><address>10.10.10.5</address></alias>
              <alias><name>servers</name><type>host</type><address>web 10.10.10.6</address></alias>
              <alias><name>webports</name><type>port</type><address>80 443 8000:8080</address></alias>
              <alias><name>mgmt</name><type>port</type><address>webports 22</address></alias>
              <alias><name>feed</name><type>urltable</type><url>http://example.com/list</url></alias>
              <alias><name>range</name><type>host</type><address>192.168.1.10-192.168.1.13</address></alias>
            </aliases>
            <filter>
              <rule><type>pass</type><interface>wan</interface><protocol>tcp</protocol><source><any/></source><destination><address>web</address><port>webports</port></destination></rule>
              <rule><type>pass</type><interface>wan</interface><protocol>tcp</protocol><source><any/></source><destination><address>servers</address><port>mgmt</port></destination></rule>
              <rule><type>block</type><interface>wan</interface><source><address>feed</address></source><destination><any/></destination></rule>
              <rule><type>pass</type><interface>wan</interface><protocol>tcp</protocol><source><any/></source><destination><address>nosuch</address></destination></rule>
              <rule><type>pass</type><interface>lan</interface><source><address>range</address></source><destination><any/></destination></rule>
            </filter>
            """)
        let wan = PfSenseTest.userRules(config, "wan")
        #expect(wan[0].destination == .prefix(IPPrefix("10.10.10.5/32")!) && wan[0].destinationZone == "opt1")
        #expect(wan[0].destinationPorts == .ranges([80...80, 443...443, 8000...8080]))
        #expect(wan[1].destination == .object("servers") && wan[1].destinationZone == "opt1")
        #expect(wan[1].destinationPorts == .ranges([80...80, 443...443, 8000...8080, 22...22]))
        #expect(wan[2].source == .object("feed"))
        let undefined = wan.filter { $0.destination == .object("nosuch") }
        #expect(!undefined.isEmpty && undefined.allSatisfy { !$0.enabled }, "pfSense skips a rule with an unresolvable alias")
        #expect(PfSenseTest.diagnostics(config, code: "undefined-alias").count == 1)
        #expect(config.references.contains { $0.kind == .addressObject && $0.name == "nosuch" && $0.knownUndefined })
        #expect(PfSenseTest.userRules(config, "lan").first?.source == .object("range"))
        #expect(PfSenseConversion.addressRange("192.168.1.10-192.168.1.13") == [IPPrefix("192.168.1.10/31")!, IPPrefix("192.168.1.12/31")!])
    }

    @Test func negationAndUndefinedInterfaces() throws {
        let config = PfSenseTest.config(PfSenseTest.interfaces + """

            <filter>
              <rule><type>pass</type><interface>lan</interface><source><network>lan</network></source><destination><network>lan</network><not/></destination></rule>
              <rule><type>pass</type><interface>opt9</interface><source><any/></source><destination><any/></destination></rule>
              <rule><type>pass</type><interface>openvpn</interface><source><any/></source><destination><any/></destination></rule>
            </filter>
            """)
        let lan = PfSenseTest.userRules(config, "lan")
        #expect(lan.map(\.chain) == [nil] && lan.allSatisfy { $0.destination == .object("not lan") })
        #expect(config.references.contains { $0.kind == .interface && $0.name == "opt9" })
        #expect(config.filter(named: "opt9") == nil)
        #expect(config.zone(named: "openvpn")?.role.value == .unknown)
        #expect(PfSenseTest.userRules(config, "openvpn").count == 1)
    }

    @Test func conditionsTheModelCannotHold() throws {
        let config = PfSenseTest.config(PfSenseTest.interfaces + """

            <filter>
              <rule><type>pass</type><interface>lan</interface><source><any/></source><destination><any/></destination><sched>workdays</sched><descr>office hours</descr></rule>
              <rule><type>block</type><interface>lan</interface><source><any/></source><destination><any/></destination><tagged>VOIP</tagged><os>Windows</os></rule>
              <rule><type>pass</type><interface>lan</interface><source><any/></source><destination><any/></destination><vlanprio>none</vlanprio></rule>
            </filter>
            """)
        let lan = PfSenseTest.userRules(config, "lan")
        #expect(lan.map(\.conditions) == [["schedule workdays"], ["tagged VOIP", "os Windows"], []])
        #expect(!lan[0].matchesEverything && lan[2].matchesEverything)
    }

    @Test func familiesAndIPv6() throws {
        let rules = """
            <filter>
              <rule><type>pass</type><interface>lan</interface><ipprotocol>inet6</ipprotocol><source><any/></source><destination><any/></destination></rule>
              <rule><type>pass</type><interface>lan</interface><ipprotocol>inet46</ipprotocol><source><any/></source><destination><any/></destination></rule>
              <rule><type>pass</type><interface>lan</interface><source><any/></source><destination><any/></destination></rule>
            </filter>
            """
        let blocked = PfSenseTest.config(PfSenseTest.interfaces + "\n" + rules)
        let v4only = PfSenseTest.userRules(blocked, "lan")
        #expect(v4only.map(\.family) == [6, 4, 4])
        #expect(v4only.map(\.enabled) == [false, true, true], "without <ipv6allow> every IPv6 packet is blocked first")
        let allowed = PfSenseTest.config("<system><ipv6allow/></system>\n" + PfSenseTest.interfaces + "\n" + rules, .opnSense)
        let both = PfSenseTest.userRules(allowed, "lan")
        #expect(both.map(\.family) == [6, nil, nil] && both.allSatisfy(\.enabled))
    }

    @Test func systemRulesAndAntiLockout() throws {
        let config = PfSenseTest.config("""
            <system><webgui><protocol>https</protocol></webgui><ssh><enable>enabled</enable></ssh></system>
            """ + PfSenseTest.interfaces)
        let wan = PfSenseTest.rules(config, "wan")
        #expect(wan.filter { $0.label == "block bogon networks from WAN" }.count == 1)
        #expect(wan.filter { $0.label == "Block private networks from WAN" }.count == 5)
        #expect(wan.allSatisfy { $0.chain == nil && $0.destination == .any })
        #expect(wan.allSatisfy { $0.action == .deny && !$0.source.isAny })
        let lockout = try #require(PfSenseTest.rules(config, "lan").first)
        #expect(lockout.label == "anti-lockout rule" && lockout.origin.isVendorDefault)
        #expect(lockout.chain == .input && lockout.destination == .any)
        #expect(lockout.destinationPorts == .ranges([443...443, 80...80, 22...22]))

        let none = PfSenseTest.config("<system><webgui><protocol>https</protocol><noantilockout/></webgui></system>" + PfSenseTest.interfaces)
        #expect(PfSenseTest.rules(none, "lan").isEmpty)
        let single = PfSenseTest.config("""
            <system><webgui><protocol>http</protocol></webgui></system>
            <interfaces><wan><enable/><if>em0</if><ipaddr>dhcp</ipaddr></wan></interfaces>
            """)
        #expect(PfSenseTest.rules(single, "wan").first?.label == "anti-lockout rule")
        #expect(PfSenseTest.rules(single, "wan").first?.destinationPorts == .single(80))
    }

    @Test func opnSenseAutomationRules() throws {
        let config = PfSenseTest.config(PfSenseTest.interfaces + """

            <filter>
              <rule><type>pass</type><interface>lan</interface><source><network>lan</network></source><destination><any/></destination><descr>legacy</descr></rule>
            </filter>
            <OPNsense><Firewall><Filter><rules>
              <rule><enabled>1</enabled><sequence>20</sequence><action>block</action><quick>1</quick><interface>lan</interface><direction>in</direction><ipprotocol>inet</ipprotocol><protocol>TCP</protocol><source_net>any</source_net><destination_net>8.8.8.8</destination_net><destination_port>53</destination_port><description>second</description></rule>
              <rule><enabled>1</enabled><sequence>10</sequence><action>pass</action><quick>1</quick><interface>lan</interface><direction>in</direction><ipprotocol>inet</ipprotocol><protocol>any</protocol><source_net>lan</source_net><destination_net>(self)</destination_net><description>first</description></rule>
              <rule><enabled>1</enabled><sequence>30</sequence><action>pass</action><quick>0</quick><interface>lan</interface><ipprotocol>inet</ipprotocol><protocol>any</protocol><source_net>any</source_net><destination_net>any</destination_net><description>fallback</description></rule>
              <rule><enabled>0</enabled><sequence>5</sequence><action>pass</action><interface>lan</interface><protocol>any</protocol><source_net>any</source_net><destination_net>any</destination_net><description>off</description></rule>
            </rules></Filter></Firewall></OPNsense>
            """, .opnSense)
        let lan = PfSenseTest.userRules(config, "lan")
        #expect(lan.map { $0.label ?? "" } == ["off", "first", "second", "legacy", "fallback"])
        #expect(lan.filter { $0.label == "off" }.allSatisfy { !$0.enabled })
        let second = try #require(lan.first { $0.label == "second" })
        #expect(second.protocols == .only([.tcp]) && second.destinationPorts == .single(53) && second.chain == .forward)
    }

    // MARK: NAT

    @Test func portForwards() throws {
        let config = PfSenseTest.config(PfSenseTest.interfaces + """

            <nat>
              <rule><source><any/></source><destination><network>wanip</network><port>3389</port></destination><protocol>tcp</protocol><target>192.168.1.20</target><local-port>3389</local-port><interface>wan</interface><descr>RDP</descr><associated-rule-id>pass</associated-rule-id></rule>
              <rule><source><address>203.0.113.0/24</address></source><destination><network>wanip</network><port>8000-8010</port></destination><protocol>tcp/udp</protocol><target>10.10.10.5</target><local-port>9000</local-port><interface>wan</interface><associated-rule-id>pass</associated-rule-id></rule>
              <rule><disabled/><destination><network>wanip</network><port>22</port></destination><protocol>tcp</protocol><target>192.168.1.2</target><local-port>22</local-port><interface>wan</interface></rule>
              <rule><source><any/></source><destination><network>wanip</network><port>2222</port></destination><protocol>tcp</protocol><target>192.168.1.3</target><local-port>22</local-port><interface>wan</interface><associated-rule-id>nat_1</associated-rule-id></rule>
              <rule><source><any/></source><destination><network>wanip</network><port>8443</port></destination><protocol>tcp</protocol><target>10.10.10.7</target><local-port>443</local-port><interface>wan</interface><associated-rule-id>nat_2</associated-rule-id></rule>
            </nat>
            <filter>
              <rule><type>pass</type><interface>wan</interface><protocol>tcp</protocol><source><address>198.51.100.0/24</address></source><destination><address>10.10.10.7</address><port>443</port></destination><associated-rule-id>nat_2</associated-rule-id></rule>
            </filter>
            """)
        #expect(config.portForwards.count == 5)
        let rdp = config.portForwards[0]
        #expect(rdp.externalRole == .wan && rdp.externalPorts == .single(3389) && rdp.internalAddress == IPAddress("192.168.1.20"))
        #expect(rdp.internalPorts == .single(3389) && rdp.allowedSources == .any && rdp.label == "RDP" && rdp.enabled)
        let range = config.portForwards[1]
        #expect(range.internalPorts == .ranges([9000...9010]) && range.allowedSources == .prefix(IPPrefix("203.0.113.0/24")!))
        #expect(range.protocols == .only([.tcp, .udp]))
        #expect(!config.portForwards[2].enabled)
        // The fourth forward has no rule passing it: pf's default deny drops it (the first two are
        // rdr pass). The fifth is passed by its filter rule for one network only.
        #expect(PfSenseTest.diagnostics(config, code: "dead-port-forward").map { $0.span?.start } == [12])
        #expect(config.portForwards[3].allowedSources == .object("no source (no filter rule passes the redirected traffic)"))
        #expect(config.portForwards[4].allowedSources == .prefix(IPPrefix("198.51.100.0/24")!))
    }

    // MARK: Other secrets

    @Test func serviceSecrets() throws {
        let config = PfSenseTest.config("""
            <system><authserver><name>RAD</name><type>radius</type><radius_secret>s3cret</radius_secret></authserver>
            <authserver><name>DIR</name><type>ldap</type><ldap_bindpw>bindpw</ldap_bindpw></authserver></system>
            <ipsec><phase1><ikeid>1</ikeid><pre-shared-key>1234</pre-shared-key><descr>branch</descr></phase1></ipsec>
            <virtualip><vip><mode>carp</mode><interface>wan</interface><vhid>90</vhid><password><![CDATA[123456]]></password></vip>
            <vip><mode>ipalias</mode><interface>lan</interface></vip></virtualip>
            <hasync><username>sync</username><password>hapass</password></hasync>
            <ppps><ppp><if>pppoe0</if><username>user@isp</username><password>c2VjcmV0</password></ppp></ppps>
            """)
        let byPurpose = Dictionary(grouping: config.storedSecrets) { stored -> String in
            if case .service(let kind) = stored.purpose { return kind }
            return "?"
        }
        #expect(byPurpose["radius"]?.first?.owner == "RAD")
        #expect(byPurpose["ldap bind"]?.first?.secret.form == .cleartext("bindpw"))
        #expect(byPurpose["ipsec psk"]?.first?.owner == "branch")
        #expect(byPurpose["carp"]?.first?.owner == "vhid 90 on wan" && byPurpose["carp"]?.first?.secret.form == .cleartext("123456"))
        #expect(byPurpose["ha sync"]?.first?.owner == "sync")
        #expect(byPurpose["ppp"]?.first?.secret.form == .cleartext("secret"), "PPP passwords are stored base64-encoded")
        #expect(config.secretSpans.count == config.storedSecrets.count)
    }

    // MARK: Detection

    @Test func detection() {
        #expect(PfSenseSupport().detect("<?xml version=\"1.0\"?>\n<pfsense>\n<version>18.9</version>").value == 95)
        #expect(OPNsenseSupport().detect("<?xml version=\"1.0\"?>\n<pfsense>\n<version>18.9</version>").value < 20)
        #expect(OPNsenseSupport().detect("<?xml version=\"1.0\"?>\n<!-- x -->\n<opnsense>\n<theme>opnsense</theme>").value == 95)
        #expect(PfSenseSupport().detect("<opnsense/>").value < 20)
        #expect(OPNsenseSupport().detect("<pfsense>\n<theme>opnsense</theme>\n<system/>").value == 95, "early OPNsense kept the pfsense root")
        #expect(PfSenseSupport().detect("<rpc-reply><configuration/></rpc-reply>").value == 0)
        #expect(PfSenseSupport().detect("hostname pfsense\n!\n").value == 0)
        #expect(PfSenseSupport().detect("").value == 0)
    }
}
