#if canImport(Glibc)
import Glibc
#endif

/// Starts programs with posix_spawn and reaps them with waitpid on their own pid, for tests that
/// run the built binaries or system tools. Foundation's Process is not used: its child monitor
/// blocks in wait4 on a long-running daemon and then never reports other children's exits, which
/// hung tests in this environment. (Same approach as Tests/AuditSSHTests/Subprocess.swift.)
public enum Subprocess {
    public struct Output: Sendable {
        public var status: Int32
        public var stdoutBytes: [UInt8]
        public var stderrBytes: [UInt8]
        public var stdout: String { String(decoding: stdoutBytes, as: UTF8.self) }
        public var stderr: String { String(decoding: stderrBytes, as: UTF8.self) }
    }

    public struct SpawnError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs to completion with standard input from /dev/null, collecting stdout and stderr.
    /// `environment` nil inherits this process's environment.
    public static func run(_ path: String, _ arguments: [String], environment: [String: String]? = nil) throws -> Output {
        var outPipe: [Int32] = [0, 0], errPipe: [Int32] = [0, 0]
        // Close-on-exec, so a server started by a test running in parallel never inherits a write
        // end (which would keep this read from ever seeing end of file).
        guard pipe(&outPipe) == 0, pipe(&errPipe) == 0 else { throw SpawnError(description: "pipe failed") }
        for fd in outPipe + errPipe { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        let child = try spawn(path, arguments, environment: environment, stdout: outPipe[1], stderr: errPipe[1])
        close(outPipe[1])
        close(errPipe[1])
        // Read both pipes without deadlock: poll until both reach end of file.
        var out: [UInt8] = [], err: [UInt8] = []
        var open = [outPipe[0], errPipe[0]]
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !open.isEmpty {
            var fds = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            _ = poll(&fds, nfds_t(fds.count), -1)
            for entry in fds where entry.revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == outPipe[0] { out += buffer[0..<count] } else { err += buffer[0..<count] }
                } else {
                    close(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        return Output(status: child.wait().code, stdoutBytes: out, stderrBytes: err)
    }

    /// Starts a program whose stdout and stderr go to `log` (appended; /dev/null by default).
    public static func start(_ path: String, _ arguments: [String], log: String = "/dev/null") throws -> Child {
        // Never O_CREAT /dev/null: should something have replaced it, a regular file would grow.
        let fd = log == "/dev/null" ? open(log, O_WRONLY | O_CLOEXEC) : open(log, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw SpawnError(description: "cannot open \(log)") }
        defer { close(fd) }
        return try spawn(path, arguments, environment: nil, stdout: fd, stderr: fd)
    }

    /// How a child ended: its exit code, or 128 + the signal that killed it.
    public struct Termination: Sendable, Equatable {
        public var code: Int32
        public var signal: Int32?
    }

    /// A started program, reaped by its own pid only.
    public final class Child {
        public let pid: pid_t
        private var ended: Termination?

        init(pid: pid_t) { self.pid = pid }

        /// True until the program has ended (reaps it when it has).
        public var isRunning: Bool {
            if ended != nil { return false }
            var status: Int32 = 0
            var rc = waitpid(pid, &status, WNOHANG)
            // A signal arriving during the call is not the child ending.
            while rc < 0 && errno == EINTR { rc = waitpid(pid, &status, WNOHANG) }
            guard rc == pid else { return rc == 0 }
            ended = Self.decode(status)
            return false
        }

        @discardableResult
        public func wait() -> Termination {
            if let ended { return ended }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            let termination = Self.decode(status)
            ended = termination
            return termination
        }

        public func signal(_ number: Int32) {
            if ended == nil { kill(pid, number) }
        }

        /// SIGTERM, then reap.
        public func stop() {
            signal(SIGTERM)
            wait()
        }

        /// WIFEXITED / WEXITSTATUS / WTERMSIG, spelled out (the macros do not import).
        static func decode(_ status: Int32) -> Termination {
            status & 0x7f == 0 ? Termination(code: (status >> 8) & 0xff, signal: nil)
                : Termination(code: 128 + (status & 0x7f), signal: status & 0x7f)
        }
    }

    private static func spawn(_ path: String, _ arguments: [String], environment: [String: String]?, stdout: Int32, stderr: Int32) throws -> Child {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, stdout, 1)
        posix_spawn_file_actions_adddup2(&actions, stderr, 2)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        let env = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { env?.forEach { free($0) } }
        // Test threads (dispatch workers) block signals and posix_spawn passes the mask on: a
        // server started with SIGCHLD blocked never reaps its sessions. Start children clean.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGCHLD, SIGPIPE, SIGTERM, SIGINT, SIGHUP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc: Int32
        if let env {
            rc = posix_spawn(&pid, path, &actions, &attributes, argv, env)
        } else {
            rc = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        }
        guard rc == 0 else { throw SpawnError(description: "cannot start \(path): \(String(cString: strerror(rc)))") }
        return Child(pid: pid)
    }
}
