import Foundation

/// One device's worth of configuration, read from `device-fixtures/<vendor>/`.
public struct DeviceFixture: Sendable {
    /// Where it came from (`cisco-ios/soho-887-insecure.cfg`, `openwrt/hardened-router`).
    public let name: String
    /// The configuration as the device prints it: the file's bytes, or for an OpenWrt folder
    /// the `uci export` of its files.
    public let configuration: [UInt8]
    /// Further files the device can show (OpenWrt: `/etc/config/<name>` and `/etc/shadow`).
    public let files: [String: [UInt8]]

    public init(name: String, configuration: [UInt8], files: [String: [UInt8]] = [:]) {
        self.name = name
        self.configuration = configuration
        self.files = files
    }
}

/// Every fixture per vendor, in name order; device N of a vendor serves fixture N modulo count.
public struct FixtureSet: Sendable {
    public let byVendor: [Vendor: [DeviceFixture]]

    public init(byVendor: [Vendor: [DeviceFixture]]) {
        self.byVendor = byVendor
    }

    /// Reads the fixture folder for the given vendors; a vendor without fixtures is an error
    /// naming its folder.
    public static func load(from root: URL, vendors: [Vendor]) throws(SimulatorError) -> FixtureSet {
        var byVendor: [Vendor: [DeviceFixture]] = [:]
        for vendor in Set(vendors) {
            let folder = root.appendingPathComponent(vendor.rawValue)
            let fixtures = vendor == .openWrt ? openWrtFixtures(in: folder) : fileFixtures(in: folder, vendor: vendor)
            guard !fixtures.isEmpty else {
                throw .fixtures("\(folder.path): no fixtures for \(vendor.rawValue)")
            }
            byVendor[vendor] = fixtures
        }
        return FixtureSet(byVendor: byVendor)
    }

    public func fixture(for vendor: Vendor, ordinal: Int) -> DeviceFixture {
        let list = byVendor[vendor] ?? []
        return list[ordinal % list.count]
    }

    private static func entries(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { !$0.hasPrefix(".") }
            .sorted()
    }

    private static func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }

    private static func read(_ url: URL) -> [UInt8]? {
        (try? Data(contentsOf: url)).map { [UInt8]($0) }
    }

    private static func fileFixtures(in folder: URL, vendor: Vendor) -> [DeviceFixture] {
        entries(in: folder).compactMap { name in
            let url = folder.appendingPathComponent(name)
            guard !isDirectory(url), let bytes = read(url), !bytes.isEmpty else { return nil }
            return DeviceFixture(name: "\(vendor.rawValue)/\(name)", configuration: bytes)
        }
    }

    /// An OpenWrt device is a folder laid out like `/etc/config` (plus `shadow`). Its `uci export`
    /// is the sibling `<folder>.uci-export` file when there is one, else built from the files the
    /// way uci prints them (`package NAME`, a blank line, the sections).
    private static func openWrtFixtures(in folder: URL) -> [DeviceFixture] {
        entries(in: folder).compactMap { name in
            let url = folder.appendingPathComponent(name)
            guard isDirectory(url) else { return nil }
            var files: [String: [UInt8]] = [:]
            for file in entries(in: url) {
                guard let bytes = read(url.appendingPathComponent(file)) else { continue }
                files[file == "shadow" ? "/etc/shadow" : "/etc/config/\(file)"] = bytes
            }
            let export: [UInt8]
            if let given = read(folder.appendingPathComponent("\(name).uci-export")) {
                export = given
            } else {
                var built: [UInt8] = []
                for path in files.keys.sorted() where path.hasPrefix("/etc/config/") {
                    var body = files[path] ?? []
                    while body.first == UInt8(ascii: "\n") { body.removeFirst() }
                    if body.last != UInt8(ascii: "\n") { body.append(UInt8(ascii: "\n")) }
                    built += Array("package \(path.dropFirst("/etc/config/".count))\n\n".utf8) + body + [UInt8(ascii: "\n")]
                }
                export = built
            }
            return DeviceFixture(name: "openwrt/\(name)", configuration: export, files: files)
        }
    }
}
