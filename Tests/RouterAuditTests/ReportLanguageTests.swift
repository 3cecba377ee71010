import AuditCore
import AuditReport
import Foundation
import RouterAudit
import Testing

/// Every check speaks English and Dutch; `--lang` and the environment choose.
struct ReportLanguageTests {
    /// `code` spans of a text, in order.
    static func codeSpans(_ text: String) -> [String] {
        text.split(separator: "`", omittingEmptySubsequences: false).enumerated().compactMap { $0.offset % 2 == 1 ? String($0.element) : nil }
    }

    @Test func everyCheckHasDutch() {
        for check in RouterAuditFacade.checks {
            guard let dutch = check.dutch else {
                Issue.record("\(check.id) (\(check.slug)) has no Dutch text: add `dutch: LocalizedText(title:rationale:remediation:)` to its CheckDescription")
                continue
            }
            #expect(!dutch.title.isEmpty && !dutch.rationale.isEmpty && !dutch.remediation.isEmpty, "\(check.id): empty Dutch text")
            #expect(dutch.rationale != check.rationale && dutch.remediation != check.remediation, "\(check.id): the Dutch text is the English one")
            #expect(dutch.title != check.title || check.title.split(separator: " ").count <= 2, "\(check.id): the Dutch title is the English one")
            // Commands and keywords stay as they are: every `code` span of the English is in the Dutch.
            for (english, translated, field) in [(check.rationale, dutch.rationale, "rationale"), (check.remediation, dutch.remediation, "remediation")] {
                let missing = Set(Self.codeSpans(english)).subtracting(Self.codeSpans(translated))
                #expect(missing.isEmpty, "\(check.id): Dutch \(field) lost the commands \(missing.sorted())")
            }
            #expect(check.text(language: "nl") == dutch && check.text(language: "en") == check.english)
        }
    }

    @Test func auditSpeaksDutchWhenAsked() throws {
        let fixture = Fixtures.path("cisco-ios/soho-887-insecure.cfg")
        let dutch = try ReportTools.routeraudit(["audit", "--lang", "nl", fixture])
        #expect(dutch.status == 1)
        #expect(dutch.stdout.contains("[RA-MGMT-001] Beheer via Telnet ingeschakeld:"))
        #expect(dutch.stdout.contains("oplossing: Sta op terminal-lines alleen SSH toe (`transport input ssh`)"))
        #expect(dutch.stdout.contains("1 apparaat gecontroleerd"))
        #expect(dutch.stdout.contains("Uw router is niet veilig zoals hij nu is ingesteld."))

        // The environment decides when --lang is absent; LC_ALL wins over LANG.
        let fromLang = try ReportTools.routeraudit(["audit", fixture], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(fromLang.stdout.contains("Beheer via Telnet ingeschakeld"))
        let overridden = try ReportTools.routeraudit(["audit", fixture], environment: ["LANG": "nl_NL.UTF-8", "LC_ALL": "C"])
        #expect(overridden.stdout.contains("Telnet management enabled") && !overridden.stdout.contains("Beheer via Telnet"))
        let english = try ReportTools.routeraudit(["audit", "--lang", "en", fixture], environment: ["LANG": "nl_NL.UTF-8"])
        #expect(english.stdout.contains("device audited"))

        let markdown = try ReportTools.routeraudit(["audit", "--format", "markdown", "--lang", "nl", fixture])
        #expect(markdown.stdout.contains("**Zo lost u het op.**") && markdown.stdout.contains("Beheer via Telnet ingeschakeld"))
    }

    /// Tools get English whatever the environment says.
    @Test func machineFormatsStayEnglish() throws {
        let fixture = Fixtures.path("cisco-ios/soho-887-insecure.cfg")
        for format in ["json", "sarif", "csv", "junit"] {
            let result = try ReportTools.routeraudit(["audit", "--format", format, "--lang", "nl", fixture], environment: ["LANG": "nl_NL.UTF-8"])
            #expect(result.stdout.contains("Telnet management enabled"), "\(format)")
            #expect(!result.stdout.contains("Beheer via Telnet"), "\(format)")
        }
        #expect(try ReportTools.routeraudit(["audit", "--lang", "de", fixture]).status == 2)
    }
}
