import Foundation
import NIOCore
import NIOSSH

/// One SSH session channel of one simulated device: answers PTY, shell and exec requests with the
/// device's persona, and does what personas leave out: echo and line editing on a PTY, paging,
/// latency, and the injected faults. Lives on its channel's event loop.
final class DeviceSessionHandler: ChannelInboundHandler {
    typealias InboundIn = SSHChannelData

    private let device: SimulatedDevice
    private let persona: any Persona
    private let secrets: FleetSecrets
    private let latency: TimeAmount

    private var context: ChannelHandlerContext?
    private var pty: SSHChannelRequestEvent.PseudoTerminalRequest?
    private var cli: CLIContext?
    private var state = CLIState(pageLength: 0)
    private var started = false
    private var finished = false

    // Line discipline.
    private var echo = true
    private var line: [UInt8] = []
    private var input: [UInt8] = []
    private var inputStart = 0
    private var skipLineFeed = false
    private var echoed: [UInt8] = []

    /// A response is on its way (latency): typed input waits.
    private var busy = false
    /// Lines still to show behind a pager prompt.
    private var pagedLines: [ArraySlice<UInt8>] = []
    /// Once a fault took over, the session ignores everything the client sends.
    private var silenced = false
    private var lastWrite: EventLoopFuture<Void>?

    init(device: SimulatedDevice, secrets: FleetSecrets, latency: TimeAmount) {
        self.device = device
        self.persona = device.vendor.persona
        self.secrets = secrets
        self.latency = latency
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        // Clients (OpenSSH with stdin at its end) may close their side and still wait for output.
        _ = context.channel.setOption(ChannelOptions.allowRemoteHalfClosure, value: true)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        finished = true
    }

