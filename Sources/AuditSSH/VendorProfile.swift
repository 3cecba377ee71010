/// How to collect from one platform over SSH: loaded from `profiles/vendors/*.yaml` (see
/// docs/ssh.md). Patterns are regular expressions matched against the unfinished last line the
/// device shows (prompts, pagers, questions), after terminal sequences are removed.
public struct VendorProfile: Sendable {
    public enum Mode: String, Sendable { case exec, shell }

    /// A question the device may ask, and what to type (`[Y/N]` → `N`, a disclaimer → `a`).
    public struct Answer: Sendable {
        public var pattern: String
        public var reply: String
        /// The reply is sent without a newline (pagers, "press any key").
        public var raw: Bool
        public init(pattern: String, reply: String, raw: Bool = false) {
            self.pattern = pattern
            self.reply = reply
            self.raw = raw
        }
    }

    /// Privilege escalation: the command, the prompt that asks for the secret, and how the
    /// privileged prompt looks.
    public struct Enable: Sendable {
        public var command: String
        public var passwordPrompt: String
        public var privilegedPrompt: String
        public init(command: String, passwordPrompt: String, privilegedPrompt: String) {
            self.command = command
            self.passwordPrompt = passwordPrompt
            self.privilegedPrompt = privilegedPrompt
        }
    }

    /// A command whose output is kept. An optional command may fail (`cat /etc/shadow` without root).
    public struct Command: Sendable, Hashable {
        public var command: String
        public var optional: Bool
        public init(_ command: String, optional: Bool = false) {
            self.command = command
            self.optional = optional
        }
    }

    /// The vendor id of the parser that reads the collected configuration (`cisco-ios`).
    public var id: String
    public var name: String
    /// Patterns on the SSH server identification string (`SSH-2.0-Cisco-1.25`) and on the first
    /// prompt, to recognise the platform when no vendor is given.
    public var detectServerVersion: [String]
    public var detectPrompt: [String]
    public var mode: Mode
    /// The CLI prompt (shell mode), any privilege level.
    public var prompt: String
    public var pagers: [Answer]
    public var answers: [Answer]
    public var enable: Enable?
    /// Read-only, session-only commands sent first (`screen-length 0 temporary`): never one that
    /// writes configuration.
    public var sessionCommands: [String]
    public var version: [Command]
    public var config: [Command]
    /// Sent at the end of a shell session.
    public var exit: String?
    /// Where the profile came from, for messages (`profiles/vendors/cisco-ios.yaml`).
    public var source: String

    public init(id: String, name: String, detectServerVersion: [String] = [], detectPrompt: [String] = [], mode: Mode,
                prompt: String, pagers: [Answer] = [], answers: [Answer] = [], enable: Enable? = nil,
                sessionCommands: [String] = [], version: [Command] = [], config: [Command], exit: String? = nil, source: String = "") {
        self.id = id
        self.name = name
        self.detectServerVersion = detectServerVersion
        self.detectPrompt = detectPrompt
        self.mode = mode
        self.prompt = prompt
        self.pagers = pagers
        self.answers = answers
        self.enable = enable
        self.sessionCommands = sessionCommands
        self.version = version
        self.config = config
        self.exit = exit
        self.source = source
    }

    /// Every pattern of the profile, with a name for error messages, so a loader can compile
    /// them all up front and report a bad one with its file and line.
    public var patterns: [(field: String, pattern: String)] {
        var all: [(String, String)] = [("prompt", prompt)]
        all += detectServerVersion.map { ("detect.server-version", $0) } + detectPrompt.map { ("detect.prompt", $0) }
        all += pagers.map { ("pagers", $0.pattern) } + answers.map { ("answers", $0.pattern) }
        if let enable { all += [("enable.password-prompt", enable.passwordPrompt), ("enable.privileged-prompt", enable.privilegedPrompt)] }
        return all
    }

    /// The profile whose server-version pattern matches, else nil.
    public static func detect(serverVersion: String, among profiles: [VendorProfile]) -> VendorProfile? {
        profiles.first { profile in
            profile.detectServerVersion.contains { pattern in
                (try? Regex(pattern)).flatMap { try? $0.firstMatch(in: serverVersion) } != nil
            }
        }
    }
}
