/// The devices of a fleet, as an inventory file describes them (docs/fleet.md). Every device has
/// its settings resolved: defaults, then its group, then its own keys.
public struct Inventory: Sendable {
    public var devices: [InventoryDevice]
    /// The file it was read from (relative paths inside it resolve against its folder).
    public var file: String

    public init(devices: [InventoryDevice], file: String) {
        self.devices = devices
        self.file = file
    }
}

/// One device of the inventory.
public struct InventoryDevice: Sendable, Hashable {
    public enum Target: Sendable, Hashable {
        /// A live router reached over SSH.
        case network(address: String, port: Int)
        /// An exported configuration on disk (a file, or an OpenWrt /etc/config folder).
        case file(path: String)
    }

    /// Unique in the inventory; findings are keyed by it, so runs compare even when a hostname changes.
    public var name: String
    public var target: Target
    /// Where the device is declared (`inventory.yaml:12`), for one-line errors.
    public var declaredAt: String
    public var group: String?
    public var settings: DeviceSettings

    public init(name: String, target: Target, declaredAt: String, group: String? = nil, settings: DeviceSettings = DeviceSettings()) {
        self.name = name
        self.target = target
        self.declaredAt = declaredAt
        self.group = group
        self.settings = settings
    }
}

/// How to reach and audit a device. Every field can be set in `defaults`, a group or the device.
public struct DeviceSettings: Sendable, Hashable {
    public var user: String?
    public var credential: CredentialReference?
    /// The enable / privilege secret (environment variable or owner-only file); when absent the
    /// login password is offered to an enable prompt (small fleets often share one secret).
    public var enableSecret: CredentialReference?
    public var knownHosts: String?
    public var hostKeyPolicy: HostKeyPolicy = .strict
    /// The whole budget for one device: connect, authenticate, collect (retries included).
    public var timeoutSeconds: Double = 10
    /// SHA-1 key exchange, ssh-rsa and CBC ciphers: opt-in per device for old firmware.
    public var legacyAlgorithms = false
    /// A built-in policy name or a policy file.
    public var policy = "baseline"
    /// A vendor id, or nil for detection from the content (`auto`).
    public var vendor: String?
    /// Retries after a connection reset, with backoff, within the timeout.
    public var retries = 2

    public init() {}
}

/// Where a device's password or key comes from. Never printed: `description` names the source only.
public enum CredentialReference: Sendable, Hashable, CustomStringConvertible {
    case environment(String)
    /// A file readable by its owner only.
    case file(String)
    case key(String)
    case agent
    /// Only from an owner-only inventory that says `allow-inline-password: true`.
    case inline(String)

    public var description: String {
        switch self {
        case .environment(let name): "password from environment variable \(name)"
        case .file(let path): "password from file \(path)"
        case .key(let path): "key \(path)"
        case .agent: "ssh-agent"
        case .inline: "inline password (hidden)"
        }
    }
}

/// How a device's SSH host key is checked against the known_hosts file.
public enum HostKeyPolicy: Sendable, Hashable {
    /// The key must already be known; an unknown or changed key is refused.
    case strict
    /// Trust on first use: an unknown key is recorded, a changed one refused.
    case trustOnFirstUse
    /// The key must have this SHA-256 fingerprint (`SHA256:...`).
    case pinned(String)
}
