import ArgumentParser
import DeviceSimulator
import Foundation

/// `routeraudit-devsim`: many fake routers on many loopback ports, for scale and fault tests of
/// the SSH collector and fleet sweeps. See docs/simulator.md.
@main
struct DevSimCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "routeraudit-devsim",
        abstract: "Serve many simulated routers over SSH on loopback ports (a development tool)."
    )

    @Option(help: "How many devices to simulate.")
    var devices: Int = 10

    @Option(help: "Port of the first device; device N listens on base-port + N - 1.")
    var basePort: Int = 20001

    @Option(help: "Address to listen on.")
    var bind: String = "127.0.0.1"

    @Option(help: "The device-fixtures folder: configurations per vendor.")
    var fixtures: String = "device-fixtures"

    @Option(help: "Folder for known_hosts, password, inventory.yaml, faults.tsv, id_ed25519.")
    var state: String

    @Option(help: "Seed for host keys, the password and the fault plan; the same seed gives the same fleet.")
    var seed: String = "devsim"

    @Option(name: .customLong("latency-ms"), help: "Delay before each answer, in milliseconds.")
    var latencyMilliseconds: Int = 0

    @Option(help: "Faults as NAME=P%,...: hang, refuse, hostkey-changed, drop-mid-output, flood, wrong-password.")
    var fault: String = ""

    @Option(help: "Vendors, round-robin by device: cisco-ios,junos,huawei-vrp,routeros,fortios,openwrt,vyos,edgeos,pfsense,opnsense (default: all).")
    var vendors: String?

    @Option(help: "Event-loop threads (default: one per core).")
    var threads: Int?

    @Option(name: .customLong("selftest-load"), help: "Drive this many exec sessions against the fleet in-process, print the figures and exit.")
    var selftestLoad: Int?

    @Option(help: "Sessions at a time for --selftest-load.")
    var concurrency: Int = 100

    @Flag(name: .customLong("drive-only"), help: "With --selftest-load: bind nothing and drive a simulator already started with the same arguments, so its memory can be measured alone.")
    var driveOnly = false

    func run() async throws {
        let limit = DeviceSimulator.raiseOpenFileLimit()
        var configuration = SimulatorConfiguration(
            devices: devices, basePort: basePort, bindAddress: bind,
            fixtures: URL(fileURLWithPath: fixtures), seed: seed, latencyMilliseconds: latencyMilliseconds
        )
        do {
            configuration.faults = try FaultSpec(parsing: fault)
            if let vendors { configuration.vendors = try Vendor.list(parsing: vendors) }
            if let threads { configuration.threads = threads }
            try configuration.validate()
        } catch {
            throw ValidationError(error.description)
        }
        let needed = devices + 2 * concurrency + 64
        if limit > 0, limit < needed {
            printLine("routeraudit-devsim: warning: the open-file limit is \(limit); \(devices) devices need about \(needed)")
        }

        if driveOnly {
            guard let sessions = selftestLoad else { throw ValidationError("--drive-only needs --selftest-load") }
            let fleet = try await DeviceSimulator.start(configuration, listening: false)
            let report = await LoadDriver.run(fleet, sessions: sessions, concurrency: concurrency)
            printLine("routeraudit-devsim: drive-only: \(report)")
            await fleet.stop()
            if report.failed + report.wrongOutput > 0 { throw ExitCode(1) }
            return
        }
        let stateFolder = URL(fileURLWithPath: state)
        let ready = stateFolder.appendingPathComponent("ready")
        try? FileManager.default.removeItem(at: ready)
        let simulator: DeviceSimulator
        do {
            simulator = try await DeviceSimulator.start(configuration)
            try StateFiles.write(simulator, to: stateFolder)
            try StateFiles.save("\(getpid())\n", as: ready, mode: 0o644)
        } catch {
            printLine("routeraudit-devsim: \(error)")
            throw ExitCode(2)
        }
        let faulty = simulator.devices.filter { $0.fault != nil }.count
        printLine(
            "routeraudit-devsim: serving \(devices) devices on \(bind):\(basePort)-\(basePort + devices - 1) "
                + "(\(faulty) with faults), state in \(stateFolder.standardizedFileURL.path)"
        )

        if let sessions = selftestLoad {
            let report = await LoadDriver.run(simulator, sessions: sessions, concurrency: concurrency)
            printLine("routeraudit-devsim: selftest-load: \(report)")
            await simulator.stop()
            if report.failed + report.wrongOutput > 0 { throw ExitCode(1) }
            return
        }
        // Serve until killed (SIGINT, SIGTERM); the state files stay for the next run.
        while true {
            try await Task.sleep(for: .seconds(3600))
        }
    }

    private func printLine(_ text: String) {
        // Written straight to the descriptor: a script waiting on a pipe sees each line at once.
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }
}
