import AuditCore
import Foundation
import Testing
@testable import AuditRemediation

/// The applier in Huawei VRP's words, on hand-written configurations. Expected results follow
/// the VRP command references: `system-view` enters the system view, `undo <command>` removes
/// what the command set, `quit` leaves a view (and the system view), `return` goes back to the
/// user view; `display current-configuration` prints global commands indented between `#`
/// lines and lists ACL rules by rule number.
@Suite struct VRPApplierTests {
    struct NoStorage: SecretStorage {
        func store(_ plain: String, scheme: String) -> String? { nil }
    }

    static let config = "#\n sysname R1\n#\n http server enable\n#\nacl number 3001\n rule 5 permit tcp destination-port eq www\n rule 15 deny ip\n#\nuser-interface vty 0 4\n protocol inbound all\n idle-timeout 0 0\n#\nreturn\n"

    func apply(_ script: String, to text: String = config) -> String {
        IOSApplier(dialect: .vrp).apply(script: script, to: [ConfigInput(path: "r.cfg", text: text)], bindings: [:], storage: NoStorage())[0].text
    }

    @Test func commandsOutsideTheSystemViewChangeNothing() {
        #expect(apply("undo http server enable\n") == Self.config)
        #expect(apply("system-view\nreturn\nundo http server enable\n") == Self.config)
    }

    @Test func undoRemovesAnIndentedGlobalCommand() {
        #expect(apply("system-view\nundo http server enable\nreturn\n") == Self.config.replacingOccurrences(of: " http server enable\n", with: ""))
    }

    @Test func viewSettingsReplaceTheirValueAndQuitLeavesTheView() {
        let result = apply("system-view\nuser-interface vty 0 4\n protocol inbound ssh\n idle-timeout 10 0\nquit\nreturn\n")
        #expect(result == Self.config.replacingOccurrences(of: "protocol inbound all", with: "protocol inbound ssh").replacingOccurrences(of: "idle-timeout 0 0", with: "idle-timeout 10 0"))
    }

    @Test func aRuleTakesItsPlaceByNumber() {
        let removed = apply("system-view\nacl number 3001\n undo rule 5\nquit\nreturn\n")
        #expect(!removed.contains("rule 5 "))
        let back = apply("system-view\nacl number 3001\n rule 5 permit tcp destination-port eq www\nquit\nreturn\n", to: removed)
        #expect(back == Self.config)
    }
}
