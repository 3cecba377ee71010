import AuditCore
import RouterAudit

/// Collects config-file devices: the file (or /etc/config folder) named in the inventory.
public struct FileCollector: DeviceCollector {
    public init() {}

    public var mayOverrunDeadline: Bool { false }

    public func collect(_ device: InventoryDevice, deadline: ContinuousClock.Instant) -> Result<CollectedConfig, DeviceFailure> {
        guard case .file(let path) = device.target else {
            return .failure(.unreachable("not a config-file device"))
        }
        switch ConfigFiles.readDevice(at: path) {
        case .success(let inputs): return .success(CollectedConfig(inputs: inputs))
        case .failure(let problem):
            // A missing or unreadable file is the file-world's "unreachable"; junk content is a parse failure.
            let unreadable = ["no such file", "cannot be read", "cannot be opened", "not a regular file"].contains { problem.reason.contains($0) }
            return .failure(unreadable ? .unreachable(problem.reason) : .parseFailed(problem.reason))
        }
    }
}

/// Sends each device to the collector for its kind of target.
public struct RoutingCollector: DeviceCollector {
    public var files: any DeviceCollector
    public var network: any DeviceCollector

    public init(files: any DeviceCollector = FileCollector(), network: any DeviceCollector = SSHCollectorAdaptor.make()) {
        self.files = files
        self.network = network
    }

    public func collect(_ device: InventoryDevice, deadline: ContinuousClock.Instant) -> Result<CollectedConfig, DeviceFailure> {
        switch device.target {
        case .file: files.collect(device, deadline: deadline)
        case .network: network.collect(device, deadline: deadline)
        }
    }

    public func mayOverrun(_ device: InventoryDevice) -> Bool {
        switch device.target {
        case .file: files.mayOverrunDeadline
        case .network: network.mayOverrunDeadline
        }
    }
}
