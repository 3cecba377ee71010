import AuditCore
import AuditVendors
import Foundation
import Testing

/// What every vendor's corpus test does: find the real configurations in ../shared (never copied
/// into the repository) and the fixtures, check detection, print the share of lines understood
/// per file with the lines that were not, and return the shares.
enum CorpusHarness {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func corpus(_ folder: String) -> URL {
        packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/configs/\(folder)")
    }

    static func fixtures(_ folder: String) -> URL {
        packageRoot.appendingPathComponent("device-fixtures/\(folder)")
    }

    static func files(in folder: URL) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.sorted().map { folder.appendingPathComponent($0) }
    }

    static func read(_ url: URL) -> String? {
        FileManager.default.contents(atPath: url.path).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Parses every file of `folder` with `support`, expecting detection as it and at least
    /// `minimum` of each file understood; returns the shares.
    @discardableResult
    static func check(folder: URL, support: any VendorSupport, minimum: Double) -> [Double] {
        let files = files(in: folder)
        #expect(!files.isEmpty, "no files in \(folder.path)")
        print("coverage of \(folder.lastPathComponent):")
        var shares: [Double] = []
        for url in files {
            guard let text = read(url) else {
                Issue.record("cannot read \(url.path)")
                continue
            }
            let detected = VendorRegistry.detect(text)
            #expect(detected?.vendor.id == support.id, "\(url.lastPathComponent) detected as \(detected?.vendor.id.rawValue ?? "nothing")")
            let config = support.parse([ConfigInput(path: url.lastPathComponent, text: text)])
            let coverage = config.coverage
            let percent = (coverage.ratio * 1000).rounded() / 10
            shares.append(coverage.ratio)
            print("  \(url.lastPathComponent): \(coverage.understoodLines)/\(coverage.meaningfulLines) = \(percent)% (detection \(detected?.score.value ?? 0))")
            for diagnostic in config.diagnostics where diagnostic.code == "unrecognized-line" {
                print("    \(diagnostic.span.map(\.description) ?? ""): \(diagnostic.message)")
            }
            #expect(coverage.ratio >= minimum, "\(url.lastPathComponent) understood only \(percent)%")
        }
        return shares
    }

    /// The corpus check every vendor runs: skips with a printed reason when ../shared is absent,
    /// and requires a median share of at least 90%.
    static func checkCorpus(_ folder: String, support: any VendorSupport) {
        let corpus = corpus(folder)
        guard FileManager.default.fileExists(atPath: corpus.path) else {
            print("skipping: corpus not found at \(corpus.path) (../shared is absent)")
            return
        }
        let shares = check(folder: corpus, support: support, minimum: 0.5).sorted()
        let median = shares.isEmpty ? 0 : shares[shares.count / 2]
        print("  median share understood: \((median * 1000).rounded() / 10)%")
        #expect(median >= 0.9)
    }
}
