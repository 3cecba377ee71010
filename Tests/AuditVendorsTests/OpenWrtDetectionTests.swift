import AuditCore
import Testing
@testable import AuditVendors

/// Detection looks at content only and must not claim other vendors' text.
@Suite("OpenWrt detection")
struct OpenWrtDetectionTests {
    let support = OpenWrtSupport()

    @Test func singleConfigFileScoresHigh() {
        let score = support.detect("""
            # See https://openwrt.org/docs/guide-user/base-system/dropbear
            config dropbear main
            \toption enable '1'
            \toption PasswordAuth '1'
            """)
        #expect(score.value >= 80)
    }

    @Test func exportDumpScoresHigh() {
        #expect(support.detect("package network\n\nconfig interface 'lan'\n\toption proto 'static'\n").value >= 80)
    }

    @Test func uciShowOutputScoresHigh() {
        let score = support.detect("""
            firewall.@zone[0]=zone
            firewall.@zone[0].name='lan'
            firewall.@zone[0].network='lan'
            network.lan=interface
            """)
        #expect(score.value >= 80)
    }

    @Test func shadowAloneScoresModerately() {
        let score = support.detect("root::0:0:99999:7:::\ndaemon:*:0:0:99999:7:::\n")
        #expect(score.value == 30)
    }

    @Test(arguments: [
        // Cisco IOS, with DHCP `option` lines and a `config-register`.
        """
        hostname cpe
        !
        ip dhcp pool LAN
         network 192.168.1.0 255.255.255.0
         option 150 ip 10.1.1.1
        !
        interface GigabitEthernet0/0
         ip address dhcp
        !
        config-register 0x2102
        line vty 0 4
         transport input ssh
        end
        """,
        // FortiOS: `config` blocks, but `set` instead of `option`.
        """
        config system global
            set hostname "fgt"
        end
        config system interface
            edit "wan1"
                set allowaccess ping https ssh
            next
        end
        """,
        // sysctl.conf: dotted keys but no quoted values.
        "net.ipv4.ip_forward=1\nnet.ipv6.conf.all.forwarding=1\nkernel.panic=3\n",
        // /etc/passwd is not shadow.
        "root:x:0:0:root:/root:/bin/ash\ndaemon:*:1:1:daemon:/var:/bin/false\n",
        "The quick brown fox jumps over the lazy dog.\nNothing to see here: really.\n",
        "",
    ])
    func otherTextScoresBelowTheThreshold(text: String) {
        #expect(support.detect(text).value < 20)
    }

    @Test func registryPicksOpenWrtForUCI() {
        let detected = VendorRegistry.detect("config zone\n\toption name 'wan'\n\toption input 'REJECT'\n")
        #expect(detected?.vendor.id == .openWrt)
    }
}
