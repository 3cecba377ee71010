import AuditCore
import AuditReport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a router says about itself when something connects: the SSH identification line and the
/// web server's `Server` header, login realm and page title. Read-only: one connection per port,
/// short timeouts, no login attempted. Everything returned is cleaned for a terminal (device text
/// is hostile input) and cut to a readable length.
public struct RouterBanners: Sendable, Hashable {
    public var ssh: String?
    public var httpServer: String?
    public var httpRealm: String?
    public var httpTitle: String?

    public init(ssh: String? = nil, httpServer: String? = nil, httpRealm: String? = nil, httpTitle: String? = nil) {
        self.ssh = ssh
        self.httpServer = httpServer
        self.httpRealm = httpRealm
        self.httpTitle = httpTitle
    }

    public var isEmpty: Bool { ssh == nil && httpServer == nil && httpRealm == nil && httpTitle == nil }
}

public enum BannerProbe {
    /// Connects to the SSH and HTTP ports and reads what they announce.
    public static func probe(host: String, sshPort: Int, httpPort: Int, timeout: Double) -> RouterBanners {
        var banners = RouterBanners()
        banners.ssh = ssh(host: host, port: sshPort, timeout: timeout)
        if let http = http(host: host, port: httpPort, timeout: timeout) {
            banners.httpServer = http.server
            banners.httpRealm = http.realm
            banners.httpTitle = http.title
        }
        return banners
    }

    /// The SSH identification line (`SSH-2.0-dropbear_2022.83`), or nil.
    public static func ssh(host: String, port: Int, timeout: Double) -> String? {
        guard let connection = Connection(host: host, port: port, timeout: timeout) else { return nil }
        defer { connection.close() }
        // A server may send other lines before its identification (RFC 4253 4.2).
        var buffer: [UInt8] = []
        while buffer.count < 4096, let chunk = connection.read() {
            buffer += chunk
            let lines = String(decoding: buffer, as: UTF8.self).split(whereSeparator: \.isNewline)
            if let line = lines.first(where: { $0.hasPrefix("SSH-") }), buffer.contains(UInt8(ascii: "\n")) || buffer.count > 255 {
                return clean(String(line))
            }
        }
        let lines = String(decoding: buffer, as: UTF8.self).split(whereSeparator: \.isNewline)
        return lines.first(where: { $0.hasPrefix("SSH-") }).map { clean(String($0)) }
    }

    /// The `Server` header, the Basic-auth realm and the page title of `GET /`, or nil when nothing answers.
    public static func http(host: String, port: Int, timeout: Double) -> (server: String?, realm: String?, title: String?)? {
        guard let connection = Connection(host: host, port: port, timeout: timeout) else { return nil }
        defer { connection.close() }
        let hostHeader = host.contains(":") ? "[\(host)]" : host
        let request = "GET / HTTP/1.0\r\nHost: \(hostHeader)\r\nUser-Agent: routeraudit-selfcheck\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
        guard connection.write(Array(request.utf8)) else { return nil }
        var buffer: [UInt8] = []
        while buffer.count < 65536, let chunk = connection.read() {
            buffer += chunk
        }
        guard !buffer.isEmpty else { return nil }
        let response = String(decoding: buffer, as: UTF8.self)
        let head: Substring
        let body: Substring
        if let end = response.range(of: "\r\n\r\n") ?? response.range(of: "\n\n") {
            head = response[..<end.lowerBound]
            body = response[end.upperBound...]
        } else {
            head = response[...]
            body = ""
        }
        var server: String?
        var realm: String?
        for line in head.split(whereSeparator: \.isNewline) {
            let lower = line.lowercased()
            if lower.hasPrefix("server:") {
                server = clean(String(line.dropFirst("server:".count)))
            } else if lower.hasPrefix("www-authenticate:"), let start = lower.range(of: "realm=\"") {
                let offset = lower.distance(from: lower.startIndex, to: start.upperBound)
                let rest = line.dropFirst(offset)
                realm = clean(String(rest.prefix { $0 != "\"" }))
            }
        }
        return (server.flatMap(nonEmpty), realm.flatMap(nonEmpty), title(in: body).flatMap(nonEmpty))
    }

