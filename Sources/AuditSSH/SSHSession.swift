import AuditCore
import CLibSSH

/// One libssh session, used start to finish on one thread (libssh's rule). Every call blocks for
/// at most the connect timeout (SSH_OPTIONS_TIMEOUT); callers add the overall deadline.
final class SSHSession {
    let handle: ssh_session
    let target: SSHTarget
    private let log = NegotiationLog()

    init(target: SSHTarget, limits: CollectionLimits) throws(CollectionFailure) {
        _ = LibSSH.initialized
        guard let handle = ssh_new() else { throw CollectionFailure(.protocolError, target: target.label, "libssh could not create a session") }
        self.handle = handle
        self.target = target
        let algorithms = target.legacyAlgorithms ? SSHAlgorithms.legacy : SSHAlgorithms.modern
        var ok = SessionOption.set(handle, SSH_OPTIONS_HOST, string: target.host)
            && SessionOption.setPort(handle, target.port)
            // Never read ~/.ssh/config or /etc/ssh/ssh_config: the tool decides everything itself.
            && SessionOption.set(handle, SSH_OPTIONS_PROCESS_CONFIG, bool: false)
            // Without TCP_NODELAY every round trip waits ~40 ms for a delayed ACK.
            && SessionOption.set(handle, SSH_OPTIONS_NODELAY, int: 1)
            && SessionOption.setTimeout(handle, seconds: min(limits.connectTimeout, limits.deadline))
            && SessionOption.set(handle, SSH_OPTIONS_KEY_EXCHANGE, string: algorithms.kex.joined(separator: ","))
            && SessionOption.set(handle, SSH_OPTIONS_HOSTKEYS, string: algorithms.hostKeys.joined(separator: ","))
            && SessionOption.set(handle, SSH_OPTIONS_CIPHERS_C_S, string: algorithms.ciphers.joined(separator: ","))
            && SessionOption.set(handle, SSH_OPTIONS_CIPHERS_S_C, string: algorithms.ciphers.joined(separator: ","))
            && SessionOption.set(handle, SSH_OPTIONS_HMAC_C_S, string: algorithms.macs.joined(separator: ","))
            && SessionOption.set(handle, SSH_OPTIONS_HMAC_S_C, string: algorithms.macs.joined(separator: ","))
            && SessionOption.set(handle, SSH_OPTIONS_COMPRESSION, string: "none")
            // Protocol-level log lines carry the negotiated host key algorithm, which libssh has
            // no getter for; the callback below keeps only that line.
            && SessionOption.set(handle, SSH_OPTIONS_LOG_VERBOSITY, int: Int32(SSH_LOG_PROTOCOL))
        if target.legacyAlgorithms {
            // Old routers have 768/1024-bit RSA host keys; 768 is libssh's floor.
            ok = ok && SessionOption.set(handle, SSH_OPTIONS_RSA_MIN_SIZE, int: 768)
            ok = ok && SessionOption.set(handle, SSH_OPTIONS_PUBLICKEY_ACCEPTED_TYPES, string: (algorithms.hostKeys).joined(separator: ","))
        }
        guard ok else {
            let message = LibSSH.error(handle)
            ssh_free(handle)
            throw CollectionFailure(.protocolError, target: target.label, "libssh refused the session options: \(message)")
        }
    }

    deinit {
        ssh_disconnect(handle)
        ssh_free(handle)
    }

    /// TCP connect and key exchange.
    func connect() throws(CollectionFailure) {
        log.install()
        defer {
            log.uninstall()
            _ = SessionOption.set(handle, SSH_OPTIONS_LOG_VERBOSITY, int: Int32(SSH_LOG_NOLOG))
        }
        guard ssh_connect(handle) == SSH_OK else {
            throw Self.classifyConnectError(LibSSH.error(handle), target: target)
        }
    }

