import AuditCore
import Testing
@testable import AuditVendors

/// Step two: the FortiOS tree to the vendor-neutral model.
@Suite("FortiOS conversion")
struct FortiOSConversionTests {
    static func model(_ text: String) -> DeviceConfig {
        FortiOSSupport().parse([ConfigInput(path: "fw.conf", text: text)])
    }

    // MARK: Administrators

    @Test func adminPasswordForms() throws {
        let config = Self.model("""
        config system admin
            edit "a"
                set accprofile "super_admin"
                set password ENC SH2obLD1OX2BxgpOktcnBLS9NPiKowWF55v+S0ECF1/Gk2ggRf3G/JDC/oRUMs=
            next
            edit "b"
                set accprofile "prof_admin"
                set password ENC AK1fm1cSzopGAcWJTRD3FxnBm2SFHIpw8emCZ6k0jfVTXY=
            next
            edit "c"
                set accprofile "super_admin_readonly"
                set password ENC mot8bcegiXDkN3o2rxnIreu9mbY=
            next
            edit "d"
                set accprofile "super_admin"
                set password Typed1n!Script
            next
            edit "e"
                set accprofile "super_admin"
            next
            edit "f"
                set accprofile "super_admin"
                set remote-auth enable
                set remote-group "radius-admins"
            next
            edit "g"
                set accprofile "super_admin"
                set password ENC <removed>
            next
        end
        """)
        let forms = Dictionary(uniqueKeysWithValues: config.accounts.map { ($0.name, $0.secret?.form) })
        #expect(forms["a"] == .hashed(scheme: .fortiosSH2, encoded: "SH2obLD1OX2BxgpOktcnBLS9NPiKowWF55v+S0ECF1/Gk2ggRf3G/JDC/oRUMs="))
        #expect(forms["b"] == .hashed(scheme: .fortiosAK1, encoded: "AK1fm1cSzopGAcWJTRD3FxnBm2SFHIpw8emCZ6k0jfVTXY="))
        #expect(forms["c"] == .reversible(scheme: .fortiosENC, encoded: "mot8bcegiXDkN3o2rxnIreu9mbY="))
        #expect(forms["d"] == .cleartext("Typed1n!Script"))
        #expect(forms["e"] == .empty)
        #expect(forms["f"] == .some(nil), "a remote-auth admin has no local password")
        #expect(forms["g"] == .opaque(scheme: "redacted", encoded: "<removed>"))
        let e = try #require(config.accounts.first { $0.name == "e" })
        #expect(e.secret?.origin.isVendorDefault == true)
        #expect(config.accounts.filter(\.isAdministrator).map(\.name) == ["a", "b", "d", "e", "f", "g"])
        // Every password value is masked on its line.
        #expect(Set(config.secretSpans.map(\.line)) == [4, 8, 12, 16, 28])
    }

    @Test func privateDataEncryptionMakesENCValuesOpaque() throws {
        let config = Self.model("""
        config system global
            set private-data-encryption enable
        end
        config user local
            edit "vpn"
                set type password
                set passwd ENC mot8bcegiXDkN3o2rxnIreu9mbY=
            next
        end
        """)
        let stored = try #require(config.storedSecrets.first)
        #expect(stored.purpose == .service("local user"))
        #expect(stored.secret.form == .opaque(scheme: "fortios-enc-private-key", encoded: "mot8bcegiXDkN3o2rxnIreu9mbY="))
    }

