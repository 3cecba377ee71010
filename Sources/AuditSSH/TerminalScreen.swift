/// Turns what a device sends to a terminal into plain lines, as a terminal would show them:
/// carriage return and backspace move the cursor (so a pager's erase sequence erases), escape
/// sequences (CSI, OSC, DCS, two-byte ESC) and other control characters are dropped, erase-line is
/// applied. Device output reaches a report or a terminal only through this. Works on bytes: a PTY
/// ends lines with CR LF, which Swift treats as one `Character`.
struct TerminalScreen {
    private(set) var lines: [[UInt8]] = []
    private(set) var current: [UInt8] = []
    private var cursor = 0
    private var state = EscapeState.text
    private var parameters: [UInt8] = []

    private enum EscapeState { case text, escape, csi, osc, oscEscape, string, stringEscape }

    mutating func feed(_ bytes: some Sequence<UInt8>) {
        for byte in bytes { feed(byte) }
    }

    mutating func feed(_ byte: UInt8) {
        switch state {
        case .text: text(byte)
        case .escape:
            switch byte {
            case UInt8(ascii: "["): state = .csi; parameters = []
            case UInt8(ascii: "]"): state = .osc
            case UInt8(ascii: "P"), UInt8(ascii: "X"), UInt8(ascii: "^"), UInt8(ascii: "_"): state = .string
            case 0x20...0x2F: break  // intermediate bytes of a longer ESC sequence
            default: state = .text
            }
        case .csi:
            if (0x40...0x7E).contains(byte) {
                if byte == UInt8(ascii: "K") { eraseLine() }
                state = .text
            } else if byte == 0x1B {
                state = .escape
            } else {
                parameters.append(byte)
            }
        case .osc:
            if byte == 0x07 { state = .text } else if byte == 0x1B { state = .oscEscape }
        case .oscEscape:
            state = byte == UInt8(ascii: "\\") ? .text : .osc
        case .string:
            if byte == 0x1B { state = .stringEscape }
        case .stringEscape:
            state = byte == UInt8(ascii: "\\") ? .text : .string
        }
    }

    private mutating func text(_ byte: UInt8) {
        switch byte {
        case 0x1B: state = .escape
        case UInt8(ascii: "\n"): commitLine()
        case UInt8(ascii: "\r"): cursor = 0
        case 0x08: cursor = max(0, cursor - 1)
        case UInt8(ascii: "\t"): put(byte)
        case 0x00..<0x20, 0x7F: break
        default: put(byte)
        }
    }

    private mutating func put(_ byte: UInt8) {
        if cursor < current.count { current[cursor] = byte } else { current.append(byte) }
        cursor += 1
    }

    private mutating func eraseLine() {
        let mode = parameters.isEmpty ? UInt8(ascii: "0") : parameters[0]
        switch mode {
        case UInt8(ascii: "1"):
            for index in 0..<min(cursor, current.count) { current[index] = UInt8(ascii: " ") }
        case UInt8(ascii: "2"): current = []
        default: if cursor < current.count { current.removeSubrange(cursor...) }
        }
    }

    private mutating func commitLine() {
        while current.last == UInt8(ascii: " ") { current.removeLast() }
        lines.append(current)
        current = []
        cursor = 0
    }

    /// Forgets the unfinished line (a pager prompt once answered).
    mutating func clearCurrentLine() {
        current = []
        cursor = 0
    }

    /// The unfinished line, where prompts and pagers appear.
    var currentLine: String { Self.string(current) }

    /// Lines from `index` on, joined with LF.
    func text(fromLine index: Int) -> String {
        guard index < lines.count else { return "" }
        return lines[index...].map(Self.string).joined(separator: "\n")
    }

    /// Everything shown so far, the unfinished line included.
    var fullText: String {
        (lines.map(Self.string) + (current.isEmpty ? [] : [Self.string(current)])).joined(separator: "\n")
    }

    /// UTF-8 with invalid bytes replaced; C1 control characters (U+0080-U+009F, which include the
    /// single-character CSI) dropped.
    static func string(_ bytes: [UInt8]) -> String {
        let decoded = String(decoding: bytes, as: UTF8.self)
        guard decoded.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else { return decoded }
        return String(String.UnicodeScalarView(decoded.unicodeScalars.filter { !(0x80...0x9F).contains($0.value) }))
    }

    /// Sanitises a whole text at once (for output that did not come through a screen).
    static func sanitize(_ bytes: [UInt8]) -> String {
        var screen = TerminalScreen()
        screen.feed(bytes)
        return screen.fullText
    }
}
