import CLibSSH

/// libssh's process-wide setup. `ssh_init` must run once before any session exists on any thread;
/// a `static let` is initialised exactly once, thread-safely, on first use.
enum LibSSH {
    static let initialized: Bool = ssh_init() == 0

    /// The last error libssh recorded on a session, as one line.
    static func error(_ session: ssh_session?) -> String {
        guard let session, let message = ssh_get_error(UnsafeMutableRawPointer(session)) else { return "unknown libssh error" }
        let text = String(cString: message)
        return text.isEmpty ? "unknown libssh error" : text
    }
}

/// Typed wrappers over `ssh_options_set`: each option gets the pointee width libssh reads for it.
enum SessionOption {
    static func set(_ session: ssh_session, _ option: ssh_options_e, string value: String) -> Bool {
        clibssh_set_string(session, option, value) == 0
    }
    /// SSH_OPTIONS_PORT reads an `unsigned int`.
    static func setPort(_ session: ssh_session, _ port: Int) -> Bool {
        clibssh_set_uint(session, SSH_OPTIONS_PORT, UInt32(port)) == 0
    }
    /// SSH_OPTIONS_TIMEOUT (seconds) and SSH_OPTIONS_TIMEOUT_USEC read a `long`.
    static func setTimeout(_ session: ssh_session, seconds: Double) -> Bool {
        let whole = max(0, Int(seconds.rounded(.down)))
        let micro = max(0, Int((seconds - Double(whole)) * 1_000_000))
        return clibssh_set_long(session, SSH_OPTIONS_TIMEOUT, whole) == 0
            && clibssh_set_long(session, SSH_OPTIONS_TIMEOUT_USEC, micro) == 0
    }
    /// SSH_OPTIONS_NODELAY, SSH_OPTIONS_RSA_MIN_SIZE and SSH_OPTIONS_LOG_VERBOSITY read an `int`.
    static func set(_ session: ssh_session, _ option: ssh_options_e, int value: Int32) -> Bool {
        clibssh_set_int(session, option, value) == 0
    }
    /// SSH_OPTIONS_PROCESS_CONFIG reads a `bool`.
    static func set(_ session: ssh_session, _ option: ssh_options_e, bool value: Bool) -> Bool {
        clibssh_set_bool(session, option, value) == 0
    }
}
