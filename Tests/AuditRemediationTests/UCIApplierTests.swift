import AuditCore
import Foundation
import Testing
@testable import AuditRemediation

/// The uci applier on hand-written configurations; expected results follow the uci
/// documentation (OpenWrt "The UCI system": `@type[n]` counts sections of a type from 0 and from
/// the end when negative; `set` on an option replaces it, `delete` on a list removes all its
/// values, `add_list` appends and `del_list` removes one value) and POSIX here-documents.
@Suite struct UCIApplierTests {
    struct NoStorage: SecretStorage {
        func store(_ plain: String, scheme: String) -> String? { nil }
    }

    static let firewall = """
        config defaults
        \toption input 'ACCEPT'

        config zone
        \toption name 'lan'
        \toption input 'ACCEPT'

        config zone
        \toption name 'wan'
        \toption input 'ACCEPT'
        \toption masq '1'

        config rule
        \toption name 'Allow-SSH'
        \toption src 'wan'

        """

    func apply(_ batch: [String], to text: String, path: String = "/etc/config/firewall", bindings: [String: String] = [:]) -> String {
        let script = "#!/bin/sh\nuci batch <<EOF\n" + batch.joined(separator: "\n") + "\nEOF\nuci commit\n"
        return UCIApplier().apply(script: script, to: [ConfigInput(path: path, text: text)], bindings: bindings, storage: NoStorage())[0].text
    }

    @Test func indexedAnonymousSectionIsTheNthOfItsType() {
        let result = apply(["set firewall.@zone[1].input='REJECT'"], to: Self.firewall)
        #expect(result == Self.firewall.replacingOccurrences(of: "'wan'\n\toption input 'ACCEPT'", with: "'wan'\n\toption input 'REJECT'"))
    }

    @Test func negativeIndexCountsFromTheEnd() {
        let result = apply(["set firewall.@zone[-1].input='DROP'"], to: Self.firewall)
        #expect(result.contains("option name 'wan'\n\toption input 'DROP'"))
        #expect(result.contains("option name 'lan'\n\toption input 'ACCEPT'"))
    }

    @Test func setAddsAMissingOptionToTheSection() {
        let result = apply(["set firewall.@rule[0].enabled='0'"], to: Self.firewall)
        #expect(result == Self.firewall.replacingOccurrences(of: "\toption src 'wan'\n", with: "\toption src 'wan'\n\toption enabled '0'\n"))
    }

    @Test func deleteRemovesAnOptionOrAWholeList() {
        let uhttpd = "config uhttpd 'main'\n\tlist listen_http '0.0.0.0:80'\n\tlist listen_http '[::]:80'\n\tlist listen_https '0.0.0.0:443'\n"
        let result = apply(["delete uhttpd.main.listen_http"], to: uhttpd, path: "/etc/config/uhttpd")
        #expect(result == "config uhttpd 'main'\n\tlist listen_https '0.0.0.0:443'\n")
    }

    @Test func addListAppendsAndDelListRemovesOneValue() {
        let uhttpd = "config uhttpd 'main'\n\tlist listen_http '0.0.0.0:80'\n\toption home '/www'\n"
        let added = apply(["add_list uhttpd.main.listen_http='192.168.1.1:80'"], to: uhttpd, path: "/etc/config/uhttpd")
        #expect(added == "config uhttpd 'main'\n\tlist listen_http '0.0.0.0:80'\n\tlist listen_http '192.168.1.1:80'\n\toption home '/www'\n")
        let removed = apply(["del_list uhttpd.main.listen_http='0.0.0.0:80'"], to: added, path: "/etc/config/uhttpd")
        #expect(removed == "config uhttpd 'main'\n\tlist listen_http '192.168.1.1:80'\n\toption home '/www'\n")
    }

    @Test func hereDocumentExpandsVariablesAndKeepsEscapedDollars() {
        let snmpd = "config com2sec 'public'\n\toption community 'public'\n"
        let result = apply(["set snmpd.public.community='${NEW}'", "set snmpd.public.secname='a\\$b'"], to: snmpd, path: "/etc/config/snmpd",
                           bindings: ["NEW": "n3w-c0mmunity"])
        #expect(result == "config com2sec 'public'\n\toption community 'n3w-c0mmunity'\n\toption secname 'a$b'\n")
    }

    @Test func exportDumpAddressesSectionsPerPackage() {
        let export = "package dropbear\n\nconfig dropbear\n\toption Port '22'\n\npackage firewall\n\nconfig zone\n\toption name 'lan'\n"
        let result = apply(["set dropbear.@dropbear[0].Interface='lan'"], to: export, path: "backup.uci")
        #expect(result == "package dropbear\n\nconfig dropbear\n\toption Port '22'\n\toption Interface 'lan'\n\npackage firewall\n\nconfig zone\n\toption name 'lan'\n")
    }

    @Test func singleUciCommandsApplyButReloadsAndPromptsDoNot() {
        let script = "printf 'Commit? '\nuci set firewall.@zone[0].input='DROP'\nuci changes\n/etc/init.d/firewall reload\n"
        let result = UCIApplier().apply(script: script, to: [ConfigInput(path: "/etc/config/firewall", text: Self.firewall)], bindings: [:], storage: NoStorage())
        #expect(result[0].text == Self.firewall.replacingOccurrences(of: "'lan'\n\toption input 'ACCEPT'", with: "'lan'\n\toption input 'DROP'"))
    }
}
