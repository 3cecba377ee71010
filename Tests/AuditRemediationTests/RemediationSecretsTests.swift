import AuditCore
import AuditRemediation
import Foundation
import RouterAudit
import Testing

/// Scripts and README never carry a secret of the original configuration unless --show-secrets.
@Suite struct RemediationSecretsTests {
    static let fixtures = [
        "cisco-ios/soho-887-insecure.cfg", "cisco-ios/soho-1841-legacy-defaults.cfg",
        "openwrt/insecure-home-router", "openwrt/insecure-home-router.uci-export",
        "junos/srx300-branch-insecure.conf", "junos/srx300-branch-hardened.set",
        "vyos/branch-insecure.commands", "edgeos/er-x-insecure.config.boot", "routeros/insecure-office.rsc",
        "fortios/fg60f-shop-insecure.conf", "huawei-vrp/ar1220-shop-insecure.cfg",
        "pfsense/insecure-office.xml", "opnsense/insecure-office.xml",
    ]

    /// The secret values at the positions the parser marked, except those that are also plain
    /// words of the configuration elsewhere (an OpenWrt section named like its community).
    static func secrets(of config: DeviceConfig) -> [String] {
        var found: Set<String> = []
        var masked = ""
        for source in config.sources {
            for (index, line) in source.lines.enumerated() {
                var bytes = Array(line.utf8)
                for span in config.secretSpans.filter({ $0.file == source.path && $0.line == index + 1 }).sorted(by: { $0.range.lowerBound > $1.range.lowerBound })
                where span.range.upperBound <= bytes.count {
                    found.insert(String(decoding: bytes[span.range], as: UTF8.self))
                    bytes.replaceSubrange(span.range, with: Array(" ".utf8))
                }
                masked += String(decoding: bytes, as: UTF8.self) + "\n"
            }
        }
        return found.filter { $0.count >= 4 && !masked.contains($0) }.sorted()
    }

    @Test(arguments: fixtures)
    func scriptsHoldNoSecretUnlessAsked(fixture: String) throws {
        let path = RemediationCorpusTests.packageRoot.appendingPathComponent("device-fixtures/\(fixture)").path
        let run = Auditor().audit(paths: [path])
        let device = try #require(run.devices.first)
        let secrets = Self.secrets(of: device.config)
        #expect(!secrets.isEmpty, "the fixture has secrets to look for")
        let remediator = Remediator(auditor: Auditor())
        let hiddenPlan = try #require(remediator.plan(for: device))
        let hidden = try #require(remediator.scripts(for: hiddenPlan))
        // A secret that is also a word of the scripts' own text (`configure private`) cannot be told apart.
        let emptyPlan = try #require(remediator.plan(for: device, selection: FixSelection(checks: ["none"])))
        let template = try #require(remediator.scripts(for: emptyPlan))
        let ownText = template.apply + template.rollback + template.readme
        for secret in secrets where !ownText.contains(secret) {
            for (name, text) in [("apply", hidden.apply), ("rollback", hidden.rollback), ("README", hidden.readme)] {
                #expect(!text.contains(secret), "\(fixture): \(name) holds a secret of the configuration")
            }
        }
        // With --show-secrets the rollback restores them literally: no variable stands in for one.
        let shownPlan = try #require(remediator.plan(for: device, showSecrets: true))
        let shown = try #require(remediator.scripts(for: shownPlan))
        #expect(!shown.rollback.contains("RA_OLD_SECRET_"))
        #expect(hiddenPlan.variables.contains { $0.kind == .originalSecret } == hidden.rollback.contains("RA_OLD_SECRET_"))
    }
}