    static func classifyConnectError(_ message: String, target: SSHTarget) -> CollectionFailure {
        let lower = message.lowercased()
        if lower.contains("no match for method") || lower.contains("kex error") {
            let hint = target.legacyAlgorithms ? "" : "; an old device may need --legacy-algorithms"
            return CollectionFailure(.protocolError, target: target.label, "no algorithm in common with the device (\(message))\(hint)")
        }
        if lower.contains("timeout") || lower.contains("timed out") {
            return CollectionFailure(.timedOut, target: target.label, "no answer within the connect timeout (\(message))")
        }
        if lower.contains("refused") || lower.contains("unreachable") || lower.contains("resolve") || lower.contains("no route")
            || lower.contains("connect") && !lower.contains("banner") {
            return CollectionFailure(.unreachable, target: target.label, message)
        }
        return CollectionFailure(.protocolError, target: target.label, message)
    }

    /// The server's host key: type name as known_hosts writes it, base64 blob, SHA-256 fingerprint.
    func serverHostKey() throws(CollectionFailure) -> (type: String, key: String, fingerprint: String) {
        var key: ssh_key?
        guard ssh_get_server_publickey(handle, &key) == SSH_OK, let key else {
            throw CollectionFailure(.protocolError, target: target.label, "the device sent no host key")
        }
        defer { ssh_key_free(key) }
        guard let (type, blob) = Self.export(key), let fingerprint = Self.fingerprint(key) else {
            throw CollectionFailure(.protocolError, target: target.label, "the device's host key cannot be read")
        }
        return (type, blob, fingerprint)
    }

    static func export(_ key: ssh_key) -> (String, String)? {
        guard let typeName = ssh_key_type_to_char(ssh_key_type(key)) else { return nil }
        var base64: UnsafeMutablePointer<CChar>?
        guard ssh_pki_export_pubkey_base64(key, &base64) == SSH_OK, let base64 else { return nil }
        defer { ssh_string_free_char(base64) }
        return (String(cString: typeName), String(cString: base64))
    }

    static func fingerprint(_ key: ssh_key) -> String? {
        var hashPointer: UnsafeMutablePointer<UInt8>?
        var length = 0
        guard ssh_get_publickey_hash(key, SSH_PUBLICKEY_HASH_SHA256, &hashPointer, &length) == 0, let hash = hashPointer else { return nil }
        defer { ssh_clean_pubkey_hash(&hashPointer) }
        guard let text = ssh_get_fingerprint_hash(SSH_PUBLICKEY_HASH_SHA256, hash, length) else { return nil }
        defer { ssh_string_free_char(text) }
        return String(cString: text)
    }

    /// The fingerprint of a key stored as type + base64 (a known_hosts entry).
    static func fingerprint(base64: String, type: String) -> String? {
        var key: ssh_key?
        guard ssh_pki_import_pubkey_base64(base64, ssh_key_type_from_name(type), &key) == SSH_OK, let key else { return nil }
        defer { ssh_key_free(key) }
        return fingerprint(key)
    }

    var negotiated: NegotiatedSSHAlgorithms {
        func text(_ pointer: UnsafePointer<CChar>?) -> String { pointer.map { String(cString: $0) } ?? "unknown" }
        let fromLog = log.negotiatedFields
        let keyType = (try? serverHostKey().type) ?? "unknown"
        return NegotiatedSSHAlgorithms(
            kex: fromLog.count > 0 ? fromLog[0] : text(ssh_get_kex_algo(handle)),
            hostKey: fromLog.count > 1 ? fromLog[1] : keyType,
            cipherClientToServer: text(ssh_get_cipher_out(handle)),
            cipherServerToClient: text(ssh_get_cipher_in(handle)),
            macClientToServer: fromLog.count > 4 ? fromLog[4] : text(ssh_get_hmac_out(handle)),
            macServerToClient: fromLog.count > 5 ? fromLog[5] : text(ssh_get_hmac_in(handle)),
            serverVersion: TerminalScreen.sanitize(Array(text(ssh_get_serverbanner(handle)).utf8)))
    }

