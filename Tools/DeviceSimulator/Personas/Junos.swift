/// Junos operational mode: `user@host>`, `show configuration` in braces, `| display set` as set
/// commands, `| no-more` or `set cli screen-length 0` to stop the `---(more)---` pager.
struct Junos: Persona {
    var pager: Pager? { .carriageReturn("---(more)---") }

    func greeting(_ context: CLIContext) -> String {
        "--- JUNOS \(release(context)) Kernel 64-bit  JNPR-12.1-20230316.a8d5e1c_buil\n"
    }

    func prompt(_ state: CLIState, _ context: CLIContext) -> String {
        "\(context.user)@\(context.device.hostname)> "
    }

    func run(_ line: String, state: inout CLIState, context: CLIContext) -> CLIResponse {
        let command = TypedCommand(line)
        switch true {
        case command.words.isEmpty:
            return CLIResponse()
        case command.matches("show configuration", minimum: 2):
            var displaySet = false
            var paged = true
            for pipe in command.pipes {
                let filter = TypedCommand(pipe)
                if filter.matches("display set", minimum: 4) {
                    displaySet = true
                } else if filter.matches("no-more", minimum: 2) {
                    paged = false
                } else {
                    return CLIResponse("                         ^\nsyntax error, expecting <command>.\n", exitStatus: 1)
                }
            }
            var response = CLIResponse.configuration(configuration(context, displaySet: displaySet))
            response.paged = paged
            return response
        case command.matches("set cli screen-length #", minimum: 3):
            state.pageLength = command.number ?? 0
            return CLIResponse("Screen length set to \(state.pageLength)\n")
        case command.matches("show version", minimum: 2):
            return CLIResponse("Hostname: \(context.device.hostname)\nModel: srx300\nJunos: \(release(context))\nJUNOS Software Release [\(release(context))]\n")
        case command.matches("exit"), command.matches("quit"):
            return .end
        default:
            return CLIResponse(String(repeating: " ", count: context.exec ? 0 : prompt(state, context).count) + "^\nunknown command.\n", exitStatus: 1)
        }
    }

    /// The fixture as the device prints it: a brace file as is, or set commands as is; the other
    /// form is derived where it can be (braces to set commands). A set-form fixture is shown as set
    /// commands for plain `show configuration` too (documented in docs/simulator.md).
    private func configuration(_ context: CLIContext, displaySet: Bool) -> [UInt8] {
        let bytes = context.device.fixture.configuration
        let isSetForm = String(decoding: bytes.prefix(200), as: UTF8.self).hasPrefix("set ")
        if displaySet, !isSetForm { return SetCommands.from(braces: bytes, style: .junos) }
        return bytes
    }

    private func release(_ context: CLIContext) -> String {
        let text = String(decoding: context.device.fixture.configuration.prefix(400), as: UTF8.self)
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split(separator: " ")
            if let index = words.firstIndex(of: "version"), index + 1 < words.count {
                return words[index + 1].trimming(";")
            }
        }
        return "21.4R3-S5.4"
    }
}
