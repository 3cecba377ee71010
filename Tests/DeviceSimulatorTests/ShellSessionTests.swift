import DeviceSimulator
import Foundation
import Testing

/// PTY shell sessions, typed the way a collector types: prompts, enable, pagers, questions.
struct ShellSessionTests {
    /// Pages through `--More--`-style output with the space bar until `prompt` returns; gives
    /// the raw bytes and how many pager prompts were answered.
    private func pageThrough(_ shell: ShellSession, from start: Int, pager: String, prompt: String) async throws -> (bytes: [UInt8], pages: Int) {
        var position = start
        var pages = 0
        while true {
            let (bytes, found) = await shell.read(until: pager, from: position, timeout: .seconds(3))
            let chunk = text(bytes)
            if found, !chunk.contains(prompt) {
                pages += 1
                position += bytes.count
                try await shell.send(" ")
                continue
            }
            let (rest, _) = await shell.read(until: prompt, from: start, timeout: .seconds(5))
            return (rest, pages)
        }
    }

    @Test func ciscoEnablePagingAndTerminalLength() async throws {
        try await SimulatorHarness.with(devices: 1, vendors: [.ciscoIOS]) { harness in
            let fixture = try SimulatorHarness.bytes(try SimulatorHarness.fixtureFiles("cisco-ios")[0])
            let hostname = try #require(fixtureValue(fixture, after: "hostname"))
            let client = try await harness.connect(port: harness.simulator.devices[0].port)
            let shell = try await client.shell(rows: 24)
            #expect(await shell.read(until: "\(hostname)>").found)

            // User EXEC cannot show the configuration.
            var mark = shell.output.count
            try await shell.send("show running-config\r")
            let refused = await shell.read(until: "\(hostname)>", from: mark)
            #expect(text(refused.bytes).contains("% Invalid input detected at '^' marker."))

            // enable asks for the secret without echoing it.
            mark = shell.output.count
            try await shell.send("enable\r")
            #expect(await shell.read(until: "Password: ", from: mark).found)
            mark = shell.output.count
            try await shell.send(harness.password + "\r")
            let privileged = await shell.read(until: "\(hostname)#", from: mark)
            #expect(privileged.found)
            #expect(!text(shell.output).contains(harness.password))

            // Paged: the terminal shows the configuration once the pager is answered.
            mark = shell.output.count
            try await shell.send("show running-config\r")
            let paged = try await pageThrough(shell, from: mark, pager: "--More--", prompt: "\(hostname)#")
            let expectedLines = fixtureLines(fixture)
            #expect(paged.pages >= (expectedLines.count + 3) / 23)
            #expect(paged.pages > 1)
            let screen = screenLines(paged.bytes)
            #expect(Array(screen.dropFirst(4).prefix(expectedLines.count)) == expectedLines)

            // terminal length 0: no pager at all.
            mark = shell.output.count
            try await shell.send("terminal length 0\r")
            #expect(await shell.read(until: "\(hostname)#", from: mark).found)
            mark = shell.output.count
            try await shell.send("show running-config\r")
            let whole = await shell.read(until: "\(hostname)#", from: mark)
            #expect(whole.found)
            #expect(!text(whole.bytes).contains("--More--"))
            #expect(text(unixLines(whole.bytes)).contains(text(fixture)))

            try await shell.send("exit\r")
            _ = await shell.read(until: "never", timeout: .seconds(3))
            #expect(shell.isClosed)
            #expect(shell.exitStatus == 0)
            await client.close()
        }
    }

