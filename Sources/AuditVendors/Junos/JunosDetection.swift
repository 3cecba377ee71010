import AuditCore

/// Recognises Junos configurations from their content: the brace form (leaves end in `;`), the
/// `display set` form (paths only Junos has: `system services`, `unit N family inet`,
/// `security zones`, `policy-options`) and the XML form (a `<configuration>` element with Junos
/// stanzas). Each marker counts once. VyOS and EdgeOS share `set interfaces` and braces but
/// never end statements with `;` and name interfaces `ethernet eth0`; RouterOS `set` lines carry
/// `name=value`; PAN-OS and FortiOS have markers of their own; those cap the score. Only the
/// first 64 KiB are read, as bytes.
enum JunosDetection {
    static let scanLimit = 64 * 1024

    struct Marker {
        let bytes: [UInt8]
        let name: String
        let points: Int

        init(_ text: String, _ name: String, _ points: Int) {
            bytes = Array(text.utf8)
            self.name = name
            self.points = points
        }
    }

    static let setMarkers: [Marker] = [
        Marker("set version ", "set version", 30),
        Marker("set system services ", "set system services", 25),
        Marker("set system root-authentication ", "set root-authentication", 30),
        Marker("set system login class ", "set login class", 20),
        Marker("set security zones ", "set security zones", 30),
        Marker("set security policies ", "set security policies", 30),
        Marker("set security nat ", "set security nat", 25),
        Marker("set security ike ", "set security ike", 25),
        Marker("set security ipsec ", "set security ipsec", 20),
        Marker("set security screen ", "set security screen", 25),
        Marker("set security address-book ", "set security address-book", 25),
        Marker("set firewall filter ", "set firewall filter", 25),
        Marker("set firewall family ", "set firewall family", 25),
        Marker("set policy-options ", "set policy-options", 25),
        Marker("set routing-options ", "set routing-options", 25),
        Marker("set routing-instances ", "set routing-instances", 15),
        Marker("set snmp ", "set snmp", 15),
        Marker("set chassis ", "set chassis", 20),
        Marker("set vlans ", "set vlans", 15),
        Marker("set applications application", "set applications", 20),
        Marker("set system host-name ", "set system host-name", 5),
        Marker("set system syslog ", "set system syslog", 10),
        Marker("set protocols ", "set protocols", 5),
        Marker("deactivate ", "deactivate line", 10),
    ]

    /// Found anywhere in a brace-form line.
    static let braceMarkers: [Marker] = [
        Marker("root-authentication {", "root-authentication block", 30),
        Marker("host-inbound-traffic {", "host-inbound-traffic", 25),
        Marker("security-zone ", "security-zone", 20),
        Marker("from-zone ", "from-zone", 25),
        Marker("class super-user;", "class super-user", 25),
        Marker("family inet {", "family inet", 20),
        Marker("family inet;", "family inet", 20),
        Marker("family ethernet-switching", "family ethernet-switching", 20),
        Marker("encrypted-password \"", "encrypted-password", 10),
        Marker("policy-options {", "policy-options", 25),
        Marker("routing-options {", "routing-options", 25),
        Marker("## Last commit:", "commit stamp", 30),
        Marker("## Last changed:", "commit stamp", 30),
    ]

    static let topLevelBlocks: [[UInt8]] = ["system {", "interfaces {", "security {", "protocols {", "firewall {", "snmp {",
                                            "chassis {", "vlans {"].map { Array($0.utf8) }
    static let syslogSeverities: Set<[UInt8]> = Set(["any", "emergency", "alert", "critical", "error", "warning", "notice",
                                                     "info", "none"].map { Array($0.utf8) })
    static let panos: [[UInt8]] = ["set deviceconfig", "set rulebase", "set vsys ", "set network interface"].map { Array($0.utf8) }
    static let vyattaSet: [[UInt8]] = ["set interfaces ethernet eth", "set service ", "set firewall name ", "set interfaces pppoe"]
        .map { Array($0.utf8) }

