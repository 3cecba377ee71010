import AuditCore

/// Recognises ZLD configurations from their content: `username ... user-type`, top-level
/// `address-object` and `service-object` lines, `object-group address`, `zone NAME` blocks,
/// `secure-policy`/`firewall N` blocks, `ip virtual-server`, the management servers' service
/// control tables (`ip http secure-server table`, `ip ssh server rule`), interface `type
/// external|internal` and ZLD port names (`ge1`). IOS is the look-alike: its markers (`line
/// vty`, `version 15.2`, `ip access-list`, `enable secret`, `boot-start-marker`) cap the score.
/// Only the first 64 KiB are read, as bytes.
enum ZyxelZLDDetection {
    static let scanLimit = 64 * 1024

    static func score(_ text: String) -> DetectionScore {
        var found: [String] = []
        var score = 0
        var seen: Set<String> = []
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
            if indented {
                if has("type external") || has("type internal") || has("type general") { mark("interface type", 15) }
                else if has("sourceip ") || has("destinationip ") { mark("policy sourceip/destinationip", 20) }
                return true
            }
            if has("line vty") || has("line con") || has("boot-start-marker") || has("ip access-list ") || has("enable secret")
                || has("access-list ") || has("service password-encryption") || has("config ") || has("set ") || has("/")
                || has("sysname ") || has("user-interface ") || bytes[end - 1] == UInt8(ascii: "{") {
                foreign = "another vendor's syntax (IOS, FortiOS, VRP, Junos, RouterOS)"
                return true
            }
            if has("username ") && contains(" user-type ") { mark("username ... user-type", 35) }
            else if has("address-object ") { mark("address-object", 25) }
            else if has("service-object ") { mark("service-object", 20) }
            else if has("object-group address ") { mark("object-group address", 15) }
            else if has("secure-policy ") { mark("secure-policy", 25) }
            else if has("ip virtual-server ") { mark("ip virtual-server", 20) }
            else if has("ip http secure-server table ") || has("ip http server table ") || has("ip ssh server rule ")
                        || has("ip telnet server rule ") || has("ip ftp server rule ") || has("snmp-server rule ") {
                mark("service control table", 25)
            } else if has("zone ") && !has("zone security") && !has("zone-pair") {
                mark("zone block", 10)
            } else if has("interface ge") || has("interface wan") || has("interface lan") {
                mark("ZLD port names", 10)
            } else if has("ip telnet server") || has("ip ftp server") {
                mark("ip telnet/ftp server", 10)
            }
            return true
        }
        score = min(score, 100)
        guard score > 0 else { return .none }
        if let foreign, score < 60 {
            return DetectionScore(min(score, 15), "looks like \(foreign), not ZLD")
        }
        return DetectionScore(score, "ZLD markers: \(found.joined(separator: ", "))")
    }
}
