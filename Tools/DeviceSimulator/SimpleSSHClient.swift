import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSH

/// A small swift-nio-ssh client, for the simulator's own tests and `--selftest-load`: connect,
/// check the host key, authenticate, run an exec request or drive a shell.
public final class SimpleSSHClient: Sendable {
    public enum Credential: Sendable {
        case password(String)
        case key(NIOSSHPrivateKey)
    }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        /// The server's key is not the expected one; carries the key it presented.
        case hostKeyMismatch(presented: String)
        case authenticationFailed
        case closed

        public var description: String {
            switch self {
            case .hostKeyMismatch(let presented): "host key mismatch: presented \(presented)"
            case .authenticationFailed: "authentication failed"
            case .closed: "connection closed"
            }
        }
    }

    private let channel: any Channel
    private let failure: NIOLockedValueBox<Failure?>

    private init(channel: any Channel, failure: NIOLockedValueBox<Failure?>) {
        self.channel = channel
        self.failure = failure
    }

    /// Connects and starts the SSH handshake. Authentication finishes when the first channel opens.
    public static func connect(
        host: String, port: Int, user: String, credential: Credential, expectedHostKey: NIOSSHPublicKey?,
        group: any EventLoopGroup, timeout: TimeAmount = .seconds(10)
    ) async throws -> SimpleSSHClient {
        let failure = NIOLockedValueBox<Failure?>(nil)
        let channel = try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let configuration = SSHClientConfiguration(
                        userAuthDelegate: ClientAuthentication(user: user, credential: credential, failure: failure),
                        serverAuthDelegate: HostKeyCheck(expected: expectedHostKey, failure: failure)
                    )
                    try channel.pipeline.syncOperations.addHandlers([
                        NIOSSHHandler(role: .client(configuration), allocator: channel.allocator, inboundChildChannelInitializer: nil),
                        CloseOnError(),
                    ])
                }
            }
            .connect(host: host, port: port).get()
        return SimpleSSHClient(channel: channel, failure: failure)
    }

    /// What a session received, and how it ended.
    public struct ExecResult: Sendable {
        public var output: [UInt8]
        public var exitStatus: Int?
        /// The client gave up waiting (the device never finished).
        public var timedOut: Bool
        /// The output passed the client's limit and the client stopped reading (a flood).
        public var overLimit = false
    }

    /// Runs one command over an exec channel; waits at most `timeout` for it to finish.
    /// `limit` bounds how much output is kept before the client closes the channel (flood).
    public func exec(_ command: String, timeout: TimeAmount = .seconds(10), limit: Int = 16 << 20) async throws -> ExecResult {
        let done = channel.eventLoop.makePromise(of: ExecResult.self)
        do {
            _ = try await openSession { ExecCollector(command: command, limit: limit, timeout: timeout, done: done) }
        } catch {
            done.fail(error)
            throw error
        }
        return try await done.futureResult.get()
    }

    /// Opens a shell, with a PTY of `rows` lines when `rows` is given.
    public func shell(rows: Int? = 24) async throws -> ShellSession {
        let received = NIOLockedValueBox(ShellSession.Received())
        let child = try await openSession { ShellCollector(rows: rows, received: received) }
        return ShellSession(channel: child, received: received)
    }

    public func close() async {
        try? await channel.close()
    }

    private func openSession(_ makeHandler: @escaping @Sendable () -> any ChannelHandler) async throws -> any Channel {
        let promise = channel.eventLoop.makePromise(of: (any Channel).self)
        let channel = self.channel
        channel.eventLoop.execute {
            do {
                let ssh = try channel.pipeline.syncOperations.handler(type: NIOSSHHandler.self)
                ssh.createChannel(promise, channelType: .session) { child, _ in
                    child.eventLoop.makeCompletedFuture {
                        try child.pipeline.syncOperations.addHandler(makeHandler())
                    }
                }
            } catch {
                promise.fail(error)
            }
        }
        do {
            return try await promise.futureResult.get()
        } catch {
            throw failure.withLockedValue { $0 } ?? error
        }
    }

    /// The reason the connection failed, when the client knows it (host key, authentication).
    public var knownFailure: Failure? { failure.withLockedValue { $0 } }
}

/// An interactive shell: send keys, wait for text.
public final class ShellSession: Sendable {
    struct Received {
        var bytes: [UInt8] = []
        var closed = false
        var exitStatus: Int?
    }

    private let channel: any Channel
    private let received: NIOLockedValueBox<Received>

    init(channel: any Channel, received: NIOLockedValueBox<Received>) {
        self.channel = channel
        self.received = received
    }

    public func send(_ text: String) async throws {
        var buffer = channel.allocator.buffer(capacity: text.utf8.count)
        buffer.writeString(text)
        try await channel.writeAndFlush(SSHChannelData(type: .channel, data: .byteBuffer(buffer))).get()
    }

    /// Everything received so far.
    public var output: [UInt8] { received.withLockedValue { $0.bytes } }
    public var isClosed: Bool { received.withLockedValue { $0.closed } }
    public var exitStatus: Int? { received.withLockedValue { $0.exitStatus } }