    static func score(_ text: String) -> DetectionScore {
        var contiguous = text
        contiguous.makeContiguousUTF8()
        return contiguous.utf8.withContiguousStorageIfAvailable { bytes in
            JunosXMLReader.looksLikeXML(text) ? xmlScore(bytes) : textScore(bytes)
        } ?? .none
    }

    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    static func hasPrefix(_ line: Bytes, _ prefix: [UInt8]) -> Bool {
        line.count >= prefix.count && line.prefix(prefix.count).elementsEqual(prefix)
    }

    static func contains(_ line: Bytes, _ needle: [UInt8]) -> Bool {
        needle.withUnsafeBufferPointer { ByteSearch.contains(line.base, line.startIndex, line.endIndex, $0) }
    }

    /// Byte strings the line scan compares with, made once.
    enum Literals {
        static let classWord = Array(" class ".utf8)
        static let familyInet = Array(" family inet ".utf8)
        static let familyInet6 = Array(" family inet6 ".utf8)
        static let levelWord = Array(" level ".utf8)
        static let uidWord = Array(" uid ".utf8)
        static let unitWord = Array(" unit ".utf8)
        static let commitStamp = Array("## Last".utf8)
        static let findBracket = Array("[ find".utf8)
        static let configFirewall = Array("config firewall ".utf8)
        static let configSystem = Array("config system ".utf8)
        static let deactivate = Array("deactivate ".utf8)
        static let ethernetEth = Array("ethernet eth".utf8)
        static let hostName = Array("host-name ".utf8)
        static let set = Array("set ".utf8)
        static let setInterfaces = Array("set interfaces ".utf8)
        static let setLoginUser = Array("set system login user ".utf8)
        static let setSyslog = Array("set system syslog ".utf8)
        static let unitBlock = Array("unit ".utf8)
        static let version = Array("version ".utf8)
        static let deviceconfig = Array("deviceconfig {".utf8)
        static let rulebase = Array("rulebase {".utf8)
    }

