import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The local account the real sshd/dropbear peers log in as. scripts/test.sh creates it (as root)
/// when missing: `useradd -m -s /bin/sh ra-ssh-test` and this password through chpasswd.
enum TestAccount {
    static let user = "ra-ssh-test"
    static let password = "RA-ssh-test-2718"
    /// Typed at the fake router's `enable` prompt.
    static let enableSecret = "Enable-RA-5150"

    static var exists: Bool { getpwnam(user) != nil }
}

/// Why the end-to-end tests cannot run here, or nil when they can.
enum PeerAvailability {
    static let sshd = "/usr/sbin/sshd"
    static let dropbear = "/usr/sbin/dropbear"

    static var openSSHProblem: String? {
        if getuid() != 0 { return "not root: sshd cannot log in the test account (run scripts/test.sh as root)" }
        if !FileManager.default.isExecutableFile(atPath: sshd) { return "no \(sshd) (Debian openssh-server; scripts/test.sh installs it)" }
        if !TestAccount.exists { return "no account \(TestAccount.user) (scripts/test.sh creates it)" }
        return nil
    }

    static var dropbearProblem: String? {
        if getuid() != 0 { return "not root: dropbear cannot log in the test account" }
        if !FileManager.default.isExecutableFile(atPath: dropbear) { return "no \(dropbear) (Debian dropbear-bin; scripts/test.sh installs it)" }
        if !TestAccount.exists { return "no account \(TestAccount.user) (scripts/test.sh creates it)" }
        return nil
    }

    static var openSSH: Bool {
        if let problem = openSSHProblem { print("skipping OpenSSH end-to-end test: \(problem)"); return false }
        return true
    }

    static var dropbearUsable: Bool {
        if let problem = dropbearProblem { print("skipping dropbear end-to-end test: \(problem)"); return false }
        return true
    }
}

/// A real SSH server on 127.0.0.1 at a free high port, with its own host key, whose forced command
/// is the fake router CLI (device-fixtures/ssh/fake-router-cli.py) playing a fixture.
final class SSHPeer {
    enum Kind { case openSSH, dropbear }

    struct Options {
        var kind = Kind.openSSH
        /// normal, hang, flood, escapes (see the fake CLI).
        var mode = "normal"
        /// Only SHA-1 kex, ssh-rsa, aes128-cbc, hmac-sha1 (OpenSSH only).
        var legacyOnly = false
        var passwordAuthentication = true
        var keyboardInteractive = true
        var authorizedKey: String?
        var fixture = "cisco-ios/soho-887-insecure.cfg"
    }

    let options: Options
    let folder: URL
    let port: Int
    private var pid: pid_t = 0
    let log: URL

    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    init(_ options: Options = Options()) throws {
        self.options = options
        folder = try Self.temporaryFolder()
        log = folder.appendingPathComponent("server.log")
        let fixtures = Self.repository.appendingPathComponent("device-fixtures")
        // Everything the forced command reads must be readable by the test account.
        try Self.copy(fixtures.appendingPathComponent("ssh/fake-router-cli.py"), to: folder.appendingPathComponent("cli.py"))
        try Self.copy(fixtures.appendingPathComponent(options.fixture), to: folder.appendingPathComponent("device.cfg"))
        try Self.writeReadable(TestAccount.enableSecret + "\n", to: folder.appendingPathComponent("enable"))
        let command = "/usr/bin/python3 \(folder.path)/cli.py --fixture \(folder.path)/device.cfg --enable-secret-file \(folder.path)/enable --mode \(options.mode)"
        port = try Self.freePort()

        let executable: String
        let arguments: [String]
        switch options.kind {
        case .openSSH:
            let keyType = options.legacyOnly ? "rsa" : "ed25519"
            try Self.shell(["ssh-keygen", "-q", "-t", keyType, "-N", "", "-f", folder.appendingPathComponent("host_key").path])
            if let key = options.authorizedKey { try Self.writeReadable(key, to: folder.appendingPathComponent("authorized_keys")) }
            var config = """
                Port \(port)
                ListenAddress 127.0.0.1
                HostKey \(folder.path)/host_key
                PidFile \(folder.path)/sshd.pid
                AuthorizedKeysFile \(folder.path)/authorized_keys
                StrictModes no
                UsePAM yes
                PasswordAuthentication \(options.passwordAuthentication ? "yes" : "no")
                KbdInteractiveAuthentication \(options.keyboardInteractive ? "yes" : "no")
                PermitRootLogin no
                AllowUsers \(TestAccount.user)
                MaxStartups 100
                LogLevel VERBOSE
                PrintMotd no
                PrintLastLog no
                ForceCommand \(command)

                """
            if options.legacyOnly {
                config += """
                    HostKeyAlgorithms ssh-rsa
                    KexAlgorithms diffie-hellman-group14-sha1
                    Ciphers aes128-cbc
                    MACs hmac-sha1

                    """
            }
            try config.write(to: folder.appendingPathComponent("sshd_config"), atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)
            executable = PeerAvailability.sshd
            arguments = ["-D", "-e", "-f", folder.appendingPathComponent("sshd_config").path]
        case .dropbear:
            try Self.shell(["dropbearkey", "-t", "ed25519", "-f", folder.appendingPathComponent("host_key").path])
            executable = PeerAvailability.dropbear
            arguments = ["-F", "-E", "-p", "127.0.0.1:\(port)", "-r", folder.appendingPathComponent("host_key").path,
                                 "-P", folder.appendingPathComponent("dropbear.pid").path, "-c", command]
        }
        pid = try Subprocess.start(executable, arguments, log: log.path)
        try waitUntilListening()
    }