    /// Waits until the output since byte `from` contains `text`, or the session closes, or the
    /// time runs out; returns the output from `from` to the end of the match (or all of it).
    public func read(until text: String, from: Int = 0, timeout: Duration = .seconds(10)) async -> (bytes: [UInt8], found: Bool) {
        let needle = Array(text.utf8)
        let deadline = ContinuousClock.now + timeout
        while true {
            let (bytes, closed) = received.withLockedValue { ($0.bytes, $0.closed) }
            let tail = Array(bytes[min(from, bytes.count)...])
            if let end = Self.find(needle, in: tail) { return (Array(tail[..<end]), true) }
            if closed || ContinuousClock.now >= deadline { return (tail, false) }
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    public func close() async {
        try? await channel.close()
    }

    /// The index just past the first occurrence of `needle`.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty ? 0 : nil }
        for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
            if haystack[start..<(start + needle.count)].elementsEqual(needle) { return start + needle.count }
        }
        return nil
    }
}

final class ClientAuthentication: NIOSSHClientUserAuthenticationDelegate {
    private let user: String
    private let credential: SimpleSSHClient.Credential
    private let failure: NIOLockedValueBox<SimpleSSHClient.Failure?>
    private var offered = false

    init(user: String, credential: SimpleSSHClient.Credential, failure: NIOLockedValueBox<SimpleSSHClient.Failure?>) {
        self.user = user
        self.credential = credential
        self.failure = failure
    }

    func nextAuthenticationType(
        availableMethods: NIOSSHAvailableUserAuthenticationMethods,
        nextChallengePromise: EventLoopPromise<NIOSSHUserAuthenticationOffer?>
    ) {
        // One offer only, as a careful collector does: a second guess could lock an account.
        guard !offered else {
            failure.withLockedValue { $0 = $0 ?? .authenticationFailed }
            nextChallengePromise.fail(SimpleSSHClient.Failure.authenticationFailed)
            return
        }
        offered = true
        switch credential {
        case .password(let password):
            nextChallengePromise.succeed(.init(username: user, serviceName: "", offer: .password(.init(password: password))))
        case .key(let key):
            nextChallengePromise.succeed(.init(username: user, serviceName: "", offer: .privateKey(.init(privateKey: key))))
        }
    }
}

final class HostKeyCheck: NIOSSHClientServerAuthenticationDelegate {
    private let expected: NIOSSHPublicKey?
    private let failure: NIOLockedValueBox<SimpleSSHClient.Failure?>

    init(expected: NIOSSHPublicKey?, failure: NIOLockedValueBox<SimpleSSHClient.Failure?>) {
        self.expected = expected
        self.failure = failure
    }

    func validateHostKey(hostKey: NIOSSHPublicKey, validationCompletePromise: EventLoopPromise<Void>) {
        if let expected, expected != hostKey {
            let mismatch = SimpleSSHClient.Failure.hostKeyMismatch(presented: String(openSSHPublicKey: hostKey))
            failure.withLockedValue { $0 = mismatch }
            validationCompletePromise.fail(mismatch)
        } else {
            validationCompletePromise.succeed(())
        }
    }
}

/// Sends an exec request and keeps what comes back until the channel closes or time runs out.
final class ExecCollector: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData

    private let command: String
    private let limit: Int
    private let timeout: TimeAmount
    private let done: EventLoopPromise<SimpleSSHClient.ExecResult>
    private var result = SimpleSSHClient.ExecResult(output: [], exitStatus: nil, timedOut: false)
    private var timer: Scheduled<Void>?

    init(command: String, limit: Int, timeout: TimeAmount, done: EventLoopPromise<SimpleSSHClient.ExecResult>) {
        self.command = command
        self.limit = limit
        self.timeout = timeout
        self.done = done
    }

    func handlerAdded(context: ChannelHandlerContext) {
        _ = context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true)
    }

    func channelActive(context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            result.timedOut = true
            context.close(promise: nil)
        }
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExecRequest(command: command, wantReply: true), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .byteBuffer(let buffer) = message.data, case .channel = message.type else { return }
        guard !result.overLimit else { return }
        result.output += buffer.readableBytesView
        if result.output.count > limit {
            // Answer now: closing an SSH channel waits for the peer, which may still be flooding.
            result.overLimit = true
            timer?.cancel()
            done.succeed(result)
            context.close(promise: nil)
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let status = event as? SSHChannelRequestEvent.ExitStatus { result.exitStatus = status.exitStatus }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        timer?.cancel()
        done.succeed(result)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        // A channel that never opened still answers.
        done.succeed(result)
    }
}

/// Asks for a PTY and a shell, and keeps what comes back where the test can read it.
final class ShellCollector: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData

    private let rows: Int?
    private let received: NIOLockedValueBox<ShellSession.Received>

    init(rows: Int?, received: NIOLockedValueBox<ShellSession.Received>) {
        self.rows = rows
        self.received = received
    }

    func handlerAdded(context: ChannelHandlerContext) {
        _ = context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true)
    }

    func channelActive(context: ChannelHandlerContext) {
        if let rows {
            let pty = SSHChannelRequestEvent.PseudoTerminalRequest(
                wantReply: true, term: "vt100", terminalCharacterWidth: 200, terminalRowHeight: rows,
                terminalPixelWidth: 0, terminalPixelHeight: 0, terminalModes: SSHTerminalModes([:])
            )
            context.triggerUserOutboundEvent(pty, promise: nil)
        }
        context.triggerUserOutboundEvent(SSHChannelRequestEvent.ShellRequest(wantReply: true), promise: nil)
        context.fireChannelActive()
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .byteBuffer(let buffer) = message.data, case .channel = message.type else { return }
        received.withLockedValue { $0.bytes += buffer.readableBytesView }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let status = event as? SSHChannelRequestEvent.ExitStatus {
            received.withLockedValue { $0.exitStatus = status.exitStatus }
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        received.withLockedValue { $0.closed = true }
        context.fireChannelInactive()
    }
}