    // MARK: authentication

    /// Tries, in order: private key file, agent, password, keyboard-interactive (only the methods
    /// the server offers). A password is sent by one method only, so one scan is one failed
    /// attempt at most on the device.
    func authenticate(_ credentials: SSHCredentials) throws(CollectionFailure) {
        let user = credentials.user
        guard SessionOption.set(handle, SSH_OPTIONS_USER, string: user) else {
            throw CollectionFailure(.protocolError, target: target.label, "libssh refused user name")
        }
        let none = ssh_userauth_none(handle, nil)
        if none == SSH_AUTH_SUCCESS.rawValue { return }
        try checkAuthError(none)
        let methods = UInt32(bitPattern: ssh_userauth_list(handle, nil))
        var tried: [String] = []

        if let file = credentials.identityFile, methods & SSH_AUTH_METHOD_PUBLICKEY != 0 {
            tried.append("key \(file)")
            var key: ssh_key?
            let rc = ssh_pki_import_privkey_file(file, credentials.identityPassphrase?.value, nil, nil, &key)
            guard rc == SSH_OK, let key else {
                throw CollectionFailure(.authFailed, target: target.label, "private key \(file) cannot be read (missing, wrong passphrase or unknown format)")
            }
            defer { ssh_key_free(key) }
            let result = ssh_userauth_publickey(handle, nil, key)
            if result == SSH_AUTH_SUCCESS.rawValue { return }
            try checkAuthError(result)
        }
        if credentials.useAgent, methods & SSH_AUTH_METHOD_PUBLICKEY != 0 {
            tried.append("agent")
            let result = ssh_userauth_agent(handle, nil)
            if result == SSH_AUTH_SUCCESS.rawValue { return }
            try checkAuthError(result)
        }
        if let password = credentials.password {
            if methods & SSH_AUTH_METHOD_PASSWORD != 0 {
                tried.append("password")
                let result = ssh_userauth_password(handle, nil, password.value)
                if result == SSH_AUTH_SUCCESS.rawValue { return }
                try checkAuthError(result)
            } else if methods & SSH_AUTH_METHOD_INTERACTIVE != 0 {
                tried.append("keyboard-interactive")
                if try keyboardInteractive(password.value) { return }
            }
        }
        if tried.isEmpty {
            throw CollectionFailure(.authFailed, target: target.label, "no usable credentials for user \(user): the device offers \(Self.describe(methods))")
        }
        throw CollectionFailure(.authFailed, target: target.label, "\(tried.joined(separator: ", ")) refused for user \(user)")
    }

    /// Answers every prompt that asks for a password with the password, others with nothing.
    private func keyboardInteractive(_ password: String) throws(CollectionFailure) -> Bool {
        var result = ssh_userauth_kbdint(handle, nil, nil)
        var rounds = 0
        while result == SSH_AUTH_INFO.rawValue, rounds < 8 {
            rounds += 1
            let count = ssh_userauth_kbdint_getnprompts(handle)
            for index in 0..<max(0, count) {
                var echo: CChar = 0
                let prompt = ssh_userauth_kbdint_getprompt(handle, UInt32(index), &echo).map { String(cString: $0) } ?? ""
                let answer = prompt.lowercased().contains("pass") || count == 1 ? password : ""
                _ = ssh_userauth_kbdint_setanswer(handle, UInt32(index), answer)
            }
            result = ssh_userauth_kbdint(handle, nil, nil)
        }
        if result == SSH_AUTH_SUCCESS.rawValue { return true }
        try checkAuthError(result)
        return false
    }

    private func checkAuthError(_ result: Int32) throws(CollectionFailure) {
        if result == SSH_AUTH_ERROR.rawValue {
            let message = LibSSH.error(handle)
            let kind: CollectionFailure.Kind = message.lowercased().contains("timeout") ? .timedOut : .protocolError
            throw CollectionFailure(kind, target: target.label, "authentication failed: \(message)")
        }
    }

