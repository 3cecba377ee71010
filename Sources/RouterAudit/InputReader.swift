#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import AuditCore

/// Reads the paths given on the command line into device inputs. Every path that cannot be used
/// becomes an `InputProblem` with a one-line reason; the others go on.
struct InputReader {
    /// Larger files are refused before reading: no router configuration comes close.
    var maximumFileSize = 64 * 1024 * 1024

    struct Device {
        var inputs: [ConfigInput]
        /// The folder the inputs came from when it was read as one device (OpenWrt /etc/config).
        var folder: String?
    }

    func read(_ paths: [String]) -> (devices: [Device], problems: [InputProblem]) {
        var devices: [Device] = []
        var problems: [InputProblem] = []
        for path in paths {
            var isDirectory: Bool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(InputProblem(path: path, reason: "no such file or folder"))
                continue
            }
            if isDirectory {
                let (folderDevices, folderProblems) = readFolder(path)
                devices += folderDevices
                problems += folderProblems
            } else {
                switch readFile(path) {
                case .success(let input): devices.append(Device(inputs: [input]))
                case .failure(let problem): problems.append(problem)
                }
            }
        }
        return (devices, problems)
    }

    /// A folder laid out like OpenWrt's /etc/config (a UCI `network` or `firewall` file at its top)
    /// is one device; any other folder is a collection of devices, one per file, searched recursively.
    func readFolder(_ path: String) -> ([Device], [InputProblem]) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: path) else {
            return ([], [InputProblem(path: path, reason: "folder cannot be read (permission denied?)")])
        }
        var devices: [Device] = []
        var problems: [InputProblem] = []
        var files: [ConfigInput] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let full = path.hasSuffix("/") ? path + name : path + "/" + name
            var isDirectory: Bool = false
            guard manager.fileExists(atPath: full, isDirectory: &isDirectory) else {
                problems.append(InputProblem(path: full, reason: "cannot be opened (a dangling link?)"))
                continue
            }
            if isDirectory {
                let (inner, innerProblems) = readFolder(full)
                devices += inner
                problems += innerProblems
                continue
            }
            switch readFile(full) {
            case .success(let input): files.append(input)
            case .failure(let problem): problems.append(problem)
            }
        }
        if Self.looksLikeUCIFolder(files) {
            devices.insert(Device(inputs: files, folder: path), at: 0)
        } else {
            devices = files.map { Device(inputs: [$0]) } + devices
        }
        return (devices, problems)
    }

    static func looksLikeUCIFolder(_ files: [ConfigInput]) -> Bool {
        files.contains { input in
            let name = input.path.split(separator: "/").last.map(String.init) ?? ""
            guard name == "network" || name == "firewall" else { return false }
            return input.text.hasPrefix("config ") || input.text.contains("\nconfig ")
        }
    }

    func readFile(_ path: String) -> Result<ConfigInput, InputProblem> {
        let manager = FileManager.default
        // Only regular files: a FIFO or device would block or never end.
        if let type = (try? manager.attributesOfItem(atPath: path))?[.type] as? FileAttributeType, type != .typeRegular {
            return .failure(InputProblem(path: path, reason: "not a regular file (\(type.rawValue))"))
        }
        guard manager.isReadableFile(atPath: path) else {
            return .failure(InputProblem(path: path, reason: "file cannot be read (permission denied)"))
        }
        if let attributes = try? manager.attributesOfItem(atPath: path),
           let size = Self.size(attributes), size > maximumFileSize {
            return .failure(InputProblem(path: path, reason: "file is \(size / 1_048_576) MiB, larger than any router configuration (limit \(maximumFileSize / 1_048_576) MiB)"))
        }
        guard let data = manager.contents(atPath: path) else {
            return .failure(InputProblem(path: path, reason: "file cannot be read"))
        }
        return Self.decode(data, path: path)
    }

    /// The size attribute is a UInt with FoundationEssentials and may be an Int or NSNumber elsewhere.
    static func size(_ attributes: [FileAttributeKey: Any]) -> Int? {
        if let size = attributes[.size] as? UInt { return Int(size) }
        return attributes[.size] as? Int
    }

    /// Turns bytes into text, refusing empty and binary content with a reason.
    static func decode(_ data: Data, path: String) -> Result<ConfigInput, InputProblem> {
        // Raw bytes, not Data's per-element iterator: this runs on every input of a sweep.
        let verdict: (blank: Bool, nul: Bool, control: Int, sampled: Int) = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            let blank = bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
            let sample = UnsafeBufferPointer(rebasing: bytes.prefix(64 * 1024))
            var control = 0
            for byte in sample {
                if byte == 0 { return (blank, true, control, sample.count) }
                if byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 && byte != 0x1B && byte != 0x03 { control += 1 }
            }
            return (blank, false, control, sample.count)
        }
        if verdict.blank {
            return .failure(InputProblem(path: path, reason: "file is empty"))
        }
        if verdict.nul { return .failure(InputProblem(path: path, reason: "file is binary (contains NUL bytes), not a configuration text")) }
        if verdict.control * 20 > verdict.sampled {
            return .failure(InputProblem(path: path, reason: "file is binary (\(verdict.control) control bytes in the first \(verdict.sampled)), not a configuration text"))
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return .success(ConfigInput(path: path, text: text))
    }
}
