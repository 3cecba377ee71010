import Foundation
@testable import AuditFleet

/// Paths and temporary folders for the fleet tests.
enum FleetTestSupport {
    static var repository: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
    }

    static func fixture(_ relative: String) -> String {
        repository + "/device-fixtures/" + relative
    }

    /// A new empty folder under the system's temporary folder.
    static func temporaryFolder(_ name: String) throws -> String {
        let path = NSTemporaryDirectory() + "routeraudit-fleet-\(name)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func write(_ text: String, to path: String, mode: Int = 0o644) throws {
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
    }

    /// Fixtures that audit cleanly, one per vendor, cycled to make a large file-source fleet.
    static let fleetFixtures = [
        "cisco-ios/soho-887-insecure.cfg", "cisco-ios/soho-887-hardened.cfg", "cisco-ios/soho-1841-legacy-defaults.cfg",
        "junos/srx300-branch-insecure.conf", "fortios/fg60f-shop-insecure.conf", "huawei-vrp/ar1220-shop-insecure.cfg",
        "routeros/insecure-office.rsc", "vyos/branch-insecure.commands", "edgeos/er-x-insecure.config.boot",
        "openwrt/insecure-home-router.uci-export",
    ]

    /// Writes `count` device files (copies of the fixtures) into `folder`/exports and an
    /// inventory with that folder as its source; returns the inventory path.
    static func makeFleet(count: Int, in folder: String) throws -> String {
        let exports = folder + "/exports"
        try FileManager.default.createDirectory(atPath: exports, withIntermediateDirectories: true)
        let texts = try fleetFixtures.map { try String(contentsOfFile: fixture($0), encoding: .utf8) }
        for index in 0..<count {
            let name = String(format: "dev-%05d", index)
            try texts[index % texts.count].write(toFile: "\(exports)/\(name).cfg", atomically: false, encoding: .utf8)
        }
        let inventory = folder + "/inventory.yaml"
        try write("defaults:\n  timeout: 10s\nsources:\n  - folder: ./exports\n", to: inventory)
        return inventory
    }
}
