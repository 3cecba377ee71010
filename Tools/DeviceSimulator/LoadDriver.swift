import Foundation
import NIOCore
import NIOPosix
import NIOSSH

/// Drives many SSH sessions against a running simulator and checks every answer, to measure how
/// many sessions a second the simulator serves and how much memory it takes.
public enum LoadDriver {
    public struct Report: Sendable, CustomStringConvertible {
        public var sessions = 0
        public var succeeded = 0
        /// Sessions that connected but did not get the fixture back.
        public var wrongOutput = 0
        public var failed = 0
        public var seconds = 0.0
        public var bytes = 0
        /// The peak resident memory of this process (simulator and client when in one process).
        public var peakResidentMegabytes = 0.0
        public var devices = 0
        public var concurrency = 0

        public var description: String {
            let rate = seconds > 0 ? Double(sessions) / seconds : 0
            return "\(sessions) sessions against \(devices) devices, concurrency \(concurrency): \(succeeded) ok, "
                + "\(wrongOutput) wrong output, \(failed) failed in \(String(format: "%.2f", seconds)) s "
                + "(\(String(format: "%.0f", rate)) sessions/s, \(bytes / 1024) KiB received), "
                + "peak RSS \(String(format: "%.1f", peakResidentMegabytes)) MB"
        }
    }

    /// The exec command that prints each platform's configuration.
    public static func configurationCommand(_ vendor: Vendor) -> String {
        switch vendor {
        case .ciscoIOS: "show running-config"
        case .junos: "show configuration | no-more"
        case .huaweiVRP: "display current-configuration"
        case .routerOS: "/export"
        case .fortiOS: "show full-configuration"
        case .openWrt: "uci export"
        case .vyos, .edgeOS: "show configuration"
        case .pfSense, .opnSense: "cat /conf/config.xml"
        }
    }

    /// Runs `sessions` exec sessions, `concurrency` at a time, over the devices without faults,
    /// each one connecting, authenticating with the password, checking the host key against the
    /// one in known_hosts and comparing the configuration with the fixture.
    public static func run(_ simulator: DeviceSimulator, sessions: Int, concurrency: Int) async -> Report {
        let healthy = simulator.devices.filter { $0.fault == nil }
        var report = Report()
        report.devices = simulator.devices.count
        report.concurrency = concurrency
        guard !healthy.isEmpty, sessions > 0 else { return report }
        let group = MultiThreadedEventLoopGroup(numberOfThreads: System.coreCount)
        let host = simulator.configuration.bindAddress
        let user = simulator.secrets.user
        let password = simulator.secrets.password
        let keys = healthy.map { simulator.knownHostKey($0) }
        let start = ContinuousClock.now

        let results = await withTaskGroup(of: Report.self) { tasks in
            for worker in 0..<max(1, min(concurrency, sessions)) {
                tasks.addTask {
                    var part = Report()
                    for session in stride(from: worker, to: sessions, by: max(1, concurrency)) {
                        let index = session % healthy.count
                        let device = healthy[index]
                        part.sessions += 1
                        do {
                            let client = try await SimpleSSHClient.connect(
                                host: host, port: device.port, user: user, credential: .password(password),
                                expectedHostKey: keys[index], group: group
                            )
                            let result = try await client.exec(configurationCommand(device.vendor))
                            await client.close()
                            part.bytes += result.output.count
                            if contains(result.output, device.fixture.configuration) {
                                part.succeeded += 1
                            } else {
                                part.wrongOutput += 1
                            }
                        } catch {
                            part.failed += 1
                        }
                    }
                    return part
                }
            }
            var total = Report()
            for await part in tasks {
                total.sessions += part.sessions
                total.succeeded += part.succeeded
                total.wrongOutput += part.wrongOutput
                total.failed += part.failed
                total.bytes += part.bytes
            }
            return total
        }
        try? await group.shutdownGracefully()
        report.sessions = results.sessions
        report.succeeded = results.succeeded
        report.wrongOutput = results.wrongOutput
        report.failed = results.failed
        report.bytes = results.bytes
        let elapsed = ContinuousClock.now - start
        report.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        report.peakResidentMegabytes = peakResidentMegabytes()
        return report
    }

    /// True when `output`, with CR LF line ends turned into LF, contains `fixture`.
    static func contains(_ output: [UInt8], _ fixture: [UInt8]) -> Bool {
        var plain: [UInt8] = []
        plain.reserveCapacity(output.count)
        for (index, byte) in output.enumerated() {
            if byte == UInt8(ascii: "\r"), index + 1 < output.count, output[index + 1] == UInt8(ascii: "\n") { continue }
            plain.append(byte)
        }
        return ShellSession.find(fixture, in: plain) != nil
    }

    /// VmHWM from /proc/self/status, in MB; 0 where there is no /proc.
    public static func peakResidentMegabytes() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kilobytes = line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0
            return kilobytes / 1024
        }
        return 0
    }
}
