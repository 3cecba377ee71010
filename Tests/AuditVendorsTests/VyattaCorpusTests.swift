import AuditCore
import Foundation
import Testing
@testable import AuditVendors

/// The real configurations in ../shared/corpus (never copied into the repository) and the
/// hand-written fixtures in device-fixtures/edgeos and device-fixtures/vyos.
enum VyattaPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = packageRoot.appendingPathComponent("../shared/corpus/configs").standardizedFileURL
    static let fixtures = packageRoot.appendingPathComponent("device-fixtures")
    static var corpusAvailable: Bool { FileManager.default.fileExists(atPath: corpus.appendingPathComponent("vyos").path) }

    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    static func input(_ url: URL) -> ConfigInput {
        let data = (try? Data(contentsOf: url)) ?? Data()
        return ConfigInput(path: url.lastPathComponent, text: String(decoding: data, as: UTF8.self))
    }

    static func parse(_ folder: String, _ name: String) -> DeviceConfig {
        let url = corpus.appendingPathComponent(folder).appendingPathComponent(name)
        let support: any VendorSupport = folder == "edgeos" ? EdgeOSSupport() : VyOSSupport()
        return support.parse([input(url)])
    }
}

@Suite("Vyatta corpus", .serialized)
struct VyattaCorpusTests {
    /// Detection through the registry, no crash, and the share of lines understood per file
    /// (printed); the median must reach 90%.
    static func check(_ folder: URL, as vendor: VendorID) {
        var ratios: [Double] = []
        print("\(vendor) coverage of \(folder.lastPathComponent):")
        for url in VyattaPaths.files(in: folder) {
            let input = VyattaPaths.input(url)
            let detected = VendorRegistry.detect(input.text)
            #expect(detected?.vendor.id == vendor, "\(url.lastPathComponent) detected as \(detected?.vendor.id.rawValue ?? "nothing")")
            let config = (VendorRegistry.support(for: vendor) ?? VyOSSupport()).parse([input])
            let coverage = config.coverage
            ratios.append(coverage.ratio)
            let percent = (coverage.ratio * 1000).rounded() / 10
            print("  \(url.lastPathComponent): \(coverage.understoodLines)/\(coverage.meaningfulLines) = \(percent)% "
                  + "(detection \(detected?.score.value ?? 0), \(config.diagnostics.count) diagnostics)")
            #expect(coverage.meaningfulLines > 0)
            #expect(!config.diagnostics.contains { $0.level == .error }, "\(url.lastPathComponent): \(config.diagnostics)")
        }
        let sorted = ratios.sorted()
        let median = sorted.isEmpty ? 0 : sorted.count % 2 == 1 ? sorted[sorted.count / 2]
            : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        print("  median \((median * 1000).rounded() / 10)%")
        #expect(median >= 0.9)
    }

    @Test(.enabled(if: VyattaPaths.corpusAvailable, "../shared/corpus is absent: Vyatta corpus test skipped"))
    func edgeOSCorpus() {
        Self.check(VyattaPaths.corpus.appendingPathComponent("edgeos"), as: .edgeOS)
    }

    @Test(.enabled(if: VyattaPaths.corpusAvailable, "../shared/corpus is absent: Vyatta corpus test skipped"))
    func vyosCorpus() {
        Self.check(VyattaPaths.corpus.appendingPathComponent("vyos"), as: .vyOS)
    }

    @Test func fixtures() {
        Self.check(VyattaPaths.fixtures.appendingPathComponent("edgeos"), as: .edgeOS)
        Self.check(VyattaPaths.fixtures.appendingPathComponent("vyos"), as: .vyOS)
    }

    // MARK: - The models behind the hand labels

