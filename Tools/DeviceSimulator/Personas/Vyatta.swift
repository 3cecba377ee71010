/// VyOS and EdgeOS operational mode: `user@host:~$`, `show configuration` in braces,
/// `show configuration commands` as set commands, a `:` pager until `terminal length 0`.
struct Vyatta: Persona {
    let vendor: Vendor
    var pager: Pager? { .carriageReturn(":") }

    func greeting(_ context: CLIContext) -> String {
        vendor == .vyos
            ? "Welcome to VyOS!\n\n   Check out project news at https://blog.vyos.io\n\n"
            : "Welcome to EdgeOS\n\nBy logging in, accessing, or using the Ubiquiti product, you\nacknowledge that you have read and understood the Ubiquiti\nLicense Agreement (available in the Web UI at, by default,\nhttp://192.168.1.1) and agree to be bound by its terms.\n\n"
    }

    func prompt(_ state: CLIState, _ context: CLIContext) -> String {
        "\(context.user)@\(context.device.hostname):~$ "
    }

    func run(_ line: String, state: inout CLIState, context: CLIContext) -> CLIResponse {
        let command = TypedCommand(line)
        let bytes = context.device.fixture.configuration
        let isSetForm = String(decoding: bytes.prefix(200), as: UTF8.self).hasPrefix("set ")
        switch true {
        case command.words.isEmpty:
            return CLIResponse()
        case command.matches("show configuration commands", minimum: 4):
            return .configuration(isSetForm ? bytes : SetCommands.from(braces: bytes, style: .vyatta))
        case command.matches("show configuration", minimum: 4):
            return .configuration(bytes)
        case command.matches("terminal length #", minimum: 4), command.matches("set terminal length #", minimum: 3):
            state.pageLength = command.number ?? 0
            return CLIResponse()
        case command.matches("show version", minimum: 4):
            return CLIResponse(vendor == .vyos ? "Version:          VyOS 1.4.0\n" : "Version:      v2.0.9-hotfix.7\n")
        case command.matches("exit"), command.matches("logout"):
            return .end
        default:
            return CLIResponse("\n  Invalid command: [\(command.words.first ?? "")]\n\n", exitStatus: 1)
        }
    }
}

extension Vendor {
    var persona: any Persona {
        switch self {
        case .ciscoIOS: CiscoIOS()
        case .junos: Junos()
        case .huaweiVRP: HuaweiVRP()
        case .routerOS: RouterOS()
        case .fortiOS: FortiOS()
        case .openWrt: OpenWrt()
        case .vyos, .edgeOS: Vyatta(vendor: self)
        case .pfSense, .opnSense: BSDFirewall(vendor: self)
        }
    }
}
