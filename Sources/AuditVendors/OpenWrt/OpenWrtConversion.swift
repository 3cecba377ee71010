import AuditCore

/// Turns the vendor-shaped reading of one device (UCI packages from every input, plus
/// `/etc/shadow`) into the vendor-neutral `DeviceConfig`. Each area lives in its own file as an
/// extension: firewall, network, services, secrets, accounts.
struct OpenWrtConversion {
    static let profile = "openwrt"

    var config: DeviceConfig
    /// Packages merged over all inputs, by name.
    let packages: [String: UCIPackage]
    let documents: [UCIDocument]
    let shadows: [OpenWrtShadowFile]

    init(config: DeviceConfig, documents: [UCIDocument], shadows: [OpenWrtShadowFile]) {
        self.config = config
        self.documents = documents
        self.shadows = shadows
        var merged: [String: UCIPackage] = [:]
        for document in documents {
            for package in document.packages where !package.name.isEmpty {
                merged[package.name, default: UCIPackage(name: package.name)].sections += package.sections
            }
        }
        packages = merged
    }

    /// Order matters: zones come first because interfaces and port forwards take their role from
    /// them; dropbear before accounts because it decides whether root may log in with a password.
    mutating func run() -> DeviceConfig {
        recordCoverage()
        convertSystem()
        convertFirewall()
        convertInterfaces()
        convertServices()
        convertStoredSecrets()
        convertAccounts()
        return config
    }

    // MARK: - Helpers shared by the area files

    mutating func diagnose(_ level: Diagnostic.Level, _ code: String, _ message: String, at span: SourceSpan? = nil) {
        config.diagnostics.append(Diagnostic(level, code: code, message, at: span))
    }

    mutating func badValue(_ message: String, _ value: UCIValue, in section: UCISection) {
        diagnose(.warning, "bad-value", message, at: SourceSpan(file: section.file, start: value.line))
    }

    /// Records where a secret value sits so quoted evidence can be masked.
    mutating func markSecret(_ value: UCIValue, in section: UCISection) {
        guard !value.byteRange.isEmpty else { return }
        config.markSecret(file: section.file, line: value.line, range: value.byteRange)
    }

    /// A vendor default with the OpenWrt profile.
    static func vendorDefault(_ statement: String) -> Provenance {
        .vendorDefault(profile: profile, statement: statement)
    }

    /// A boolean option: its value from the line, or the platform default.
    mutating func bool(_ name: String, in section: UCISection, default fallback: Bool, statement: String) -> Sourced<Bool> {
        guard let value = section.option(name) else { return Sourced(fallback, Self.vendorDefault(statement)) }
        guard let parsed = UCIValueParsing.bool(value.text) else {
            badValue("'\(value.text)' is not a boolean for '\(name)'", value, in: section)
            return Sourced(fallback, .unparsed(SourceSpan(file: section.file, start: value.line)))
        }
        return Sourced(parsed, section.origin(value))
    }

    /// A section's label for messages: its `name` option, its section name, or its type and line.
    static func label(of section: UCISection) -> String {
        section.option("name")?.text ?? section.name ?? "\(section.type) at line \(section.headerLine)"
    }
}
