/// FortiOS: `FGT #`, `show` and `show full-configuration`, `get system status`, `--More--`
/// until `config system console` / `set output standard` / `end`. Odd-numbered devices show a
/// post-login disclaimer that must be accepted with `a`.
struct FortiOS: Persona {
    var pager: Pager? { .carriageReturn("--More-- ") }
    var questionTakesOneKey: Bool { true }

    func initialMode(_ context: CLIContext) -> CLIMode {
        context.device.index % 2 == 1 ? .question : .normal
    }

    func greeting(_ context: CLIContext) -> String {
        initialMode(context) == .question
            ? "Authorized access only. Activity on this system is monitored and logged.\n\n" : ""
    }

    func prompt(_ state: CLIState, _ context: CLIContext) -> String {
        switch state.mode {
        case .question: "(Press 'a' to accept):"
        case .configBlock: "\(context.device.hostname) (console) # "
        default: "\(context.device.hostname) # "
        }
    }

    func run(_ line: String, state: inout CLIState, context: CLIContext) -> CLIResponse {
        let command = TypedCommand(line)
        if state.mode == .question {
            guard command.words == ["a"] else { return .end }
            state.mode = .normal
            return CLIResponse()
        }
        if state.mode == .configBlock {
            switch true {
            case command.matches("set output standard", minimum: 3):
                state.pendingPageLength = 0
            case command.matches("set output more", minimum: 3):
                state.pendingPageLength = 24
            case command.matches("end", minimum: 3):
                state.mode = .normal
                if let length = state.pendingPageLength { state.pageLength = length }
                state.pendingPageLength = nil
            case command.matches("abort", minimum: 3):
                state.mode = .normal
                state.pendingPageLength = nil
            case command.words.isEmpty:
                break
            default:
                return CLIResponse("command parse error before '\(command.words.first ?? "")'\nCommand fail. Return code -61\n", exitStatus: 1)
            }
            return CLIResponse()
        }
        switch true {
        case command.words.isEmpty:
            return CLIResponse()
        case command.matches("show full-configuration", minimum: 2), command.matches("show", minimum: 2):
            return .configuration(context.device.fixture.configuration)
        case command.matches("get system status", minimum: 3):
            return CLIResponse("Version: FortiGate-60F v\(release(context))\nHostname: \(context.device.hostname)\nOperation Mode: NAT\n")
        case command.matches("config system console", minimum: 3):
            state.mode = .configBlock
            return CLIResponse()
        case command.matches("exit", minimum: 3):
            return .end
        default:
            return CLIResponse("Unknown action 0\n", exitStatus: 1)
        }
    }

    private func release(_ context: CLIContext) -> String {
        let text = String(decoding: context.device.fixture.configuration.prefix(120), as: UTF8.self)
        guard let range = text.range(of: "-FW-build") else { return "7.2.8" }
        return String(text[..<range.lowerBound].split(separator: "-").last ?? "7.2.8")
    }
}