    // MARK: Requests

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        switch event {
        case let request as SSHChannelRequestEvent.PseudoTerminalRequest:
            pty = request
            reply(request.wantReply, success: true)
        case let request as SSHChannelRequestEvent.EnvironmentRequest:
            reply(request.wantReply, success: true)
        case let request as SSHChannelRequestEvent.ShellRequest:
            reply(request.wantReply, success: !started)
            if !started { startShell() }
        case let request as SSHChannelRequestEvent.ExecRequest:
            reply(request.wantReply, success: !started)
            if !started { startExec(request.command) }
        case let request as SSHChannelRequestEvent.SubsystemRequest:
            reply(request.wantReply, success: false)
        case let channelEvent as ChannelEvent where channelEvent == .inputClosed:
            // The client will type nothing more: finish once what it typed has been answered.
            if started, cli?.exec == false, !silenced {
                input += [4]  // as a Ctrl-D on an empty line
                processInput()
            }
        default:
            context.fireUserInboundEventTriggered(event)
        }
    }

    private func reply(_ wanted: Bool, success: Bool) {
        guard wanted, let context else { return }
        if success {
            context.triggerUserOutboundEvent(ChannelSuccessEvent(), promise: nil)
        } else {
            context.triggerUserOutboundEvent(ChannelFailureEvent(), promise: nil)
        }
    }

    private var interactive: Bool { pty != nil }
    private var hangsAtOnce: Bool { device.fault == .hang && device.index % 2 == 0 }

    private func startShell() {
        started = true
        let cli = CLIContext(device: device, user: secrets.user, password: secrets.password, exec: false)
        self.cli = cli
        let rows = pty.map { $0.terminalRowHeight > 0 ? $0.terminalRowHeight : 24 } ?? 0
        state = CLIState(mode: persona.initialMode(cli), pageLength: rows)
        if hangsAtOnce {
            silenced = true
            return
        }
        busy = true
        after { [self] in
            send(Array((persona.greeting(cli)).utf8) + Array(persona.prompt(state, cli).utf8))
            busy = false
            processInput()
        }
    }

    private func startExec(_ command: String) {
        started = true
        let cli = CLIContext(device: device, user: secrets.user, password: secrets.password, exec: true)
        self.cli = cli
        state = CLIState(pageLength: 0)
        if hangsAtOnce {
            silenced = true
            return
        }
        var state = self.state
        let trimmed = command.trimmingCharacters(in: .whitespacesAndNewlines)
        let response = persona.run(trimmed, state: &state, context: cli)
        after { [self] in deliver(response) }
    }

    // MARK: Input

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let message = unwrapInboundIn(data)
        guard case .channel = message.type, case .byteBuffer(let buffer) = message.data else { return }
        guard started, !silenced, cli?.exec == false else { return }
        input += buffer.readableBytesView
        processInput()
    }

    /// Consumes typed bytes until a response has to wait (latency) or the input runs out.
    private func processInput() {
        while inputStart < input.count, !busy, !finished, !silenced {
            let byte = input[inputStart]
            inputStart += 1
            if !pagedLines.isEmpty || pagerShowing {
                pagerKey(byte)
                continue
            }
            if state.mode == .question, persona.questionTakesOneKey, byte != UInt8(ascii: "\r"), byte != UInt8(ascii: "\n") {
                line = [byte]
                lineComplete()
                continue
            }
            switch byte {
            case UInt8(ascii: "\r"):
                skipLineFeed = true
                lineComplete()
            case UInt8(ascii: "\n"):
                if skipLineFeed {
                    skipLineFeed = false
                } else {
                    lineComplete()
                }
            case 0x7F, 0x08:
                skipLineFeed = false
                if !line.isEmpty {
                    line.removeLast()
                    if interactive && echo { echoed += [0x08, 0x20, 0x08] }
                }
            case 4 where line.isEmpty:
                flushEcho()
                finish(status: 0)
            default:
                skipLineFeed = false
                line.append(byte)
                if interactive && echo { echoed.append(byte) }
            }
        }
        if inputStart >= input.count {
            input.removeAll(keepingCapacity: true)
            inputStart = 0
        }
        flushEcho()
    }

    private func flushEcho() {
        guard !echoed.isEmpty else { return }
        let bytes = echoed
        echoed.removeAll(keepingCapacity: true)
        send(bytes)
    }

    private func lineComplete() {
        guard let cli else { return }
        var typed = line
        line.removeAll(keepingCapacity: true)
        if typed.last == UInt8(ascii: "\r") { typed.removeLast() }
        if interactive { echoed += Array("\n".utf8) }
        flushEcho()
        echo = true
        let response = persona.run(String(decoding: typed, as: UTF8.self), state: &state, context: cli)
        echo = response.echoNextLine
        busy = true
        after { [self] in
            busy = false
            deliver(response)
            processInput()
        }
    }

    // MARK: Output

    /// Shows a response: the faults that strike configuration dumps, the pager, then the prompt or
    /// the end of the session.
    private func deliver(_ response: CLIResponse) {
        guard !finished, let cli else { return }
        if response.isConfiguration, let fault = device.fault, [.hang, .dropMidOutput, .flood].contains(fault) {
            strike(fault, output: response.text)
            return
        }
        if !cli.exec, interactive, response.paged, state.pageLength > 1, let pager = persona.pager {
            let lines = Self.lines(response.text)
            let perPage = state.pageLength - 1
            if lines.count > perPage {
                send(lines[..<perPage].flatMap { $0 })
                pagedLines = Array(lines[perPage...])
                send(Array(pager.prompt.utf8))
                pagerShowing = true
                return
            }
        }
        send(response.text)
        if response.close || cli.exec {
            finish(status: response.exitStatus)
        } else {
            send(Array(persona.prompt(state, cli).utf8))
        }
    }

    private var pagerShowing = false

    private func pagerKey(_ key: UInt8) {
        guard let pager = persona.pager, let cli else { return }
        // A collector that answers with CR LF pressed one key, not two.
        if key == UInt8(ascii: "\n"), skipLineFeed {
            skipLineFeed = false
            return
        }
        skipLineFeed = key == UInt8(ascii: "\r")
        send(Array(pager.erase.utf8))
        let count: Int
        if pager.quitKeys.contains(key) {
            count = 0
            pagedLines.removeAll()
        } else if pager.dumpKeys.contains(key) {
            count = pagedLines.count
        } else if key == UInt8(ascii: "\r") || key == UInt8(ascii: "\n") {
            count = 1
        } else {
            count = max(1, state.pageLength - 1)
        }
        let shown = min(count, pagedLines.count)
        send(pagedLines[..<shown].flatMap { $0 })
        pagedLines.removeFirst(shown)
        if pagedLines.isEmpty {
            pagerShowing = false
            send(Array(persona.prompt(state, cli).utf8))
        } else {
            send(Array(pager.prompt.utf8))
        }
    }

    /// Lines with their line ends, for the pager.
    private static func lines(_ text: [UInt8]) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var start = 0
        for (index, byte) in text.enumerated() where byte == UInt8(ascii: "\n") {
            result.append(text[start...index])
            start = index + 1
        }
        if start < text.count { result.append(text[start...]) }
        return result
    }

    private func strike(_ fault: Fault, output: [UInt8]) {
        silenced = true
        // Half of what the client would have received, counted after line-end translation.
        let translated = translate(output)
        let half = Array(translated.prefix(translated.count / 2))
        switch fault {
        case .dropMidOutput:
            send(half, translating: false)
            // Drop the whole TCP connection once the half is on its way, as a crashing device would.
            let parent = context?.channel.parent
            lastWrite?.whenComplete { _ in parent?.close(promise: nil) }
            if lastWrite == nil { parent?.close(promise: nil) }
        case .flood:
            var chunk: [UInt8] = []
            while chunk.count < 16384 { chunk += translated.isEmpty ? Array("flood\r\n".utf8) : translated }
            floodChunk = chunk
            pumpFlood()
        default:
            // Stalls half-way with the connection left open.
            send(half, translating: false)
        }
    }

    private var floodChunk: [UInt8]?

    /// Endless output, paced by the client's SSH window: the next batch goes out only when the
    /// previous one has been handed to the connection, so memory stays bounded.
    private func pumpFlood() {
        guard let context, let chunk = floodChunk, !finished, context.channel.isActive else { return }
        for _ in 0..<3 { send(chunk, flush: false, translating: false) }
        send(chunk, translating: false)
        let loop = context.eventLoop
        lastWrite?.assumeIsolated().whenSuccess { [self] in
            loop.assumeIsolated().execute { self.pumpFlood() }
        }
    }

    /// Writes bytes to the client, ending lines with CR LF where the platform or the PTY does.
    private func send(_ bytes: [UInt8], flush: Bool = true, translating: Bool = true) {
        guard let context, !bytes.isEmpty, !finished else { return }
        var buffer = context.channel.allocator.buffer(capacity: bytes.count + bytes.count / 16)
        buffer.writeBytes(translating ? translate(bytes) : bytes)
        let data = NIOAny(SSHChannelData(type: .channel, data: .byteBuffer(buffer)))
        if flush {
            lastWrite = context.writeAndFlush(data)
        } else {
            lastWrite = context.write(data)
        }
    }

    /// LF to CR LF where the platform or the PTY translates line ends.
    private func translate(_ bytes: [UInt8]) -> [UInt8] {
        guard persona.alwaysCRLF || interactive else { return bytes }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + bytes.count / 16)
        var previous: UInt8 = 0
        for byte in bytes {
            if byte == UInt8(ascii: "\n"), previous != UInt8(ascii: "\r") { result.append(UInt8(ascii: "\r")) }
            result.append(byte)
            previous = byte
        }
        return result
    }

    /// Ends the session the way sshd does: the output, the exit status, end of file, close.
    private func finish(status: Int) {
        guard !finished, let context else { return }
        finished = true
        let done = {
            context.triggerUserOutboundEvent(SSHChannelRequestEvent.ExitStatus(exitStatus: status), promise: nil)
            context.close(mode: .output, promise: nil)
            context.close(promise: nil)
        }
        if let lastWrite {
            lastWrite.assumeIsolated().whenComplete { _ in done() }
        } else {
            done()
        }
    }

    private func after(_ body: @escaping () -> Void) {
        guard let context else { return }
        if latency == .zero {
            body()
        } else {
            context.eventLoop.assumeIsolated().scheduleTask(in: latency) { body() }
        }
    }
}
