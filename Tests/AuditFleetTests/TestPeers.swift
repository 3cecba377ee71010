import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Real TCP peers on 127.0.0.1 for fault tests: one that accepts and never says a word (a hung
/// device), one that accepts and closes at once (a device resetting the session).
final class TestPeer: @unchecked Sendable {
    enum Behaviour { case silent, closeAtOnce }

    let port: Int
    let listener: Int32
    private let lock = NSLock()
    private var held: [Int32] = []
    private var stopped = false

    init(_ behaviour: Behaviour) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        guard bound == 0, listen(listener, 64) == 0 else { throw POSIXError(.EADDRINUSE) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        port = Int(UInt16(bigEndian: address.sin_port))
        let thread = Thread { [self] in
            let listener = self.listener
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 { return }
                switch behaviour {
                case .silent: lock.withLock { held.append(client) }
                case .closeAtOnce: close(client)
                }
            }
        }
        thread.start()
    }

    /// A port on which nothing listens: connections are refused.
    static func refusedPort() -> Int {
        let probe = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(probe, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(probe, $0, &length) } }
        close(probe)
        return Int(UInt16(bigEndian: address.sin_port))
    }

    func stop() {
        lock.withLock {
            guard !stopped else { return }
            stopped = true
            held.forEach { close($0) }
            shutdown(listener, Int32(SHUT_RDWR))
            close(listener)
        }
    }

    deinit { stop() }
}
