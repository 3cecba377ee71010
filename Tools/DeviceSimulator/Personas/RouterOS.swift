/// MikroTik RouterOS: `[admin@MikroTik] >`, `/export` (also `export` at the root and with
/// `terse`, `verbose`, `hide-sensitive`, `show-sensitive`), the same commands over exec.
struct RouterOS: Persona {
    var pager: Pager? {
        var pager = Pager.carriageReturn("-- [Q quit|D dump|down]")
        pager.dumpKeys = [UInt8(ascii: "d"), UInt8(ascii: "D")]
        return pager
    }

    func greeting(_ context: CLIContext) -> String {
        """



          MMM      MMM       KKK                          TTTTTTTTTTT      KKK
          MMMM    MMMM       KKK                          TTTTTTTTTTT      KKK
          MMM MMMM MMM  III  KKK  KKK  RRRRRR     OOOOOO      TTT     III  KKK  KKK
          MMM  MM  MMM  III  KKKKK     RRR  RRR  OOO  OOO     TTT     III  KKKKK
          MMM      MMM  III  KKK KKK   RRRRRR    OOO  OOO     TTT     III  KKK KKK
          MMM      MMM  III  KKK  KKK  RRR  RRR   OOOOOO      TTT     III  KKK  KKK

          MikroTik RouterOS \(release(context)) (c) 1999-2024       https://www.mikrotik.com/


        """
    }

    func prompt(_ state: CLIState, _ context: CLIContext) -> String {
        "[\(context.user)@\(context.device.hostname)] > "
    }

    func run(_ line: String, state: inout CLIState, context: CLIContext) -> CLIResponse {
        var words = line.split(separator: " ").map(String.init)
        if let first = words.first, first.hasPrefix("/") {
            words[0].removeFirst()
            if words[0].isEmpty { words.removeFirst() }
        }
        let options: Set<String> = ["terse", "verbose", "hide-sensitive", "show-sensitive", "compact"]
        switch words.first {
        case nil:
            return CLIResponse()
        case "export" where words.dropFirst().allSatisfy { options.contains($0) }:
            return .configuration(context.device.fixture.configuration)
        case "system" where words.dropFirst().joined(separator: " ") == "resource print":
            return CLIResponse("                   uptime: 12w3d4h2m\n                  version: \(release(context)) (stable)\n               board-name: hEX\n")
        case "system" where words.dropFirst().joined(separator: " ") == "identity print":
            return CLIResponse("  name: \(context.device.hostname)\n")
        case "quit":
            return .end
        default:
            return CLIResponse("bad command name \(words.first ?? "") (line 1 column \(line.hasPrefix("/") ? 2 : 1))\n", exitStatus: 1)
        }
    }

    private func release(_ context: CLIContext) -> String {
        let text = String(decoding: context.device.fixture.configuration.prefix(200), as: UTF8.self)
        guard let range = text.range(of: "by RouterOS ") else { return "7.14.1" }
        return String(text[range.upperBound...].prefix { !$0.isWhitespace })
    }
}
