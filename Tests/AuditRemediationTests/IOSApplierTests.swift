import AuditCore
import Testing
@testable import AuditRemediation

/// The IOS applier on hand-written configurations. Each expected result states the IOS behaviour
/// it rests on (Cisco IOS configuration guides and command references), not this code's output.
@Suite struct IOSApplierTests {
    struct NoStorage: SecretStorage {
        func store(_ plain: String, scheme: String) -> String? { "$9$STORED$\(plain.count)" }
    }

    func apply(_ script: String, to config: String, bindings: [String: String] = [:]) -> String {
        IOSApplier().apply(script: script, to: [ConfigInput(path: "r.cfg", text: config)], bindings: bindings, storage: NoStorage())[0].text
    }

    @Test func exitCommandsOutsideConfigurationModeChangeNothing() {
        let config = "hostname r1\nip http server\nend\n"
        // `no ip http server` typed in exec mode is not a configuration command.
        #expect(apply("reload in 15\nno ip http server\n", to: config) == config)
        // After `end` the router is back in exec mode.
        #expect(apply("configure terminal\nend\nno ip http server\n", to: config) == config)
    }

    @Test func noFormRemovesTheGlobalLine() {
        let result = apply("configure terminal\nno ip http server\nend\n", to: "hostname r1\nip http server\nip http authentication local\nend\n")
        #expect(result == "hostname r1\nip http authentication local\nend\n")
    }

    @Test func noAccessListNumberDeletesTheWholeNumberedList() {
        // Cisco: "no access-list <number>" with any further arguments removes the entire numbered list.
        let config = "access-list 10 permit 10.0.0.0 0.255.255.255\naccess-list 101 permit tcp any any eq 22\naccess-list 101 permit ip any any\nend\n"
        let result = apply("configure terminal\nno access-list 101 permit ip any any\nend\n", to: config)
        #expect(result == "access-list 10 permit 10.0.0.0 0.255.255.255\nend\n")
    }

    @Test func lineSettingsReplaceTheirEarlierValue() {
        // A line has one `transport input` and one `exec-timeout`; entering them again replaces them.
        let config = "line vty 0 4\n exec-timeout 0 0\n password 7 0822455D0A16\n login\n transport input telnet\nend\n"
        let script = "configure terminal\nline vty 0 4\n transport input ssh\n exec-timeout 10 0\nexit\nend\n"
        #expect(apply(script, to: config) == "line vty 0 4\n exec-timeout 10 0\n password 7 0822455D0A16\n login\n transport input ssh\nend\n")
    }

    @Test func noInsideALineRemovesTheSetting() {
        let config = "line con 0\n password 7 0822455D0A16\n login\nline vty 0 4\n login\nend\n"
        let result = apply("configure terminal\nline con 0\n no password\n login local\nexit\nend\n", to: config)
        #expect(result == "line con 0\n login local\nline vty 0 4\n login\nend\n")
    }

    @Test func aGlobalCommandInsideAModeLeavesTheMode() {
        // IOS runs a command the submode does not know in global configuration mode.
        let config = "line vty 0 4\n login\nend\n"
        let result = apply("configure terminal\nline vty 0 4\nsnmp-server community abc RO 99\nend\n", to: config)
        #expect(result == "line vty 0 4\n login\nsnmp-server community abc RO 99\nend\n")
    }

    @Test func newModeIsCreatedAndFilled() {
        let result = apply("configure terminal\nip access-list standard MGMT\n permit 10.0.0.0 0.0.0.255\nexit\nend\n", to: "hostname r1\nend\n")
        #expect(result == "hostname r1\nip access-list standard MGMT\n permit 10.0.0.0 0.0.0.255\nend\n")
    }

    @Test func namedListEntryIsRemovedByItsText() {
        let config = "ip access-list extended IN\n permit tcp any any eq 22\n permit udp any any eq 53\nend\n"
        let result = apply("configure terminal\nip access-list extended IN\n no permit tcp any any eq 22\nexit\nend\n", to: config)
        #expect(result == "ip access-list extended IN\n permit udp any any eq 53\nend\n")
    }

    @Test func scryptSecretIsStoredAsType9AndReplacesTheOldSecret() {
        // `enable algorithm-type scrypt secret P` is shown as `enable secret 9 <hash>`; one enable secret per device.
        let config = "enable secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0\nend\n"
        let result = apply("configure terminal\nenable algorithm-type scrypt secret ${NEW}\nend\n", to: config, bindings: ["NEW": "longsecret"])
        #expect(result == "enable secret 9 $9$STORED$10\nend\n")
    }

    @Test func passwordEncryptionTurnsCleartextIntoType7() {
        // `service password-encryption` stores every cleartext password as type 7; "cisco" with
        // salt 02 is Cisco's documented example 02050D480809.
        let config = "no service password-encryption\nusername bob password 0 cisco\nline vty 0 4\n password cisco\nend\n"
        let result = apply("configure terminal\nservice password-encryption\nend\n", to: config)
        #expect(result == "service password-encryption\nusername bob password 7 02050D480809\nline vty 0 4\n password 7 02050D480809\nend\n")
        // Switching it off does not decrypt (IOS keeps type 7) and shows the `no` form again.
        let back = apply("configure terminal\nno service password-encryption\nend\n", to: result)
        #expect(back == "no service password-encryption\nusername bob password 7 02050D480809\nline vty 0 4\n password 7 02050D480809\nend\n")
    }

    @Test func bannerTextIsNotTakenForCommands() {
        let config = "banner motd ^C\nip http server\n^C\nip http server\nend\n"
        let result = apply("configure terminal\nno ip http server\nend\n", to: config)
        #expect(result == "banner motd ^C\nip http server\n^C\nend\n")
    }
}
