import AuditCore
import Synchronization

/// Recognises Vyatta-family configurations and tells EdgeOS from VyOS, from content only.
///
/// First, is it Vyatta at all: `config.boot` top-level blocks (`interfaces {`, `system {`,
/// `service {`, `firewall {`) with Vyatta nodes inside (`ethernet eth0 {`, `host-name`,
/// `encrypted-password`), `set interfaces ethernet ...` / `set system login user ...` command
/// lines, the `vyatta-config-version` / `vyos-config-version` footer, or a `config.gateway.json`
/// object with Vyatta keys. Junos looks alike (braces, `set` lines) but ends its statements with
/// `;` and names interfaces `ge-0/0/0` with `unit`/`family`; those cap the score at 10.
///
/// Then, which product. The rule: **EdgeOS when its markers outweigh VyOS's, otherwise VyOS.**
/// EdgeOS markers: a version footer listing `ubnt-` components, a `Release version: v1.x/v2.x`
/// line, `service gui`, `service ubnt-discover`, `service unms`, `system offload`,
/// `system analytics-handler`, `system traffic-analysis`, `port-forward`, `service nat`,
/// `service upnp2`, `interfaces switch switch0`, `poe` under an ethernet, user `level`, the
/// `ubnt` user, and any `config.gateway.json` (UniFi USG). VyOS markers: the
/// `// vyos-config-version` footer, a vyatta footer without `ubnt-` components, a
/// `Release version: 1.x` line, `service https`, `hw-id`, `smp-affinity`, `system
/// config-management`, top-level `nat`, `high-availability`, `container`, `vrf`, `pki`,
/// `load-balancing`, `firewall ipv4`, `interfaces pppoe`, the `vyos` user. The winner gets the
/// Vyatta score, the other 25 less, so a forced choice still parses.
///
/// Reads bytes line by line without building strings; at most `maximumLines` lines, plus the
/// last KiB of a longer file for its footer.
enum VyattaDetection {
    static let maximumLines = 3000

    /// Markers: each counts once, for Vyatta in general and for one product.
    enum Marker: Int, CaseIterable {
        case ubntFooter, vyattaFooter, vyosFooter, edgeRelease, vyosRelease, edgeComment
        case interfacesBlock, systemBlock, serviceBlock, firewallBlock, protocolsBlock, portForwardBlock, natBlock
        case vyosOnlyBlock, otherBlock
        case ethernetBlock, loopback, switchInterface, hostName, loginPassword, userUbnt, userVyos, userLevel
        case gui, ubntService, upnp2, offload, analytics, poe, https, hwID, smpAffinity, configManagement
        case firewallIPv4, pppoeInterface, serviceNAT
        case setEthernet, setOtherInterface, setLoginUser, setHostName, setService, setFirewall, setPortForward,
             setNAT, setStatic, setVyosOnly, json

        var info: (name: String, vyatta: Int, edge: Int, vyos: Int) {
            switch self {
            case .ubntFooter: ("vyatta-config-version footer with ubnt- components", 70, 60, 0)
            case .vyattaFooter: ("vyatta-config-version footer", 70, 0, 20)
            case .vyosFooter: ("vyos-config-version footer", 70, 0, 60)
            case .edgeRelease: ("EdgeOS release line", 10, 30, 0)
            case .vyosRelease: ("VyOS release line", 10, 0, 30)
            case .edgeComment: ("EdgeRouter comment", 0, 5, 0)
            case .interfacesBlock: ("interfaces block", 15, 0, 0)
            case .systemBlock: ("system block", 10, 0, 0)
            case .serviceBlock: ("service block", 10, 0, 0)
            case .firewallBlock: ("firewall block", 10, 0, 0)
            case .protocolsBlock: ("protocols block", 5, 0, 0)
            case .portForwardBlock: ("port-forward block", 10, 20, 0)
            case .natBlock: ("top-level nat block", 5, 0, 10)
            case .vyosOnlyBlock: ("high-availability/container/vrf/pki/load-balancing block", 5, 0, 10)
            case .otherBlock: ("policy/vpn/traffic-policy block", 5, 0, 0)
            case .ethernetBlock: ("ethernet ethN block", 20, 0, 0)
            case .loopback: ("loopback lo", 5, 0, 0)
            case .switchInterface: ("switch0 interface", 5, 15, 0)
            case .hostName: ("host-name", 5, 0, 0)
            case .loginPassword: ("login password", 15, 0, 0)
            case .userUbnt: ("user ubnt", 0, 10, 0)
            case .userVyos: ("user vyos", 0, 0, 10)
            case .userLevel: ("user level", 0, 10, 0)
            case .gui: ("service gui", 5, 20, 0)
            case .ubntService: ("service ubnt-discover/unms", 5, 20, 0)
            case .upnp2: ("service upnp2", 0, 10, 0)
            case .offload: ("system offload", 0, 15, 0)
            case .analytics: ("system analytics-handler/traffic-analysis", 0, 10, 0)
            case .poe: ("ethernet poe", 0, 10, 0)
            case .https: ("service https", 0, 0, 15)
            case .hwID: ("hw-id", 5, 0, 15)
            case .smpAffinity: ("smp-affinity", 0, 0, 10)
            case .configManagement: ("system config-management", 5, 0, 10)
            case .firewallIPv4: ("firewall ipv4", 5, 0, 15)
            case .pppoeInterface: ("interfaces pppoe", 5, 0, 10)
            case .serviceNAT: ("service nat", 0, 15, 0)
            case .setEthernet: ("set interfaces ethernet", 40, 0, 0)
            case .setOtherInterface: ("set interfaces (other)", 15, 0, 0)
            case .setLoginUser: ("set system login user", 20, 0, 0)
            case .setHostName: ("set system host-name", 10, 0, 0)
            case .setService: ("set service", 10, 0, 0)
            case .setFirewall: ("set firewall", 15, 0, 0)
            case .setPortForward: ("set port-forward", 10, 20, 0)
            case .setNAT: ("set nat source/destination", 10, 0, 10)
            case .setStatic: ("set protocols static", 5, 0, 0)
            case .setVyosOnly: ("set high-availability/container/vrf/pki/load-balancing", 5, 0, 10)
            case .json: ("config.gateway.json with Vyatta keys", 0, 50, 0)
            }
        }
    }

