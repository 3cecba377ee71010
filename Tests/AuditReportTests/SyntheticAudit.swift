import AuditCore
import AuditReport

/// Audits built by hand, so reporter tests need no parser: device text that tries to break out of
/// every output format, secrets on known line positions, findings of every severity.
enum SyntheticAudit {
    static let secret = "Sup3r-S3cret!"

    static let catalog: [String: CheckDescription] = Dictionary(uniqueKeysWithValues: checks.map { ($0.id, $0) })

    static let checks: [CheckDescription] = [
        CheckDescription(id: "RA-SNMP-001", slug: "snmp-default-community", title: "SNMP community is a default", severity: .high,
                         area: .snmp, rationale: "Scanners try `public` first.", remediation: "Remove the community (`no snmp-server community`).",
                         references: [.cis("1.5.1", "Do not use 'public'")],
                         dutch: LocalizedText(title: "SNMP-community is een standaardwaarde", rationale: "Scanners proberen eerst `public`.",
                                              remediation: "Verwijder de community (`no snmp-server community`)."),
                         examples: []),
        CheckDescription(id: "RA-MGMT-001", slug: "telnet-enabled", title: "Telnet management enabled", severity: .high, area: .mgmt,
                         rationale: "Telnet is cleartext.", remediation: "Use `transport input ssh`.",
                         dutch: LocalizedText(title: "Beheer via Telnet ingeschakeld", rationale: "Telnet is onversleuteld.",
                                              remediation: "Gebruik `transport input ssh`."),
                         examples: []),
        CheckDescription(id: "RA-FW-002", slug: "wan-default-accept", title: "WAN traffic accepted by default", severity: .high, area: .fw,
                         rationale: "Default accept exposes everything.", remediation: "Deny by default.",
                         dutch: LocalizedText(title: "WAN-verkeer standaard geaccepteerd", rationale: "Standaard accepteren stelt alles bloot.",
                                              remediation: "Standaard weigeren."),
                         examples: []),
        CheckDescription(id: "RA-MGMT-006", slug: "no-login-protection", title: "No protection against login brute force", severity: .low,
                         area: .mgmt, rationale: "Guessing is unlimited.", remediation: "Configure `login block-for 120 attempts 5 within 60`.",
                         dutch: LocalizedText(title: "Geen bescherming tegen raden", rationale: "Raden is onbeperkt.",
                                              remediation: "Configureer `login block-for 120 attempts 5 within 60`."),
                         examples: []),
        CheckDescription(id: "RA-FW-005", slug: "shadowed-rule", title: "Rule can never match (shadowed)", severity: .low, area: .fw,
                         rationale: "Dead rules hide the policy.", remediation: "Move or delete the rule.",
                         dutch: LocalizedText(title: "Regel kan nooit matchen", rationale: "Dode regels verbergen het beleid.",
                                              remediation: "Verplaats of verwijder de regel."),
                         examples: []),
    ]

    /// A configuration whose every line is hostile to some output format.
    static let hostileLines = [
        "hostname <script>alert(1)</script>",                                        // 1
        "snmp-server community \(secret) RW",                                        // 2: secret at 22..<35
        "description <img src=http://evil.example/x.png onerror=alert(2)> | `x` ``` ]]>",  // 3
        "description =HYPERLINK(\"http://evil.example\",\"click\"), \"quoted\"\r",  // 4
        "interface Dialer1",                                                         // 5
        " ip nat outside",                                                           // 6
        "line vty 0 4",                                                              // 7
        " transport input telnet\u{1B}[2J\u{07}",                                    // 8
        "access-list 100 permit ip any any",                                         // 9
    ]

    static func config(path: String = "configs/edge router#1.cfg", hostname: String = "<script>alert(1)</script>") -> DeviceConfig {
        var config = DeviceConfig(identity: DeviceIdentity(vendor: .ciscoIOS, hostname: Sourced(hostname, .line(path, 1))),
                                  sources: [ConfigSource(path: path, text: hostileLines.joined(separator: "\n") + "\n")])
        config.markSecret(file: path, line: 2, range: 22..<(22 + secret.utf8.count))
        config.coverage = ParseCoverage(meaningfulLines: hostileLines.count, understoodLines: hostileLines.count)
        config.interfaces = [Interface(name: "Dialer1", role: Sourced(.wan, .line(path, 6)), origin: .line(path, 5))]
        return config
    }

    /// One finding per kind the reporters must handle: a secret in the message, hostile evidence,
    /// a vendor default, a multi-line span, a WAN-exposed finding.
    static func findings(path: String = "configs/edge router#1.cfg") -> [Finding] {
        [
            Finding(checkID: "RA-SNMP-001", severity: .critical, message: "snmp rw community \(secret: secret) is a well-known default",
                    evidence: [.line(path, 2)], subject: "snmp community 1", fix: .manual("remove it")),
            Finding(checkID: "RA-MGMT-001", severity: .high, message: "line 'vty 0 4' accepts telnet <b>\"now\"</b>, really",
                    evidence: [.source(SourceSpan(file: path, start: 7, end: 8)), .line(path, 3), .line(path, 4)],
                    subject: "line vty 0 4", fix: .manual("ssh only")),
            Finding(checkID: "RA-FW-002", severity: .high, message: "wan interface Dialer1 has no inbound acl",
                    evidence: [.line(path, 5)], subject: "interface Dialer1", fix: .manual("acl")),
            Finding(checkID: "RA-MGMT-006", severity: .low, message: "=cmd|' /C calc'!A0 no login block-for",
                    evidence: [.vendorDefault(profile: "cisco-ios", statement: "without `login block-for`, IOS does not slow down failed logins")],
                    subject: "vty 0 4", fix: .manual("block")),
            Finding(checkID: "RA-FW-005", severity: .low, message: "rule 10 of acl 100 is shadowed",
                    evidence: [.line(path, 9)], subject: "acl 100 rule 10", fix: .manual("move")),
        ]
    }

    static func run(devices: Int = 1, findingsPerDevice: Int? = nil) -> AuditRun {
        var audits: [DeviceAudit] = []
        for index in 0..<devices {
            let path = devices == 1 ? "configs/edge router#1.cfg" : "configs/site-\(index).cfg"
            var found = findings(path: path)
            if let count = findingsPerDevice {
                found = (0..<count).map { n in
                    var finding = found[n % found.count]
                    finding.subject += " #\(n)"
                    return finding
                }
            }
            audits.append(DeviceAudit(config: config(path: path, hostname: devices == 1 ? "<script>alert(1)</script>" : "site-\(index)"),
                                      findings: found, vendorChoice: "forced with --vendor"))
        }
        return AuditRun(devices: audits, problems: [InputProblem(path: "bad <file>.bin", reason: "file is binary & \"odd\"")],
                        policyName: "baseline", catalog: catalog)
    }

    static func document(devices: Int = 1, findingsPerDevice: Int? = nil, showSecrets: Bool = false) -> ReportDocument {
        ReportBuilder.build(run(devices: devices, findingsPerDevice: findingsPerDevice), showSecrets: showSecrets, toolVersion: "9.9.9")
    }
}
