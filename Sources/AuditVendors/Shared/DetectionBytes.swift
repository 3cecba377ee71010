/// Byte comparisons against string literals, for detection scans that walk a file's bytes
/// without building strings (shared by the vendor detectors).
enum DetectionBytes {
    @inline(__always)
    static func has(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ prefix: StaticString) -> Bool {
        let count = prefix.utf8CodeUnitCount
        guard end - start >= count else { return false }
        let pointer = prefix.utf8Start
        for offset in 0..<count where bytes[start + offset] != pointer[offset] { return false }
        return true
    }

    @inline(__always)
    static func equals(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ text: StaticString) -> Bool {
        end - start == text.utf8CodeUnitCount && has(bytes, start, end, text)
    }

    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        guard count > 0, end - start >= count else { return false }
        var at = start
        while at + count <= end {
            if has(bytes, at, end, needle) { return true }
            at += 1
        }
        return false
    }
}