    struct Evidence {
        var vyatta = 0
        var edge = 0
        var vyos = 0
        var foreign: String?
        var seen: UInt64 = 0

        mutating func mark(_ marker: Marker, bonus: Int = 0) {
            let bit = UInt64(1) << UInt64(marker.rawValue)
            guard seen & bit == 0 else { return }
            seen |= bit
            let info = marker.info
            vyatta += info.vyatta + bonus
            edge += info.edge
            vyos += info.vyos
        }

        var reasons: [String] {
            Marker.allCases.filter { seen & (UInt64(1) << UInt64($0.rawValue)) != 0 }.map(\.info.name)
        }
    }

    /// EdgeOS and VyOS both ask for the same evaluation of each input, one after the other; the
    /// last one is kept so the file is scanned once (String equality is a pointer check for the
    /// same text).
    private static let lastEvaluation = Mutex<(text: String, evidence: Evidence)?>(nil)

    static func score(_ text: String, for product: VendorID) -> DetectionScore {
        let evidence: Evidence
        if let cached = lastEvaluation.withLock({ $0 }), cached.text == text {
            evidence = cached.evidence
        } else {
            evidence = evaluate(text)
            lastEvaluation.withLock { $0 = (text, evidence) }
        }
        guard evidence.vyatta > 0 else { return .none }
        var base = min(100, evidence.vyatta)
        if let foreign = evidence.foreign { return DetectionScore(min(10, base), "looks like \(foreign), not Vyatta") }
        let edgeWins = evidence.edge > evidence.vyos
        let mine = product == .edgeOS ? edgeWins : !edgeWins
        if !mine { base = max(0, base - 25) }
        let winner = edgeWins ? "EdgeOS" : "VyOS"
        return DetectionScore(base, "Vyatta \(evidence.reasons.prefix(6).joined(separator: ", ")); "
                              + "\(winner) (EdgeOS markers \(evidence.edge), VyOS markers \(evidence.vyos))")
    }

    static func evaluate(_ text: String) -> Evidence {
        var evidence = Evidence()
        if VyattaJSONReader.looksLikeJSON(text) {
            evaluateJSON(text, into: &evidence)
            return evidence
        }
        var text = text
        text.withUTF8 { scan($0, into: &evidence) }
        return evidence
    }

    // MARK: - Lines

    private struct Line {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Trimmed bounds.
        let start: Int
        let end: Int
        let indented: Bool

        var first: UInt8 { bytes[start] }
        var last: UInt8 { bytes[end - 1] }
        var count: Int { end - start }

        func hasPrefix(_ literal: StaticString) -> Bool { matches(literal, at: start) }

        func matches(_ literal: StaticString, at offset: Int) -> Bool {
            let n = literal.utf8CodeUnitCount
            guard offset + n <= end else { return false }
            return literal.withUTF8Buffer { pattern in
                for i in 0..<n where bytes[offset + i] != pattern[i] { return false }
                return true
            }
        }

