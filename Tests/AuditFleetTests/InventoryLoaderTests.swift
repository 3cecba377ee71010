import Foundation
import Testing
@testable import AuditFleet

struct InventoryLoaderTests {
    static let sample = """
        defaults:
          user: admin
          password-env: RA_PASSWORD
          known-hosts: /etc/routeraudit/known_hosts
          host-key-policy: strict
          timeout: 10s
          legacy-algorithms: false
          policy: baseline
        groups:
          branch: { vendor: cisco-ios, timeout: 20s }
        devices:
          - name: sim-00001
            address: 127.0.0.1
            port: 20001
            vendor: cisco-ios
            group: branch
          - name: old-1841
            address: 10.0.0.9
            legacy-algorithms: true
            host-key-fingerprint: SHA256:abcdefghijklmnop
          - name: shop-export
            file: ./exports/shop.cfg
        """

    @Test func theSimulatorShapeLoadsWithSettingsResolved() throws {
        let inventory = try InventoryLoader.parse(Self.sample, file: "/srv/fleet/inventory.yaml", ownerOnly: false)
        #expect(inventory.devices.map(\.name) == ["sim-00001", "old-1841", "shop-export"])
        let sim = inventory.devices[0]
        #expect(sim.target == .network(address: "127.0.0.1", port: 20001))
        #expect(sim.settings.timeoutSeconds == 20, "the group's timeout overrides the default")
        #expect(sim.settings.vendor == "cisco-ios")
        #expect(sim.settings.user == "admin")
        #expect(sim.settings.credential == .environment("RA_PASSWORD"))
        #expect(sim.settings.knownHosts == "/etc/routeraudit/known_hosts")
        #expect(sim.declaredAt == "/srv/fleet/inventory.yaml:12")
        let old = inventory.devices[1]
        #expect(old.target == .network(address: "10.0.0.9", port: 22))
        #expect(old.settings.legacyAlgorithms)
        #expect(old.settings.hostKeyPolicy == .pinned("SHA256:abcdefghijklmnop"))
        #expect(old.settings.timeoutSeconds == 10)
        #expect(old.settings.vendor == nil)
        #expect(inventory.devices[2].target == .file(path: "/srv/fleet/exports/shop.cfg"), "relative to the inventory's folder")
    }

    /// Each problem names the file and the line it is on, and all of them are reported at once.
    @Test func problemsCarryTheirLines() {
        let text = """
            defaults:
              timeout: soon
              colour: blue
            devices:
              - name: a
                address: 10.0.0.1
              - name: b
                address: 10.0.0.2
                port: 70000
              - name: c
                address: 10.0.0.2
                group: nowhere
              - name: a
                file: a.cfg
              - address: 10.0.0.3
            """
        do {
            _ = try InventoryLoader.parse(text, file: "inv.yaml", ownerOnly: false)
            Issue.record("expected problems")
        } catch {
            let lines = error.problems.map(\.description)
            #expect(lines.contains { $0.hasPrefix("inv.yaml:2: timeout must be a duration") })
            #expect(lines.contains { $0.hasPrefix("inv.yaml:3: unknown key 'colour'") })
            #expect(lines.contains { $0.hasPrefix("inv.yaml:9: device 'b': port must be") })
            #expect(lines.contains { $0.hasPrefix("inv.yaml:12: device 'c': unknown group 'nowhere'") })
            #expect(lines.contains { $0.hasPrefix("inv.yaml:15: device without a name") })
            #expect(lines.contains { $0.contains("device name 'a' is used twice") })
        }
    }

