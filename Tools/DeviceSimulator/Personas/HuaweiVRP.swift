/// Huawei VRP: `<HUAWEI>` user view, `---- More ----` until `screen-length 0 temporary`,
/// `display current-configuration`. Odd-numbered devices first ask to change an expired
/// password, which a read-only collector answers with `N`.
struct HuaweiVRP: Persona {
    var pager: Pager? {
        let prompt = "  ---- More ----"
        let back = "\u{1B}[\(prompt.count)D"
        return Pager(prompt: prompt, erase: back + String(repeating: " ", count: prompt.count) + back)
    }

    func initialMode(_ context: CLIContext) -> CLIMode {
        context.device.index % 2 == 1 ? .question : .normal
    }

    func greeting(_ context: CLIContext) -> String {
        var text = """

            Info: The max number of VTY users is 5, and the number
                  of current VTY users on line is 1.
                  The current login time is 2026-11-23 08:00:00.

            """
        if initialMode(context) == .question {
            text += "Warning: The password will expire in 0 days.\n"
        }
        return text
    }

    func prompt(_ state: CLIState, _ context: CLIContext) -> String {
        if state.mode == .question { return "The password needs to be changed. Change now? [Y/N]: " }
        return "<\(context.device.hostname)>"
    }

    func run(_ line: String, state: inout CLIState, context: CLIContext) -> CLIResponse {
        if state.mode == .question {
            // Only `N` goes on without changing anything; `Y` would start a password change,
            // which the simulator refuses to play.
            guard line.trimmingSpaces.lowercased() == "n" else {
                return CLIResponse("Error: The password change was cancelled: not supported by this simulator.\n")
            }
            state.mode = .normal
            return CLIResponse("\n")
        }
        let command = TypedCommand(line)
        switch true {
        case command.words.isEmpty:
            return CLIResponse()
        case command.matches("screen-length # temporary", minimum: 3):
            state.pageLength = command.words[1] == "0" ? 0 : (Int(command.words[1]) ?? 0)
            return CLIResponse("Info: The configuration takes effect on the current user terminal interface only.\n")
        case command.matches("display current-configuration", minimum: 3),
            command.matches("display saved-configuration", minimum: 3):
            return .configuration(context.device.fixture.configuration)
        case command.matches("display version", minimum: 3):
            return CLIResponse("Huawei Versatile Routing Platform Software\nVRP (R) software, Version 5.160 (AR1200 V200R009C00SPC500)\nCopyright (C) 2011-2018 HUAWEI TECH CO., LTD\n")
        case command.matches("quit", minimum: 1):
            return .end
        default:
            let indent = context.exec ? 0 : prompt(state, context).count
            return CLIResponse(String(repeating: " ", count: indent) + "^\nError: Unrecognized command found at '^' position.\n", exitStatus: 1)
        }
    }
}
