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
    /// The file as last read, indexed by host name. A sweep looks up every device in one file
    /// (10,000 lines for 10,000 devices): parsing it once per lookup made sweeps quadratic. The
    /// index is rebuilt only when the file's identity, size or modification time changes.
    private let cache = Mutex<Snapshot?>(nil)

    private struct Snapshot {
        var stamp: FileStamp
        var byHost: [String: [Entry]]
        /// The number the next appended line gets.
        var nextLine: Int
    }

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
        return cache.withLock { snapshot in current(&snapshot).byHost[pattern] ?? [] }
    }

    /// The snapshot of the file as it is now; called with the cache locked.
    private func current(_ snapshot: inout Snapshot?) -> Snapshot {
        let stamp = FileStamp(path: path)
        if let snapshot, snapshot.stamp == stamp { return snapshot }
        let text = readFile()
        var byHost: [String: [Entry]] = [:]
        for entry in Self.parse(text) {
            for name in entry.hostPattern.split(separator: ",") { byHost[String(name), default: []].append(entry) }
        }
        // "a\nb\n" splits into three pieces and its next line is line 3; "" or "a\nb" have no line end.
        let pieces = text.split(separator: "\n", omittingEmptySubsequences: false).count
        let nextLine = text.isEmpty ? 1 : text.hasSuffix("\n") ? pieces : pieces + 1
        let fresh = Snapshot(stamp: stamp, byHost: byHost, nextLine: nextLine)
        snapshot = fresh
        return fresh
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
        let pattern = Self.hostPattern(host: host, port: port)
        let line = "\(pattern) \(keyType) \(key)\n"
        try cache.withLock { snapshot throws(CollectionFailure) in
            // Bring the index up to date first, so the appended key can be added to it below
            // instead of the whole file being read again on the next lookup.
            var known = current(&snapshot)
            Self.makeParentFolder(of: path)
            let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard fd >= 0 else {
                throw CollectionFailure(.protocolError, target: "\(host):\(port)", "cannot write known_hosts file \(path): \(String(cString: strerror(errno)))")
            }
            defer { close(fd) }
            var bytes = Array(line.utf8)
            let written = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress, $0.count) }
            guard written == bytes.count else {
                snapshot = nil
                throw CollectionFailure(.protocolError, target: "\(host):\(port)", "cannot write known_hosts file \(path)")
            }
            let after = FileStamp(path: path)
            // Anyone else who wrote to the file meanwhile makes it larger than this line alone.
            guard known.stamp.size >= 0, after.size == known.stamp.size + Int64(bytes.count) else {
                snapshot = nil
                return
            }
            known.byHost[pattern, default: []].append(Entry(hostPattern: pattern, keyType: keyType, key: key, line: known.nextLine))
            known.nextLine += 1
            known.stamp = after
            snapshot = known
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

/// What tells whether a file changed since it was read: device, inode, size, modification time.
private struct FileStamp: Equatable {
    var device: UInt64 = 0
    var inode: UInt64 = 0
    var size: Int64 = -1
    var seconds: Int = 0
    var nanoseconds: Int = 0

    init(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        #if canImport(Darwin)
        seconds = Int(info.st_mtimespec.tv_sec)
        nanoseconds = Int(info.st_mtimespec.tv_nsec)
        #else
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
        #endif
    }
}
