/// Drives an interactive PTY shell the way a person would: waits for the prompt, answers pagers
/// and questions, escalates privilege, runs each command and cuts its output out of the screen.
/// Every wait is bounded by the collection's deadline and its output budget.
struct ShellDriver {
    let channel: SSHChannel
    let profile: VendorProfile
    let compiled: CompiledProfile
    let deadline: Deadline
    let limits: CollectionLimits
    let target: String
    private(set) var screen = TerminalScreen()
    private(set) var received = 0
    /// The prompt seen after login without its trailing mode characters (`Router` of `Router>`):
    /// later prompts must start with it, so a config line ending in `#` is never taken for one.
    private var promptStem: String?
    private var buffer = [UInt8](repeating: 0, count: 32 * 1024)
    /// What the driver is waiting for, for timeout messages.
    private var activity = "the first prompt"

    init(channel: SSHChannel, profile: VendorProfile, compiled: CompiledProfile, deadline: Deadline, limits: CollectionLimits, target: String) {
        self.channel = channel
        self.profile = profile
        self.compiled = compiled
        self.deadline = deadline
        self.limits = limits
        self.target = target
    }

    /// Logs in to the CLI, escalates, runs the session, version and config commands.
    mutating func run(credentials: SSHCredentials, into result: inout CollectionResult) throws(CollectionFailure) {
        _ = try waitFor([compiled.prompt])
        learnPrompt()
        if let enable = profile.enable, let privileged = compiled.privilegedPrompt, !CompiledProfile.matches(privileged, screen.currentLine) {
            try escalate(enable, privileged: privileged, secret: credentials.enableSecret)
        }
        for command in profile.sessionCommands { _ = try run(command) }
        for command in profile.version {
            result.version.append(CommandOutput(command: command.command, text: try run(command.command)))
        }
        for command in profile.config {
            result.configs.append(CommandOutput(command: command.command, text: try run(command.command)))
        }
        if let exit = profile.exit { try? channel.write(exit + "\n") }
    }

    private mutating func learnPrompt() {
        var stem = Substring(screen.currentLine)
        while let last = stem.last, ">#$%] ".contains(last) { stem = stem.dropLast() }
        if let open = stem.firstIndex(of: "("), stem.hasSuffix(")") { stem = stem[..<open] }
        promptStem = stem.isEmpty ? nil : String(stem)
    }

    private func isPrompt(_ line: String) -> Bool {
        CompiledProfile.matches(compiled.prompt, line) && (promptStem.map { line.hasPrefix($0) } ?? true)
    }

    private mutating func escalate(_ enable: VendorProfile.Enable, privileged: Regex<AnyRegexOutput>, secret: SSHSecret?) throws(CollectionFailure) {
        activity = "the answer to '\(enable.command)'"
        try channel.write(enable.command + "\n")
        guard let passwordPrompt = compiled.passwordPrompt else { return }
        var step = try waitFor([privileged, passwordPrompt], orPrompt: true, afterNewData: true)
        if step == 1 {
            guard let secret else {
                throw CollectionFailure(.enableFailed, target: target, "'\(enable.command)' asks for a secret; give one with --enable-secret-env")
            }
            activity = "the privileged prompt after the enable secret"
            try channel.write(secret.value + "\n")
            step = try waitFor([privileged, passwordPrompt], orPrompt: true, afterNewData: true)
        }
        guard step == 0 else {
            if step == 1 { try? channel.write("\u{3}") }
            throw CollectionFailure(.enableFailed, target: target, "'\(enable.command)' was refused (enable secret wrong or missing)")
        }
    }

    /// Sends one command and returns its output: the lines between the echoed command and the
    /// next prompt, sanitised.
    mutating func run(_ command: String) throws(CollectionFailure) -> String {
        activity = "the prompt after '\(command)'"
        let start = screen.lines.count
        try channel.write(command + "\n")
        _ = try waitFor([], orPrompt: true, afterNewData: true)
        var first = start
        if first < screen.lines.count, TerminalScreen.string(screen.lines[first]).hasSuffix(command) { first += 1 }
        return screen.text(fromLine: first)
    }

    /// Reads until the unfinished line matches one of `targets` (its index) or, with `orPrompt`,
    /// the CLI prompt (index `targets.count`). Answers pagers and questions on the way. With
    /// `afterNewData` the line is only looked at once the device has sent something, so the
    /// prompt a command was typed at is not taken for the prompt after it.
    private mutating func waitFor(_ targets: [Regex<AnyRegexOutput>], orPrompt: Bool = false, afterNewData: Bool = false) throws(CollectionFailure) -> Int {
        var fresh = !afterNewData
        while true {
            let line = screen.currentLine
            if fresh, !line.isEmpty {
                if let index = targets.firstIndex(where: { CompiledProfile.matches($0, line) }) { return index }
                if orPrompt, isPrompt(line) { return targets.count }
                if let answer = compiled.pagers.first(where: { CompiledProfile.matches($0.regex, line) })
                    ?? compiled.answers.first(where: { CompiledProfile.matches($0.regex, line) }) {
                    screen.clearCurrentLine()
                    try channel.write(answer.text)
                    continue
                }
            }
            if deadline.expired {
                throw CollectionFailure(.timedOut, target: target,
                    "deadline of \(Self.seconds(limits.deadline)) reached waiting for \(activity) (the device stopped answering after \(received) bytes)")
            }
            switch try channel.read(into: &buffer, milliseconds: deadline.remainingMilliseconds()) {
            case .data(let count):
                received += count
                if received > limits.maxOutputBytes {
                    throw CollectionFailure(.outputTooLarge, target: target,
                        "the device sent more than \(limits.maxOutputBytes) bytes waiting for \(activity) (--max-output-bytes)")
                }
                screen.feed(buffer[0..<count])
                fresh = true
            case .nothing:
                continue
            case .eof:
                throw CollectionFailure(.protocolError, target: target, "the device closed the session while waiting for \(activity)")
            }
        }
    }

    /// Tenths at most: a sweep hands each device what is left of its budget (9.9685... s).
    static func seconds(_ value: Double) -> String {
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() ? "\(Int(tenths)) s" : "\(tenths) s"
    }
}
