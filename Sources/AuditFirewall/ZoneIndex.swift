import AuditCore

/// Zone names as numbers for the zone dimensions. Interface-ACL vendors (Cisco) have none, and
/// every packet is in zone 0.
public struct ZoneIndex: Sendable {
    static let capacity = 1024
    public private(set) var names: [String] = []
    private var numbers: [String: Int] = [:]

    public init(_ zones: [String]) {
        for zone in zones where numbers[zone] == nil && names.count < Self.capacity - 1 {
            numbers[zone] = names.count
            names.append(zone)
        }
    }

    public init(config: DeviceConfig) {
        self.init(config.zones.map(\.name))
    }

    public func number(_ zone: String) -> Int? { numbers[zone] }

    public func name(_ number: Int) -> String { number < names.count ? names[number] : "zone \(number)" }
}
