import AuditCore
import Testing
@testable import AuditVendors

/// Detection from content only: Vyatta or not, then EdgeOS or VyOS by their markers.
@Suite struct VyattaDetectionTests {
    static func scores(_ text: String) -> (edge: Int, vyos: Int) {
        (EdgeOSSupport().detect(text).value, VyOSSupport().detect(text).value)
    }

    @Test func edgeOSConfigBoot() {
        let text = """
            interfaces {
                ethernet eth0 {
                    address dhcp
                }
            }
            service {
                gui {
                    https-port 443
                }
                ubnt-discover {
                    disable
                }
            }
            system {
                host-name ubnt
            }
            /* Warning: Do not remove the following line. */
            /* === vyatta-config-version: "config-management@1:system@4:ubnt-pptp@1:ubnt-util@1:webgui@1" === */
            /* Release version: v2.0.9-hotfix.7.5622731.230615.0857 */
            """
        let (edge, vyos) = Self.scores(text)
        #expect(edge >= 90)
        #expect(vyos < edge)
    }

    @Test func vyosConfigBootAndCommands() {
        let boot = """
            interfaces {
                ethernet eth0 {
                    address dhcp
                    hw-id 00:50:56:aa:01:10
                }
            }
            system {
                config-management {
                    commit-revisions 100
                }
                host-name vyos
            }
            // Warning: Do not remove the following line.
            // vyos-config-version: "system@21"
            // Release version: 1.3.1
            """
        let (bootEdge, bootVyos) = Self.scores(boot)
        #expect(bootVyos >= 90 && bootEdge < bootVyos)

        let commands = """
            set interfaces ethernet eth0 address 'dhcp'
            set service ssh port '22'
            set system config-management commit-revisions '100'
            set system login user vyos authentication encrypted-password '$6$x$y'
            """
        let (setEdge, setVyos) = Self.scores(commands)
        #expect(setVyos >= 60 && setEdge < setVyos)
    }

    /// VyOS 1.2 writes the same vyatta-config-version footer as EdgeOS, without `ubnt-` parts.
    @Test func vyattaFooterWithoutUbntIsVyOS() {
        let text = """
            interfaces {
                ethernet eth0 {
                    address 192.0.2.1/24
                }
            }
            /* Warning: Do not remove the following line. */
            /* === vyatta-config-version: "broadcast-relay@1:cluster@1:config-management@1:system@9:webgui@1" === */
            /* Release version: 1.2.6 */
            """
        let (edge, vyos) = Self.scores(text)
        #expect(vyos >= 90 && edge < vyos)
    }

    @Test func gatewayJSONIsEdgeOS() {
        let text = """
            {
                "firewall": {"ipv6-name": {"WANv6_IN": {"default-action": "drop"}}},
                "interfaces": {"ethernet": {"eth0": {"firewall": {"in": {"name": "WAN_IN"}}}}},
                "service": {"upnp2": {"listen-on": ["eth1"]}}
            }
            """
        let (edge, vyos) = Self.scores(text)
        #expect(edge >= 60 && vyos < edge)
        #expect(Self.scores("{\"name\": \"not a router\", \"items\": [1, 2]}") == (0, 0))
    }

    @Test func otherSyntaxesScoreBelowTwenty() {
        let junos = """
            system {
                host-name r1;
                root-authentication {
                    encrypted-password "$6$abc";
                }
            }
            interfaces {
                ge-0/0/0 {
                    unit 0 {
                        family inet {
                            address 192.0.2.1/24;
                        }
                    }
                }
            }
            """
        let junosSet = """
            set system host-name r1
            set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24
            set system root-authentication encrypted-password "$6$abc"
            """
        let cisco = "hostname r1\ninterface GigabitEthernet0/0\n ip address 192.0.2.1 255.255.255.0\n!\nend\n"
        let uci = "config interface 'wan'\n\toption proto 'dhcp'\n"
        let random = "lorem ipsum dolor sit amet\nconsectetur adipiscing elit\n{ nothing }\n"
        for text in [junos, junosSet, cisco, uci, random, ""] {
            let (edge, vyos) = Self.scores(text)
            #expect(edge < 20 && vyos < 20, "\(text.prefix(40)) scored \(edge)/\(vyos)")
        }
    }
}
