import AuditCore

/// JUnit XML for CI systems: one test suite per device, one test case per check that ran on it
/// (a failure when the check found something, listing what), and a suite `inputs` with an error
/// per input that could not be audited. Always English.
public enum JUnitReporter {
    /// `checks`: the descriptions of the checks that ran, in the order to list them.
    public static func render(_ document: ReportDocument, checks: [CheckDescription]) -> String {
        var suites: [String] = []
        var totalTests = 0, totalFailures = 0
        for device in document.devices {
            let byCheck = Dictionary(grouping: device.findings, by: \.id)
            // Checks that ran, plus any check with findings that is not among them.
            let ids = checks.map(\.id) + byCheck.keys.filter { id in !checks.contains { $0.id == id } }.sorted()
            let titles = Dictionary(checks.map { ($0.id, ($0.slug, $0.title)) }, uniquingKeysWith: { a, _ in a })
            let className = "routeraudit." + device.shortName
            var cases = ""
            var failures = 0
            for id in ids {
                let found = byCheck[id] ?? []
                let (slug, title) = titles[id] ?? (found.first?.slug ?? "", found.first?.title ?? id)
                let name = slug.isEmpty ? id : "\(id) \(slug)"
                if found.isEmpty {
                    cases += "    <testcase classname=\"\(attribute(className))\" name=\"\(attribute(name))\"/>\n"
                    continue
                }
                failures += 1
                let worst = found.map(\.severity).max() ?? .info
                let summary = "\(found.count) finding\(found.count == 1 ? "" : "s") (\(worst.rawValue)): \(title)"
                var body = ""
                for finding in found {
                    body += "[\(finding.severity.rawValue)] \(finding.message)\n"
                    for evidence in finding.evidence {
                        if let file = evidence.file, let line = evidence.line {
                            body += "  \(file):\(line)  \(evidence.text ?? "")\n"
                        } else if let statement = evidence.vendorDefault {
                            body += "  vendor default: \(statement)\n"
                        }
                    }
                }
                body += "fix: \(found[0].remediation)\n"
                cases += "    <testcase classname=\"\(attribute(className))\" name=\"\(attribute(name))\">\n"
                cases += "      <failure message=\"\(attribute(summary))\" type=\"\(worst.rawValue)\">\(text(body))</failure>\n"
                cases += "    </testcase>\n"
            }
            totalTests += ids.count
            totalFailures += failures
            var suite = "  <testsuite name=\"\(attribute(device.displayName))\" tests=\"\(ids.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
            suite += "    <properties>\n"
            suite += "      <property name=\"vendor\" value=\"\(attribute(device.vendor))\"/>\n"
            suite += "      <property name=\"score\" value=\"\(device.score)\"/>\n"
            for source in device.sources {
                suite += "      <property name=\"source\" value=\"\(attribute(source))\"/>\n"
            }
            suite += "    </properties>\n" + cases + "  </testsuite>\n"
            suites.append(suite)
        }
        if !document.problems.isEmpty {
            var suite = "  <testsuite name=\"inputs\" tests=\"\(document.problems.count)\" failures=\"0\" errors=\"\(document.problems.count)\" skipped=\"0\">\n"
            for problem in document.problems {
                suite += "    <testcase classname=\"routeraudit.inputs\" name=\"\(attribute(problem.path))\">\n"
                suite += "      <error message=\"\(attribute(problem.reason))\" type=\"input\"/>\n"
                suite += "    </testcase>\n"
            }
            suites.append(suite + "  </testsuite>\n")
            totalTests += document.problems.count
        }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<testsuites name=\"routeraudit\" tests=\"\(totalTests)\" failures=\"\(totalFailures)\" errors=\"\(document.problems.count)\">\n"
        out += suites.joined()
        out += "</testsuites>\n"
        return out
    }

    /// Character data: markup characters escaped, and characters XML 1.0 forbids (most C0
    /// controls, which hostile device text may hold) replaced.
    static func text(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for scalar in value.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\t", "\n": out.unicodeScalars.append(scalar)
            case "\r": out += "&#13;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// An attribute value in double quotes: quotes and line breaks escaped too.
    static func attribute(_ value: String) -> String {
        text(value).replacing("\"", with: "&quot;").replacing("\n", with: "&#10;").replacing("\t", with: "&#9;")
    }
}
