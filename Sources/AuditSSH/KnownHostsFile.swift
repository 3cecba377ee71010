import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The tool's own known_hosts file, in OpenSSH format (`[127.0.0.1]:2222 ssh-ed25519 AAAA...`,
/// plain `host` for port 22). Never the user's ~/.ssh/known_hosts: the tool trusts only keys it
/// was told to trust. Safe to share between sessions on many threads.
public final class KnownHostsFile: Sendable {
    public struct Entry: Sendable, Hashable {
        /// `host` or `[host]:port`, as written in the file.
        public var hostPattern: String
        public var keyType: String
        /// The key blob, base64, as in the file.
        public var key: String
        public var line: Int
    }

    public let path: String
    private let lock = Mutex(())

    public init(path: String) {
        self.path = path
    }

    /// `~/.config/routeraudit/known_hosts` (XDG_CONFIG_HOME when set).
    public static func defaultPath(environment: [String: String]) -> String {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/routeraudit/known_hosts" }
        return (environment["HOME"] ?? ".") + "/.config/routeraudit/known_hosts"
    }

    /// How a host is named in the file: OpenSSH writes `[host]:port` unless the port is 22.
    public static func hostPattern(host: String, port: Int) -> String {
        port == 22 ? host : "[\(host)]:\(port)"
    }

    /// The entries for one host. Comment, blank, hashed (`|1|`) and malformed lines are skipped.
    public func entries(host: String, port: Int) -> [Entry] {
        let pattern = Self.hostPattern(host: host, port: port)
        return lock.withLock { _ in Self.parse(readFile()) }.filter { entry in
            entry.hostPattern.split(separator: ",").contains { $0 == pattern }
        }
    }

    static func parse(_ text: String) -> [Entry] {
        var entries: [Entry] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 3, !fields[0].hasPrefix("#"), !fields[0].hasPrefix("|"), !fields[0].hasPrefix("@") else { continue }
            entries.append(Entry(hostPattern: String(fields[0]), keyType: String(fields[1]), key: String(fields[2]), line: index + 1))
        }
        return entries
    }

    /// Appends one key (trust on first use). Creates the file (mode 0600) and its folder (0700).
    public func add(host: String, port: Int, keyType: String, key: String) throws(CollectionFailure) {
        let line = "\(Self.hostPattern(host: host, port: port)) \(keyType) \(key)\n"
        try lock.withLock { _ throws(CollectionFailure) in
            Self.makeParentFolder(of: path)
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw CollectionFailure(.protocolError, target: "\(host):\(port)", "cannot write known_hosts file \(path): \(String(cString: strerror(errno)))")
            }
            defer { close(fd) }
            var bytes = Array(line.utf8)
            let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == bytes.count else {
                throw CollectionFailure(.protocolError, target: "\(host):\(port)", "cannot write known_hosts file \(path)")
            }
        }
    }

    private func readFile() -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: data, as: UTF8.self)
    }

    static func makeParentFolder(of path: String) {
        var components = path.split(separator: "/", omittingEmptySubsequences: false).dropLast()
        var prefix = path.hasPrefix("/") ? "" : "."
        if components.first == "" { components = components.dropFirst() }
        for component in components where !component.isEmpty {
            prefix += "/" + component
            _ = mkdir(prefix, 0o700)
        }
    }
}
