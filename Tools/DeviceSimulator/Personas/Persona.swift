/// How one platform's command line answers. A persona is a pure function of the line typed and
/// the session's state; the session handler does the I/O, paging, latency and faults.
protocol Persona: Sendable {
    /// The pager this platform shows on a terminal, if it pages at all.
    var pager: Pager? { get }
    /// Network operating systems end every line with CR LF, on a PTY or not; Unix shells only
    /// translate on a PTY (the tty's ONLCR), so an exec `cat` returns the file's exact bytes.
    var alwaysCRLF: Bool { get }
    /// Whether the opening question is answered by one key without Enter (FortiOS disclaimer).
    var questionTakesOneKey: Bool { get }
    /// What a PTY shell session starts in (the Huawei password question, a pfSense menu).
    func initialMode(_ context: CLIContext) -> CLIMode
    /// Printed when a shell starts, before the first prompt.
    func greeting(_ context: CLIContext) -> String
    func prompt(_ state: CLIState, _ context: CLIContext) -> String
    /// Answers one line: a shell line, or the whole command of an exec request.
    func run(_ line: String, state: inout CLIState, context: CLIContext) -> CLIResponse
}

/// What the session knows about itself.
struct CLIContext: Sendable {
    let device: SimulatedDevice
    let user: String
    let password: String
    /// An exec request rather than a shell: no prompts, no paging, the device's exec semantics.
    let exec: Bool
}

enum CLIMode: Sendable, Equatable {
    case normal
    /// Typing the enable secret after `enable` (input not echoed).
    case enablePassword
    /// A yes/no question or disclaimer before the first prompt.
    case question
    /// A numbered console menu (pfSense, OPNsense).
    case menu
    /// Inside a FortiOS `config ...` block.
    case configBlock
}

struct CLIState: Sendable {
    var mode: CLIMode = .normal
    var privileged = false
    /// Lines per page; 0 turns paging off. Starts at the terminal's height on a PTY.
    var pageLength: Int
    /// A setting typed inside a configuration block, applied at `end` (FortiOS console output).
    var pendingPageLength: Int?
}

/// One answer: the text, and what kind of text it is.
struct CLIResponse: Sendable {
    var text: [UInt8] = []
    /// The configuration dump: where drop-mid-output, flood and stalls strike.
    var isConfiguration = false
    /// Whether the pager applies (a terminal, paging on).
    var paged = true
    /// End the session after this answer.
    var close = false
    var exitStatus = 0
    /// Whether the next line typed is echoed (not while a password is typed).
    var echoNextLine = true

    init(_ text: String = "", exitStatus: Int = 0) {
        self.text = Array(text.utf8)
        self.exitStatus = exitStatus
    }

    static func configuration(_ bytes: [UInt8]) -> CLIResponse {
        var response = CLIResponse()
        response.text = bytes
        response.isConfiguration = true
        return response
    }

    static var end: CLIResponse {
        var response = CLIResponse()
        response.close = true
        return response
    }
}

/// A pager prompt and the way the platform wipes it after a key.
struct Pager: Sendable {
    let prompt: String
    let erase: String
    /// Keys that print everything that is left (RouterOS `D`).
    var dumpKeys: Set<UInt8> = []
    var quitKeys: Set<UInt8> = [UInt8(ascii: "q"), UInt8(ascii: "Q"), 3]

    /// Erases by backspacing over the prompt, as IOS does.
    static func backspacing(_ prompt: String) -> Pager {
        let back = String(repeating: "\u{8}", count: prompt.count)
        return Pager(prompt: prompt, erase: back + String(repeating: " ", count: prompt.count) + back)
    }

    /// Erases by returning the cursor and overwriting the line.
    static func carriageReturn(_ prompt: String) -> Pager {
        Pager(prompt: prompt, erase: "\r" + String(repeating: " ", count: prompt.count) + "\r")
    }
}

/// Matching typed commands against keywords the way router CLIs do: each word may be
/// abbreviated to a prefix (`sh run` for `show running-config`), case-insensitively.
struct TypedCommand: Sendable {
    let words: [String]
    /// Pipe segments after the command (`| display set`, `| no-more`), each trimmed.
    let pipes: [String]

    init(_ line: String) {
        let segments = line.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        words = (segments.first ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" }).map { $0.lowercased() }
        pipes = segments.dropFirst().map { $0.lowercased() }
    }

    /// True when the words are prefixes of `pattern`'s words, one for one. `#` in a pattern
    /// matches a number; a pattern word's prefix must be at least `minimum` characters unless the
    /// word is shorter.
    func matches(_ pattern: String, minimum: Int = 2) -> Bool {
        let keywords = pattern.split(separator: " ").map(String.init)
        guard keywords.count == words.count else { return false }
        for (typed, keyword) in zip(words, keywords) {
            if keyword == "#" {
                guard Int(typed) != nil else { return false }
                continue
            }
            guard keyword.hasPrefix(typed), typed.count >= min(minimum, keyword.count) else { return false }
        }
        return true
    }

    var number: Int? { words.last.flatMap { Int($0) } }
}

extension Persona {
    var alwaysCRLF: Bool { true }
    var questionTakesOneKey: Bool { false }
    func initialMode(_ context: CLIContext) -> CLIMode { .normal }
}
