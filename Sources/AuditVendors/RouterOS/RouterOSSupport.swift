import AuditCore

/// MikroTik RouterOS 6 and 7: `/export` output (terse or not, `show-sensitive` or not, captured by
/// oxidized with its header) and scripts in export syntax. All inputs of one device are read in
/// order into one `DeviceConfig`, with one `ConfigSource` per input.
public struct RouterOSSupport: VendorSupport {
    public init() {}
    public var id: VendorID { .routerOS }
    public var displayName: String { "MikroTik RouterOS" }

    public func detect(_ text: String) -> DetectionScore {
        RouterOSDetection.score(text)
    }

    public func parse(_ inputs: [ConfigInput]) -> DeviceConfig {
        var sources: [ConfigSource] = []
        var documents: [RouterOSDocument] = []
        var diagnostics: [Diagnostic] = []
        for input in inputs {
            let source = ConfigSource(path: input.path, text: input.text)
            sources.append(source)
            if input.text.utf8.contains(0) {
                diagnostics.append(Diagnostic(.error, code: "binary", "the input contains NUL bytes: not a text configuration",
                                              at: SourceSpan(file: input.path, start: 1)))
            } else if input.text.utf8.allSatisfy({ RouterOSReader.isBlank($0) || $0 == 0x0A }) {
                diagnostics.append(Diagnostic(.warning, code: "empty", "the input is empty", at: SourceSpan(file: input.path, start: 1)))
            }
            let document = RouterOSReader.read(source)
            if document.meaningfulLines > 0 && !document.statements.contains(where: { !$0.path.isEmpty && $0.path != ":script" }) {
                diagnostics.append(Diagnostic(.warning, code: "not-routeros",
                                              "no RouterOS menu or command found in this input",
                                              at: SourceSpan(file: input.path, start: 1)))
            }
            documents.append(document)
        }
        var config = DeviceConfig(identity: DeviceIdentity(vendor: id), sources: sources)
        config.diagnostics = diagnostics
        var conversion = RouterOSConversion(config: config, documents: documents)
        return conversion.run()
    }
}
