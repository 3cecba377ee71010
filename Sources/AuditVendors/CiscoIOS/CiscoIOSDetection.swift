import AuditCore

/// Recognises IOS/IOS-XE running-configs from their content.
///
/// Each marker counts once; together they reach 100 for any real running-config. Markers of
/// other syntaxes cap the score so a look-alike (ASA, NX-OS, IOS-XR, EOS) or an OpenWrt UCI
/// file never wins as IOS. Only the first 64 KiB are read: markers sit at the top of a config.
enum CiscoIOSDetection {
    static let scanLimit = 64 * 1024

    /// `15.2`, `17.6`, `12.4`: IOS prints only major.minor on its `version` line.
    static func isReleaseNumber(_ word: Substring) -> Bool {
        let parts = word.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 2 && CiscoText.integer($0) != nil }
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

        var scanned = 0
        for rawLine in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true) {
            scanned += rawLine.count + 1
            if scanned > scanLimit { break }
            guard let line = Substring(rawLine) as Substring?, !line.isEmpty else { continue }
            let trimmed = CiscoText.trimmed(line)
            if trimmed == "!" { bangLines += 1; continue }
            if trimmed.hasPrefix("config ") || trimmed.hasPrefix("option ") || trimmed.hasPrefix("list ")
                || trimmed.hasPrefix("package ") { uciLines += 1 }
            if trimmed.hasPrefix("ASA Version") || trimmed.hasPrefix("PIX Version") || trimmed.hasPrefix("nameif ") {
                foreign = "Cisco ASA/PIX"
            } else if trimmed.hasPrefix("!Command: show running-config") || trimmed.hasPrefix("feature ") {
                foreign = "Cisco NX-OS"
            } else if trimmed.hasPrefix("!! IOS XR") {
                foreign = "Cisco IOS-XR"
            } else if (trimmed.hasPrefix("! device:") && trimmed.contains("EOS")) || trimmed.hasPrefix("management api ")
                        || (trimmed.hasPrefix("username ") && trimmed.contains(" secret sha512 "))
                        || trimmed.hasPrefix("transceiver qsfp") {
                foreign = "Arista EOS"
            } else if trimmed.utf8.last == UInt8(ascii: "{") || trimmed.utf8.last == UInt8(ascii: ";") {
                braceLines += 1
            }
            guard let firstByte = line.utf8.first, !CiscoText.isBlank(firstByte) else {
                if trimmed.hasPrefix("ip address ") { mark("interface address", 5) }
                continue
            }
            let words = CiscoText.words(trimmed)
            guard !words.isEmpty else { continue }
            if words.count == 2, words[0] == "version", isReleaseNumber(words[1]) {
                mark("version line", 30)
            } else if words.count == 2, words[0] == "hostname" {
                mark("hostname", 10)
            } else if words[0] == "interface", words.count == 2 || words.count == 3, words[1].contains(where: \.isNumber) {
                mark("interface block", 10)
            } else if words[0] == "line", words.count >= 2, words.count <= 4, words[1] == "vty" || words[1] == "con" || words[1] == "aux" {
                mark("line block", 20)
            } else if trimmed.hasPrefix("ip route ") || trimmed.hasPrefix("ip access-list ") || trimmed.hasPrefix("access-list ") {
                mark("ip route/access-list", 10)
            } else if trimmed.hasPrefix("boot-start-marker") || trimmed.hasPrefix("service timestamps")
                        || trimmed.hasPrefix("service password-encryption") || trimmed.hasPrefix("no service pad") {
                mark("IOS service lines", 15)
            } else if trimmed.hasPrefix("enable secret") || trimmed.hasPrefix("enable password")
                        || (trimmed.hasPrefix("username ") && (trimmed.contains(" secret ") || trimmed.contains(" password "))) {
                mark("enable/username", 10)
            } else if trimmed.hasPrefix("router ospf") || trimmed.hasPrefix("router bgp") || trimmed.hasPrefix("router eigrp") {
                mark("routing process", 5)
            } else if trimmed.hasPrefix("snmp-server ") {
                mark("snmp-server", 5)
            } else if trimmed == "end" {
                mark("end", 10)
            }
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
