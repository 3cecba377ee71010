import AuditCore

/// Recognises VRP configurations from their content: `sysname`, `#` view separators, `return` at
/// the end, `undo` commands, `user-interface` views, `interface GigabitEthernet0/0/1` names with
/// three numbers, `snmp-agent`, `local-user`, `ip route-static`, `info-center`. Cisco-style markers
/// (`hostname`, `line vty`) and brace, `set` or `config` syntaxes cap the score. Only the first
/// 64 KiB are read, as bytes.
enum HuaweiVRPDetection {
    static let scanLimit = 64 * 1024

    static func score(_ text: String) -> DetectionScore {
        var found: [String] = []
        var score = 0
        var seen: Set<String> = []
        var hashLines = 0
        var foreign: String?

        func mark(_ name: String, _ points: Int) {
            guard seen.insert(name).inserted else { return }
            score += points
            found.append(name)
        }

        DetectionLines.scan(text, limit: scanLimit) { line in
            let (bytes, start, end) = (line.bytes, line.start, line.end)
            let indented = line.isIndented
            @inline(__always) func has(_ prefix: StaticString) -> Bool { DetectionBytes.has(bytes, start, end, prefix) }
            @inline(__always) func contains(_ needle: StaticString) -> Bool { DetectionBytes.contains(bytes, start, end, needle) }
            switch bytes[start] {
            case UInt8(ascii: "#"):
                if end - start == 1 { hashLines += 1 }
                if has("#config-version=") { foreign = "FortiOS" }
                return true
            case UInt8(ascii: "!"):
                if contains("Software Version V") { mark("VRP software version", 40) }
                return true
            default:
                break
            }
            if DetectionBytes.equals(bytes, start, end, "return") {
                mark("return", 20)
                return true
            }
            if !indented && (has("hostname ") || has("line vty") || has("set ") || has("config ") || has("/")
                             || bytes[end - 1] == UInt8(ascii: "{")) {
                if foreign == nil { foreign = "another vendor's syntax" }
                return true
            }
            if indented { return true }
            if has("sysname ") { mark("sysname", 30) }
            else if has("user-interface ") { mark("user-interface", 30) }
            else if has("undo ") { mark("undo commands", 10) }
            else if has("snmp-agent") { mark("snmp-agent", 15) }
            else if has("ip route-static ") { mark("ip route-static", 15) }
            else if has("info-center ") { mark("info-center", 10) }
            else if has("vlan batch ") { mark("vlan batch", 15) }
            else if has("stelnet server") || has("telnet server") { mark("telnet/stelnet server", 10) }
            else if has("acl number ") || has("acl name ") { mark("acl number/name", 15) }
            else if has("interface ") {
                // VRP names: GigabitEthernet0/0/1, Vlanif10, Eth-Trunk1, LoopBack0, NULL0.
                var slashes = 0
                for at in start..<end where bytes[at] == UInt8(ascii: "/") { slashes += 1 }
                if contains("Vlanif") || contains("Eth-Trunk") || contains("LoopBack") || contains("NULL0") || slashes == 2 {
                    mark("VRP interface names", 15)
                }
            } else if DetectionBytes.equals(bytes, start, end, "aaa") {
                mark("aaa view", 10)
            }
            return true
        }
        if hashLines >= 3 { mark("# separators", 15) }
        score = min(score, 100)
        guard score > 0 else { return .none }
        if foreign == "FortiOS" { return DetectionScore(min(score, 15), "looks like FortiOS, not VRP") }
        if let foreign, score < 60 {
            return DetectionScore(min(score, 15), "looks like \(foreign), not VRP")
        }
        return DetectionScore(score, "VRP markers: \(found.joined(separator: ", "))")
    }
}
