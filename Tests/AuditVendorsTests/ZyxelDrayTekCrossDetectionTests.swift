import AuditCore
import AuditVendors
import Foundation
import Testing

/// No other vendor's file (fixtures and the shared corpus) is taken for Zyxel or DrayTek, and
/// their fixtures are taken for nothing else.
@Suite struct ZyxelDrayTekCrossDetectionTests {
    static func allFiles(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { !$0.hasDirectoryPath }
    }

    @Test func fixturesAreDetectedAsTheirVendor() {
        for (folder, vendor) in [("zyxel", VendorID.zyxel), ("draytek", .drayTek)] {
            let files = CorpusHarness.files(in: CorpusHarness.fixtures(folder))
            #expect(files.count >= 2)
            for url in files {
                guard let text = CorpusHarness.read(url) else { continue }
                #expect(VendorRegistry.detect(text)?.vendor.id == vendor, "\(url.lastPathComponent)")
            }
        }
    }

    @Test func nothingElseIsMistakenForZyxelOrDrayTek() {
        var urls = Self.allFiles(under: CorpusHarness.packageRoot.appendingPathComponent("device-fixtures"))
            .filter { !$0.path.contains("/zyxel/") && !$0.path.contains("/draytek/") }
        let corpus = CorpusHarness.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/configs")
        if FileManager.default.fileExists(atPath: corpus.path) {
            urls += Self.allFiles(under: corpus)
        } else {
            print("corpus not found at \(corpus.path) (../shared is absent): checking the fixtures only")
        }
        var checked = 0
        for url in urls {
            guard let text = CorpusHarness.read(url) else { continue }
            checked += 1
            let detected = VendorRegistry.detect(text)?.vendor.id
            #expect(detected != .zyxel && detected != .drayTek, "\(url.path) detected as \(detected?.rawValue ?? "-")")
        }
        print("checked \(checked) other vendors' files")
        #expect(checked > 0)
    }
}