    static func textScore(_ bytes: UnsafeBufferPointer<UInt8>) -> DetectionScore {
        var found: [String] = []
        var seen: Set<String> = []
        var score = 0
        var foreign: String?
        var semicolonLeaves = 0
        var bareLeaves = 0
        var assignmentLines = 0

        func mark(_ name: String, _ points: Int) {
            guard seen.insert(name).inserted else { return }
            score += points
            found.append(name)
        }

        let limit = min(bytes.count, scanLimit)
        var start = 0
        while start < limit {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            let indented = start < end && (bytes[start] == 0x20 || bytes[start] == 0x09)
            var low = start, high = end
            while low < high, JunosTextReader.Lexer.isSpace(bytes[low]) { low += 1 }
            while high > low, JunosTextReader.Lexer.isSpace(bytes[high - 1]) { high -= 1 }
            defer { start = end + 1 }
            guard low < high, bytes[low] != UInt8(ascii: "#") || hasPrefix(bytes[low..<high], Literals.commitStamp) else { continue }
            let line = bytes[low..<high]
            if hasPrefix(line, Literals.set) || hasPrefix(line, Literals.deactivate) {
                if panos.contains(where: { hasPrefix(line, $0) }) { foreign = "PAN-OS set commands" }
                if vyattaSet.contains(where: { hasPrefix(line, $0) }) { foreign = foreign ?? "VyOS/EdgeOS set commands" }
                if line.contains(UInt8(ascii: "=")) || contains(line, Literals.findBracket) {
                    // RouterOS: `set [ find default=yes ] ...`, `set version disabled=yes`.
                    assignmentLines += 1
                    continue
                }
                for marker in setMarkers where hasPrefix(line, marker.bytes) {
                    if marker.name == "set version" {
                        let next = line.dropFirst(marker.bytes.count).first ?? 0
                        guard next >= 0x30 && next <= 0x39 else { continue }
                    }
                    mark(marker.name, marker.points)
                }
                if hasPrefix(line, Literals.setSyslog) {
                    let lastWord = line.lastIndex(of: 0x20).map { line[($0 + 1)...] } ?? line
                    if syslogSeverities.contains(Array(lastWord)) && !contains(line, Literals.levelWord) {
                        mark("syslog facility severity", 25)
                    }
                }
                if hasPrefix(line, Literals.setLoginUser),
                   contains(line, Literals.classWord) || contains(line, Literals.uidWord) {
                    mark("set login user class", 20)
                }
                if hasPrefix(line, Literals.setInterfaces), contains(line, Literals.unitWord) {
                    mark("set interfaces … unit", 30)
                }
                if contains(line, Literals.familyInet) || contains(line, Literals.familyInet6) {
                    mark("family inet", 20)
                }
                continue
            }
            if hasPrefix(line, Literals.configSystem) || hasPrefix(line, Literals.configFirewall) { foreign = "FortiOS" }
            if line.elementsEqual(Literals.deviceconfig) || line.elementsEqual(Literals.rulebase) { foreign = "PAN-OS" }
            if hasPrefix(line, Literals.ethernetEth) && line.last == UInt8(ascii: "{") { foreign = foreign ?? "VyOS/EdgeOS" }
            let last = line.last
            if last == UInt8(ascii: ";") {
                semicolonLeaves += 1
            } else if last != UInt8(ascii: "{") && last != UInt8(ascii: "}") && indented {
                bareLeaves += 1
            }
            if hasPrefix(line, Literals.version), last == UInt8(ascii: ";"), !indented {
                mark("version line", 30)
            } else if hasPrefix(line, Literals.hostName), last == UInt8(ascii: ";") {
                mark("host-name", 15)
            } else if hasPrefix(line, Literals.unitBlock), last == UInt8(ascii: "{") {
                mark("unit block", 20)
            } else if !indented, last == UInt8(ascii: "{"), let block = topLevelBlocks.first(where: { line.elementsEqual($0) }) {
                mark("top-level \(String(decoding: block.dropLast(2), as: UTF8.self))", 5)
            }
            for marker in braceMarkers where contains(line, marker.bytes) {
                mark(marker.name, marker.points)
            }
        }
        if assignmentLines >= 3 && assignmentLines > seen.count {
            foreign = foreign ?? "RouterOS (set lines with name=value)"
        }
        if bareLeaves > semicolonLeaves * 2 && bareLeaves >= 3 {
            foreign = foreign ?? "a brace configuration without ';' (VyOS, EdgeOS)"
        }
        score = min(score, 100)
        if let foreign, score > 0 {
            let junosStrong = seen.contains("set root-authentication") || seen.contains("set interfaces … unit")
                || seen.contains("unit block") || seen.contains("root-authentication block")
            if !junosStrong { return DetectionScore(min(score, 10), "looks like \(foreign), not Junos") }
        }
        guard score > 0 else { return .none }
        return DetectionScore(score, "Junos markers: \(found.joined(separator: ", "))")
    }

    /// `<configuration>` with Junos stanzas; other XML (pfSense, OPNsense, .NET) scores low.
    static func xmlScore(_ bytes: UnsafeBufferPointer<UInt8>) -> DetectionScore {
        let sample = bytes[0..<min(bytes.count, scanLimit)]
        guard contains(sample, Array("<configuration".utf8)) else { return .none }
        var score = 15
        var found = ["<configuration>"]
        var specific = false
        let markers: [(String, String, Int, Bool)] = [
            ("junos", "junos namespace or attribute", 25, true), ("<version>", "<version>", 15, false),
            ("<host-name>", "<host-name>", 10, true), ("<root-authentication>", "<root-authentication>", 20, true),
            ("<interfaces", "<interfaces>", 5, false), ("<security>", "<security>", 10, true),
            ("<rpc-reply", "<rpc-reply>", 5, true), ("<unit>", "<unit>", 10, true),
            ("<security-zone>", "<security-zone>", 15, true),
        ]
        for (needle, name, points, isSpecific) in markers where contains(sample, Array(needle.utf8)) {
            score += points
            found.append(name)
            specific = specific || isSpecific
        }
        guard specific else { return DetectionScore(min(score, 10), "an XML <configuration> without Junos stanzas") }
        return DetectionScore(min(score, 100), "Junos XML: \(found.joined(separator: ", "))")
    }
}
