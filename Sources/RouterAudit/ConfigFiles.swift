import AuditCore

/// One device's configuration from disk, for callers outside this module (fleet sweeps): a file,
/// or a folder laid out like OpenWrt's /etc/config. Same checks as `audit` (regular file, size,
/// binary and empty content refused with a one-line reason).
public enum ConfigFiles {
    public static func readDevice(at path: String) -> Result<[ConfigInput], InputProblem> {
        let reader = InputReader()
        let (devices, problems) = reader.read([path])
        if devices.count == 1, problems.isEmpty { return .success(devices[0].inputs) }
        if let problem = problems.first { return .failure(problem) }
        return .failure(InputProblem(path: path, reason: devices.isEmpty ? "folder holds no configuration" : "folder holds \(devices.count) devices, not one"))
    }
}
