import Dispatch
#if canImport(Glibc)
import Glibc
#endif

/// Finds a matching candidate using every core. Each worker makes its own verifier (verifiers
/// hold per-thread scratch memory) and takes candidates by stride, so early candidates are tried
/// first and all workers stop soon after one finds a match.
enum ParallelSearch {
    static func first(in candidates: [String],
                      matching makeVerifier: @Sendable () -> Result<(String) -> Bool, CredentialEngine.DecodeProblem>?) -> String? {
        let workers = max(1, min(candidates.count, System.coreCount))
        let found = FoundBox()
        // Dispatch runs the iterations on its own threads, never on the cooperative pool.
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            guard case .success(let matches) = makeVerifier() else { return }
            var index = worker
            while index < candidates.count {
                if found.index(before: index) { return }
                if matches(candidates[index]) { found.offer(index); return }
                index += workers
            }
        }
        return found.best.map { candidates[$0] }
    }

    /// The lowest matching index seen so far, shared by the workers.
    final class FoundBox: @unchecked Sendable {
        private var lock = pthread_mutex_t()
        private var value: Int?

        init() { pthread_mutex_init(&lock, nil) }
        deinit { pthread_mutex_destroy(&lock) }

        var best: Int? {
            pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
            return value
        }

        /// True when a match at a lower index is already known, so this worker can stop.
        func index(before index: Int) -> Bool {
            pthread_mutex_lock(&lock); defer { pthread_mutex_unlock(&lock) }
            return value.map { $0 < index } ?? false
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