    deinit { stop() }

    func stop() {
        if pid > 0 {
            Subprocess.stop(pid)
            pid = 0
        }
    }

    var target: String { "127.0.0.1:\(port)" }

    /// The server's log so far (sshd at LogLevel VERBOSE names the auth method it accepted).
    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// The host key's public half and SHA-256 fingerprint, as ssh-keygen prints them.
    func hostKey() throws -> (line: String, fingerprint: String) {
        let key = folder.appendingPathComponent("host_key")
        let publicLine: String
        switch options.kind {
        case .openSSH: publicLine = try String(contentsOf: folder.appendingPathComponent("host_key.pub"), encoding: .utf8)
        case .dropbear: publicLine = try Self.shell(["dropbearkey", "-y", "-f", key.path]).split(separator: "\n").first { $0.hasPrefix("ssh-") }.map(String.init) ?? ""
        }
        let publicFile = folder.appendingPathComponent("peer.pub")
        try publicLine.write(to: publicFile, atomically: true, encoding: .utf8)
        let printed = try Self.shell(["ssh-keygen", "-l", "-E", "sha256", "-f", publicFile.path])
        let fingerprint = printed.split(separator: " ").first { $0.hasPrefix("SHA256:") }.map(String.init) ?? ""
        return (publicLine.trimmingCharacters(in: .whitespacesAndNewlines), fingerprint)
    }

    private func waitUntilListening() throws {
        for _ in 0..<300 {
            if Self.canConnect(port) { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid { pid = 0; break }
            usleep(10_000)
        }
        throw PeerError("\(options.kind) did not start on port \(port): \(logText)")
    }

    // MARK: helpers

    struct PeerError: Error, CustomStringConvertible {
        var description: String
        init(_ text: String) { description = text }
    }

    static func temporaryFolder() throws -> URL {
        var template = Array("/tmp/routeraudit-ssh-test.XXXXXX".utf8CString)
        guard let made = mkdtemp(&template) else { throw PeerError("mkdtemp failed") }
        let path = String(cString: made)
        chmod(path, 0o755)
        return URL(fileURLWithPath: path)
    }

    static func copy(_ from: URL, to: URL) throws {
        try writeReadable(try String(contentsOf: from, encoding: .utf8), to: to)
    }

    static func writeReadable(_ text: String, to url: URL) throws {
        try text.write(to: url, atomically: true, encoding: .utf8)
        chmod(url.path, 0o644)
    }

    @discardableResult
    static func shell(_ arguments: [String]) throws -> String {
        let output = try Subprocess.run("/usr/bin/env", arguments)
        guard output.status == 0 else { throw PeerError("\(arguments.joined(separator: " ")) failed: \(output.stdout)\(output.stderr)") }
        return output.stdout + output.stderr
    }

    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw PeerError("no free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
