/// One line of `uci show` output, split into its parts:
///
///     network.lan=interface                      package, section, type
///     firewall.@zone[0].network='wan' 'wan6'     package, anonymous section, option, values
///
/// Anything else (a sysctl line `net.ipv4.ip_forward=1` has three parts but no quoted value)
/// is not a show line: option values are always quoted by `uci show`.
struct UCIShowLine {
    var package: String
    /// As written: `lan` or `@zone[0]`.
    var sectionKey: String
    /// nil for `@type[n]` sections, which have no name.
    var sectionName: String?
    /// `zone` for `@zone[0]`.
    var anonymousType: String?
    var option: String?
    /// The text after `=`.
    var rest: Substring
    /// UTF-8 offset of `rest` within the line.
    var restOffset: Int

    init?(_ line: Substring) {
        let bytes = line.utf8
        var index = bytes.startIndex
        func identifier() -> Substring? {
            let start = index
            while index != bytes.endIndex && UCISyntax.isIdentifierByte(bytes[index]) { index = bytes.index(after: index) }
            return start == index ? nil : line[start..<index]
        }
        func consume(_ ascii: Unicode.Scalar) -> Bool {
            guard index != bytes.endIndex, bytes[index] == UInt8(ascii: ascii) else { return false }
            index = bytes.index(after: index)
            return true
        }
        while index != bytes.endIndex && UCILexer.isBlank(bytes[index]) { index = bytes.index(after: index) }
        guard let package = identifier(), consume(".") else { return nil }
        self.package = String(package)

        if consume("@") {
            let keyStart = bytes.index(before: index)
            guard let type = identifier(), consume("[") else { return nil }
            if index != bytes.endIndex && bytes[index] == UInt8(ascii: "-") { index = bytes.index(after: index) }
            let digitsStart = index
            while index != bytes.endIndex && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index = bytes.index(after: index) }
            guard digitsStart != index, consume("]") else { return nil }
            sectionKey = String(line[keyStart..<index])
            sectionName = nil
            anonymousType = String(type)
        } else {
            guard let name = identifier() else { return nil }
            sectionKey = String(name)
            sectionName = String(name)
            anonymousType = nil
        }

        if consume(".") {
            guard let option = identifier() else { return nil }
            self.option = String(option)
        } else {
            option = nil
        }
        guard consume("=") else { return nil }
        rest = line[index...]
        restOffset = bytes.distance(from: bytes.startIndex, to: index)
        // Option values are quoted by `uci show`; a section line has a bare type.
        if option != nil {
            guard let first = rest.utf8.first, first == UInt8(ascii: "'") || first == UInt8(ascii: "\"") else { return nil }
        }
    }
}
