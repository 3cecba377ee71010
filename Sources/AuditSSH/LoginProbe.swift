import AuditCore

/// Short sessions that are not collections: proving a login (the default-credential probe) and
/// reading the first prompt (vendor detection). Same rules as a collection: one thread per
/// session, host key verified before any secret is sent, every wait bounded.
extension SSHCollector {
    /// Connects, verifies the host key and authenticates, then disconnects without opening a
    /// channel. `failure` is nil when the login was accepted.
    public func checkLogin(target: SSHTarget, credentials: SSHCredentials,
                           limits: CollectionLimits) -> (algorithms: NegotiatedSSHAlgorithms?, failure: CollectionFailure?) {
        var algorithms: NegotiatedSSHAlgorithms?
        do throws(CollectionFailure) {
            let session = try SSHSession(target: target, limits: limits)
            try session.connect()
            algorithms = session.negotiated
            try HostKeyVerifier(store: knownHosts).verify(session)
            try session.authenticate(credentials)
            return (algorithms, nil)
        } catch {
            return (algorithms, error)
        }
    }

    /// Logs in, opens a PTY shell and returns the first prompt the device shows (sanitised, one
    /// line), answering the questions in `answers` on the way ("change the password now?",
    /// disclaimers). Types nothing else, except one newline when the device stays silent.
    public func firstPrompt(target: SSHTarget, credentials: SSHCredentials, limits: CollectionLimits,
                            answers: [VendorProfile.Answer]) -> Result<String, CollectionFailure> {
        do throws(CollectionFailure) {
            let session = try SSHSession(target: target, limits: limits)
            try session.connect()
            try HostKeyVerifier(store: knownHosts).verify(session)
            try session.authenticate(credentials)
            let channel = try session.openShell(columns: 511, rows: 24)
            let compiled = answers.compactMap { answer in (try? Regex(answer.pattern)).map { (regex: $0, answer: answer) } }
            var reader = PromptReader(channel: channel, deadline: Deadline(seconds: min(limits.deadline, 15)), target: target.label)
            return .success(try reader.firstPrompt(answers: compiled))
        } catch {
            return .failure(error)
        }
    }
}

/// Reads a shell until the device has shown a line and then gone quiet: that line is the prompt.
struct PromptReader {
    let channel: SSHChannel
    let deadline: Deadline
    let target: String
    /// A prompt is the unfinished line once the device has been silent this long.
    static let quietMilliseconds: Double = 400
    static let maxBytes = 64 * 1024

    private var screen = TerminalScreen()
    private var received = 0
    private var nudged = false
    private var buffer = [UInt8](repeating: 0, count: 16 * 1024)

    init(channel: SSHChannel, deadline: Deadline, target: String) {
        self.channel = channel
        self.deadline = deadline
        self.target = target
    }

    mutating func firstPrompt(answers: [(regex: Regex<AnyRegexOutput>, answer: VendorProfile.Answer)]) throws(CollectionFailure) -> String {
        var answered = 0
        while !deadline.expired {
            switch try channel.read(into: &buffer, milliseconds: deadline.remainingMilliseconds(cap: Self.quietMilliseconds / 1000)) {
            case .data(let count):
                received += count
                guard received <= Self.maxBytes else {
                    throw CollectionFailure(.outputTooLarge, target: target, "the device sent more than \(Self.maxBytes) bytes before a prompt")
                }
                screen.feed(buffer[0..<count])
            case .nothing:
                let line = screen.currentLine.trimmingCharacters(in: " ")
                if line.isEmpty {
                    // Some devices print the prompt only after a first Enter.
                    if received > 0 || deadline.elapsed > 1.5, !nudged {
                        nudged = true
                        try channel.write("\n")
                    }
                    continue
                }
                if answered < 4, let match = answers.first(where: { CompiledProfile.matches($0.regex, screen.currentLine) }) {
                    answered += 1
                    screen.clearCurrentLine()
                    try channel.write(match.answer.raw ? match.answer.reply : match.answer.reply + "\n")
                    continue
                }
                return screen.currentLine
            case .eof:
                if let last = (screen.lines.map(TerminalScreen.string) + [screen.currentLine]).last(where: { !$0.isEmpty }) { return last }
                throw CollectionFailure(.protocolError, target: target, "the device closed the session before showing a prompt")
            }
        }
        throw CollectionFailure(.timedOut, target: target, "no prompt within the detection time (\(received) bytes received)")
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var text = Substring(self)
        while text.first == set { text = text.dropFirst() }
        while text.last == set { text = text.dropLast() }
        return String(text)
    }
}
