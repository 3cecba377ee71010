import AuditCore
import Testing
@testable import AuditVendors

/// Step one: VRP `display current-configuration` text to the indented command tree.
@Suite("Huawei VRP parser")
struct HuaweiVRPParserTests {
    static func parse(_ text: String) -> HuaweiVRPConfig {
        HuaweiVRPParser.parse(path: "ar.cfg", text: text)
    }

    @Test func viewsNestByIndentationAndSeparatorsCloseThem() {
        let config = Self.parse("""
        !Software Version V200R010C00SPC600
        #
         sysname AR
        #
        interface GigabitEthernet0/0/1
         ip address 192.0.2.1 255.255.255.0
        #
         snmp-agent
        #
        bgp 65000
         peer 2.2.2.2 as-number 65000
         #
         ipv4-family unicast
          peer 2.2.2.2 enable
         #
         ipv4-family vpnv4
        #
        return
        """)
        let top = config.topLevel.map { config.commands[$0].words.joined(separator: " ") }
        #expect(top == ["sysname AR", "interface GigabitEthernet0/0/1", "snmp-agent", "bgp 65000"])
        let interface = config.commands[config.topLevel[1]]
        #expect(interface.subtreeEnd == config.topLevel[1] + 2, "the `#` ends the interface view before ` snmp-agent`")
        let bgp = config.topLevel[3]
        #expect(config.commands[bgp].subtreeEnd == config.commands.count)
        #expect(config.returnLine == 18)
        #expect(config.versionLine?.line == 1)
        #expect(config.diagnostics.isEmpty)
    }

    @Test func promptsAndCommentsAreNotCommands() {
        let config = Self.parse("""
        <AR1220>display current-configuration
        [V200R009C00SPC500]
        # Huawei VRP example
        #
         sysname AR
        return
        """)
        #expect(config.commands.map(\.line) == [5])
    }

    @Test func missingReturnIsReported() {
        let config = Self.parse("""
        #
         sysname AR
        #
        interface GigabitEthernet0/0/1
        """)
        #expect(config.diagnostics.contains { $0.code == "truncated" })
    }

    @Test func emptyInputIsReported() {
        #expect(Self.parse("#\n#\n").diagnostics.contains { $0.code == "empty" })
    }
}
