#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AuditSSH

/// Saves what a collection produced (`--save-config DIR`): one file per command and the
/// transcript, readable by the owner only (configurations hold password hashes).
public enum CollectionArchive {
    public struct SaveError: Error, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// Writes the files and returns their paths. Folder mode 0700, files 0600.
    @discardableResult
    public static func save(_ result: CollectionResult, to folder: String) throws(SaveError) -> [String] {
        if mkdir(folder, 0o700) != 0, errno != EEXIST {
            throw SaveError(path: folder, message: "cannot create the folder: \(String(cString: strerror(errno)))")
        }
        let stem = fileStem(result.target.label)
        var written: [String] = []
        for output in result.configs + result.version {
            let path = "\(folder)/\(stem)-\(fileStem(output.command)).txt"
            try writeFile(output.text.hasSuffix("\n") ? output.text : output.text + "\n", to: path)
            written.append(path)
        }
        let transcript = "\(folder)/\(stem)-transcript.txt"
        var header = "# collected from \(result.target.label) with profile \(result.profileID) in \(Int(result.timings.finished * 1000)) ms\n"
        if let ssh = result.algorithms { header += "# ssh: \(ssh.serverVersion); \(ssh.summary)\n" }
        if let failure = result.failure { header += "# failed: \(failure)\n" }
        try writeFile(header + result.transcript + "\n", to: transcript)
        written.append(transcript)
        return written
    }

    /// `192.168.1.1:22` → `192.168.1.1_22`, `show running-config` → `show-running-config`.
    static func fileStem(_ text: String) -> String {
        var stem = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-" || scalar == "_" {
                stem.unicodeScalars.append(scalar)
            } else if scalar == ":" {
                stem += "_"
            } else if !stem.hasSuffix("-") {
                stem += "-"
            }
        }
        while stem.hasSuffix("-") { stem.removeLast() }
        return stem.isEmpty ? "output" : stem
    }

    static func writeFile(_ text: String, to path: String) throws(SaveError) {
        // O_EXCL after unlink: never follow a planted symlink or keep an old file's wider mode.
        unlink(path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw SaveError(path: path, message: "cannot create the file: \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes = Array(text.utf8)
        let count = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress, $0.count) }
        guard count == bytes.count else { throw SaveError(path: path, message: "cannot write the file") }
    }
}
