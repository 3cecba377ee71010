import Foundation
import NIOCore

/// What to simulate: how many devices, where, which vendors, which faults.
public struct SimulatorConfiguration: Sendable {
    public var devices: Int
    public var basePort: Int
    public var bindAddress: String
    public var fixtures: URL
    public var seed: String
    /// Extra delay before each answer (prompt, command output), in milliseconds.
    public var latencyMilliseconds: Int
    public var faults: FaultSpec
    /// Assigned round-robin by device index.
    public var vendors: [Vendor]
    /// Threads serving connections; the default is one per core.
    public var threads: Int

    public init(
        devices: Int, basePort: Int, bindAddress: String = "127.0.0.1", fixtures: URL, seed: String = "devsim",
        latencyMilliseconds: Int = 0, faults: FaultSpec = FaultSpec(), vendors: [Vendor] = Vendor.allCases,
        threads: Int = System.coreCount
    ) {
        self.devices = devices
        self.basePort = basePort
        self.bindAddress = bindAddress
        self.fixtures = fixtures
        self.seed = seed
        self.latencyMilliseconds = latencyMilliseconds
        self.faults = faults
        self.vendors = vendors
        self.threads = threads
    }

    public func validate() throws(SimulatorError) {
        guard devices > 0 else { throw .badArgument("--devices must be at least 1") }
        guard basePort > 0, basePort + devices - 1 <= 65535 else {
            throw .badArgument("--base-port \(basePort) with \(devices) devices runs past port 65535")
        }
        guard latencyMilliseconds >= 0 else { throw .badArgument("--latency-ms must not be negative") }
        guard !vendors.isEmpty else { throw .badArgument("--vendors: no vendor given") }
    }
}

/// One simulated router: everything fixed at start-up.
public struct SimulatedDevice: Sendable {
    public let index: Int
    /// `sim-00001` for index 0.
    public let name: String
    public let port: Int
    public let vendor: Vendor
    public let fixture: DeviceFixture
    public let fault: Fault?
    /// The hostname the prompt shows: the fixture's own, or the platform's factory default.
    public let hostname: String

    public init(index: Int, port: Int, vendor: Vendor, fixture: DeviceFixture, fault: Fault?) {
        self.index = index
        name = String(format: "sim-%05d", index + 1)
        self.port = port
        self.vendor = vendor
        self.fixture = fixture
        self.fault = fault
        hostname = Hostname.read(from: fixture, vendor: vendor)
    }

    /// Devices 0..<count of a configuration, with vendors round-robin and fixtures cycling per vendor.
    public static func fleet(_ configuration: SimulatorConfiguration, fixtures: FixtureSet) -> [SimulatedDevice] {
        let plan = configuration.faults.assign(devices: configuration.devices, seed: configuration.seed)
        let vendors = configuration.vendors
        return (0..<configuration.devices).map { index in
            let vendor = vendors[index % vendors.count]
            let ordinal = index / vendors.count
            return SimulatedDevice(
                index: index, port: configuration.basePort + index, vendor: vendor,
                fixture: fixtures.fixture(for: vendor, ordinal: ordinal), fault: plan[index]
            )
        }
    }
}
