/// Cisco IOS: `Router>` user EXEC, `enable` asks for the enable secret, `Router#` privileged EXEC,
/// `--More--` every terminal page until `terminal length 0`. An exec request runs as a user with
/// privilege 15, the usual set-up for automation accounts.
struct CiscoIOS: Persona {
    var pager: Pager? { .backspacing(" --More-- ") }

    func greeting(_ context: CLIContext) -> String { "\n" }

    func prompt(_ state: CLIState, _ context: CLIContext) -> String {
        if state.mode == .enablePassword { return "Password: " }
        return context.device.hostname + (state.privileged ? "#" : ">")
    }

    func run(_ line: String, state: inout CLIState, context: CLIContext) -> CLIResponse {
        if state.mode == .enablePassword {
            state.mode = .normal
            if line == context.password {
                state.privileged = true
                return CLIResponse()
            }
            return CLIResponse("% Access denied\n\n")
        }
        let command = TypedCommand(line)
        let privileged = state.privileged || context.exec
        switch true {
        case command.words.isEmpty:
            return CLIResponse()
        case command.matches("enable", minimum: 2):
            guard !state.privileged else { return CLIResponse() }
            state.mode = .enablePassword
            var response = CLIResponse()
            response.echoNextLine = false
            return response
        case command.matches("disable", minimum: 4):
            state.privileged = false
            return CLIResponse()
        case command.matches("terminal length #", minimum: 3):
            state.pageLength = command.number ?? 0
            return CLIResponse()
        case command.matches("terminal width #", minimum: 3), command.matches("terminal no monitor", minimum: 3):
            return CLIResponse()
        case command.matches("show running-config", minimum: 2), command.matches("show startup-config", minimum: 2):
            guard privileged else { return invalidInput(line, context: context, state: state, at: command.words[0].count + 1) }
            let config = context.device.fixture.configuration
            let header = "Building configuration...\n\nCurrent configuration : \(config.count) bytes\n"
            var response = CLIResponse.configuration(Array(header.utf8) + config)
            response.paged = true
            return response
        case command.matches("show version", minimum: 2):
            return CLIResponse(version(context))
        case command.matches("show privilege", minimum: 2):
            return CLIResponse("Current privilege level is \(privileged ? 15 : 1)\n")
        case command.matches("exit"), command.matches("logout"), command.matches("quit"):
            return .end
        default:
            return invalidInput(line, context: context, state: state, at: 0)
        }
    }

    /// IOS points a caret at the first word it could not read, counted from the prompt.
    private func invalidInput(_ line: String, context: CLIContext, state: CLIState, at offset: Int) -> CLIResponse {
        let indent = (context.exec ? 0 : prompt(state, context).count) + offset
        return CLIResponse(String(repeating: " ", count: indent) + "^\n% Invalid input detected at '^' marker.\n\n", exitStatus: 1)
    }

    private func version(_ context: CLIContext) -> String {
        let text = String(decoding: context.device.fixture.configuration, as: UTF8.self)
        let release = text.split(whereSeparator: \.isNewline).first { $0.hasPrefix("version ") }.map { String($0.dropFirst(8)) } ?? "15.7"
        return """
            Cisco IOS Software, C880 Software (C880DATA-UNIVERSALK9-M), Version \(release)(3)M2, RELEASE SOFTWARE (fc2)
            Technical Support: http://www.cisco.com/techsupport
            Copyright (c) 1986-2023 by Cisco Systems, Inc.

            ROM: System Bootstrap, Version \(release)(3r)M, RELEASE SOFTWARE (fc1)

            \(context.device.hostname) uptime is 12 weeks, 3 days, 4 hours, 2 minutes
            System image file is "flash:c880data-universalk9-mz.SPA.bin"

            Cisco C887VA-K9 (revision 1.0) with 488524K/35763K bytes of memory.
            Processor board ID FCZ1934C\(1000 + context.device.index % 1000)

            Configuration register is 0x2102

            """
    }
}
