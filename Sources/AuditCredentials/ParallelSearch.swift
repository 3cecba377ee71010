import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Finds the first matching candidate using several threads. The list is cut into chunks taken
/// in order; each worker makes its own batch test (verifiers hold per-thread scratch memory) and
/// tests whole chunks at once, so the md5crypt and bcrypt kernels get full batches. Once a match
/// is known, no chunk after it is started, and every chunk before it is finished, so the result
/// is the lowest matching index, the same as trying the list in order on one thread.
enum ParallelSearch {
    static func first(in candidates: [String], chunk: Int, workers: Int,
                      matching makeTest: @Sendable () -> CredentialEngine.BatchTest?) -> String? {
        let chunk = max(1, chunk)
        let chunks = (candidates.count + chunk - 1) / chunk
        let workers = max(1, min(chunks, workers))
        let state = SearchState()
        if workers == 1 {
            guard let test = makeTest() else { return nil }
            return test(candidates).map { candidates[$0] }
        }
        // Dispatch runs the iterations on its own threads, never on the cooperative pool.
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            guard let test = makeTest() else { return }
            while let start = state.claim(chunk: chunk, count: candidates.count) {
                let end = min(start + chunk, candidates.count)
                if let offset = test(Array(candidates[start..<end])) { state.offer(start + offset) }
            }
        }
        return state.best.map { candidates[$0] }
    }

    /// The next chunk to hand out and the lowest matching index seen so far, shared by the workers.
    final class SearchState: @unchecked Sendable {
        private var lock = pthread_mutex_t()
        private var next = 0
        private var value: Int?

        init() { pthread_mutex_init(&lock, nil) }
        deinit { pthread_mutex_destroy(&lock) }

        var best: Int? {
            pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
            return value
        }

        /// The start of the next chunk, or nil when the list is done or a match lies before it.
        func claim(chunk: Int, count: Int) -> Int? {
            pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
            guard next < count, value.map({ next < $0 }) ?? true else { return nil }
            defer { next += chunk }
            return next
        }

        func offer(_ index: Int) {
            pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
            if value.map({ index < $0 }) ?? true { value = index }
        }
    }
}

enum System {
    static var coreCount: Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
}
