import Foundation
import NIOCore
import NIOPosix
import NIOSSH

/// One process serving many simulated routers, one SSH listener per device port, all on a few
/// event-loop threads.
public final class DeviceSimulator: Sendable {
    public let configuration: SimulatorConfiguration
    public let devices: [SimulatedDevice]
    public let secrets: FleetSecrets
    private let group: MultiThreadedEventLoopGroup
    private let listeners: [any Channel]

    private init(
        configuration: SimulatorConfiguration, devices: [SimulatedDevice], secrets: FleetSecrets,
        group: MultiThreadedEventLoopGroup, listeners: [any Channel]
    ) {
        self.configuration = configuration
        self.devices = devices
        self.secrets = secrets
        self.group = group
        self.listeners = listeners
    }

    /// Loads the fixtures, derives keys and binds every device's port. Fails with a one-line
    /// error naming the fixture folder or the port that could not be bound.
    /// With `listening: false` nothing is bound: the fleet is only described, for a load driver in
    /// a second process that talks to a simulator started with the same arguments.
    public static func start(
        _ configuration: SimulatorConfiguration, authorizedKeys: [NIOSSHPublicKey] = [], listening: Bool = true
    ) async throws -> DeviceSimulator {
        try configuration.validate()
        let fixtures = try FixtureSet.load(from: configuration.fixtures, vendors: configuration.vendors)
        let devices = SimulatedDevice.fleet(configuration, fixtures: fixtures)
        let secrets = FleetSecrets(seed: configuration.seed)
        let keys = Set(authorizedKeys + [NIOSSHPrivateKey(ed25519Key: secrets.clientKey).publicKey])
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
        let latency = TimeAmount.milliseconds(Int64(configuration.latencyMilliseconds))

        var listeners: [any Channel] = []
        do {
            // Bind in batches: all at once would hold thousands of futures; one by one is slow.
            for batch in stride(from: 0, to: listening ? devices.count : 0, by: 256) {
                let futures = devices[batch..<min(batch + 256, devices.count)].compactMap { device in
                    listen(device, host: configuration.bindAddress, secrets: secrets, authorizedKeys: keys, latency: latency, group: group)
                }
                for future in futures {
                    listeners.append(try await future.get())
                }
            }
        } catch {
            for listener in listeners { try? await listener.close() }
            try? await group.shutdownGracefully()
            throw (error as? SimulatorError) ?? SimulatorError.badArgument("cannot listen: \(error)")
        }
        return DeviceSimulator(configuration: configuration, devices: devices, secrets: secrets, group: group, listeners: listeners)
    }

    public func stop() async {
        for listener in listeners { try? await listener.close() }
        try? await group.shutdownGracefully()
    }

    /// The host key written to known_hosts for a device (what it presents unless its fault is
    /// `hostkey-changed`).
    public func knownHostKey(_ device: SimulatedDevice) -> NIOSSHPublicKey {
        secrets.hostKey(device: device.index).publicKey
    }

    /// Binds one device; `nil` for a refusing device that has no listener at all.
    private static func listen(
        _ device: SimulatedDevice, host: String, secrets: FleetSecrets, authorizedKeys: Set<NIOSSHPublicKey>,
        latency: TimeAmount, group: MultiThreadedEventLoopGroup
    ) -> EventLoopFuture<any Channel>? {
        if device.fault == .refuse, device.index % 2 == 0 { return nil }
        let acceptAndClose = device.fault == .refuse
        let hostKey = secrets.hostKey(device: device.index, changed: device.fault == .hostkeyChanged)
        let bootstrap = ServerBootstrap(group: group)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(ChannelOptions.backlog, value: 512)
            .childChannelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                if acceptAndClose {
                    return channel.close()
                }
                return channel.eventLoop.makeCompletedFuture {
                    let server = SSHServerConfiguration(
                        hostKeys: [hostKey],
                        userAuthDelegate: DeviceAuthentication(secrets: secrets, device: device, authorizedKeys: authorizedKeys)
                    )
                    let ssh = NIOSSHHandler(role: .server(server), allocator: channel.allocator) { child, type in
                        guard case .session = type else {
                            return child.eventLoop.makeFailedFuture(ChannelError.operationUnsupported)
                        }
                        return child.eventLoop.makeCompletedFuture {
                            try child.pipeline.syncOperations.addHandler(DeviceSessionHandler(device: device, secrets: secrets, latency: latency))
                        }
                    }
                    try channel.pipeline.syncOperations.addHandlers([ssh, CloseOnError()])
                }
            }
        return bootstrap.bind(host: host, port: device.port).flatMapErrorThrowing { error in
            throw SimulatorError.badArgument("\(host):\(device.port): \(error)")
        }
    }

    /// Lifts the open-file limit to its hard maximum: each device's listener and each session
    /// needs a descriptor. Returns the limit now in force.
    @discardableResult
    public static func raiseOpenFileLimit() -> Int {
        var limit = rlimit()
        guard getrlimit(RLIMIT_NOFILE_VALUE, &limit) == 0 else { return 0 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(RLIMIT_NOFILE_VALUE, &limit)
        }
        return Int(limit.rlim_cur)
    }
}

#if canImport(Glibc)
private let RLIMIT_NOFILE_VALUE = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
#else
private let RLIMIT_NOFILE_VALUE = RLIMIT_NOFILE
#endif
