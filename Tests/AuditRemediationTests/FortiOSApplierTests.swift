import AuditCore
import Foundation
import Testing
@testable import AuditRemediation

/// The FortiOS applier on hand-written configurations. Expected results follow the FortiOS CLI
/// reference: `config` enters a table, `edit` an entry (created when new), `set` replaces a
/// value, `unset` returns it to its default (the line disappears from `show`), `delete` removes
/// an entry, `next`/`end` leave; an administrator password is stored as `ENC SH2...`.
@Suite struct FortiOSApplierTests {
    struct Storage: SecretStorage {
        func store(_ plain: String, scheme: String) -> String? { scheme == "fortios-sh2" ? "ENC SH2hashed" : nil }
    }

    static let config = """
        config system interface
            edit "wan1"
                set ip 198.51.100.1 255.255.255.0
                set allowaccess ping https ssh http telnet
            next
        end
        config firewall policy
            edit 3
                set srcintf "wan1"
                set action accept
            next
        end

        """

    func apply(_ script: String, to text: String = config) -> String {
        FortiOSApplier().apply(script: script, to: [ConfigInput(path: "f.conf", text: text)], bindings: [:], storage: Storage())[0].text
    }

    @Test func setReplacesTheValueInItsEntry() {
        let result = apply("config system interface\n    edit \"wan1\"\n        set allowaccess ping\n    next\nend\n")
        #expect(result == Self.config.replacingOccurrences(of: "set allowaccess ping https ssh http telnet", with: "set allowaccess ping"))
    }

    @Test func newSettingGoesAtTheEndOfItsEntry() {
        let result = apply("config firewall policy\n    edit 3\n        set status disable\n    next\nend\n")
        #expect(result.contains("        set action accept\n        set status disable\n    next\n"))
        // And `unset` takes it away again.
        #expect(apply("config firewall policy\n    edit 3\n        unset status\n    next\nend\n", to: result) == Self.config)
    }

    @Test func newEntriesAndNestedTablesAreCreatedAndDeleted() {
        let script = "config firewall policy\n    edit 9\n        config hosts\n            edit 1\n                set ip 10.0.0.0 255.0.0.0\n            next\n        end\n    next\nend\n"
        let result = apply(script)
        #expect(result.contains("    edit 9\n        config hosts\n            edit 1\n                set ip 10.0.0.0 255.0.0.0\n            next\n        end\n    next\nend\n"))
        let removed = apply("config firewall policy\n    delete 9\nend\n", to: result)
        #expect(removed == Self.config)
    }

    @Test func administratorPasswordIsStoredAsAHash() {
        let admin = "config system admin\n    edit \"admin\"\n        set accprofile \"super_admin\"\n    next\nend\n"
        let result = apply("config system admin\n    edit \"admin\"\n        set password n3w-Secret\n    next\nend\n", to: admin)
        #expect(result == "config system admin\n    edit \"admin\"\n        set accprofile \"super_admin\"\n        set password ENC SH2hashed\n    next\nend\n")
    }
}
