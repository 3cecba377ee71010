import AuditCore

/// Recognises IOS/IOS-XE running-configs from their content.
///
/// Each marker counts once; together they reach 100 for any real running-config. Markers of
/// other syntaxes cap the score so a look-alike (ASA, NX-OS, IOS-XR, EOS) or an OpenWrt UCI
/// file never wins as IOS. Only the first 64 KiB are read: markers sit at the top of a config.
enum CiscoIOSDetection {
    static let scanLimit = 64 * 1024

    /// `15.2`, `17.6`, `12.4`: IOS prints only major.minor on its `version` line.
    static func isReleaseNumber(_ line: DetectionLine, _ word: Range<Int>) -> Bool {
        var digits = [0]
        for index in word {
            let byte = line.bytes[index]
            if byte == UInt8(ascii: ".") { digits.append(0); continue }
            guard byte >= 0x30 && byte <= 0x39 else { return false }
            digits[digits.count - 1] += 1
        }
        return digits.count == 2 && digits.allSatisfy { $0 >= 1 && $0 <= 2 }
    }

    static func score(_ text: String) -> DetectionScore {
        var found: [String] = []
        var score = 0
        var bangLines = 0
        var uciLines = 0
        var braceLines = 0
        var foreign: String?
        var seen: Set<String> = []

        func mark(_ name: String, _ points: Int) {
            guard seen.insert(name).inserted else { return }
            score += points
            found.append(name)
        }

        DetectionLines.scan(text, limit: scanLimit) { line in
            if line.equals("!") { bangLines += 1; return true }
            if line.has("config ") || line.has("option ") || line.has("list ") || line.has("package ") { uciLines += 1 }
            if line.has("ASA Version") || line.has("PIX Version") || line.has("nameif ") {
                foreign = "Cisco ASA/PIX"
            } else if line.has("!Command: show running-config") || line.has("feature ") {
                foreign = "Cisco NX-OS"
            } else if line.has("!! IOS XR") {
                foreign = "Cisco IOS-XR"
            } else if (line.has("! device:") && line.contains("EOS")) || line.has("management api ")
                        || (line.has("username ") && line.contains(" secret sha512 "))
                        || line.has("transceiver qsfp") {
                foreign = "Arista EOS"
            } else if line.last == UInt8(ascii: "{") || line.last == UInt8(ascii: ";") {
                braceLines += 1
            }
            if line.isIndented {
                if line.has("ip address ") { mark("interface address", 5) }
                return true
            }
            if line.has("version ") || line.has("hostname ") || line.has("interface ") || line.has("line ") {
                let words = line.words()
                if words.count == 2, line.word(words[0], equals: "version"), isReleaseNumber(line, words[1]) {
                    mark("version line", 30)
                } else if words.count == 2, line.word(words[0], equals: "hostname") {
                    mark("hostname", 10)
                } else if line.word(words[0], equals: "interface"), words.count == 2 || words.count == 3,
                          words[1].contains(where: { line.bytes[$0] >= 0x30 && line.bytes[$0] <= 0x39 }) {
                    mark("interface block", 10)
                } else if line.word(words[0], equals: "line"), words.count >= 2, words.count <= 4,
                          line.word(words[1], equals: "vty") || line.word(words[1], equals: "con") || line.word(words[1], equals: "aux") {
                    mark("line block", 20)
                }
            } else if line.has("ip route ") || line.has("ip access-list ") || line.has("access-list ") {
                mark("ip route/access-list", 10)
            } else if line.has("boot-start-marker") || line.has("service timestamps")
                        || line.has("service password-encryption") || line.has("no service pad") {
                mark("IOS service lines", 15)
            } else if line.has("enable secret") || line.has("enable password")
                        || (line.has("username ") && (line.contains(" secret ") || line.contains(" password "))) {
                mark("enable/username", 10)
            } else if line.has("router ospf") || line.has("router bgp") || line.has("router eigrp") {
                mark("routing process", 5)
            } else if line.has("snmp-server ") {
                mark("snmp-server", 5)
            } else if line.equals("end") {
                mark("end", 10)
            }
            return true
        }
        if bangLines >= 2 { mark("! separators", 10) }
        score = min(score, 100)
        if uciLines >= 3 && uciLines * 2 > found.count {
            return DetectionScore(min(score, 5), "OpenWrt UCI syntax (config/option lines)")
        }
        if braceLines >= 3 && braceLines > found.count {
            foreign = "a brace-structured configuration (Junos, VyOS, pfSense)"
        }
        if let foreign {
            return DetectionScore(min(score, 15), "looks like \(foreign), not IOS")
        }
        guard score > 0 else { return .none }
        return DetectionScore(score, "IOS markers: \(found.joined(separator: ", "))")
    }
}