    @Test func brokenYAMLNamesItsLine() {
        #expect {
            _ = try InventoryLoader.parse("devices:\n  - name: a\n   address: [\n", file: "x.yaml", ownerOnly: false)
        } throws: { error in
            "\(error)".hasPrefix("x.yaml:") && "\(error)".contains("not valid YAML")
        }
    }

    /// An inline password needs both the explicit opt-in and an owner-only file, and the password
    /// never appears in the message.
    @Test func inlinePasswordsNeedOptInAndAnOwnerOnlyFile() throws {
        let device = "devices:\n  - name: r1\n    address: 10.0.0.1\n    password: Sup3rSecret!\n"
        for (text, ownerOnly) in [(device, true), ("allow-inline-password: true\n" + device, false)] {
            do {
                _ = try InventoryLoader.parse(text, file: "inv.yaml", ownerOnly: ownerOnly)
                Issue.record("inline password accepted")
            } catch {
                #expect(error.description.contains("inline password"))
                #expect(!error.description.contains("Sup3rSecret!"))
            }
        }
        let inventory = try InventoryLoader.parse("allow-inline-password: true\n" + device, file: "inv.yaml", ownerOnly: true)
        #expect(inventory.devices[0].settings.credential == .inline("Sup3rSecret!"))
        #expect(!"\(inventory.devices[0].settings.credential!)".contains("Sup3rSecret!"))
    }

    @Test func passwordFilesMustBeOwnerOnlyAndModesAreRead() throws {
        let folder = try FleetTestSupport.temporaryFolder("pwfile")
        try FleetTestSupport.write("hunter2\n", to: folder + "/open.txt", mode: 0o644)
        try FleetTestSupport.write("hunter2\n", to: folder + "/closed.txt", mode: 0o600)
        let text = "devices:\n  - name: r1\n    address: 10.0.0.1\n    password-file: ./open.txt\n"
        #expect(throws: InventoryLoader.InventoryError.self) {
            _ = try InventoryLoader.parse(text, file: folder + "/inv.yaml", ownerOnly: false)
        }
        let good = try InventoryLoader.parse(text.replacingOccurrences(of: "open", with: "closed"), file: folder + "/inv.yaml", ownerOnly: false)
        #expect(good.devices[0].settings.credential == .file(folder + "/closed.txt"))
        // The loader reads the mode from disk for a real file.
        try FleetTestSupport.write("allow-inline-password: true\n" + "devices:\n  - name: r1\n    address: 10.0.0.1\n    password: x\n",
                                   to: folder + "/inv.yaml", mode: 0o640)
        #expect(throws: InventoryLoader.InventoryError.self) { _ = try InventoryLoader.load(path: folder + "/inv.yaml") }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: folder + "/inv.yaml")
        #expect(try InventoryLoader.load(path: folder + "/inv.yaml").devices.count == 1)
    }

    /// A folder source makes every file a device; an /etc/config-shaped subfolder is one device.
    /// (A folder of its own: the shared fixture folders gain files as vendors are covered.)
    @Test func folderSourcesListEveryFile() throws {
        let folder = try FleetTestSupport.temporaryFolder("folder-source") + "/exports"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for name in ["hardened-router", "insecure-home-router", "insecure-home-router.uci-export"] {
            try FileManager.default.copyItem(atPath: FleetTestSupport.fixture("openwrt/" + name), toPath: folder + "/" + name)
        }
        let inventory = try InventoryLoader.parse("sources:\n  - folder: \(folder)\n    vendor: openwrt\n",
                                                  file: "inv.yaml", ownerOnly: false)
        #expect(inventory.devices.map(\.name) == ["hardened-router", "insecure-home-router", "insecure-home-router.uci-export"])
        #expect(inventory.devices.allSatisfy { $0.settings.vendor == "openwrt" })
        #expect(inventory.devices[1].target == .file(path: folder + "/insecure-home-router"))
    }

    @Test func csvExportsAndImportsBack() throws {
        let inventory = try InventoryLoader.parse(Self.sample, file: "/srv/fleet/inventory.yaml", ownerOnly: false)
        let csv = InventoryCSV.export(inventory)
        #expect(csv.hasPrefix("name,address,port,vendor,group,file\n"))
        #expect(csv.contains("sim-00001,127.0.0.1,20001,cisco-ios,branch,\n"))
        let yaml = try InventoryCSV.importYAML(csv, file: "fleet.csv")
        let again = try InventoryLoader.parse("groups:\n  branch: {}\n" + yaml, file: "/srv/fleet/inventory.yaml", ownerOnly: false)
        #expect(again.devices.map(\.name) == inventory.devices.map(\.name))
        #expect(again.devices.map(\.target) == inventory.devices.map(\.target))
        #expect(throws: InventoryCSV.Problem.self) { _ = try InventoryCSV.importYAML("name,address\nx,1\n", file: "bad.csv") }
        do {
            _ = try InventoryCSV.importYAML(InventoryCSV.header + "\nr1,10.0.0.1,99999,auto,,\n", file: "bad.csv")
        } catch {
            #expect(error.description == "bad.csv:2: port must be a number from 1 to 65535")
        }
    }

    /// Shards partition an inventory: every device in exactly one shard.
    @Test func shardsPartitionTheInventory() {
        let names = (0..<1000).map { "device-\($0)" }
        let shards = (1...4).map { k in names.filter { Shard(index: k, count: 4).contains($0) } }
        #expect(shards.map(\.count).reduce(0, +) == names.count)
        #expect(Set(shards.flatMap { $0 }) == Set(names))
        #expect(shards.allSatisfy { $0.count > 150 }, "a stable hash spreads names evenly")
        #expect(Shard("2/4") == Shard(index: 2, count: 4))
        #expect(Shard("0/4") == nil && Shard("5/4") == nil && Shard("x") == nil)
    }
}