    @Test(.enabled(if: VyattaPaths.corpusAvailable, "../shared/corpus is absent: Vyatta corpus test skipped"))
    func stevejenkinsEdgeRouters() throws {
        for name in ["ubnt-examples__Charter_config.boot.erl", "ubnt-examples__Comcast_config.boot.poe"] {
            let config = VyattaPaths.parse("edgeos", name)
            // The default ubnt account, stored as md5crypt; the empty plaintext is a placeholder.
            let ubnt = try #require(config.accounts.first { $0.name == "ubnt" })
            if case .hashed(.md5crypt, "$1$zKNoUbAo$gomzUbYvgyUMcD436Wo66.")? = ubnt.secret?.form {} else {
                Issue.record("\(name): ubnt secret \(String(describing: ubnt.secret?.form))")
            }
            #expect(config.storedSecrets.isEmpty, "repository password \"\" is no secret")
            // Port forwards of the router's own SSH and HTTPS.
            #expect(config.portForwards.map(\.externalPorts) == [.single(2222), .single(8080)])
            #expect(config.portForwards.map(\.internalPorts) == [.single(22), .single(443)])
            #expect(config.portForwards.allSatisfy { $0.externalRole == .wan })
            // GUI: HTTPS with older ciphers, HTTP redirecting to it.
            #expect(config.service(.https)?.settings["older-ciphers"]?.value == "enable")
            #expect(config.service(.http)?.settings["redirect_https"]?.value == "1")
            // WAN: drop by default in and to the router; WAN_LOCAL accepts 22 and 443.
            let wan = try #require(config.zone(named: "eth0"))
            #expect(wan.role.value == .wan && wan.input.value == .deny && wan.forward.value == .deny)
            let local = config.filter(named: "WAN_LOCAL")?.rules ?? []
            #expect(local.filter { $0.action == .permit && !$0.establishedOnly }.map(\.destinationPorts) == [.single(22), .single(443)])
            // The guest VLAN has no rule-set: open to the router and the LAN.
            let guest = try #require(config.zones.first { $0.role.value == .guest })
            #expect(guest.input.value == .permit && guest.forward.value == .permit)
            #expect(config.service(.upnp)?.settings["nat-pmp"]?.value == "disable")
        }
    }

    @Test(.enabled(if: VyattaPaths.corpusAvailable, "../shared/corpus is absent: Vyatta corpus test skipped"))
    func gatewayJSON() throws {
        let config = VyattaPaths.parse("edgeos", "ubnt-examples__Comcast_config.gateway.json")
        #expect(config.vendor == .edgeOS)
        let upnp = try #require(config.service(.upnp))
        #expect(upnp.listen.value == [.interface("eth1")] && upnp.settings["nat-pmp"]?.value == "enable")
        // WAN_IN/WAN_LOCAL/WAN_OUT come from the controller: unresolved, not undefined.
        #expect(config.references.allSatisfy { $0.name.hasPrefix("WANv6") })
        #expect(config.diagnostics.filter { $0.code == "unresolved-reference" }.count == 3)
        #expect(config.filter(named: "WANv6_LOCAL")?.defaultAction.value == .deny)
        #expect(config.accounts.isEmpty && config.storedSecrets.isEmpty)
    }

    @Test(.enabled(if: VyattaPaths.corpusAvailable, "../shared/corpus is absent: Vyatta corpus test skipped"))
    func vyosConfigs() throws {
        // Every file: user vyos with the default password's hash; the '' plaintext is a placeholder.
        for url in VyattaPaths.files(in: VyattaPaths.corpus.appendingPathComponent("vyos")) {
            let config = VyOSSupport().parse([VyattaPaths.input(url)])
            let vyos = try #require(config.accounts.first { $0.name == "vyos" }, "\(url.lastPathComponent)")
            if case .hashed(.sha512crypt, _)? = vyos.secret?.form {} else { Issue.record("\(url.lastPathComponent): \(String(describing: vyos.secret))") }
        }
        let bgp = VyattaPaths.parse("vyos", "vyos-1x-config-tests__bgp-rpki.set")
        #expect(bgp.service(.ssh)?.listen.value == [.any])
        #expect(bgp.zone(named: "eth0")?.role.value == .wan && bgp.zone(named: "eth0")?.input.value == .permit)

        let cluster = VyattaPaths.parse("vyos", "vyos-1x-config-tests__cluster-basic.set")
        #expect(cluster.storedSecrets.map(\.owner) == ["group VyOS"])

        let rip = VyattaPaths.parse("vyos", "vyos-1x-config-tests__rip-router.set")
        #expect(rip.filters.isEmpty, "routing access-lists are not traffic filters")
        #expect(rip.storedSecrets.contains { $0.purpose == .service("rip") && $0.owner == "eth1.20" })

        let basic = VyattaPaths.parse("vyos", "vyos-1x-configs__basic-vyos")
        #expect(basic.service(.ssh)?.listen.value == [.address(IPAddress("192.168.0.1")!)])
        #expect(basic.service(.ssh)?.settings["key-exchange"]?.value.contains("diffie-hellman-group1-sha1") == true)

        let dmvpn = VyattaPaths.parse("vyos", "vyos-1x-configs__bgp-dmvpn-hub")
        #expect(dmvpn.storedSecrets.contains { $0.purpose == .service("ipsec") && $0.secret.form == .cleartext("VyOS-topsecret") })

        let dialup = VyattaPaths.parse("vyos", "vyos-1x-configs__dialup-router-medium-vpn")
        #expect(dialup.portForwards.filter { $0.externalInterface == "pppoe0" }.count == 12)
        #expect(dialup.portForwards.first { $0.externalInterface == "eth1" }?.externalRole == .lan)
        #expect(dialup.zone(named: "pppoe0")?.role.value == .wan && dialup.zone(named: "pppoe0")?.input.value == .permit)
        #expect(dialup.filter(named: "test_tcp_flags")?.rules.first?.chain == nil)
        #expect(dialup.snmp.communities.first?.isRestricted == true)
        #expect(Set(dialup.storedSecrets.map(\.owner)).isSuperset(of: ["pppoe0", "vtun1", "vtun2", "neighbor 10.89.90.1"]))

        let pppoe = VyattaPaths.parse("vyos", "vyos-1x-configs__pppoe-server")
        #expect(pppoe.storedSecrets.map(\.owner) == ["foo"])
        #expect(pppoe.zone(named: "eth0")?.role.value == .wan)
    }

