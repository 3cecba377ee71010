import AuditCore

/// Recognises RouterOS exports and scripts by content: `/menu` path lines whose first word is a
/// RouterOS menu, `add`/`set` lines with `key=value` arguments, `[ find ... ]` selectors, and the
/// export header (`# ... by RouterOS 6.49.6`, `# software id = ...`). Without a path line the
/// score stays below the detection threshold, so a file that only mentions RouterOS is not
/// claimed. Scans bytes without building strings; only the first `maximumLines` lines are looked at.
enum RouterOSDetection {
    static let maximumLines = 5000

    static let roots: [[UInt8]] = [
        "ip", "ipv6", "interface", "system", "routing", "tool", "user", "snmp", "queue", "ppp", "certificate",
        "caps-man", "disk", "port", "radius", "mpls", "file", "container", "zerotier", "user-manager",
        "special-login", "lcd", "partitions", "iot", "dude", "log",
    ].map { Array($0.utf8) }

    struct Counts {
        var meaningful = 0
        var pathLines = 0
        var itemLines = 0
        var header = false
        var softwareID = false
        var mentionsRouterOS = false
        var findSelector = false
    }

    static func score(_ text: String) -> DetectionScore {
        var text = text
        let counts = text.withUTF8 { count(in: $0) }
        return score(counts)
    }

    static func score(_ counts: Counts) -> DetectionScore {
        guard counts.meaningful > 0 || counts.header else { return .none }
        var found: [String] = []
        var value = 0
        if counts.pathLines > 0 {
            value += 35 + min(25, 5 * counts.pathLines)
            found.append("\(counts.pathLines) /menu path lines")
        }
        if counts.itemLines > 0 {
            value += min(20, 2 * counts.itemLines)
            found.append("\(counts.itemLines) add/set lines with key=value")
        }
        if counts.header { value += 40; found.append("export header 'by RouterOS'") }
        if counts.softwareID { value += 15; found.append("software id comment") }
        if counts.findSelector { value += 10; found.append("[ find ] selectors") }
        if counts.mentionsRouterOS { value += 10; found.append("RouterOS/MikroTik comment") }
        if counts.pathLines == 0 { value = min(value, 10) }
        // Mostly something else with a few look-alike lines.
        if counts.pathLines + counts.itemLines < counts.meaningful / 4 && !counts.header { value = min(value, 15) }
        guard value > 0 else { return .none }
        return DetectionScore(min(100, value), "RouterOS: \(found.joined(separator: ", "))")
    }

    static func count(in bytes: UnsafeBufferPointer<UInt8>) -> Counts {
        var counts = Counts()
        var start = 0
        var lines = 0
        while start < bytes.count && lines < maximumLines {
            var end = start
            while end < bytes.count && bytes[end] != 0x0A { end += 1 }
            classify(UnsafeBufferPointer(rebasing: bytes[start..<end]), into: &counts)
            lines += 1
            start = end + 1
        }
        return counts
    }

    private static let byRouterOS = Array("by RouterOS ".utf8)
    private static let softwareID = Array("software id =".utf8)
    private static let routerOS = Array("RouterOS".utf8)
    private static let mikroTik = Array("ikrotik".utf8)
    private static let mikroTikCapital = Array("ikroTik".utf8)
    private static let find = Array("[ find".utf8)
    private static let findTight = Array("[find".utf8)

    static func classify(_ line: UnsafeBufferPointer<UInt8>, into counts: inout Counts) {
        var index = 0
        while index < line.count && RouterOSReader.isBlank(line[index]) { index += 1 }
        guard index < line.count else { return }
        if line[index] == UInt8(ascii: "#") {
            if contains(line, byRouterOS) { counts.header = true }
            if contains(line, softwareID) { counts.softwareID = true }
            if contains(line, routerOS) || contains(line, mikroTik) || contains(line, mikroTikCapital) {
                counts.mentionsRouterOS = true
            }
            return
        }
        counts.meaningful += 1
        if line[index] == UInt8(ascii: "/") {
            let wordStart = index + 1
            var end = wordStart
            while end < line.count && !RouterOSReader.isBlank(line[end]) && line[end] != UInt8(ascii: "/") { end += 1 }
            let word = UnsafeBufferPointer(rebasing: line[wordStart..<end])
            if roots.contains(where: { $0.elementsEqual(word) }) { counts.pathLines += 1 }
            if contains(line, find) || contains(line, findTight) { counts.findSelector = true }
            return
        }
        let wordStart = index
        while index < line.count && !RouterOSReader.isBlank(line[index]) { index += 1 }
        let word = UnsafeBufferPointer(rebasing: line[wordStart..<index])
        guard word.elementsEqual("add".utf8) || word.elementsEqual("set".utf8) || word.elementsEqual("remove".utf8) else { return }
        // `key=value`: an `=` right after a word.
        var previous: UInt8 = 0x20
        for position in index..<line.count {
            let byte = line[position]
            if byte == UInt8(ascii: "=") && !RouterOSReader.isBlank(previous) {
                counts.itemLines += 1
                break
            }
            previous = byte
        }
        if contains(line, find) || contains(line, findTight) { counts.findSelector = true }
    }

    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        RouterOSReader.firstOffset(of: needle, in: haystack) != nil
    }
}
