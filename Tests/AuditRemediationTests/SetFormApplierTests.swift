import AuditCore
import Testing
@testable import AuditRemediation

/// The set/delete applier on hand-written configurations. Expected results follow the Junos CLI
/// user guide (`set` adds a statement, `delete` removes a statement and everything under it,
/// `deactivate` marks a statement inactive and `activate` clears it, `show | display set` lists
/// the configuration as set commands) and the VyOS documentation (same model, `commit-confirm`).
@Suite struct SetFormApplierTests {
    struct NoStorage: SecretStorage {
        func store(_ plain: String, scheme: String) -> String? { nil }
    }

    func apply(_ script: String, to text: String, singleValued: Set<String> = ["encrypted-password"]) -> String {
        SetFormApplier(singleValued: singleValued).apply(script: script, to: [ConfigInput(path: "c", text: text)], bindings: ["H": "$6$abc$def"], storage: NoStorage())[0].text
    }

    @Test func hierarchyIsReadAsSetCommands() {
        let junos = """
            system {
                services {
                    ssh {
                        root-login allow;
                    }
                    telnet;
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
        #expect(apply("", to: junos) == """
            set system services ssh root-login allow
            set system services telnet
            set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24

            """)
    }

    @Test func deleteRemovesTheStatementAndEverythingUnderIt() {
        let config = "set system services ssh root-login allow\nset system services ssh protocol-version v2\nset system services telnet\n"
        #expect(apply("delete system services ssh\n", to: config) == "set system services telnet\n")
    }

    @Test func setAddsOnceAndSingleValuedSettingsReplace() {
        let config = "set system login user admin class super-user\nset system login user admin authentication encrypted-password \"$1$old\"\n"
        let result = apply("set system login user admin authentication encrypted-password \"${H}\"\nset system login user admin class super-user\n", to: config)
        #expect(result == "set system login user admin class super-user\nset system login user admin authentication encrypted-password \"$6$abc$def\"\n")
    }

    @Test func deactivateAndActivateAreEachOthersUndo() {
        let config = "set security nat destination rule-set in rule rdp match destination-port 3389\n"
        let off = apply("deactivate security nat destination rule-set in rule rdp\n", to: config)
        #expect(off == config + "deactivate security nat destination rule-set in rule rdp\n")
        #expect(apply("activate security nat destination rule-set in rule rdp\n", to: off) == config)
    }

    @Test func modeAndCommitCommandsChangeNothing() {
        let config = "set service telnet port 23\n"
        #expect(apply("configure\ncompare\ncommit-confirm 10\nconfirm\nsave\nexit\n# delete service telnet\n", to: config) == config)
    }

    @Test func vyattaBracesWithoutSemicolonsAndQuotedValues() {
        let boot = "service {\n    snmp {\n        community public {\n            authorization ro\n        }\n    }\n}\nsystem {\n    host-name \"gw 1\"\n}\n"
        #expect(apply("", to: boot) == "set service snmp community public authorization ro\nset system host-name \"gw 1\"\n")
    }
}
