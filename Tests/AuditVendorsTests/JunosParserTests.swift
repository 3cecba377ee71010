import AuditCore
import AuditVendors
import Testing

/// Step one: the three Junos forms read into one word tree, shown as `display set` lines.
@Suite struct JunosParserTests {
    static func tree(_ text: String, path: String = "r.conf") -> JunosTree {
        JunosParser.parse([ConfigInput(path: path, text: text)])
    }

    static let braces = """
        ## Last commit: 2024-01-01 10:00:00 UTC by admin
        version 21.4R3;
        system {
            host-name fw1;
            services {
                ssh {
                    root-login deny;
                }
                /* J-Web */
                web-management {
                    https {
                        interface [ ge-0/0/1.0 irb.0 ];
                    }
                }
            }
        }
        interfaces {
            ge-0/0/0 {
                unit 0 {
                    family inet {
                        address 203.0.113.2/30;
                    }
                }
            }
        }
        """

    static let setLines = """
        set version 21.4R3
        set system host-name fw1
        set system services ssh root-login deny
        # J-Web
        set system services web-management https interface ge-0/0/1.0
        set system services web-management https interface irb.0
        set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.2/30
        """

    static let xml = """
        <rpc-reply xmlns:junos="http://xml.juniper.net/junos/21.4R3/junos">
          <configuration junos:commit-seconds="1704103200">
            <version>21.4R3</version>
            <system>
              <host-name>fw1</host-name>
              <services>
                <ssh><root-login>deny</root-login></ssh>
                <web-management>
                  <https>
                    <interface>ge-0/0/1.0</interface>
                    <interface>irb.0</interface>
                  </https>
                </web-management>
              </services>
            </system>
            <interfaces>
              <interface>
                <name>ge-0/0/0</name>
                <unit>
                  <name>0</name>
                  <family><inet><address><name>203.0.113.2/30</name></address></inet></family>
                </unit>
              </interface>
            </interfaces>
          </configuration>
        </rpc-reply>
        """

    static let expected = [
        "set version 21.4R3",
        "set system host-name fw1",
        "set system services ssh root-login deny",
        "set system services web-management https interface ge-0/0/1.0",
        "set system services web-management https interface irb.0",
        "set interfaces ge-0/0/0 unit 0 family inet address 203.0.113.2/30",
    ]

    @Test func bracesSetLinesAndXMLGiveTheSameTree() {
        #expect(Self.tree(Self.braces).displaySet() == Self.expected)
        #expect(Self.tree(Self.setLines).displaySet() == Self.expected)
        #expect(Self.tree(Self.xml).displaySet() == Self.expected)
        for text in [Self.braces, Self.setLines, Self.xml] {
            #expect(Self.tree(text).diagnostics.filter { $0.level != .info }.isEmpty)
        }
    }

    @Test func quotedValuesKeepSpacesAndSemicolons() {
        let tree = Self.tree("""
            system {
                login {
                    message "authorized use only; \\"really\\"";
                    user ops {
                        full-name "Night Operator";
                    }
                }
            }
            """)
        #expect(tree.displaySet() == [
            "set system login message \"authorized use only; \\\"really\\\"\"",
            "set system login user ops full-name \"Night Operator\"",
        ])
    }

    @Test func inactiveAndDeactivatedStatements() {
        let braces = Self.tree("""
            protocols {
                inactive: bgp {
                    group peers {
                        neighbor 192.0.2.1;
                    }
                }
            }
            """)
        #expect(braces.displaySet().last == "deactivate protocols bgp")
        let lines = Self.tree("""
            set protocols bgp group peers neighbor 192.0.2.1
            deactivate protocols bgp
            """)
        #expect(lines.displaySet() == braces.displaySet())
        let xml = Self.tree("""
            <configuration><protocols><bgp inactive="inactive"><group><name>peers</name>
            <neighbor><name>192.0.2.1</name></neighbor></group></bgp></protocols></configuration>
            """)
        #expect(xml.displaySet() == braces.displaySet())
    }

    @Test func cliNoiseIsSkipped() {
        let tree = Self.tree("""
            admin@fw1> show configuration | display set | no-more
            {primary:node0}
            [edit]
            set system host-name fw1
            ---(more)---
            """)
        #expect(tree.displaySet() == ["set system host-name fw1"])
        #expect(tree.diagnostics.isEmpty)
    }

    @Test func applyGroupsAreMergedWithLocalSettingsFirst() {
        let tree = Self.tree("""
            groups {
                base {
                    system {
                        host-name from-group;
                        services {
                            telnet;
                        }
                    }
                    interfaces {
                        <ge-*> {
                            description "from group";
                        }
                    }
                }
            }
            apply-groups base;
            system {
                host-name local;
            }
            interfaces {
                ge-0/0/0 {
                    unit 0;
                }
                xe-0/0/0 {
                    unit 0;
                }
            }
            """)
        let lines = tree.displaySet()
        #expect(lines.contains("set system services telnet"))
        #expect(lines.contains("set interfaces ge-0/0/0 description \"from group\""))
        #expect(!lines.contains("set interfaces xe-0/0/0 description \"from group\""))
        // The local host-name comes first, so it is the one the conversion reads.
        let hostNames = lines.filter { $0.hasPrefix("set system host-name") }
        #expect(hostNames.first == "set system host-name local")
    }

    @Test func undefinedGroupsAreReported() {
        let tree = Self.tree("set apply-groups \"${node}\"\nset apply-groups missing\nset groups base system host-name x\n")
        #expect(tree.diagnostics.filter { $0.code == "undefined-group" }.count == 2)
    }

    @Test func damagedBracesAreReported() {
        let unclosed = Self.tree("system {\n    host-name fw1;\n    services {\n        ssh;\n")
        #expect(unclosed.diagnostics.contains { $0.code == "truncated" && $0.level == .error })
        #expect(unclosed.displaySet() == ["set system host-name fw1", "set system services ssh"])
        let extra = Self.tree("system {\n    host-name fw1;\n}\n}\n")
        #expect(extra.diagnostics.contains { $0.code == "bad-syntax" && $0.span?.start == 4 })
        let quote = Self.tree("system {\n    host-name \"fw1;\n}\n")
        #expect(quote.diagnostics.contains { $0.code == "truncated" && $0.span?.start == 2 })
    }

    @Test func damagedXMLIsReported() {
        let truncated = Self.tree("<configuration><system><host-name>fw1</host-name><services><ssh/>")
        #expect(truncated.diagnostics.contains { $0.code == "truncated" })
        #expect(truncated.displaySet() == ["set system host-name fw1", "set system services ssh"])
        let mismatched = Self.tree("<configuration><system><host-name>fw1</system></configuration>")
        #expect(mismatched.diagnostics.contains { $0.code == "bad-syntax" })
        let other = Self.tree("<?xml version=\"1.0\"?>\n<pfsense><system><hostname>pf</hostname></system></pfsense>\n")
        #expect(other.diagnostics.contains { $0.code == "not-junos-xml" })
        #expect(other.displaySet().isEmpty)
    }

    @Test func xmlZonePairPoliciesBecomeFromZoneToZone() {
        let tree = Self.tree("""
            <configuration><security><policies><policy>
              <from-zone-name>trust</from-zone-name><to-zone-name>untrust</to-zone-name>
              <policy><name>out</name><match><source-address>any</source-address></match><then><permit/></then></policy>
            </policy></policies></security></configuration>
            """)
        #expect(tree.displaySet() == [
            "set security policies from-zone trust to-zone untrust policy out match source-address any",
            "set security policies from-zone trust to-zone untrust policy out then permit",
        ])
    }
}