    @Test func trustedHostsRestrictAdministratorsAndServices() throws {
        let config = Self.model("""
        config system interface
            edit "internal"
                set ip 192.168.1.99 255.255.255.0
                set allowaccess ping https ssh
            next
        end
        config system admin
            edit "admin"
                set accprofile "super_admin"
                set trusthost1 192.168.1.0 255.255.255.0
                set trusthost2 10.9.9.9/32
                set trusthost3 0.0.0.0 0.0.0.0
                set password ENC SH2obLD1OX2BxgpOktcnBLS9NPiKowWF55v+S0ECF1/Gk2ggRf3G/JDC/oRUMs=
            next
        end
        """)
        let admin = try #require(config.accounts.first)
        #expect(admin.allowedSources?.value == [IPPrefix("192.168.1.0/24")!, IPPrefix("10.9.9.9/32")!])
        let https = try #require(config.service(.https))
        #expect(https.allowedSources?.value == [IPPrefix("192.168.1.0/24")!, IPPrefix("10.9.9.9/32")!])
        let rule = try #require(config.filter(named: "local-in")?.rules.first { $0.label == "allowaccess https on internal" })
        #expect(rule.source == .object("admin trusthosts"))
    }

    @Test func anAdminWithoutTrustedHostsOpensEverySource() throws {
        let config = Self.model("""
        config system admin
            edit "admin"
                set accprofile "super_admin"
            next
        end
        """)
        let admin = try #require(config.accounts.first)
        #expect(admin.allowedSources?.value == [.anyV4])
        #expect(admin.allowedSources?.origin.isVendorDefault == true)
    }

    // MARK: Interfaces and management

