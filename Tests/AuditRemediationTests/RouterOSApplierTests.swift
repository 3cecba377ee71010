import AuditCore
import Testing
@testable import AuditRemediation

/// The RouterOS applier on hand-written exports. Expected results follow the RouterOS manual
/// (console: `set [ find <condition> ] <property>=<value>` changes every item matching the
/// condition; `/ip service set telnet disabled=yes` turns a built-in service off and `/export`
/// then prints it as one `set` line; a later `set` changes the same line; long lines are
/// continued with a backslash).
@Suite struct RouterOSApplierTests {
    struct NoStorage: SecretStorage {
        func store(_ plain: String, scheme: String) -> String? { nil }
    }

    func apply(_ script: String, to export: String) -> String {
        RouterOSApplier().apply(script: script, to: [ConfigInput(path: "e.rsc", text: export)], bindings: [:], storage: NoStorage())[0].text
    }

    static let export = """
        # by RouterOS 6.48
        /ip firewall nat
        add action=dst-nat chain=dstnat comment="RDP to PC" dst-port=3389 \\
            protocol=tcp to-addresses=192.168.88.20
        /ip upnp
        set enabled=yes

        """

    @Test func findSelectsAddedItemsByTheirProperties() {
        let result = apply("/ip firewall nat set [ find comment=\"RDP to PC\" dst-port=3389 ] disabled=yes\n", to: Self.export)
        #expect(result.contains("disabled=yes"))
        // Still two physical lines: the rest of the export keeps its line numbers.
        #expect(result.split(separator: "\n", omittingEmptySubsequences: false).count == Self.export.split(separator: "\n", omittingEmptySubsequences: false).count)
        #expect(result.hasSuffix("/ip upnp\nset enabled=yes\n"))
    }

    @Test func singletonMenuSetChangesItsLine() {
        let result = apply("/ip upnp set enabled=no\n", to: Self.export)
        #expect(result.hasSuffix("/ip upnp\nset enabled=no\n"))
    }

    @Test func builtInServiceIsPrintedAsOneSetLineAndChangedInPlace() {
        let once = apply("/ip service set telnet disabled=yes\n", to: Self.export)
        #expect(once.hasSuffix("/ip service\nset telnet disabled=yes\n"))
        let again = apply("/ip service set telnet disabled=no\n", to: once)
        #expect(again.hasSuffix("/ip service\nset telnet disabled=no\n"))
        #expect(apply("/ip service set telnet disabled=yes\n", to: once) == once)
    }

    @Test func commentsAndUnmatchedFindsChangeNothing() {
        #expect(apply("# /ip upnp set enabled=no\n/ip firewall nat set [ find comment=nothing ] disabled=yes\n", to: Self.export).contains("set enabled=yes"))
    }
}