    @Test func huaweiPasswordQuestionAndScreenLength() async throws {
        // Device 2 of a Huawei-only fleet (odd index) first asks to change its password.
        try await SimulatorHarness.with(devices: 2, vendors: [.huaweiVRP]) { harness in
            let fixture = try SimulatorHarness.bytes(try SimulatorHarness.fixtureFiles("huawei-vrp")[1])
            let sysname = try #require(fixtureValue(fixture, after: "sysname"))
            let client = try await harness.connect(port: harness.simulator.devices[1].port)
            let shell = try await client.shell(rows: 24)
            #expect(await shell.read(until: "[Y/N]:").found)
            var mark = shell.output.count
            try await shell.send("N\r")
            #expect(await shell.read(until: "<\(sysname)>", from: mark).found)

            mark = shell.output.count
            try await shell.send("display current-configuration\r")
            let paged = try await pageThrough(shell, from: mark, pager: "---- More ----", prompt: "<\(sysname)>")
            #expect(paged.pages > 1)
            let expectedLines = fixtureLines(fixture)
            let screen = screenLines(paged.bytes)
            #expect(Array(screen.dropFirst(1).prefix(expectedLines.count)) == expectedLines)

            mark = shell.output.count
            try await shell.send("screen-length 0 temporary\r")
            #expect(await shell.read(until: "<\(sysname)>", from: mark).found)
            mark = shell.output.count
            try await shell.send("dis cur\r")
            let whole = await shell.read(until: "<\(sysname)>", from: mark)
            #expect(!text(whole.bytes).contains("More"))
            #expect(text(unixLines(whole.bytes)).contains(text(fixture)))
            await client.close()
        }
    }

    /// FortiOS: a disclaimer accepted with one key, `--More--`, and the console output setting.
    @Test func fortiOSDisclaimerPagerAndConsoleOutput() async throws {
        try await SimulatorHarness.with(devices: 2, vendors: [.fortiOS]) { harness in
            let fixture = try SimulatorHarness.bytes(try SimulatorHarness.fixtureFiles("fortios")[1])
            let hostname = try #require(fixtureValue(fixture, after: "hostname"))
            let client = try await harness.connect(port: harness.simulator.devices[1].port)
            let shell = try await client.shell(rows: 24)
            #expect(await shell.read(until: "(Press 'a' to accept):").found)
            var mark = shell.output.count
            try await shell.send("a")
            #expect(await shell.read(until: "\(hostname) # ", from: mark).found)

            mark = shell.output.count
            try await shell.send("show\r")
            let paged = try await pageThrough(shell, from: mark, pager: "--More--", prompt: "\(hostname) # ")
            #expect(paged.pages > 1)
            #expect(Array(screenLines(paged.bytes).dropFirst(1).prefix(fixtureLines(fixture).count)) == fixtureLines(fixture))

            for line in ["config system console", "set output standard", "end"] {
                mark = shell.output.count
                try await shell.send(line + "\r")
                #expect(await shell.read(until: " # ", from: mark).found)
            }
            mark = shell.output.count
            try await shell.send("show full-configuration\r")
            let whole = await shell.read(until: "\(hostname) # ", from: mark)
            #expect(!text(whole.bytes).contains("--More--"))
            #expect(text(unixLines(whole.bytes)).contains(text(fixture)))
            await client.close()
        }
    }

    @Test func junosNoMoreAndPfSenseMenu() async throws {
        try await SimulatorHarness.with(devices: 2, vendors: [.junos, .pfSense]) { harness in
            let junos = try SimulatorHarness.bytes(try SimulatorHarness.fixtureFiles("junos")[0])
            let host = try #require(fixtureValue(junos, after: "host-name"))
            let client = try await harness.connect(port: harness.simulator.devices[0].port)
            let shell = try await client.shell(rows: 30)
            #expect(await shell.read(until: "admin@\(host)> ").found)
            var mark = shell.output.count
            try await shell.send("show configuration\r")
            #expect(await shell.read(until: "---(more)---", from: mark).found)
            try await shell.send("q")
            #expect(await shell.read(until: "admin@\(host)> ", from: mark).found)
            mark = shell.output.count
            try await shell.send("show configuration | no-more\r")
            let whole = await shell.read(until: "admin@\(host)> ", from: mark)
            #expect(!text(whole.bytes).contains("---(more"))
            #expect(text(unixLines(whole.bytes)).contains(text(junos)))
            await client.close()

            let pfsense = try SimulatorHarness.bytes(try SimulatorHarness.fixtureFiles("pfsense")[0])
            let firewall = try await harness.connect(port: harness.simulator.devices[1].port)
            let menu = try await firewall.shell(rows: 24)
            #expect(await menu.read(until: "Enter an option: ").found)
            mark = menu.output.count
            try await menu.send("8\r")
            #expect(await menu.read(until: "/root: ", from: mark).found)
            mark = menu.output.count
            try await menu.send("cat /conf/config.xml\r")
            let config = await menu.read(until: "/root: ", from: mark)
            #expect(text(unixLines(config.bytes)).contains(text(pfsense)))
            await firewall.close()
        }
    }
}
