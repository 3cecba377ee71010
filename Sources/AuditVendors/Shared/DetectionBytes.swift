#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Byte comparisons against string literals, for detection scans that walk a file's bytes
/// without building strings (shared by the vendor detectors).
enum DetectionBytes {
    @inline(__always)
    static func has(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard end - start >= count else { return false }
        let pointer = prefix.utf8Start
        // Most tests fail on the first byte; check it before setting up the loop.
        guard count == 0 || bytes[start] == pointer[0] else { return false }
        for offset in 1..<max(count, 1) where bytes[start + offset] != pointer[offset] { return false }
        return true
    }

    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ text: StaticString) -> Bool {
        end - start == text.utf8CodeUnitCount && has(bytes, start, end, text)
    }

    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ needle: StaticString) -> Bool {
        ByteSearch.contains(bytes, start, end, UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount))
    }
}

/// Substring search in bytes for detectors that look for a marker anywhere in a line or a sample:
/// the C library's vectorised `memchr` finds each candidate first byte, `memcmp` checks the rest.
/// (`memmem` would do both, but it is a GNU extension the Glibc module does not export.)
enum ByteSearch {
    static func contains(_ haystack: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                         _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        guard needle.count > 0, end - start >= needle.count, let base = haystack.baseAddress,
              let pattern = needle.baseAddress else { return false }
        let first = Int32(pattern[0])
        let tail = needle.count - 1
        var at = base + start
        let lastStart = base + end - needle.count
        while at <= lastStart {
            guard let hit = memchr(at, first, lastStart - at + 1) else { return false }
            let candidate = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self))
            if tail == 0 || memcmp(candidate + 1, pattern + 1, tail) == 0 { return true }
            at = candidate + 1
        }
        return false
    }
}
