/// Runs each command on its own exec channel (OpenWrt, pfSense, RouterOS): no prompt to parse, the
/// end of the output is the end of the channel.
struct ExecDriver {
    let session: SSHSession
    let profile: VendorProfile
    let deadline: Deadline
    let limits: CollectionLimits
    let target: String
    private(set) var received = 0
    private(set) var transcript = ""

    init(session: SSHSession, profile: VendorProfile, deadline: Deadline, limits: CollectionLimits, target: String) {
        self.session = session
        self.profile = profile
        self.deadline = deadline
        self.limits = limits
        self.target = target
    }

    mutating func run(into result: inout CollectionResult) throws(CollectionFailure) {
        for command in profile.version {
            if let text = try run(command) { result.version.append(CommandOutput(command: command.command, text: text)) }
        }
        for command in profile.config {
            if let text = try run(command) { result.configs.append(CommandOutput(command: command.command, text: text)) }
        }
    }

    /// The command's sanitised output; nil when an optional command fails.
    mutating func run(_ command: VendorProfile.Command) throws(CollectionFailure) -> String? {
        let channel = try session.openExec(command.command)
        var output: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 32 * 1024)
        reading: while true {
            if deadline.expired {
                throw CollectionFailure(.timedOut, target: target,
                    "deadline of \(ShellDriver.seconds(limits.deadline)) reached while running '\(command.command)' (the device stopped answering after \(received) bytes)")
            }
            switch try channel.read(into: &buffer, milliseconds: deadline.remainingMilliseconds()) {
            case .data(let count):
                received += count
                if received > limits.maxOutputBytes {
                    throw CollectionFailure(.outputTooLarge, target: target,
                        "the device sent more than \(limits.maxOutputBytes) bytes while running '\(command.command)' (--max-output-bytes)")
                }
                output.append(contentsOf: buffer[0..<count])
            case .nothing: continue
            case .eof: break reading
            }
        }
        var errors: [UInt8] = []
        while case .data(let count) = try channel.read(into: &buffer, milliseconds: 1, stderr: true), errors.count < 4096 {
            errors.append(contentsOf: buffer[0..<count])
        }
        let status = channel.exitStatus
        let text = TerminalScreen.sanitize(output)
        transcript += "$ \(command.command)\n\(text)\n[exit status \(status)]\n"
        if status != 0 {
            if command.optional { return nil }
            let reason = TerminalScreen.sanitize(errors).split(separator: "\n").first.map { ": \($0)" } ?? ""
            throw CollectionFailure(.protocolError, target: target, "'\(command.command)' failed with exit status \(status)\(reason)")
        }
        return text
    }
}
