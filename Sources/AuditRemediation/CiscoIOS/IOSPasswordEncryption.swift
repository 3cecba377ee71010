/// What `service password-encryption` does to a line: a cleartext password (`password X`,
/// `password 0 X`) becomes type 7. Knows the type 7 encoding (Cisco's fixed XOR key), which is
/// how the device itself stores these.
enum IOSPasswordEncryption {
    static let key = Array("dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87".utf8)

    /// The cleartext value on a line, or nil when the line holds none.
    static func cleartextValue(_ line: String) -> String? {
        let words = IOSConfigTree.words(line)
        guard words.first != "no", let at = words.lastIndex(of: "password"), at + 1 < words.count else { return nil }
        let next = words[at + 1]
        if next == "0", at + 2 < words.count { return words[(at + 2)...].joined(separator: " ") }
        if next == "7" || next == "5" || next == "8" || next == "9" || next == "6" { return nil }
        return at + 1 == words.count - 1 ? String(next) : nil
    }

    /// The line with its cleartext password stored as type 7.
    static func encrypt(_ line: String) -> String {
        guard let value = cleartextValue(line) else { return line }
        let words = IOSConfigTree.words(line)
        guard let at = words.lastIndex(of: "password") else { return line }
        let indent = line.prefix { $0 == " " || $0 == "\t" }
        return indent + (words[...at].joined(separator: " ") + " 7 " + type7(value, seed: 2))
    }

    static func type7(_ plain: String, seed: Int) -> String {
        var out = seed < 10 ? "0\(seed)" : "\(seed)"
        for (offset, byte) in plain.utf8.enumerated() {
            let value = byte ^ key[(seed + offset) % key.count]
            let hex = String(value, radix: 16, uppercase: true)
            out += hex.count == 1 ? "0" + hex : hex
        }
        return out
    }
}
