import AuditCore

/// Recognises pfSense and OPNsense `config.xml` by content: the first element is `<pfsense>` or
/// `<opnsense>`. Early OPNsense releases kept the `<pfsense>` root; such a file is told by
/// OPNsense-only markers (`<theme>opnsense</theme>`, an `<OPNsense>` section) near the top. Looks
/// at bytes only, at most at the first megabyte for the root and the first 4 KB for markers.
enum PfSenseDetection {
    static let scanLimit = 1 << 20
    /// OPNsense-only markers are looked for this far (`<theme>` comes right after the root).
    static let markerLimit = 4 << 10

    /// Which product a text is, with the reason; nil when the root is neither.
    static func product(of text: String) -> (flavor: PfSenseFlavor, reason: String)? {
        var text = text
        return text.withUTF8 { bytes -> (flavor: PfSenseFlavor, reason: String)? in
            let limit = min(bytes.count, scanLimit)
            let window = UnsafeBufferPointer(rebasing: bytes[0..<limit])
            guard let name = firstElementName(window) else { return nil }
            if name.elementsEqual("opnsense".utf8) {
                return (.opnSense, "config.xml with root element <opnsense>")
            }
            guard name.elementsEqual("pfsense".utf8) else { return nil }
            if hasOPNsenseMarker(UnsafeBufferPointer(rebasing: window[0..<min(window.count, markerLimit)])) {
                return (.opnSense, "config.xml with root element <pfsense> and OPNsense sections (early OPNsense)")
            }
            return (.pfSense, "config.xml with root element <pfsense>")
        }
    }

    static func score(_ text: String, for flavor: PfSenseFlavor) -> DetectionScore {
        guard let found = product(of: text) else { return .none }
        if found.flavor == flavor { return DetectionScore(95, found.reason) }
        return DetectionScore(10, "\(found.reason): the other product of the same family")
    }

    /// The name of the first element after the prologue (XML declaration, comments, DOCTYPE).
    static func firstElementName(_ p: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8>? {
        var i = 0
        if p.count >= 3, p[0] == 0xEF, p[1] == 0xBB, p[2] == 0xBF { i = 3 }
        while i < p.count {
            let byte = p[i]
            if PfXMLBytes.isSpace(byte) { i += 1; continue }
            guard byte == 0x3C, i + 1 < p.count else { return nil }
            let next = p[i + 1]
            if next == 0x3F {
                guard let end = find(p, from: i + 2, "?>") else { return nil }
                i = end
            } else if PfXMLBytes.hasPrefix(p, i, "<!--") {
                guard let end = find(p, from: i + 4, "-->") else { return nil }
                i = end
            } else if next == 0x21 {
                guard let end = find(p, from: i + 2, ">") else { return nil }
                i = end
            } else if PfXMLBytes.isNameStart(next) {
                var j = i + 1
                while j < p.count && PfXMLBytes.isNameByte(p[j]) { j += 1 }
                return UnsafeBufferPointer(rebasing: p[(i + 1)..<j])
            } else {
                return nil
            }
        }
        return nil
    }

    /// Index just past the first occurrence of `needle` at or after `start`.
    static func find(_ p: UnsafeBufferPointer<UInt8>, from start: Int, _ needle: StaticString) -> Int? {
        let count = needle.utf8CodeUnitCount
        guard count > 0 else { return start }
        let first = needle.utf8Start[0]
        var i = start
        while i + count <= p.count {
            if p[i] == first && PfXMLBytes.hasPrefix(p, i, needle) { return i + count }
            i += 1
        }
        return nil
    }

    /// `<OPNsense>` or `<theme>opnsense</theme>`, in one pass over the tags.
    static func hasOPNsenseMarker(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i + 10 <= p.count {
            if p[i] == 0x3C {
                let next = p[i + 1]
                if next == 0x4F && PfXMLBytes.hasPrefix(p, i, "<OPNsense>") { return true }
                if next == 0x74 && PfXMLBytes.hasPrefix(p, i, "<theme>opnsense</theme>") { return true }
            }
            i += 1
        }
        return false
    }
}