    /// The text of the first `<title>` element.
    static func title(in html: Substring) -> String? {
        let lower = html.lowercased()
        guard let open = lower.range(of: "<title"),
              let close = lower[open.upperBound...].range(of: ">"),
              let end = lower[close.upperBound...].range(of: "</title") else { return nil }
        let from = lower.distance(from: lower.startIndex, to: close.upperBound)
        let to = lower.distance(from: lower.startIndex, to: end.lowerBound)
        let characters = Array(html)
        guard from <= to, to <= characters.count else { return nil }
        return clean(String(characters[from..<to]))
    }

    static func nonEmpty(_ text: String) -> String? { text.isEmpty ? nil : text }

    /// Terminal-safe, whitespace collapsed, at most 120 characters.
    static func clean(_ text: String) -> String {
        var flat = ""
        for scalar in text.unicodeScalars {
            flat.unicodeScalars.append(scalar == "\r" || scalar == "\n" ? " " : scalar)
        }
        let safe = TerminalSafe.clean(flat)
        let collapsed = safe.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
        return collapsed.count > 120 ? String(collapsed.prefix(117)) + "..." : collapsed
    }
}

/// One TCP connection with a deadline on every step.
final class Connection {
    private let descriptor: Int32
    private let deadline: ContinuousClock.Instant

    init?(host: String, port: Int, timeout: Double) {
        guard (1...65535).contains(port) else { return nil }
        deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #else
        hints.ai_socktype = SOCK_STREAM
        #endif
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return nil }
        defer { freeaddrinfo(list) }
        var found: Int32 = -1
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry, found < 0 {
            entry = current.pointee.ai_next
            let fd = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
            guard fd >= 0 else { continue }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL, 0) | O_NONBLOCK)
            if connect(fd, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 {
                found = fd
            } else if errno == EINPROGRESS, Self.wait(fd, for: Int16(POLLOUT), until: deadline) {
                var error: Int32 = 0
                var length = socklen_t(MemoryLayout<Int32>.size)
                if getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length) == 0, error == 0 {
                    found = fd
                }
            }
            if found != fd { _ = Glibc.close(fd) }
        }
        guard found >= 0 else { return nil }
        descriptor = found
    }

    /// The next bytes, or nil at the end of the stream, on error or at the deadline.
    func read() -> [UInt8]? {
        guard Self.wait(descriptor, for: Int16(POLLIN), until: deadline) else { return nil }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { return nil }
        return Array(buffer[0..<count])
    }

    func write(_ bytes: [UInt8]) -> Bool {
        var sent = 0
        while sent < bytes.count {
            guard Self.wait(descriptor, for: Int16(POLLOUT), until: deadline) else { return false }
            let count = bytes[sent...].withUnsafeBytes { send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard count > 0 else { return false }
            sent += count
        }
        return true
    }

    func close() {
        _ = Glibc.close(descriptor)
    }

    /// Waits until the descriptor is ready, or the deadline passes.
    static func wait(_ fd: Int32, for events: Int16, until deadline: ContinuousClock.Instant) -> Bool {
        while true {
            let remaining = ContinuousClock.now.duration(to: deadline)
            guard remaining > .zero else { return false }
            let (seconds, attoseconds) = remaining.components
            let milliseconds = Int32(clamping: seconds * 1000 + attoseconds / 1_000_000_000_000_000 + 1)
            var poller = pollfd(fd: fd, events: events, revents: 0)
            let result = poll(&poller, 1, milliseconds)
            if result > 0 { return true }
            if result == 0 { continue }
            if errno != EINTR { return false }
        }
    }
}
