import Foundation
import Testing
import AuditCore
import AuditSSH
import RouterAudit

struct VendorProfileTests {
    static let folder = SSHPeer.repository.appendingPathComponent("profiles/vendors")

    @Test func everyVendorHasAProfileAndTheEmbeddedCopyMatchesTheFile() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".yaml") }
        let expected = ["cisco-ios", "junos", "huawei-vrp", "routeros", "fortios", "openwrt", "pfsense", "opnsense", "edgeos", "vyos"]
        #expect(Set(names.map { String($0.dropLast(5)) }) == Set(expected))
        for name in names {
            let fromFile = try VendorProfileLoader.load(idOrPath: Self.folder.appendingPathComponent(name).path)
            let builtIn = try #require(VendorProfileLoader.builtIn[fromFile.id], "\(name) not embedded: run scripts/embed-profiles.py")
            #expect(fromFile.id == String(name.dropLast(5)), "profile id must be the file name")
            #expect(builtIn.prompt == fromFile.prompt && builtIn.config == fromFile.config && builtIn.pagers.map(\.pattern) == fromFile.pagers.map(\.pattern),
                    "EmbeddedProfiles.generated.swift is stale for \(name): run scripts/embed-profiles.py")
            // The collected text goes to a parser: the profile id must be a vendor the tool parses.
            #expect(RouterAuditFacade.vendorIDs.contains(fromFile.id), "no parser for \(fromFile.id)")
        }
    }

    @Test func promptsAndPagersMatchWhatDevicesShow() throws {
        func matches(_ pattern: String, _ line: String) throws -> Bool { try Regex(pattern).firstMatch(in: line) != nil }
        let cisco = try #require(VendorProfileLoader.builtIn["cisco-ios"])
        #expect(try matches(cisco.prompt, "shop-887>") && matches(cisco.prompt, "shop-887#") && matches(cisco.prompt, "R1(config-if)#"))
        #expect(try !matches(cisco.prompt, " description uplink to core #1 "))
        #expect(try matches(cisco.pagers[0].pattern, " --More-- "))
        let huawei = try #require(VendorProfileLoader.builtIn["huawei-vrp"])
        #expect(try matches(huawei.prompt, "<AR1220>"))
        #expect(try matches(huawei.answers[0].pattern, "The password needs to be changed. Change now? [Y/N]:"))
        #expect(huawei.answers[0].reply == "N")
        #expect(try matches(huawei.pagers[0].pattern, "  ---- More ----"))
        let forti = try #require(VendorProfileLoader.builtIn["fortios"])
        #expect(try matches(forti.answers[0].pattern, "(Press 'a' to accept):"))
        #expect(try matches(forti.prompt, "FGT60F # "))
        let junos = try #require(VendorProfileLoader.builtIn["junos"])
        #expect(try matches(junos.prompt, "admin@branch-srx300> "))
        #expect(try matches(junos.pagers[0].pattern, "---(more 42%)---"))
        let openwrt = try #require(VendorProfileLoader.builtIn["openwrt"])
        #expect(openwrt.mode == .exec)
        #expect(openwrt.config.contains(VendorProfile.Command("uci export")))
        #expect(openwrt.config.contains(VendorProfile.Command("cat /etc/shadow", optional: true)))
    }

    @Test func errorsNameTheFileAndLine() {
        func error(_ text: String) -> String {
            do {
                _ = try VendorProfileLoader.parse(text, file: "my.yaml")
                return "no error"
            } catch {
                return error.description
            }
        }
        #expect(error("id: x\nmode: shell\nprompt: '>'\nconfig: [show run]\nbogus: 1\n").hasPrefix("my.yaml:5: unknown key 'bogus'"))
        #expect(error("id: x\nmode: shell\nprompt: '(unclosed'\nconfig: [show run]\n").hasPrefix("my.yaml:3: prompt:"))
        #expect(error("id: x\nmode: telepathy\nprompt: '>'\nconfig: [show run]\n").hasPrefix("my.yaml:2: mode must be exec or shell"))
        #expect(error("id: x\nmode: exec\nprompt: '>'\n").contains("config"))
        #expect(error("id: x\nmode: exec\n  prompt: [\n").hasPrefix("my.yaml:"))
        #expect(error("id: x\nmode: exec\nprompt: '>'\nconfig: [a]\npagers:\n  - pattern: 'x'\n    reply: ' '\n    raw: maybe\n").hasPrefix("my.yaml:8: raw must be true or false"))
    }

    @Test func detectionByServerVersion() {
        let profiles = Array(VendorProfileLoader.builtIn.values)
        #expect(VendorProfile.detect(serverVersion: "SSH-2.0-Cisco-1.25", among: profiles)?.id == "cisco-ios")
        #expect(VendorProfile.detect(serverVersion: "SSH-2.0-ROSSSH", among: profiles)?.id == "routeros")
        #expect(VendorProfile.detect(serverVersion: "SSH-2.0-OpenSSH_9.2", among: profiles) == nil)
    }
}

struct NegotiatedAlgorithmTests {
    func session(kex: String = "curve25519-sha256", hostKey: String = "ssh-ed25519", cipher: String = "aes256-gcm@openssh.com",
                 mac: String = "hmac-sha2-256") -> NegotiatedSSHAlgorithms {
        NegotiatedSSHAlgorithms(kex: kex, hostKey: hostKey, cipherClientToServer: cipher, cipherServerToClient: cipher,
                                macClientToServer: mac, macServerToClient: mac, serverVersion: "SSH-2.0-test")
    }

    @Test func modernSessionHasNothingWeak() {
        #expect(session().weak.isEmpty)
        #expect(session(hostKey: "rsa-sha2-512").weak.isEmpty)
    }

    @Test func eachLegacyAlgorithmIsNamedOnce() {
        let weak = session(kex: "diffie-hellman-group1-sha1", hostKey: "ssh-rsa", cipher: "3des-cbc", mac: "hmac-sha1").weak
        #expect(weak.map(\.algorithm) == ["diffie-hellman-group1-sha1", "ssh-rsa", "3des-cbc", "hmac-sha1"])
        #expect(session(kex: "diffie-hellman-group-exchange-sha1").weak.count == 1)
        #expect(session(mac: "hmac-sha1-etm@openssh.com").weak.count == 1)
    }
}
