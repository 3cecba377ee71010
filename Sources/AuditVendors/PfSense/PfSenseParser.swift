import AuditCore

/// Reads every input of one device and converts the first `config.xml` in it. A firewall has
/// one configuration file; further inputs are read (their damage and coverage are reported) but
/// not merged.
enum PfSenseParser {
    static func parse(_ inputs: [ConfigInput], as flavor: PfSenseFlavor) -> DeviceConfig {
        var config = DeviceConfig(identity: DeviceIdentity(vendor: flavor.vendor),
                                  sources: inputs.map { ConfigSource(path: $0.path, text: $0.text) })
        var converted = false
        for input in inputs {
            let doc = PfXMLReader.read(input.text)
            config.diagnostics += inputProblems(doc.bytes, path: input.path)
            config.diagnostics += doc.problems.map { diagnostic($0, file: input.path) }
            guard let root = doc.root else {
                config.coverage = config.coverage + PfSenseConversion.strayCoverage(doc, file: input.path, into: &config.diagnostics)
                continue
            }
            if converted {
                config.diagnostics.append(Diagnostic(
                    .warning, code: "extra-input",
                    "only one config.xml per device is converted; this input is read for damage and coverage only",
                    at: SourceSpan(file: input.path, start: 1)))
                config.coverage = config.coverage + PfSenseConversion.unconvertedCoverage(doc, file: input.path, into: &config.diagnostics)
                continue
            }
            let rootName = doc.name(root)
            if rootName != "pfsense" && rootName != "opnsense" {
                config.diagnostics.append(Diagnostic(
                    .warning, code: "unexpected-root",
                    "the root element is <\(rootName)>, not <\(flavor.rootName)>: read as \(flavor.displayName) anyway",
                    at: SourceSpan(file: input.path, start: doc.line(root))))
            } else if rootName != flavor.rootName {
                config.diagnostics.append(Diagnostic(
                    .info, code: "other-product",
                    "the root element is <\(rootName)>: read with the \(flavor.displayName) defaults as requested",
                    at: SourceSpan(file: input.path, start: doc.line(root))))
            }
            var conversion = PfSenseConversion(flavor: flavor, doc: doc, file: input.path, root: root, config: config)
            config = conversion.run()
            converted = true
        }
        return config
    }

    static func diagnostic(_ problem: PfXMLDocument.Problem, file: String) -> Diagnostic {
        let span = SourceSpan(file: file, start: max(1, problem.line))
        switch problem.kind {
        case .truncated: return Diagnostic(.error, code: "truncated", problem.message, at: span)
        case .mismatched: return Diagnostic(.error, code: "mismatched-tag", problem.message, at: span)
        case .badMarkup: return Diagnostic(.warning, code: "bad-markup", problem.message, at: span)
        case .noElement: return Diagnostic(.warning, code: "not-xml", problem.message, at: span)
        }
    }

    /// Empty and binary inputs, reported once per input.
    static func inputProblems(_ bytes: [UInt8], path: String) -> [Diagnostic] {
        if bytes.contains(0) {
            return [Diagnostic(.error, code: "binary", "the input contains NUL bytes: not a text configuration",
                               at: SourceSpan(file: path, start: 1))]
        }
        if bytes.allSatisfy({ PfXMLBytes.isSpace($0) }) {
            return [Diagnostic(.warning, code: "empty", "the input is empty", at: SourceSpan(file: path, start: 1))]
        }
        return []
    }
}