    // MARK: - Fixtures

    @Test func edgeOSFixtures() throws {
        let insecure = EdgeOSSupport().parse([VyattaPaths.input(VyattaPaths.fixtures.appendingPathComponent("edgeos/er-x-insecure.config.boot"))])
        #expect(insecure.coverage.ratio == 1, "\(insecure.diagnostics)")
        #expect(insecure.diagnostics.isEmpty, "\(insecure.diagnostics)")
        #expect(insecure.service(.telnet)?.enabled.value == true)
        #expect(insecure.service(.ssh)?.settings["version"]?.value == "1.99")
        #expect(insecure.zone(named: "eth0")?.input.value == .permit)
        #expect(insecure.zones.map(\.name) == ["eth0", "switch0"], "switch ports have no zone of their own")
        #expect(insecure.accounts.map(\.isAdministrator) == [true, false])

        let hardened = EdgeOSSupport().parse([VyattaPaths.input(VyattaPaths.fixtures.appendingPathComponent("edgeos/er-x-hardened.config.boot"))])
        #expect(hardened.coverage.ratio == 1, "\(hardened.diagnostics)")
        #expect(hardened.diagnostics.isEmpty, "\(hardened.diagnostics)")
        #expect(hardened.zone(named: "eth0")?.input.value == .deny)
        #expect(hardened.zone(named: "switch0.30")?.role.value == .guest)
        #expect(hardened.service(.ssh)?.listen.value == [.address(IPAddress("192.168.1.1")!)])
        #expect(hardened.snmp.communities.allSatisfy { $0.isRestricted })
    }

    @Test func vyosFixtures() throws {
        let insecure = VyOSSupport().parse([VyattaPaths.input(VyattaPaths.fixtures.appendingPathComponent("vyos/branch-insecure.commands"))])
        #expect(insecure.coverage.ratio == 1, "\(insecure.diagnostics)")
        #expect(insecure.diagnostics.isEmpty, "\(insecure.diagnostics)")
        #expect(insecure.portForwards.count == 2)
        #expect(insecure.zone(named: "eth0")?.input.value == .permit)

        let hardened = VyOSSupport().parse([VyattaPaths.input(VyattaPaths.fixtures.appendingPathComponent("vyos/branch-hardened.commands"))])
        // Only the NTP server's listen address is not assessed (the model holds who may query it, line 44).
        #expect(hardened.diagnostics.map(\.span?.start) == [45], "\(hardened.diagnostics)")
        #expect(hardened.ntpServer?.allowedClients?.value == [IPPrefix("10.20.0.0/24")!])
        #expect(hardened.zone(named: "eth0")?.input.value == .deny && hardened.zone(named: "eth0")?.forward.value == .deny)
        let input = hardened.filter(named: "ipv4 input filter")?.rules ?? []
        #expect(input.contains { $0.label == "LAN_LOCAL rule 10" && $0.sourceZone == "eth1" && $0.source == .prefix(IPPrefix("10.20.0.0/24")!) })
    }
}