    @Test func interfaceRolesComeFromRoleNameModeRoutesAndSDWAN() {
        let config = Self.model("""
        config system interface
            edit "mgmt"
                set dedicated-to management
                set role lan
            next
            edit "port1"
                set role lan
            next
            edit "wan1"
            next
            edit "port2"
                set alias "WAN"
            next
            edit "port3"
                set mode pppoe
                set username "isp"
                set password ENC mot8bcegiXDkN3o2rxnIreu9mbY=
            next
            edit "port4"
                set ip 203.0.113.2 255.255.255.252
            next
            edit "port5"
            next
            edit "port6"
            next
        end
        config router static
            edit 1
                set gateway 203.0.113.1
                set device "port4"
            next
            edit 2
                set dst 10.0.0.0 255.0.0.0
                set device "port6"
            next
        end
        config system sdwan
            set status enable
            config members
                edit 1
                    set interface "port5"
                next
            end
        end
        """)
        let roles = config.interfaces.map { "\($0.name)=\($0.role.value)" }
        #expect(roles == ["mgmt=mgmt", "port1=lan", "wan1=wan", "port2=wan", "port3=wan", "port4=wan", "port5=wan",
                          "port6=unknown"])
        #expect(config.storedSecrets.contains { $0.purpose == .service("pppoe") && $0.owner == "port3" })
        #expect(config.zones.contains { $0.name == "sdwan" && $0.role.value == .wan })
    }

    @Test func allowaccessBecomesServicesAndInputRules() throws {
        let config = Self.model("""
        config system global
            set admin-sport 8443
            set admin-telnet disable
            set admin-https-redirect disable
        end
        config system interface
            edit "wan1"
                set mode dhcp
                set allowaccess ping https http telnet fgfm
                config ipv6
                    set ip6-allowaccess ping ssh
                end
            next
            edit "internal"
                set allowaccess ping https ssh
                config secondaryip
                    edit 1
                        set ip 10.1.1.1 255.255.255.0
                        set allowaccess snmp
                    next
                end
            next
        end
        """)
        let https = try #require(config.service(.https))
        #expect(https.effectivePort == 8443)
        #expect(https.listen.value == [.interface("wan1"), .interface("internal")])
        #expect(https.listen.origin == .derived([SourceSpan(file: "fw.conf", start: 9), SourceSpan(file: "fw.conf", start: 15)]))
        let telnet = try #require(config.service(.telnet))
        #expect(telnet.enabled == Sourced(false, .line("fw.conf", 3)))
        #expect(config.service(.http)?.settings["admin-https-redirect"]?.value == "disable")
        #expect(config.service(.ssh)?.listen.value == [.interface("wan1"), .interface("internal")])
        #expect(config.service(.snmp)?.enabled.value == false, "the SNMP agent is off by default")
        let input = try #require(config.filter(named: "local-in"))
        #expect(input.rules.contains { $0.label == "allowaccess ssh on wan1" && $0.family == 6 && $0.chain == .input })
        #expect(!input.rules.contains { $0.label == "allowaccess telnet on wan1" }, "admin-telnet disable: nothing answers")
        #expect(input.rules.first { $0.label == "allowaccess https on wan1" }?.destinationPorts == .single(8443))
        #expect(config.interfaces.first { $0.name == "wan1" }?.role.value == .wan)
    }

    @Test func lockoutAndSSHVersionDefaults() throws {
        let config = Self.model("""
        config system interface
            edit "internal"
                set allowaccess ssh
            next
        end
        """)
        #expect(config.hardening.loginProtection?.value == LoginProtection(blockSeconds: 60, attempts: 3, withinSeconds: 0))
        #expect(config.hardening.loginProtection?.origin.isVendorDefault == true)
        #expect(config.service(.ssh)?.settings["version"]?.value == "2")
    }

    // MARK: Objects and policies

    @Test func addressesGroupsAndServicesResolve() throws {
        let config = Self.model("""
        config system interface
            edit "internal"
            next
            edit "wan1"
                set role wan
            next
        end
        config firewall address
            edit "LAN"
                set subnet 192.168.1.0 255.255.255.0
            next
            edit "RANGE"
                set type iprange
                set start-ip 10.0.0.0
                set end-ip 10.0.0.255
            next
            edit "SITE"
                set type fqdn
                set fqdn "example.com"
            next
        end
        config firewall addrgrp
            edit "ONE"
                set member "LAN"
            next
        end
        config firewall service custom
            edit "WEB8080"
                set tcp-portrange 8080 8443
            next
        end
        config firewall service group
            edit "WEBS"
                set member "HTTP" "HTTPS" "WEB8080"
            next
        end
        config firewall policy
            edit 7
                set srcintf "internal"
                set dstintf "wan1"
                set srcaddr "ONE"
                set dstaddr "RANGE"
                set action accept
                set schedule "always"
                set service "WEBS" "DNS"
            next
            edit 8
                set srcintf "internal"
                set dstintf "wan1"
                set srcaddr "LAN" "SITE"
                set dstaddr "all"
                set action accept
                set schedule "always"
                set service "ALL"
                set status disable
            next
        end
        """)
        let list = try #require(config.filter(named: "firewall policy"))
        let seven = list.rules.filter { $0.label == "policy 7" }
        #expect(seven.count == 2, "tcp (HTTP, HTTPS, WEB8080, DNS) and udp (DNS)")
        let tcp = try #require(seven.first { $0.protocols == .only([.tcp]) })
        #expect(tcp.source == .prefix(IPPrefix("192.168.1.0/24")!))
        #expect(tcp.destination == .prefix(IPPrefix("10.0.0.0/24")!))
        #expect(tcp.destinationPorts == .ranges([80...80, 443...443, 8080...8080, 8443...8443, 53...53]))
        #expect(tcp.sourceZone == "internal" && tcp.destinationZone == "wan1" && tcp.chain == .forward)
        #expect(tcp.origin == .source(SourceSpan(file: "fw.conf", start: 38, end: 46)))
        let eight = try #require(list.rules.first { $0.label == "policy 8" })
        #expect(!eight.enabled)
        #expect(eight.source == .object("LAN, SITE"))
        #expect(list.defaultAction.value == .deny && list.defaultAction.origin.isVendorDefault)
        #expect(config.references.isEmpty)
    }

    @Test func policiesExpandPerInterfacePairAndAnyIsTheWildcardZone() throws {
        let config = Self.model("""
        config system interface
            edit "port1"
            next
            edit "port2"
            next
        end
        config system zone
            edit "dmz"
                set interface "port2"
            next
        end
        config firewall policy
            edit 1
                set srcintf "port1" "dmz"
                set dstintf "any"
                set srcaddr "all"
                set dstaddr "all"
                set action accept
                set schedule "weekdays"
                set service "ALL"
            next
        end
        """)
        let rules = try #require(config.filter(named: "firewall policy")?.rules)
        #expect(rules.map(\.label) == ["policy 1 port1 -> any", "policy 1 dmz -> any"])
        #expect(rules.map(\.sourceZone) == ["port1", "dmz"])
        #expect(rules.allSatisfy { $0.destinationZone == "*" && $0.conditions == ["schedule weekdays"] })
        #expect(config.interfaces.first { $0.name == "port2" }?.zone == "dmz")
        #expect(config.zones.map(\.name) == ["port1", "dmz"])
    }

    @Test func undefinedInterfacesAndAddressesAreReferenced() {
        let config = Self.model("""
        config system interface
            edit "port1"
            next
        end
        config firewall policy
            edit 1
                set srcintf "port5"
                set dstintf "port1"
                set srcaddr "Users_Subnet"
                set dstaddr "all" "Server001"
                set action accept
                set schedule "always"
                set service "ALL"
            next
            edit 2
                set srcintf "port5"
                set dstintf "port1"
                set srcaddr "Users_Subnet"
                set dstaddr "all"
                set action accept
                set schedule "always"
                set service "NOT_A_SERVICE"
            next
        end
        """)
        let references = config.references.map { "\($0.kind.rawValue) \($0.name) \($0.origin.spans.first?.start ?? 0)" }
        #expect(references == ["interface port5 7", "address-object Users_Subnet 9", "address-object Server001 10"])
        #expect(config.references.filter { $0.kind == .addressObject }.allSatisfy { $0.knownUndefined })
        #expect(config.diagnostics.contains { $0.code == "undefined-service" && $0.span?.start == 22 })
    }

    @Test func aVirtualIPForwardsOnlyThroughAnAcceptingPolicy() throws {
        let config = Self.model("""
        config system interface
            edit "wan1"
                set role wan
            next
            edit "internal"
                set role lan
            next
        end
        config firewall vip
            edit "RDP"
                set extintf "wan1"
                set portforward enable
                set extport 3389
                set mappedip "192.168.1.20"
                set mappedport 3389
            next
            edit "UNUSED"
                set extintf "wan1"
                set portforward enable
                set extport 8080
                set mappedip "192.168.1.30"
                set mappedport 80
            next
            edit "STATIC"
                set extip 203.0.113.9
                set extintf "any"
                set mappedip "192.168.1.40"
            next
        end
        config firewall policy
            edit 1
                set srcintf "wan1"
                set dstintf "internal"
                set srcaddr "all"
                set dstaddr "RDP"
                set action accept
                set schedule "always"
                set service "RDP"
            next
            edit 2
                set srcintf "wan1"
                set dstintf "internal"
                set srcaddr "all"
                set dstaddr "STATIC"
                set action accept
                set schedule "always"
                set service "HTTPS"
            next
        end
        """)
        let rdp = try #require(config.portForwards.first { $0.label == "RDP" })
        #expect(rdp.enabled && rdp.externalRole == .wan && rdp.protocols == .only([.tcp]))
        #expect(rdp.externalPorts == .single(3389) && rdp.internalAddress == IPAddress("192.168.1.20"))
        #expect(rdp.origin == .derived([SourceSpan(file: "fw.conf", start: 10), SourceSpan(file: "fw.conf", start: 35)]))
        let unused = try #require(config.portForwards.first { $0.label == "UNUSED" })
        #expect(!unused.enabled)
        #expect(config.diagnostics.contains { $0.code == "vip-unused" && $0.span?.start == 17 })
        let staticNAT = try #require(config.portForwards.first { $0.label == "STATIC" })
        #expect(staticNAT.externalInterface == "wan1", "a VIP on any interface is reached through the policy's srcintf")
        #expect(staticNAT.externalPorts == .single(443), "the policy's service limits a static VIP")
        let policy = try #require(config.filter(named: "firewall policy")?.rules.first)
        #expect(policy.destination == .prefix(IPPrefix("192.168.1.20/32")!))
    }

    @Test func localInPoliciesComeBeforeAllowaccess() throws {
        let config = Self.model("""
        config system interface
            edit "wan1"
                set role wan
                set allowaccess https
            next
        end
        config firewall local-in-policy
            edit 1
                set intf "wan1"
                set srcaddr "all"
                set dstaddr "all"
                set service "HTTPS"
                set schedule "always"
            next
        end
        """)
        let rules = try #require(config.filter(named: "local-in")?.rules)
        #expect(rules.map(\.label) == ["local-in policy 1", "allowaccess https on wan1"])
        #expect(rules[0].action == .deny && rules[0].chain == .input && rules[0].sourceZone == "wan1")
    }

    @Test func snmpCommunitiesAndHosts() throws {
        let config = Self.model("""
        config system snmp sysinfo
            set status enable
        end
        config system snmp community
            edit 1
                set name "public"
            next
            edit 2
                set name "n7Qe2LmVx9KdPz4W"
                config hosts
                    edit 1
                        set ip 192.168.10.50 255.255.255.255
                    next
                    edit 2
                        set ip 10.0.0.9 255.255.255.255
                        set host-type trap
                    next
                end
            next
            edit 3
                set name "off"
                set status disable
            next
        end
        config system snmp user
            edit "nms"
                set security-level auth-priv
                set auth-pwd ENC mot8bcegiXDkN3o2rxnIreu9mbY=
            next
        end
        """)
        let communities = config.snmp.communities
        #expect(communities.map(\.name.form) == [.cleartext("public"), .cleartext("n7Qe2LmVx9KdPz4W")])
        #expect(communities.allSatisfy { $0.access == .readOnly })
        #expect(communities[0].allowedSources == nil && !communities[0].isRestricted)
        #expect(communities[1].allowedSources == [IPPrefix("192.168.10.50/32")!], "trap-only hosts do not query")
        #expect(config.snmp.v3Users.map(\.value) == ["nms"])
        #expect(config.storedSecrets.contains { $0.purpose == .service("auth-pwd") })
        #expect(config.secretSpans.contains { $0.line == 6 })
    }

    @Test func headerGivesModelFirmwareAndHostname() {
        let config = Self.model("""
        # Version: FortiGate-501E v7.4.8,build2795,250523 (GA.M)
        # Hostname: OXI-FW121
        #config-version=FG5H1E-7.4.8-FW-build2795-250523:opmode=0:vdom=1:user=TACACS-USER
        config system global
            set timezone "Europe/Amsterdam"
        end
        """)
        #expect(config.identity.model?.value == "FortiGate-501E")
        #expect(config.identity.firmware?.value == "7.4.8")
        #expect(config.identity.hostname?.value == "OXI-FW121")
        #expect(config.coverage.ratio == 1)
    }

    @Test func unknownSectionsAreReportedAndTheirSecretsMasked() {
        let config = Self.model("""
        config vpn ipsec phase1-interface
            edit "to-home"
                set psksecret ENC AVozfiSioG00RFlAxhzkAJhwvV4=
            next
        end
        """)
        #expect(config.coverage.understoodLines == 0 && config.coverage.meaningfulLines == 3)
        #expect(config.diagnostics.filter { $0.code == "unrecognized-line" }.count == 3)
        #expect(config.diagnostics.contains { $0.message == "not understood: 'set psksecret …'" })
        #expect(config.storedSecrets.first?.secret.form == .reversible(scheme: .fortiosENC, encoded: "AVozfiSioG00RFlAxhzkAJhwvV4="))
        #expect(config.secretSpans.first?.line == 3)
    }
}
