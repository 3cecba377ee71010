import AuditCore

/// OpenWrt: UCI configuration (`/etc/config/*` files, `uci export`, `uci show`) and
/// `/etc/shadow`. All inputs of one device are merged into one `DeviceConfig`, with one
/// `ConfigSource` per input.
public struct OpenWrtSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .openWrt }
    public var displayName: String { "OpenWrt" }

    public func detect(_ text: String) -> DetectionScore {
        OpenWrtDetection.score(text)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        var sources: [ConfigSource] = []
        var documents: [UCIDocument] = []
        var shadows: [OpenWrtShadowFile] = []
        var diagnostics: [Diagnostic] = []
        for input in inputs {
            let source = ConfigSource(path: input.path, text: input.text)
            sources.append(source)
            diagnostics += Self.inputProblems(input)
            // Shadow files are told by content: most of their lines are `name:hash:...`.
            if OpenWrtShadowReader.looksLikeShadow(source) {
                shadows.append(OpenWrtShadowReader.read(source))
            } else {
                let document = UCIReader.read(source)
                if document.packages.isEmpty && document.meaningfulLines > 0 {
                    diagnostics.append(Diagnostic(.warning, code: "not-uci",
                                                  "no UCI section or shadow line found in this input",
                                                  at: SourceSpan(file: input.path, start: 1)))
                }
                documents.append(document)
            }
        }
        var config = DeviceConfig(identity: DeviceIdentity(vendor: id), sources: sources)
        config.diagnostics = diagnostics
        var conversion = OpenWrtConversion(config: config, documents: documents, shadows: shadows)
        return conversion.run()
    }

    /// Empty and binary inputs, reported once per input.
    private static func inputProblems(_ input: ConfigInput) -> [Diagnostic] {
        if input.text.utf8.contains(0) {
            return [Diagnostic(.error, code: "binary", "the input contains NUL bytes: not a text configuration",
                               at: SourceSpan(file: input.path, start: 1))]
        }
        if input.text.utf8.allSatisfy({ UCILexer.isBlank($0) || $0 == 0x0A }) {
            return [Diagnostic(.warning, code: "empty", "the input is empty", at: SourceSpan(file: input.path, start: 1))]
        }
        return []
    }
}
