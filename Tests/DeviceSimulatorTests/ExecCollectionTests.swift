import DeviceSimulator
import Foundation
import Testing

/// Every platform, over an exec channel with a real SSH client (swift-nio-ssh's client side):
/// the configuration that comes back is the fixture file, byte for byte (network operating
/// systems end lines with CR LF, as on the real devices).
struct ExecCollectionTests {
    @Test func everyVendorServesItsFixtures() async throws {
        let harness = try await SimulatorHarness.start(devices: 20)
        do {
            for device in harness.simulator.devices {
                let vendor = device.vendor.rawValue
                let files = try SimulatorHarness.fixtureFiles(vendor)
                let fixture = files[(device.index / Vendor.allCases.count) % files.count]
                try await check(device, fixture: fixture, harness: harness)
            }
        } catch {
            await harness.stop()
            throw error
        }
        await harness.stop()
    }

    private func check(_ device: SimulatedDevice, fixture: URL, harness: SimulatorHarness) async throws {
        let port = device.port
        switch device.vendor {
        case .ciscoIOS:
            let expected = try SimulatorHarness.bytes(fixture)
            let result = try await harness.exec(port: port, "show running-config")
            let output = unixLines(result.output)
            #expect(text(output).hasPrefix("Building configuration...\n\nCurrent configuration : \(expected.count) bytes\n"))
            #expect(output.suffix(expected.count).elementsEqual(expected), "\(fixture.lastPathComponent)")
            #expect(result.exitStatus == 0)
            let version = try await harness.exec(port: port, "sh ver")
            #expect(text(version.output).contains("Cisco IOS Software"))
        case .junos, .huaweiVRP, .routerOS, .fortiOS, .vyos, .edgeOS:
            let command = [
                Vendor.junos: "show configuration | no-more", .huaweiVRP: "display current-configuration", .routerOS: "/export",
                .fortiOS: "show full-configuration", .vyos: "show configuration", .edgeOS: "show configuration",
            ][device.vendor]!
            let result = try await harness.exec(port: port, command)
            #expect(unixLines(result.output) == (try SimulatorHarness.bytes(fixture)), "\(device.vendor) \(fixture.lastPathComponent)")
            #expect(result.output.contains(13), "network operating systems end lines with CR LF")
            #expect(result.exitStatus == 0)
        case .openWrt:
            for file in ["firewall", "dropbear", "network"] {
                let result = try await harness.exec(port: port, "cat /etc/config/\(file)")
                #expect(result.output == (try SimulatorHarness.bytes(fixture.appendingPathComponent(file))), "\(fixture.lastPathComponent)/\(file)")
            }
            // Not every fixture folder has a shadow file (fw4-exposure is about the firewall only).
            let shadowFile = fixture.appendingPathComponent("shadow")
            if FileManager.default.fileExists(atPath: shadowFile.path) {
                let shadow = try await harness.exec(port: port, "cat /etc/shadow")
                #expect(shadow.output == (try SimulatorHarness.bytes(shadowFile)))
            }
            let export = try await harness.exec(port: port, "uci export")
            let given = fixture.deletingLastPathComponent().appendingPathComponent(fixture.lastPathComponent + ".uci-export")
            if FileManager.default.fileExists(atPath: given.path) {
                #expect(export.output == (try SimulatorHarness.bytes(given)))
            } else {
                // Built from the folder: each file as a package.
                let firewall = try SimulatorHarness.bytes(fixture.appendingPathComponent("firewall"))
                #expect(text(export.output).contains("package firewall\n"))
                #expect(text(export.output).contains(text(firewall).trimmingCharacters(in: .newlines)))
            }
            let missing = try await harness.exec(port: port, "cat /etc/config/nothing")
            #expect(missing.exitStatus == 1)
            #expect(text(missing.output).contains("No such file or directory"))
        case .pfSense, .opnSense:
            let result = try await harness.exec(port: port, "cat /conf/config.xml")
            #expect(result.output == (try SimulatorHarness.bytes(fixture)))
            #expect(result.exitStatus == 0)
        }
    }

    /// `| display set` of a Junos brace configuration is one set command per leaf.
    @Test func junosDisplaySetFromBraces() async throws {
        let harness = try await SimulatorHarness.start(devices: 2, vendors: [.junos])
        var outputs: [[UInt8]] = []
        for device in harness.simulator.devices {
            outputs.append(try await harness.exec(port: device.port, "show configuration | display set").output)
        }
        await harness.stop()
        for output in outputs {
            let lines = text(unixLines(output)).split(separator: "\n")
            #expect(lines.allSatisfy { $0.hasPrefix("set ") || $0.hasPrefix("deactivate ") })
            #expect(lines.contains("set system host-name branch-srx300"))
            #expect(lines.contains { $0.hasPrefix("set system root-authentication encrypted-password \"$") })
            #expect(!lines.contains { $0.contains("SECRET-DATA") || $0.contains("{") || $0.contains(";") })
        }
        // The brace fixture (the second one): `[ a b ]` lists become one line per member.
        let braces = text(unixLines(outputs[1])).split(separator: "\n")
        #expect(braces.contains("set system services web-management https interface ge-0/0/0.0"))
        #expect(braces.contains("set system services web-management https interface ge-0/0/1.0"))
        #expect(braces.contains("set system services web-management https system-generated-certificate"))
    }

    /// EdgeOS prints its config.boot as set commands with `show configuration commands`.
    @Test func edgeOSConfigurationCommands() async throws {
        let harness = try await SimulatorHarness.start(devices: 1, vendors: [.edgeOS])
        let result = try await harness.exec(port: harness.simulator.devices[0].port, "show configuration commands")
        await harness.stop()
        let lines = text(unixLines(result.output)).split(separator: "\n")
        #expect(!lines.isEmpty)
        #expect(lines.allSatisfy { $0.hasPrefix("set ") })
        #expect(lines.contains("set firewall all-ping enable"))
    }
}
