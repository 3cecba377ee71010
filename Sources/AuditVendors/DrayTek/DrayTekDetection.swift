import AuditCore

/// Recognises Vigor telnet command scripts from their content: command families only DrayOS
/// has (`mngt`, `srv nat`, `sys passwd`, `sys commit`, `upnp on|off`, `csm`, `msubnet`,
/// `object ip obj`, `portmaptime`, `vigbrg`), with or without a `>` prompt. Other syntaxes
/// (indented blocks, `set`, `/path`, `config`, braces) cap the score. Only the first 64 KiB are
/// read, as bytes: detection runs on every input for every vendor.
enum DrayTekDetection {
    static let scanLimit = 64 * 1024

    static func score(_ text: String) -> DetectionScore {
        var text = text
        return text.withUTF8 { score(bytes: $0) }
    }

    static func score(bytes: UnsafeBufferPointer<UInt8>) -> DetectionScore {
        var found: [String] = []
        var seen: Set<String> = []
        var score = 0
        var foreign = 0
        var commands = 0
        func mark(_ name: String, _ points: Int) {
            guard seen.insert(name).inserted else { return }
            score += points
            found.append(name)
        }
        let limit = min(bytes.count, scanLimit)
        var lineStart = 0
        while lineStart < limit {
            var lineEnd = lineStart
            while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
            let indented = lineStart < lineEnd && ZLDText.isBlank(bytes[lineStart])
            var start = lineStart
            var end = lineEnd
            lineStart = lineEnd + 1
            while start < end, ZLDText.isBlank(bytes[start]) { start += 1 }
            while end > start, ZLDText.isBlank(bytes[end - 1]) || bytes[end - 1] == 0x0D { end -= 1 }
            // A prompt (`>`, `DrayTek>`): a first word ending in `>`.
            var word = start
            while word < end, bytes[word] != UInt8(ascii: " "), bytes[word] != UInt8(ascii: ">") { word += 1 }
            if word < end, bytes[word] == UInt8(ascii: ">") {
                start = word + 1
                while start < end, ZLDText.isBlank(bytes[start]) { start += 1 }
            }
            guard start < end else { continue }
            let first = bytes[start]
            if first == UInt8(ascii: "%") || first == UInt8(ascii: "#") || first == UInt8(ascii: ";") { continue }
            @inline(__always) func has(_ prefix: StaticString) -> Bool { DetectionBytes.has(bytes, start, end, prefix) }
            func equals(_ text: StaticString) -> Bool { DetectionBytes.equals(bytes, start, end, text) }
            if indented || has("set ") || has("config ") || first == UInt8(ascii: "/") || bytes[end - 1] == UInt8(ascii: "{")
                || has("interface ") || has("hostname ") {
                foreign += 1
                continue
            }
            commands += 1
            if has("mngt ") { mark("mngt", 35) }
            else if has("srv nat ") { mark("srv nat", 35) }
            else if has("sys passwd ") || equals("sys commit") || has("sys name ") { mark("sys", 25) }
            else if equals("upnp on") || equals("upnp off") { mark("upnp on/off", 20) }
            else if has("csm ") || has("msubnet ") || has("portmaptime ") || has("vigbrg ") || has("object ip obj ")
                        || has("object service obj ") {
                mark("DrayOS command families", 20)
            }
        }
        score = min(score, 100)
        guard score > 0 else { return .none }
        if foreign > commands {
            return DetectionScore(min(score, 15), "mostly another syntax, not a Vigor command script")
        }
        return DetectionScore(score, "DrayOS commands: \(found.joined(separator: ", "))")
    }
}
