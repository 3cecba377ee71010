import AuditCore

/// A credential judgement as the history store keeps it: the verdict and its reason category,
/// never the recovered cleartext. The store already holds every collected configuration; it must
/// not also become a list of cracked passwords. The key (a SHA-256 of the hash and what the
/// judgement depends on) is enough to skip cracking an unchanged hash again.
enum StoredJudgement {
    /// Whether the engine recovered the secret: `none`, `empty` (the empty password), or
    /// `withheld` (recovered, cleartext not kept).
    static func recoveredKind(_ assessment: SecretAssessment) -> String {
        switch assessment.recovered {
        case nil: "none"
        case ""?: "empty"
        default: "withheld"
        }
    }

    /// Stands in for a cleartext that was recovered but not kept. Sweeps render findings with
    /// secrets masked, so the checks only need to know that something was recovered; a caller that
    /// must show the cleartext ignores withheld entries and cracks again (`StoredAssessmentCache`).
    static let withheldCleartext = "(not kept)"

    /// Schema step shared by the SQLite and PostgreSQL stores: the judgement table replaces the
    /// older `secret_assessments`, which kept recovered cleartext; only its kind is carried over.
    static let replaceCleartextTableSQL = """
        CREATE TABLE credential_judgements (
            key TEXT PRIMARY KEY,
            recovered_kind TEXT NOT NULL CHECK (recovered_kind IN ('none', 'empty', 'withheld')),
            matches_default TEXT,
            weakness TEXT,
            problem TEXT
        );
        INSERT INTO credential_judgements (key, recovered_kind, matches_default, weakness, problem)
            SELECT key, CASE WHEN recovered IS NULL THEN 'none' WHEN recovered = '' THEN 'empty' ELSE 'withheld' END,
                   matches_default, weakness, problem
            FROM secret_assessments;
        DROP TABLE secret_assessments;
        """

    static func assessment(recoveredKind: String?, matchesDefault: String?, weakness: String?, problem: String?) -> SecretAssessment {
        let recovered: String? = switch recoveredKind {
        case "empty": ""
        case "withheld": withheldCleartext
        default: nil
        }
        return SecretAssessment(recovered: recovered, matchesDefault: matchesDefault, weakness: weakness, problem: problem)
    }

    static func isWithheld(_ assessment: SecretAssessment) -> Bool {
        assessment.recovered == withheldCleartext
    }
}
