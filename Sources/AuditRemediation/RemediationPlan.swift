import AuditCore

/// One step of a fix: the commands that close one or more findings, and the commands that put
/// back exactly what was there before (built from the evidence lines, not from a guess).
public struct FixBlock: Sendable {
    /// Blocks that touch the same thing share a key and are merged into one.
    public var key: String
    public var title: String
    /// Indices into the findings the plan was made from.
    public var findings: [Int]
    /// Commands in the vendor's syntax, without the safety net around them.
    public var apply: [String]
    public var rollback: [String]
    /// What the engineer should know before running it (lock-out risks, prerequisites).
    public var notes: [String]
    /// Lower runs first: shared objects (a management ACL) before the blocks that use them.
    public var order: Int
    /// Shell commands rather than the vendor's configuration commands (OpenWrt: `passwd` for
    /// /etc/shadow, which uci does not manage; they run only after the engineer confirms).
    public var shell = false

    public init(key: String, title: String, findings: [Int] = [], apply: [String], rollback: [String],
                notes: [String] = [], order: Int = 50) {
        self.key = key
        self.title = title
        self.findings = findings
        self.apply = apply
        self.rollback = rollback
        self.notes = notes
        self.order = order
    }
}

/// A finding no script closes, with the reason and what a person must do.
public struct UnfixableFinding: Sendable {
    public var finding: Int
    public var reason: String

    public init(finding: Int, reason: String) {
        self.finding = finding
        self.reason = reason
    }
}

/// A value the script takes from the environment instead of writing it down: a new credential
/// (never invented by the tool) or an original secret the rollback restores.
public struct ScriptVariable: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// A new credential the engineer chooses; the script prompts for it when unset.
        case newSecret
        /// A secret from the original configuration, needed only to roll back.
        case originalSecret
        /// A value the engineer must supply (a management station address).
        case value
        /// The one-way hash of a new password, in the device's format (`openssl passwd -6`):
        /// for configurations that hold only hashes, where the script cannot prompt.
        case newPasswordHash(scheme: String)
    }

    public var name: String
    public var kind: Kind
    public var explanation: String

    public init(name: String, kind: Kind, explanation: String) {
        self.name = name
        self.kind = kind
        self.explanation = explanation
    }

    /// How a script refers to it: `${NAME}` works for the shell and for `envsubst`.
    public var reference: String { "${\(name)}" }
}

/// Everything one device needs: blocks in order, findings left to a person, and variables.
public struct RemediationPlan: Sendable {
    public var vendor: VendorID
    public var device: String
    public var findings: [Finding]
    public var blocks: [FixBlock]
    public var unfixable: [UnfixableFinding]
    public var variables: [ScriptVariable]
    /// Values of `originalSecret` variables, for proving the rollback. Never written to a script
    /// unless secrets are shown (then the scripts hold the secrets themselves).
    public var originalSecrets: [String: String]

    public init(vendor: VendorID, device: String, findings: [Finding], blocks: [FixBlock],
                unfixable: [UnfixableFinding], variables: [ScriptVariable], originalSecrets: [String: String]) {
        self.vendor = vendor
        self.device = device
        self.findings = findings
        self.blocks = blocks
        self.unfixable = unfixable
        self.variables = variables
        self.originalSecrets = originalSecrets
    }

    /// Indices of findings some block closes.
    public var fixedFindings: Set<Int> { Set(blocks.flatMap(\.findings)) }
}

/// The files written for one device.
public struct RemediationScripts: Sendable {
    public var apply: String
    public var rollback: String
    public var readme: String
    /// `ios`, `sh`, ...: the extension of `apply.<ext>`.
    public var fileExtension: String

    public init(apply: String, rollback: String, readme: String, fileExtension: String) {
        self.apply = apply
        self.rollback = rollback
        self.readme = readme
        self.fileExtension = fileExtension
    }
}
