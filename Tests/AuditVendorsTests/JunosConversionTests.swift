import AuditCore
import AuditVendors
import Testing

/// Step two: small Junos configurations to the vendor-neutral model.
@Suite struct JunosConversionTests {
    static func model(_ text: String) -> DeviceConfig {
        JunosSupport().parse([ConfigInput(path: "r.conf", text: text)])
    }

    /// The text each secret span covers, to prove masking hits exactly the secret.
    static func maskedTexts(_ config: DeviceConfig, _ text: String) -> [String] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return config.secretSpans.map { span in
            String(decoding: Array(lines[span.line - 1].utf8)[span.range], as: UTF8.self)
        }
    }

    static func fullyUnderstood(_ config: DeviceConfig) -> Bool {
        config.coverage.understoodLines == config.coverage.meaningfulLines
    }

    @Test func identity() {
        let config = Self.model("set version 15.1X49-D15.4\nset system host-name fw1\n")
        #expect(config.identity.vendor == .junos)
        #expect(config.identity.hostname?.value == "fw1")
        #expect(config.identity.hostname?.origin == .line("r.conf", 2))
        #expect(config.identity.firmware?.value == "15.1X49-D15.4")
        #expect(Self.fullyUnderstood(config))
    }

    @Test func accountsAndPasswordForms() throws {
        let text = """
            system {
                root-authentication {
                    encrypted-password "$1$CXKwIUfL$6vLSvatE2TCaM25U4u9Bh1"; ## SECRET-DATA
                    ssh-rsa "ssh-rsa AAAAB3Nza root@host";
                }
                login {
                    class ops {
                        permissions all;
                    }
                    user admin {
                        uid 2000;
                        class super-user;
                        authentication {
                            encrypted-password "$6$QiBkxU5N$QY11GzNuFs1sfY0OAacyJ/0WFmP9ciov";
                        }
                    }
                    user night {
                        class ops;
                        authentication {
                            encrypted-password "$5$rounds=5000$abc$def";
                        }
                    }
                    user viewer {
                        class read-only;
                        authentication {
                            encrypted-password "%CENSORED%";
                        }
                    }
                    user bootstrap {
                        authentication {
                            plain-text-password;
                        }
                    }
                }
            }
            """
        let config = Self.model(text)
        #expect(config.accounts.map(\.name) == ["root", "admin", "night", "viewer", "bootstrap"])
        #expect(config.accounts.map(\.isAdministrator) == [true, true, true, false, false])
        #expect(config.accounts[0].secret?.form == .hashed(scheme: .md5crypt, encoded: "$1$CXKwIUfL$6vLSvatE2TCaM25U4u9Bh1"))
        #expect(config.accounts[0].secret?.origin == .line("r.conf", 3))
        #expect(config.accounts[1].secret?.form == .hashed(scheme: .sha512crypt, encoded: "$6$QiBkxU5N$QY11GzNuFs1sfY0OAacyJ/0WFmP9ciov"))
        #expect(config.accounts[2].secret?.form == .hashed(scheme: .sha256crypt, encoded: "$5$rounds=5000$abc$def"))
        #expect(config.accounts[3].secret?.form == .opaque(scheme: "redacted", encoded: "%CENSORED%"))
        #expect(config.accounts[4].secret == nil)
        #expect(Self.maskedTexts(config, text) == ["$1$CXKwIUfL$6vLSvatE2TCaM25U4u9Bh1", "$6$QiBkxU5N$QY11GzNuFs1sfY0OAacyJ/0WFmP9ciov",
                                                   "$5$rounds=5000$abc$def", "%CENSORED%"])
        #expect(Self.fullyUnderstood(config))
    }

    @Test func xmlSecretsAreMaskedByPosition() {
        let text = """
            <configuration>
              <system>
                <root-authentication>
                  <encrypted-password>$1$nq.N1UsY$JxA/ESAj3KuXseXE597gg0</encrypted-password>
                </root-authentication>
                <radius-server><name>10.0.0.5</name><secret>$9$LbHX-wg4Z</secret></radius-server>
              </system>
            </configuration>
            """
        let config = Self.model(text)
        #expect(config.accounts.first?.secret?.origin == .line("r.conf", 4))
        #expect(config.storedSecrets.first?.purpose == .service("radius-server secret"))
        #expect(Self.maskedTexts(config, text) == ["$1$nq.N1UsY$JxA/ESAj3KuXseXE597gg0", "$9$LbHX-wg4Z"])
        #expect(Self.fullyUnderstood(config))
    }

    @Test func secretsAnywhere() throws {
        let text = """
            set security ike policy p1 pre-shared-key ascii-text "$9$Sr8yeWLX-db20BrvLNY2DikPQn"
            set security ike policy p2 pre-shared-key ascii-text "psk1"
            set protocols bgp group ext neighbor 192.0.2.1 authentication-key "$9$LbHX-wg4Z"
            set system radius-server 10.0.0.5 secret "$9$LbHX-wg4Z"
            set system ntp authentication-key 1 type md5 value "$9$LbHX-wg4Z"
            set protocols ospf area 0.0.0.0 interface ge-0/0/1.0 authentication md5 1 key "$9$LbHX-wg4Z"
            set interfaces pp0 unit 0 ppp-options chap default-chap-secret "$9$LbHX-wg4Z"
            """
        let config = Self.model(text)
        let secrets = config.storedSecrets
        #expect(secrets.count == 7)
        #expect(secrets[0].purpose == .service("ike pre-shared-key") && secrets[0].owner == "policy p1")
        #expect(secrets[0].secret.form == .reversible(scheme: .junosType9, encoded: "$9$Sr8yeWLX-db20BrvLNY2DikPQn"))
        #expect(secrets[1].secret.form == .cleartext("psk1"))
        #expect(secrets[2].purpose == .service("bgp authentication-key") && secrets[2].owner == "neighbor 192.0.2.1")
        // In configuration order of the hierarchy: security, protocols, system, interfaces.
        #expect(secrets[3].purpose == .service("ospf key") && secrets[3].owner == "interface ge-0/0/1.0")
        #expect(secrets[4].purpose == .service("radius-server secret"))
        #expect(secrets[5].purpose == .service("ntp authentication-key"))
        #expect(secrets[6].purpose == .service("ppp-options default-chap-secret"))
        #expect(secrets.allSatisfy { $0.secret.origin.spans.count == 1 })
        #expect(Self.maskedTexts(config, text) == ["$9$Sr8yeWLX-db20BrvLNY2DikPQn", "psk1"] + Array(repeating: "$9$LbHX-wg4Z", count: 5))
        #expect(Self.fullyUnderstood(config))
    }

    @Test func servicesAreWhatSystemServicesLists() throws {
        let none = Self.model("set system host-name fw1\n")
        #expect(none.services.isEmpty)
        let config = Self.model("""
            set system services ssh root-login allow
            set system services ssh protocol-version v1
            set system services ssh protocol-version v2
            set system services ssh port 2222
            set system services telnet
            set system services web-management http interface ge-0/0/1.0
            set system services web-management https system-generated-certificate
            set system services netconf ssh port 8830
            set system services finger
            """)
        let ssh = try #require(config.service(.ssh))
        #expect(ssh.effectivePort == 2222)
        #expect(ssh.settings["RootPasswordAuth"]?.value == "yes")
        #expect(ssh.settings["PasswordAuth"]?.value == "yes" && ssh.settings["PasswordAuth"]?.origin.isVendorDefault == true)
        #expect(ssh.settings["version"]?.value == "1.99")
        #expect(ssh.listen.value == [.any] && ssh.listen.origin.isVendorDefault)
        #expect(config.service(.telnet)?.enabled.origin == .line("r.conf", 5))
        #expect(config.service(.http)?.listen.value == [.interface("ge-0/0/1.0")])
        #expect(config.service(.https)?.listen.value == [.any])
        #expect(config.service(.netconf)?.effectivePort == 8830)
        #expect(config.diagnostics.contains { $0.code == "not-modelled" && $0.message.contains("finger") })
        #expect(Self.fullyUnderstood(config))
        let locked = Self.model("set system services ssh root-login deny-password\nset system services ssh no-password-authentication\n")
        #expect(locked.service(.ssh)?.settings["RootPasswordAuth"]?.value == "no")
        #expect(locked.service(.ssh)?.settings["PasswordAuth"]?.value == "no")
    }

    static let srx = """
        set system services ssh
        set system services web-management https interface ge-0/0/0.0
        set interfaces ge-0/0/0 unit 0 family inet dhcp
        set interfaces ge-0/0/1 unit 0 family inet address 192.168.1.1/24
        set interfaces ge-0/0/2 unit 0 family inet address 192.168.50.1/24
        set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services dhcp
        set security zones security-zone untrust interfaces ge-0/0/0.0 host-inbound-traffic system-services https
        set security zones security-zone trust host-inbound-traffic system-services all
        set security zones security-zone trust host-inbound-traffic system-services telnet except
        set security zones security-zone trust interfaces ge-0/0/1.0
        set security zones security-zone cameras interfaces ge-0/0/2.0
        set security zones security-zone cameras host-inbound-traffic protocols ospf
        set security address-book global address nvr 192.168.50.10/32
        set security address-book global address-set cams address nvr
        set applications application nvr-web protocol tcp
        set applications application nvr-web destination-port 8000-8001
        set security policies from-zone untrust to-zone cameras policy nvr match source-address any
        set security policies from-zone untrust to-zone cameras policy nvr match destination-address cams
        set security policies from-zone untrust to-zone cameras policy nvr match application nvr-web
        set security policies from-zone untrust to-zone cameras policy nvr match application junos-https
        set security policies from-zone untrust to-zone cameras policy nvr then permit
        set security policies global policy block-bad match source-address any
        set security policies global policy block-bad match destination-address bad-host
        set security policies global policy block-bad match application any
        set security policies global policy block-bad then deny
        """

    @Test func zonesHostInboundAndPolicies() throws {
        let config = Self.model(Self.srx)
        #expect(config.zones.map(\.name) == ["untrust", "trust", "cameras"])
        #expect(config.zones.map(\.role.value) == [.wan, .lan, .unknown])
        let untrust = try #require(config.zone(named: "untrust"))
        #expect(untrust.input.value == .deny && untrust.input.origin.isVendorDefault)
        #expect(untrust.forward.value == .deny && untrust.forward.origin.isVendorDefault)
        #expect(config.interfaces.first { $0.name == "ge-0/0/0.0" }?.role.value == .wan)
        #expect(config.interfaces.first { $0.name == "ge-0/0/0.0" }?.zone == "untrust")
        #expect(config.interfaces.first { $0.name == "ge-0/0/1.0" }?.role.value == .lan)

        let zoneLevel = try #require(config.filter(named: "host-inbound-traffic"))
        #expect(zoneLevel.rules.first?.action == .deny)
        #expect(zoneLevel.rules.first?.destinationPorts == .single(23))
        #expect(zoneLevel.rules.allSatisfy { $0.chain == .input && $0.destination == .any })
        let onWAN = try #require(config.filter(named: "host-inbound-traffic ge-0/0/0.0"))
        #expect(onWAN.rules.map(\.destinationPorts) == [.single(67), .single(443)])
        #expect(onWAN.rules.allSatisfy { $0.sourceZone == "untrust" && $0.action == .permit })

        let policies = try #require(config.filter(named: "security-policies"))
        #expect(policies.rules.count == 3)
        #expect(policies.rules[0].destination == .prefix(IPPrefix("192.168.50.10/32")!))
        #expect(policies.rules[0].destinationPorts == .ranges([8000...8001]))
        #expect(policies.rules[1].destinationPorts == .single(443))
        #expect(policies.rules.prefix(2).allSatisfy { $0.sourceZone == "untrust" && $0.destinationZone == "cameras" && $0.chain == .forward })
        #expect(policies.rules[2].sourceZone == "*" && policies.rules[2].action == .deny)
        #expect(policies.rules[2].destination == .object("bad-host"))
        #expect(config.references.contains { $0.kind == .addressObject && $0.name == "bad-host" && $0.knownUndefined })
        #expect(policies.defaultAction.value == .deny && policies.defaultAction.origin.isVendorDefault)
        #expect(Self.fullyUnderstood(config))
    }

    @Test func defaultPolicyPermitAllOpensEveryZone() {
        let config = Self.model("""
            set security zones security-zone untrust interfaces ge-0/0/0.0
            set security policies default-policy permit-all
            """)
        #expect(config.zones.first?.forward.value == .permit)
        #expect(config.zones.first?.forward.origin == .line("r.conf", 2))
    }

    @Test func firewallFiltersAndInterfaceUse() throws {
        let config = Self.model("""
            set interfaces ge-0/0/0 unit 0 family inet address 198.51.100.2/30
            set interfaces ge-0/0/0 unit 0 family inet filter input EDGE
            set interfaces ge-0/0/0 unit 0 family inet6 filter input EDGE
            set interfaces lo0 unit 0 family inet filter input PROTECT-RE
            set routing-options static route 0.0.0.0/0 next-hop 198.51.100.1
            set policy-options prefix-list MGMT 192.0.2.0/24
            set firewall family inet filter EDGE term bogons from source-address 10.0.0.0/8
            set firewall family inet filter EDGE term bogons from source-address 192.168.0.0/16
            set firewall family inet filter EDGE term bogons then discard
            set firewall family inet filter EDGE term frag from is-fragment
            set firewall family inet filter EDGE term frag then discard
            set firewall family inet filter EDGE term rest then accept
            set firewall family inet6 filter EDGE term all then accept
            set firewall family inet filter PROTECT-RE term ssh from source-prefix-list MGMT
            set firewall family inet filter PROTECT-RE term ssh from protocol tcp
            set firewall family inet filter PROTECT-RE term ssh from destination-port ssh
            set firewall family inet filter PROTECT-RE term ssh then accept
            set firewall family inet filter PROTECT-RE term count-only then count seen
            set firewall family inet filter PROTECT-RE term count-only then next term
            set system services ssh
            """)
        let wan = try #require(config.interfaces.first { $0.name == "ge-0/0/0.0" })
        #expect(wan.role.value == .wan)
        #expect(wan.inboundFilter?.value == "EDGE")
        #expect(wan.ipv6InboundFilter?.value == "EDGE (inet6)")
        let edge = try #require(config.filter(named: "EDGE"))
        #expect(edge.rules.count == 4)
        #expect(edge.rules[0].action == .deny && edge.rules[0].source == .prefix(IPPrefix("10.0.0.0/8")!))
        #expect(edge.rules[2].conditions == ["is-fragment"])
        #expect(edge.rules[3].matchesEverything && edge.rules[3].action == .permit)
        #expect(edge.defaultAction.value == .deny && edge.defaultAction.origin.isVendorDefault)
        #expect(config.filter(named: "EDGE (inet6)")?.rules.first?.family == 6)
        let re = try #require(config.filter(named: "PROTECT-RE"))
        #expect(re.rules[0].source == .prefix(IPPrefix("192.0.2.0/24")!) && re.rules[0].destinationPorts == .single(22))
        #expect(re.rules[1].enabled == false)
        #expect(config.service(.ssh)?.accessFilter?.value == "PROTECT-RE")
        #expect(config.filterUses["EDGE"] == [.interfaceInbound("ge-0/0/0.0")])
        #expect(Self.fullyUnderstood(config))
    }

    @Test func destinationAndStaticNATArePortForwards() throws {
        let config = Self.model("""
            set security zones security-zone untrust interfaces ge-0/0/0.0
            set security nat destination pool web address 192.168.1.10/32 port 8080
            set security nat destination rule-set in from zone untrust
            set security nat destination rule-set in rule web match destination-address 203.0.113.5/32
            set security nat destination rule-set in rule web match destination-port 80
            set security nat destination rule-set in rule web match protocol tcp
            set security nat destination rule-set in rule web then destination-nat pool web
            set security nat destination rule-set in rule off match destination-address-name missing
            set security nat destination rule-set in rule off then destination-nat off
            set security nat static rule-set one from zone untrust
            set security nat static rule-set one rule cam match destination-address 203.0.113.6/32
            set security nat static rule-set one rule cam then static-nat prefix 192.168.1.20/32
            set security nat source rule-set out from zone trust
            set security nat source rule-set out to zone untrust
            set security nat source rule-set out rule all match source-address 0.0.0.0/0
            set security nat source rule-set out rule all then source-nat interface
            """)
        #expect(config.portForwards.count == 2)
        let web = config.portForwards[0]
        #expect(web.externalInterface == "untrust" && web.externalRole == .wan)
        #expect(web.protocols == .only([.tcp]) && web.externalPorts == .single(80))
        #expect(web.internalAddress == IPAddress("192.168.1.10") && web.internalPorts == .single(8080))
        #expect(web.origin.spans.first?.start == 4)
        let cam = config.portForwards[1]
        #expect(cam.externalPorts == .any && cam.internalAddress == IPAddress("192.168.1.20"))
        #expect(config.zone(named: "untrust")?.masquerade?.value == true)
        #expect(config.references.contains { $0.name == "missing" && $0.knownUndefined })
    }

    @Test func snmpCommunities() {
        let text = """
            snmp {
                community public {
                    authorization read-only;
                }
                community ops-rw {
                    authorization read-write;
                    clients {
                        0.0.0.0/0 restrict;
                        192.0.2.0/24;
                    }
                }
                community any-ro {
                    clients {
                        0.0.0.0/0;
                    }
                }
                community listed {
                    client-list-name NOC;
                }
                client-list NOC {
                    198.51.100.0/24;
                }
            }
            """
        let config = Self.model(text)
        let communities = config.snmp.communities
        #expect(communities.map(\.name.form) == [.cleartext("public"), .cleartext("ops-rw"), .cleartext("any-ro"), .cleartext("listed")])
        #expect(communities.map(\.access) == [.readOnly, .readWrite, .readOnly, .readOnly])
        #expect(communities.map(\.isRestricted) == [false, true, false, true])
        #expect(communities[1].allowedSources == [IPPrefix("192.0.2.0/24")!])
        #expect(communities[3].allowedSources == [IPPrefix("198.51.100.0/24")!])
        #expect(config.service(.snmp)?.enabled.value == true)
        #expect(Self.maskedTexts(config, text) == ["public", "ops-rw", "any-ro", "listed"])
        #expect(Self.fullyUnderstood(config))
    }

    @Test func routerWithoutZonesUsesInterfaceHints() {
        let config = Self.model("""
            set interfaces fxp0 unit 0 family inet dhcp
            set interfaces pp0 unit 0 pppoe-options underlying-interface ge-0/0/0.0
            set interfaces pp0 unit 0 family inet negotiate-address
            set interfaces ge-0/0/1 unit 0 family inet address 10.1.1.1/24
            """)
        #expect(config.zones.isEmpty)
        #expect(config.interfaces.map(\.name) == ["fxp0.0", "pp0.0", "ge-0/0/1.0"])
        #expect(config.interfaces.map(\.role.value) == [.mgmt, .wan, .unknown])
        #expect(config.interfaces[2].role.origin.isVendorDefault)
    }

    @Test func unknownStatementsAreReported() {
        let config = Self.model("""
            set system host-name fw1
            set system frobnicate yes
            set bogus-stanza value
            set security zones security-zone trust host-inbound-traffic system-services warp-drive
            """)
        let unknown = config.diagnostics.filter { $0.code == "unrecognized-line" }
        #expect(unknown.compactMap(\.span?.start) == [2, 3, 4])
        #expect(config.coverage.meaningfulLines == 4 && config.coverage.understoodLines == 1)
    }

    @Test func unrecognizedLinesNeverQuoteSecrets() {
        let config = Self.model("set weird-thing password hunter2 extra\n")
        let unknown = config.diagnostics.filter { $0.code == "unrecognized-line" }
        #expect(unknown.count == 1)
        #expect(config.diagnostics.allSatisfy { !$0.message.contains("hunter2") })
    }
}
