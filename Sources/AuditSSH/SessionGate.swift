import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs blocking jobs (whole SSH sessions) on dedicated threads, at most `limit` at a time; the
/// rest wait in a queue and reuse a finishing thread. Blocking libssh calls never run inside
/// Swift's cooperative pool, which has one thread per core and would starve.
public final class SessionGate: Sendable {
    public let limit: Int
    private struct State {
        var running = 0
        var queue: [@Sendable () -> Void] = []
        var head = 0
    }
    private let state = Mutex(State())

    public init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Queues `job`; it runs on a dedicated thread as soon as a slot is free.
    public func submit(_ job: @escaping @Sendable () -> Void) {
        let start = state.withLock { state -> Bool in
            if state.running < limit {
                state.running += 1
                return true
            }
            state.queue.append(job)
            return false
        }
        if start { DedicatedThread.start { self.work(first: job) } }
    }

    private func work(first: @escaping @Sendable () -> Void) {
        var job: (@Sendable () -> Void)? = first
        while let current = job {
            current()
            job = state.withLock { state in
                guard state.head < state.queue.count else {
                    state.running -= 1
                    state.queue.removeAll(keepingCapacity: true)
                    state.head = 0
                    return nil
                }
                let next = state.queue[state.head]
                state.head += 1
                return next
            }
        }
    }
}

/// A detached POSIX thread running one closure.
enum DedicatedThread {
    private final class Box {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    static func start(_ body: @escaping @Sendable () -> Void) {
        let box = Unmanaged.passRetained(Box(body)).toOpaque()
        var attributes = pthread_attr_t()
        pthread_attr_init(&attributes)
        defer { pthread_attr_destroy(&attributes) }
        pthread_attr_setdetachstate(&attributes, Int32(PTHREAD_CREATE_DETACHED))
        // libssh and the prompt engine need little stack; 1 MiB keeps hundreds of sessions cheap.
        pthread_attr_setstacksize(&attributes, 1 << 20)
        var thread = pthread_t()
        let rc = pthread_create(&thread, &attributes, { raw in
            let box = Unmanaged<Box>.fromOpaque(raw!).takeRetainedValue()
            box.body()
            return nil
        }, box)
        if rc != 0 {
            // No thread to be had: run here rather than lose the job.
            Unmanaged<Box>.fromOpaque(box).takeRetainedValue().body()
        }
    }
}