    static func describe(_ methods: UInt32) -> String {
        var names: [String] = []
        if methods & SSH_AUTH_METHOD_PUBLICKEY != 0 { names.append("publickey") }
        if methods & SSH_AUTH_METHOD_PASSWORD != 0 { names.append("password") }
        if methods & SSH_AUTH_METHOD_INTERACTIVE != 0 { names.append("keyboard-interactive") }
        if methods & SSH_AUTH_METHOD_HOSTBASED != 0 { names.append("hostbased") }
        return names.isEmpty ? "no method" : names.joined(separator: ", ")
    }

    // MARK: channels

    func openShell(columns: Int32, rows: Int32) throws(CollectionFailure) -> SSHChannel {
        let channel = try openChannel()
        guard ssh_channel_request_pty_size(channel.handle, "vt100", columns, rows) == SSH_OK,
              ssh_channel_request_shell(channel.handle) == SSH_OK else {
            throw CollectionFailure(.protocolError, target: target.label, "the device refused an interactive shell: \(LibSSH.error(handle))")
        }
        return channel
    }

    func openExec(_ command: String) throws(CollectionFailure) -> SSHChannel {
        let channel = try openChannel()
        guard ssh_channel_request_exec(channel.handle, command) == SSH_OK else {
            throw CollectionFailure(.protocolError, target: target.label, "the device refused to run '\(command)': \(LibSSH.error(handle))")
        }
        return channel
    }

    private func openChannel() throws(CollectionFailure) -> SSHChannel {
        guard let channel = ssh_channel_new(handle) else {
            throw CollectionFailure(.protocolError, target: target.label, "libssh could not create a channel")
        }
        guard ssh_channel_open_session(channel) == SSH_OK else {
            let message = LibSSH.error(handle)
            ssh_channel_free(channel)
            let kind: CollectionFailure.Kind = message.lowercased().contains("timeout") ? .timedOut : .protocolError
            throw CollectionFailure(kind, target: target.label, "the device refused a session channel: \(message)")
        }
        return SSHChannel(handle: channel, session: self)
    }
}

/// One channel of a session. Reads are bounded by the caller's deadline.
final class SSHChannel {
    let handle: ssh_channel
    let session: SSHSession

    init(handle: ssh_channel, session: SSHSession) {
        self.handle = handle
        self.session = session
    }

    deinit {
        ssh_channel_close(handle)
        ssh_channel_free(handle)
    }

    enum ReadResult { case data(Int), nothing, eof }

    /// Reads what is available within `milliseconds` into `buffer`.
    func read(into buffer: inout [UInt8], milliseconds: Int32, stderr: Bool = false) throws(CollectionFailure) -> ReadResult {
        let count = buffer.withUnsafeMutableBytes {
            ssh_channel_read_timeout(handle, $0.baseAddress, UInt32($0.count), stderr ? 1 : 0, milliseconds)
        }
        if count > 0 { return .data(Int(count)) }
        if count == SSH_ERROR {
            throw CollectionFailure(.protocolError, target: session.target.label, "the session broke: \(LibSSH.error(session.handle))")
        }
        // 0 means either a timeout or the end of the stream.
        return ssh_channel_is_eof(handle) != 0 || ssh_channel_is_open(handle) == 0 ? .eof : .nothing
    }

    func write(_ text: String) throws(CollectionFailure) {
        var bytes = Array(text.utf8)
        let written = bytes.withUnsafeMutableBytes { ssh_channel_write(handle, $0.baseAddress, UInt32($0.count)) }
        guard written == Int32(bytes.count) else {
            throw CollectionFailure(.protocolError, target: session.target.label, "cannot send to the device: \(LibSSH.error(session.handle))")
        }
    }

    var exitStatus: Int32 { ssh_channel_get_exit_status(handle) }
}
