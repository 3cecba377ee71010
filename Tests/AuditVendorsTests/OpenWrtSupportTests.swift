import AuditCore
import Testing
@testable import AuditVendors

/// Inline inputs for the OpenWrt tests. Each input is (path, text); the path only names the
/// source, it never decides how the text is read.
enum OpenWrtTest {
    static func parse(_ files: (path: String, text: String)...) -> DeviceConfig {
        OpenWrtSupport().parse(files.map { ConfigInput(path: $0.path, text: $0.text) })
    }

    static func parse(_ text: String, path: String = "config") -> DeviceConfig {
        OpenWrtSupport().parse([ConfigInput(path: path, text: text)])
    }

    static func read(_ text: String, path: String = "config") -> UCIDocument {
        UCIReader.read(ConfigSource(path: path, text: text))
    }

    static func diagnostics(_ config: DeviceConfig, code: String) -> [Diagnostic] {
        config.diagnostics.filter { $0.code == code }
    }

    /// The text a secret span covers, to check that masking would hide exactly the secret.
    static func maskedText(_ span: SecretSpan, in config: DeviceConfig) -> String? {
        guard let line = config.sources.first(where: { $0.path == span.file })?.line(span.line) else { return nil }
        let bytes = Array(line.utf8)
        guard span.range.upperBound <= bytes.count else { return nil }
        return String(decoding: bytes[span.range], as: UTF8.self)
    }
}

@Suite("OpenWrt vendor support")
struct OpenWrtSupportTests {
    @Test func identifiesItself() {
        let support = OpenWrtSupport()
        #expect(support.id == .openWrt)
        #expect(support.displayName == "OpenWrt")
        #expect(VendorRegistry.support(for: .openWrt) != nil)
    }

    @Test func mergesEveryInputOfOneDeviceWithOneSourceEach() {
        let config = OpenWrtTest.parse(
            (path: "etc/config/system", text: "config system\n\toption hostname 'gw'\n"),
            (path: "etc/config/dropbear", text: "config dropbear\n\toption Port '2222'\n"),
            (path: "etc/shadow", text: "root::0:0:99999:7:::\n"))
        #expect(config.sources.map(\.path) == ["etc/config/system", "etc/config/dropbear", "etc/shadow"])
        #expect(config.identity.vendor == .openWrt)
        #expect(config.identity.hostname?.value == "gw")
        #expect(config.service(.ssh)?.port?.value == 2222)
        #expect(config.accounts.map(\.name) == ["root"])
        #expect(config.coverage.meaningfulLines == 5)
        #expect(config.coverage.understoodLines == 5)
    }

    @Test func fileNamesAreNotEvidence() {
        // A firewall file named "dropbear" is still a firewall file.
        let config = OpenWrtTest.parse("config zone\n\toption name 'wan'\n\toption input 'ACCEPT'\n", path: "dropbear")
        #expect(config.zones.map(\.name) == ["wan"])
        #expect(config.service(.ssh) == nil)
    }
}
