/// One input to a parser: a file (or collected output) and its text.
public struct ConfigInput: Sendable {
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}

/// How sure a parser is that a text is its vendor's configuration.
public struct DetectionScore: Sendable, Comparable {
    public var value: Int
    public var reason: String

    public init(_ value: Int, _ reason: String) {
        self.value = value
        self.reason = reason
    }

    public static let none = DetectionScore(0, "no marker")
    public static func < (a: DetectionScore, b: DetectionScore) -> Bool { a.value < b.value }
}

/// A vendor: how to recognise its configurations and how to turn them into a DeviceConfig.
public protocol VendorSupport: Sendable {
    var id: VendorID { get }
    var displayName: String { get }
    /// Looks at content only, never at the file name.
    func detect(_ text: String) -> DetectionScore
    /// Never throws on bad content: what it cannot read becomes diagnostics.
    func parse(_ inputs: [ConfigInput]) -> DeviceConfig
}
