import CCrypt

/// One-way hashes in the Unix crypt family, verified by the system's libxcrypt (`crypt_rn`):
/// md5crypt (`$1$`, Cisco type 5), sha256crypt (`$5$`), sha512crypt (`$6$`), bcrypt (`$2a/b/y$`),
/// traditional DES crypt.
public enum CryptHash {
    /// Checks the shape of a stored hash before any guess is tried, so a damaged value becomes a
    /// diagnostic instead of a silent "no match".
    public static func validate(_ stored: String) -> String? {
        let alphabet = Set("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)
        if stored.hasPrefix("$1$") {
            let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return "md5crypt hash does not have the form $1$salt$hash" }
            guard parts[3].utf8.count == 22 else { return "md5crypt hash is truncated (\(parts[3].utf8.count) of 22 characters)" }
            guard parts[3].utf8.allSatisfy(alphabet.contains), parts[2].utf8.allSatisfy({ alphabet.contains($0) }) else {
                return "md5crypt hash contains characters outside the crypt alphabet"
            }
            return nil
        }
        if stored.hasPrefix("$5$") || stored.hasPrefix("$6$") {
            let expected = stored.hasPrefix("$5$") ? 43 : 86
            guard let last = stored.split(separator: "$").last, last.utf8.count == expected else {
                return "sha-crypt hash is truncated"
            }
            guard last.utf8.allSatisfy(alphabet.contains) else { return "sha-crypt hash contains characters outside the crypt alphabet" }
            return nil
        }
        if stored.hasPrefix("$2a$") || stored.hasPrefix("$2b$") || stored.hasPrefix("$2y$") {
            guard stored.utf8.count == 60 else { return "bcrypt hash is not 60 characters long" }
            return nil
        }
        return nil
    }

    /// True when `password` hashes to `stored` with the salt and parameters inside `stored`.
    /// A thread's scratch buffer is allocated once per call chain by `Verifier`.
    public static func matches(_ password: String, stored: String) -> Bool {
        Verifier().matches(password, stored: stored)
    }

    /// Holds libxcrypt's scratch area (about 32 KiB) so a batch of guesses reuses it. One
    /// verifier per thread: it is not safe to share.
    public final class Verifier {
        private let data: UnsafeMutablePointer<crypt_data>

        public init() {
            data = .allocate(capacity: 1)
        }

        deinit { data.deallocate() }

        public func matches(_ password: String, stored: String) -> Bool {
            guard let result = ccrypt_hash(password, stored, data) else { return false }
            return String(cString: result) == stored
        }

        /// The library's hash of raw password bytes (read as a C string, so up to the first zero
        /// byte) with `setting`; nil when libxcrypt rejects the setting or the password.
        public func hash(_ password: [UInt8], setting: String) -> String? {
            (password + [0]).withUnsafeBufferPointer { bytes in
                bytes.withMemoryRebound(to: CChar.self) { phrase in
                    ccrypt_hash(phrase.baseAddress, setting, data).map { String(cString: $0) }
                }
            }
        }

        /// The first of `candidates` (raw bytes) whose hash equals `stored`, trying one at a time:
        /// the reference the fast paths are tested against.
        public func firstMatch(_ candidates: [[UInt8]], stored: String) -> Int? {
            candidates.firstIndex { hash($0, setting: stored) == stored }
        }
    }
}
