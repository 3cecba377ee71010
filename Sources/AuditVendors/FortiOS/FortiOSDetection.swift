import AuditCore

/// Recognises FortiOS configurations from their content: the `#config-version=` header, the
/// oxidized `# Version: FortiGate-...` header, `config system ...`/`config firewall ...` blocks
/// and the `edit`/`set`/`next`/`end` structure. OpenWrt's UCI also has `config` lines, but with
/// `option`/`list` lines and no `end`; those cap the score. Only the first 64 KiB are read, as
/// bytes (detection runs for every vendor on every input).
enum FortiOSDetection {
    static let scanLimit = 64 * 1024

    private struct Counts {
        var sets = 0, edits = 0, nexts = 0, ends = 0, configs = 0, uci = 0, other = 0
    }

    static func score(_ text: String) -> DetectionScore {
        var found: [String] = []
        var score = 0
        var seen: Set<String> = []
        var counts = Counts()

        func mark(_ name: String, _ points: Int) {
            guard seen.insert(name).inserted else { return }
            score += points
            found.append(name)
        }

        DetectionLines.scan(text, limit: scanLimit) { line in
            let (bytes, start, end) = (line.bytes, line.start, line.end)
            @inline(__always) func has(_ prefix: StaticString) -> Bool { DetectionBytes.has(bytes, start, end, prefix) }
            if bytes[start] == UInt8(ascii: "#") {
                if has("#config-version=") { mark("#config-version header", 60) }
                else if has("# Version: FortiGate") || has("# Version: FortiWiFi") { mark("FortiGate version header", 50) }
                return true
            }
            if has("set ") || has("unset ") || has("append ") { counts.sets += 1 }
            else if has("edit ") { counts.edits += 1 }
            else if DetectionBytes.equals(bytes, start, end, "next") { counts.nexts += 1 }
            else if DetectionBytes.equals(bytes, start, end, "end") { counts.ends += 1 }
            else if has("config ") {
                counts.configs += 1
                if has("config system global") { mark("config system global", 30) }
                else if has("config system interface") { mark("config system interface", 20) }
                else if has("config firewall policy") { mark("config firewall policy", 20) }
                else if has("config firewall ") { mark("config firewall", 15) }
                else if has("config system admin") { mark("config system admin", 20) }
                else if has("config system ") { mark("config system", 10) }
                else if DetectionBytes.equals(bytes, start, end, "config vdom") || DetectionBytes.equals(bytes, start, end, "config global") {
                    mark("config vdom/global", 20)
                } else if has("config router ") || has("config user ") || has("config vpn ") {
                    mark("config router/user/vpn", 10)
                }
            } else if has("option ") || has("list ") || has("package ") {
                counts.uci += 1
            } else {
                counts.other += 1
            }
            return true
        }
        if counts.ends > 0 && counts.configs > 0 { mark("config/end blocks", 10) }
        if counts.edits > 0 && counts.nexts > 0 { mark("edit/next entries", 10) }
        if counts.sets > 0 && counts.configs > 0 { mark("set commands", 10) }
        score = min(score, 100)
        guard score > 0 else { return .none }
        if counts.uci >= 3 && counts.uci > counts.sets {
            return DetectionScore(min(score, 5), "UCI option/list lines: OpenWrt, not FortiOS")
        }
        let structured = counts.sets + counts.edits + counts.nexts + counts.ends + counts.configs
        if counts.other > structured {
            return DetectionScore(min(score, 15), "mostly lines FortiOS does not write")
        }
        return DetectionScore(score, "FortiOS markers: \(found.joined(separator: ", "))")
    }
}