        func contains(_ literal: StaticString) -> Bool {
            let n = literal.utf8CodeUnitCount
            guard n <= count else { return false }
            var offset = start
            while offset + n <= end {
                if matches(literal, at: offset) { return true }
                offset += 1
            }
            return false
        }

        /// The word starting at `offset` (after blanks), as a byte range, and where the next begins.
        func word(from offset: Int) -> Range<Int> {
            var from = offset
            while from < end, VyattaReader.isBlank(bytes[from]) { from += 1 }
            var to = from
            while to < end, !VyattaReader.isBlank(bytes[to]) { to += 1 }
            return from..<to
        }

        func word(_ range: Range<Int>, is literal: StaticString) -> Bool {
            range.count == literal.utf8CodeUnitCount && matches(literal, at: range.lowerBound)
        }

        func word(_ range: Range<Int>, hasPrefix literal: StaticString) -> Bool {
            range.count >= literal.utf8CodeUnitCount && matches(literal, at: range.lowerBound)
        }
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into evidence: inout Evidence) {
        var lines = 0
        var leaves = 0
        var semicolonLines = 0
        var topLevel = Marker.otherBlock
        var lineStart = 0
        while lineStart < bytes.count, lines < maximumLines {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            defer { lineStart = lineEnd + 1 }
            lines += 1
            var start = lineStart
            var end = lineEnd
            while start < end, VyattaReader.isBlank(bytes[start]) { start += 1 }
            while end > start, VyattaReader.isBlank(bytes[end - 1]) { end -= 1 }
            guard start < end else { continue }
            let line = Line(bytes: bytes, start: start, end: end, indented: start > lineStart)
            if line.hasPrefix("/*") || line.hasPrefix("//") || line.first == UInt8(ascii: "#") {
                footer(line, into: &evidence)
                continue
            }
            let last = line.last
            if last == UInt8(ascii: ";") { semicolonLines += 1 }
            if last != UInt8(ascii: "{") && last != UInt8(ascii: "}") { leaves += 1 }
            if line.hasPrefix("set ") {
                setLine(line, into: &evidence)
                continue
            }
            if !line.indented, last == UInt8(ascii: "{") {
                topLevel = topBlock(line, into: &evidence)
                continue
            }
            blockLine(line, topLevel: topLevel, into: &evidence)
        }
        if semicolonLines > 0, semicolonLines * 2 >= leaves {
            evidence.foreign = "Junos (statements end with ';')"
        }
        // The footer sits at the very end of a config.boot, past the line limit of a huge file.
        if lineStart < bytes.count {
            var start = max(lineStart, bytes.count - 1024)
            while start < bytes.count, start > 0, bytes[start - 1] != 0x0A { start += 1 }
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                var s = start
                var e = end
                while s < e, VyattaReader.isBlank(bytes[s]) { s += 1 }
                while e > s, VyattaReader.isBlank(bytes[e - 1]) { e -= 1 }
                let line = Line(bytes: bytes, start: s, end: e, indented: s > start)
                if s < e, line.hasPrefix("/*") || line.hasPrefix("//") { footer(line, into: &evidence) }
                start = end + 1
            }
        }
    }

    private static func footer(_ line: Line, into evidence: inout Evidence) {
        if line.contains("vyatta-config-version:") {
            evidence.mark(line.contains("ubnt-") ? .ubntFooter : .vyattaFooter)
        } else if line.contains("vyos-config-version:") {
            evidence.mark(.vyosFooter)
        } else if line.contains("Release version: v") {
            evidence.mark(.edgeRelease)
        } else if line.contains("Release version: 1.") || line.contains("Release version: 2") {
            evidence.mark(.vyosRelease)
        } else if line.contains("EdgeRouter") || line.contains("EdgeOS") || line.contains("UBNT") {
            evidence.mark(.edgeComment)
        }
    }

    /// `name {` at column 0.
    private static func topBlock(_ line: Line, into evidence: inout Evidence) -> Marker {
        let name = line.word(from: line.start)
        let marker: Marker
        if line.word(name, is: "interfaces") { marker = .interfacesBlock }
        else if line.word(name, is: "system") { marker = .systemBlock }
        else if line.word(name, is: "service") { marker = .serviceBlock }
        else if line.word(name, is: "firewall") { marker = .firewallBlock }
        else if line.word(name, is: "protocols") { marker = .protocolsBlock }
        else if line.word(name, is: "port-forward") { marker = .portForwardBlock }
        else if line.word(name, is: "nat") { marker = .natBlock }
        else if line.word(name, is: "high-availability") || line.word(name, is: "container") || line.word(name, is: "vrf")
                    || line.word(name, is: "pki") || line.word(name, is: "load-balancing") { marker = .vyosOnlyBlock }
        else if line.word(name, is: "policy") || line.word(name, is: "vpn") || line.word(name, is: "traffic-policy")
                    || line.word(name, is: "zone-policy") || line.word(name, is: "load-balance") || line.word(name, is: "qos") {
            marker = .otherBlock
        } else {
            return .otherBlock
        }
        evidence.mark(marker)
        return marker
    }

    private static func blockLine(_ line: Line, topLevel: Marker, into evidence: inout Evidence) {
        let first = line.word(from: line.start)
        let second = line.word(from: first.upperBound)
        if line.word(first, is: "ethernet") {
            if line.word(second, hasPrefix: "eth") { evidence.mark(.ethernetBlock) }
        } else if line.word(first, is: "loopback") {
            if line.word(second, is: "lo") { evidence.mark(.loopback) }
        } else if line.word(first, is: "switch") {
            if topLevel == .interfacesBlock, line.word(second, hasPrefix: "switch") { evidence.mark(.switchInterface) }
        } else if line.word(first, is: "host-name") {
            evidence.mark(.hostName)
        } else if line.word(first, is: "encrypted-password") || line.word(first, is: "plaintext-password") {
            evidence.mark(.loginPassword)
        } else if line.word(first, is: "user") {
            if line.word(second, is: "ubnt") { evidence.mark(.userUbnt) }
            if line.word(second, is: "vyos") { evidence.mark(.userVyos) }
        } else if line.word(first, is: "level") {
            if line.word(second, is: "admin") || line.word(second, is: "operator") { evidence.mark(.userLevel) }
        } else if line.word(first, is: "gui") {
            if topLevel == .serviceBlock { evidence.mark(.gui) }
        } else if line.word(first, is: "ubnt-discover") || line.word(first, is: "ubnt-discover-server") || line.word(first, is: "unms") {
            evidence.mark(.ubntService)
        } else if line.word(first, is: "upnp2") {
            evidence.mark(.upnp2)
        } else if line.word(first, is: "offload") {
            if topLevel == .systemBlock { evidence.mark(.offload) }
        } else if line.word(first, is: "analytics-handler") || line.word(first, is: "traffic-analysis") {
            evidence.mark(.analytics)
        } else if line.word(first, is: "poe") {
            evidence.mark(.poe)
        } else if line.word(first, is: "https") {
            if topLevel == .serviceBlock { evidence.mark(.https) }
        } else if line.word(first, is: "hw-id") {
            evidence.mark(.hwID)
        } else if line.word(first, is: "smp-affinity") {
            evidence.mark(.smpAffinity)
        } else if line.word(first, is: "config-management") {
            if topLevel == .systemBlock { evidence.mark(.configManagement) }
        } else if line.word(first, is: "ipv4") {
            if topLevel == .firewallBlock { evidence.mark(.firewallIPv4) }
        } else if line.word(first, is: "pppoe") {
            if topLevel == .interfacesBlock, line.word(second, hasPrefix: "pppoe") { evidence.mark(.pppoeInterface) }
        } else if line.word(first, is: "nat") {
            if topLevel == .serviceBlock { evidence.mark(.serviceNAT) }
        }
    }

    private static func setLine(_ line: Line, into evidence: inout Evidence) {
        let area = line.word(from: line.start + 3)
        let item = line.word(from: area.upperBound)
        let third = line.word(from: item.upperBound)
        let fourth = line.word(from: third.upperBound)
        if line.word(area, is: "interfaces") {
            if line.word(item, is: "ethernet"), line.word(third, hasPrefix: "eth") || line.word(third, hasPrefix: "'eth") {
                evidence.mark(.setEthernet)
            } else if line.word(item, is: "switch") {
                evidence.mark(.setOtherInterface)
                evidence.mark(.switchInterface)
            } else if line.word(item, is: "pppoe") {
                evidence.mark(.setOtherInterface)
                evidence.mark(.pppoeInterface)
            } else if line.word(item, is: "loopback") || line.word(item, is: "dummy") || line.word(item, is: "bridge")
                        || line.word(item, is: "bonding") || line.word(item, is: "wireguard") || line.word(item, is: "openvpn")
                        || line.word(item, is: "tunnel") || line.word(item, is: "vti") {
                evidence.mark(.setOtherInterface)
            } else if line.word(item, hasPrefix: "ge-") || line.word(item, hasPrefix: "xe-") || line.word(item, hasPrefix: "et-")
                        || item.contains(where: { line.bytes[$0] == UInt8(ascii: "/") }) {
                evidence.foreign = "Junos (interfaces named ge-0/0/0)"
            }
        } else if line.word(area, is: "system") {
            if line.word(item, is: "login"), line.word(third, is: "user") {
                evidence.mark(.setLoginUser)
                if line.word(fourth, is: "ubnt") { evidence.mark(.userUbnt) }
                if line.word(fourth, is: "vyos") || line.word(fourth, is: "'vyos'") { evidence.mark(.userVyos) }
            } else if line.word(item, is: "host-name") {
                evidence.mark(.setHostName)
            } else if line.word(item, is: "config-management") {
                evidence.mark(.configManagement)
            } else if line.word(item, is: "offload") {
                evidence.mark(.offload)
            } else if line.word(item, is: "analytics-handler") || line.word(item, is: "traffic-analysis") {
                evidence.mark(.analytics)
            } else if line.word(item, is: "root-authentication") || line.word(item, is: "services") {
                evidence.foreign = "Junos (set system root-authentication/services)"
            }
        } else if line.word(area, is: "service") {
            evidence.mark(.setService)
            if line.word(item, is: "gui") { evidence.mark(.gui) }
            else if line.word(item, is: "ubnt-discover") || line.word(item, is: "unms") { evidence.mark(.ubntService) }
            else if line.word(item, is: "upnp2") { evidence.mark(.upnp2) }
            else if line.word(item, is: "nat") { evidence.mark(.serviceNAT) }
            else if line.word(item, is: "https") { evidence.mark(.https) }
        } else if line.word(area, is: "firewall") {
            if line.word(item, is: "name") || line.word(item, is: "ipv6-name") || line.word(item, is: "group")
                || line.word(item, is: "all-ping") || line.word(item, is: "global-options") {
                evidence.mark(.setFirewall)
            } else if line.word(item, is: "ipv4") || line.word(item, is: "ipv6") {
                evidence.mark(.setFirewall)
                evidence.mark(.firewallIPv4)
            } else if line.word(item, is: "family") || line.word(item, is: "filter") {
                evidence.foreign = "Junos (set firewall family/filter)"
            }
        } else if line.word(area, is: "port-forward") {
            evidence.mark(.setPortForward)
        } else if line.word(area, is: "nat") {
            if line.word(item, is: "source") || line.word(item, is: "destination") { evidence.mark(.setNAT) }
        } else if line.word(area, is: "protocols") {
            if line.word(item, is: "static") { evidence.mark(.setStatic) }
        } else if line.word(area, is: "high-availability") || line.word(area, is: "container") || line.word(area, is: "vrf")
                    || line.word(area, is: "pki") || line.word(area, is: "load-balancing") {
            evidence.mark(.setVyosOnly)
        } else if line.word(area, is: "security") || line.word(area, is: "version") || line.word(area, is: "routing-options")
                    || line.word(area, is: "chassis") || line.word(area, is: "policy-options") || line.word(area, is: "class-of-service")
                    || line.word(area, is: "deviceconfig") || line.word(area, is: "rulebase") {
            evidence.foreign = "Junos or PAN-OS (set \(String(decoding: UnsafeBufferPointer(rebasing: line.bytes[area]), as: UTF8.self)))"
        }
        if line.contains(" hw-id ") { evidence.mark(.hwID) }
        if line.contains(" smp-affinity") { evidence.mark(.smpAffinity) }
        if line.contains(" level admin") || line.contains(" level operator") { evidence.mark(.userLevel) }
        if line.contains(" unit ") && line.contains(" family ") { evidence.foreign = "Junos (unit/family)" }
    }

    /// A config.gateway.json: top-level Vyatta keys and Vyatta words in keys.
    private static func evaluateJSON(_ text: String, into evidence: inout Evidence) {
        var hits = 0
        for key in ["\"interfaces\"", "\"firewall\"", "\"service\"", "\"system\"", "\"port-forward\"", "\"protocols\""]
        where text.contains(key) {
            hits += 1
        }
        var vyattaWords = 0
        for key in ["\"ethernet\"", "\"default-action\"", "\"ipv6-name\"", "\"upnp2\"", "\"host-name\"", "\"load-balance\"",
                    "\"rule\"", "\"listen-on\"", "\"dhcp-server\"", "\"gui\"", "\"dns\"", "\"login\"", "\"vif\""]
        where text.contains(key) {
            vyattaWords += 1
        }
        guard hits >= 1, vyattaWords >= 2 else { return }
        evidence.mark(.json, bonus: min(90, 40 + 10 * (hits + vyattaWords)))
    }
}
