import AuditCore
import AuditVendors
import Foundation
import Testing

/// The real configurations in ../shared/corpus (never copied into the repository) and the
/// hand-written fixtures in device-fixtures/junos.
@Suite(.serialized) struct JunosCorpusTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let corpus = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/configs/junos")
    static let fixtures = packageRoot.appendingPathComponent("device-fixtures/junos")

    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    static func read(_ url: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    static func parse(_ url: URL) -> DeviceConfig? {
        read(url).map { JunosSupport().parse([ConfigInput(path: url.lastPathComponent, text: $0)]) }
    }

    /// Parses every file, checks detection, prints the share of lines understood and returns the shares.
    @discardableResult
    static func check(folder: URL, minimum: Double) -> [Double] {
        let files = files(in: folder)
        #expect(!files.isEmpty, "no files in \(folder.path)")
        var shares: [Double] = []
        print("coverage of \(folder.lastPathComponent):")
        for url in files {
            guard let text = read(url) else {
                Issue.record("cannot read \(url.path)")
                continue
            }
            let detected = VendorRegistry.detect(text)
            #expect(detected?.vendor.id == .junos, "\(url.lastPathComponent) detected as \(detected?.vendor.id.rawValue ?? "nothing")")
            let config = JunosSupport().parse([ConfigInput(path: url.lastPathComponent, text: text)])
            let coverage = config.coverage
            shares.append(coverage.ratio)
            let percent = (coverage.ratio * 1000).rounded() / 10
            print("  \(url.lastPathComponent): \(coverage.understoodLines)/\(coverage.meaningfulLines) = \(percent)% (detection \(detected?.score.value ?? 0))")
            for diagnostic in config.diagnostics where diagnostic.code == "unrecognized-line" {
                print("    \(diagnostic.span.map(\.description) ?? ""): \(diagnostic.message)")
            }
            #expect(coverage.ratio >= minimum, "\(url.lastPathComponent) understood only \(percent)%")
        }
        return shares
    }

    @Test func corpusIsDetectedAndUnderstood() throws {
        guard FileManager.default.fileExists(atPath: Self.corpus.path) else {
            print("skipped: no corpus at \(Self.corpus.path)")
            return
        }
        let shares = Self.check(folder: Self.corpus, minimum: 0.5).sorted()
        let median = shares.isEmpty ? 0 : shares[shares.count / 2]
        print("median share understood: \((median * 1000).rounded() / 10)%")
        #expect(median >= 0.9)
    }

    @Test func fixturesAreDetectedAndFullyUnderstood() {
        Self.check(folder: Self.fixtures, minimum: 1)
    }

    /// The badly hardened branch firewall carries every problem it was written to show.
    @Test func insecureFixtureShowsItsProblems() throws {
        let config = try #require(Self.parse(Self.fixtures.appendingPathComponent("srx300-branch-insecure.conf")))
        #expect(config.service(.telnet)?.enabled.value == true)
        #expect(config.service(.http)?.listen.value == [.interface("ge-0/0/0.0")])
        #expect(config.service(.ssh)?.settings["RootPasswordAuth"]?.value == "yes")
        #expect(config.accounts.map(\.name) == ["root", "admin", "super"])
        #expect(config.accounts.allSatisfy {
            if case .hashed(.md5crypt, _)? = $0.secret?.form { true } else { false }
        })
        #expect(config.storedSecrets.first?.secret.form
                == .reversible(scheme: .junosType9, encoded: "$9$ApQxu01EclKvLO1hrlv7NZUDHfQz3/0BRTQEcSyKvoJZj.P"))
        #expect(config.zone(named: "untrust")?.role.value == .wan)
        #expect(config.zone(named: "untrust")?.forward.value == .permit)
        let wanInbound = try #require(config.filter(named: "host-inbound-traffic ge-0/0/0.0"))
        #expect(wanInbound.rules.map(\.destinationPorts).contains(.single(23)))
        #expect(config.portForwards.first?.externalPorts == .single(3389))
        #expect(config.portForwards.first?.externalRole == .wan)
        #expect(config.snmp.communities.map(\.access) == [.readOnly, .readWrite])
        #expect(config.snmp.communities.allSatisfy { !$0.isRestricted })
        let policies = try #require(config.filter(named: "security-policies"))
        #expect(policies.rules.contains { $0.sourceZone == "untrust" && $0.destinationZone == "trust" && $0.destinationPorts == .single(445) })
    }

    /// The well hardened one: nothing on the WAN but IKE, DHCP and ping; SSH and J-Web over HTTPS
    /// from the LAN only; strong hashes; deny by default.
    @Test func hardenedFixtureIsTight() throws {
        let config = try #require(Self.parse(Self.fixtures.appendingPathComponent("srx300-branch-hardened.set")))
        #expect(config.service(.telnet) == nil && config.service(.http) == nil)
        #expect(config.service(.ssh)?.settings["RootPasswordAuth"]?.value == "no")
        #expect(config.service(.ssh)?.settings["version"]?.value == "2")
        #expect(config.service(.https)?.listen.value == [.interface("ge-0/0/1.0")])
        #expect(config.accounts.allSatisfy {
            if case .hashed(.sha512crypt, _)? = $0.secret?.form { true } else { false }
        })
        #expect(config.zones.allSatisfy { $0.forward.value == .deny })
        let wanInbound = try #require(config.filter(named: "host-inbound-traffic ge-0/0/0.0"))
        #expect(!wanInbound.rules.contains {
            $0.protocols.matches(.tcp) && ($0.destinationPorts.contains(22) || $0.destinationPorts.contains(443))
        })
        #expect(config.portForwards.isEmpty)
        #expect(config.hardening.minimumPasswordLength?.value == 12)
        #expect(config.interfaces.first { $0.name == "lo0.0" }?.inboundFilter?.value == "protect-re")
    }

    /// The NETCONF XML of the Vagrant vSRX: accounts, keys-only services and the management port.
    @Test func xmlVagrantBox() throws {
        let url = Self.corpus.appendingPathComponent("junipernetworks-junos__junos_hostname_parsed.xml")
        guard FileManager.default.fileExists(atPath: url.path) else {
            print("skipped: no corpus file \(url.path)")
            return
        }
        let config = try #require(Self.parse(url))
        #expect(config.identity.hostname?.value == "vsrx")
        #expect(config.identity.firmware?.value == "18.4R1-S2.4")
        #expect(config.accounts.map(\.name) == ["vagrant", "root"])
        #expect(config.accounts.first { $0.name == "root" }?.secret?.form
                == .hashed(scheme: .md5crypt, encoded: "$1$nq.N1UsY$JxA/ESAj3KuXseXE597gg0"))
        #expect(config.services.map(\.kind) == [.ssh, .netconf])
        #expect(config.interfaces.first?.role.value == .mgmt)
        #expect(config.coverage.ratio == 1)
    }
}
