import ArgumentParser
import AuditSSH
import RouterAudit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// What `scan` and `collect` share: the device, how to log in, how to trust it, the limits.
/// Passwords never come from argv (visible in `ps`): a prompt, an environment variable, a file,
/// a key or the agent.
struct SSHCommandOptions: ParsableArguments {
    @Argument(help: "The device: HOST, HOST:PORT or [IPv6]:PORT.")
    var target: String

    @Option(help: "Collection profile: a vendor id (\(VendorProfileLoader.builtIn.keys.sorted().joined(separator: ", "))), a profile YAML file, or auto (detect from the SSH server version and the first prompt).")
    var vendor: String = "auto"

    @Option(help: "Login user (not needed when only --try-defaults logs in).")
    var user: String?

    @Flag(help: "Ask for the login password on the terminal (not echoed).")
    var askPass = false

    @Option(help: "Read the login password from this environment variable.")
    var passwordEnv: String?

    @Option(help: "Read the login password from the first line of this file.", completion: .file())
    var passwordFile: String?

    @Option(help: "Log in with this private key file.", completion: .file())
    var identity: String?

    @Flag(help: "Log in with the keys of the ssh-agent at SSH_AUTH_SOCK.")
    var agent = false

    @Option(help: "Read the enable / privilege secret from this environment variable.")
    var enableSecretEnv: String?

    @Flag(help: "Also offer SHA-1 key exchange, ssh-rsa, CBC ciphers and hmac-sha1 (old devices). Weak negotiated algorithms are reported.")
    var legacyAlgorithms = false

    @Option(help: "The tool's own known_hosts file (default ~/.config/routeraudit/known_hosts).", completion: .file())
    var knownHosts: String?

    @Flag(help: "Accept and record an unknown host key (a known key that changed is still refused).")
    var trustOnFirstUse = false

    @Option(help: "Accept only a host key with this fingerprint (SHA256:...).")
    var hostKeyFingerprint: String?

    @Option(help: "Seconds for the TCP connect and each SSH protocol step.")
    var connectTimeout: Double = 10

    @Option(help: "Seconds for the whole collection, connect to last byte.")
    var deadline: Double = 60

    @Option(help: "Give up when the device sends more than this many bytes.")
    var maxOutputBytes: Int = 16 << 20

    @Option(help: "Save the collected configuration, version output and a transcript in this folder (files readable by the owner only).", completion: .directory)
    var saveConfig: String?

    func validate() throws {
        guard SSHTarget.parse(target) != nil else { throw ValidationError("'\(target)' is not HOST, HOST:PORT or [IPv6]:PORT") }
        let passwordSources = [askPass, passwordEnv != nil, passwordFile != nil].filter { $0 }.count
        if passwordSources > 1 { throw ValidationError("give the password one way: --ask-pass, --password-env or --password-file") }
        if trustOnFirstUse, hostKeyFingerprint != nil { throw ValidationError("--trust-on-first-use and --host-key-fingerprint exclude each other") }
        if let fingerprint = hostKeyFingerprint, !fingerprint.hasPrefix("SHA256:") {
            throw ValidationError("--host-key-fingerprint takes a SHA-256 fingerprint like SHA256:abc... (as ssh-keygen -l prints it)")
        }
        guard connectTimeout > 0, deadline > 0 else { throw ValidationError("--connect-timeout and --deadline must be positive") }
        guard maxOutputBytes > 0 else { throw ValidationError("--max-output-bytes must be positive") }
    }

    var sshTarget: SSHTarget {
        let (host, port) = SSHTarget.parse(target) ?? (target, 22)
        let policy: HostKeyPolicy = hostKeyFingerprint.map { .pinned(fingerprint: $0) } ?? (trustOnFirstUse ? .trustOnFirstUse : .strict)
        return SSHTarget(host: host, port: port, legacyAlgorithms: legacyAlgorithms, hostKeyPolicy: policy)
    }

    var limits: CollectionLimits {
        CollectionLimits(connectTimeout: connectTimeout, deadline: deadline, maxOutputBytes: maxOutputBytes)
    }

    /// Whether a login of the operator's own was given (a password source, a key or the agent).
    var hasLogin: Bool { askPass || passwordEnv != nil || passwordFile != nil || identity != nil || agent }

    /// A scan needs some way in: the operator's login, or default logins to try.
    func validateLogin(tryDefaults: Bool) throws {
        if hasLogin, user == nil { throw ValidationError("--user is required with a password, key or agent") }
        if !hasLogin, !tryDefaults {
            throw ValidationError("no way to log in: give --user with --ask-pass, --password-env VAR, --password-file FILE, --identity KEY or --agent (or --try-defaults)")
        }
    }

    /// nil with `--vendor auto`: the scan detects the vendor.
    func loadProfile() throws -> VendorProfile? {
        if vendor == "auto" { return nil }
        do {
            return try VendorProfileLoader.load(idOrPath: vendor)
        } catch {
            printError("error: \(error)")
            throw ExitCode(2)
        }
    }

    /// Reads the secrets from where the user said. A missing one is a one-line error.
    func credentials() throws -> SSHCredentials? {
        guard let user, hasLogin else { return nil }
        let environment = ProcessInfo.processInfo.environment
        var password: SSHSecret?
        if askPass {
            guard let typed = TerminalPrompt.readSecret("Password for \(user)@\(target): ") else {
                printError("error: cannot read a password from the terminal (no terminal?); use --password-env or --password-file")
                throw ExitCode(2)
            }
            password = SSHSecret(typed)
        } else if let name = passwordEnv {
            guard let value = environment[name] else {
                printError("error: environment variable \(name) (--password-env) is not set")
                throw ExitCode(2)
            }
            password = SSHSecret(value)
        } else if let file = passwordFile {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("error: \(file): password file cannot be read")
                throw ExitCode(2)
            }
            let text = String(decoding: data, as: UTF8.self)
            password = SSHSecret(String(text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
                .trimmingSuffix("\r"))
        }
        var enable: SSHSecret?
        if let name = enableSecretEnv {
            guard let value = environment[name] else {
                printError("error: environment variable \(name) (--enable-secret-env) is not set")
                throw ExitCode(2)
            }
            enable = SSHSecret(value)
        }
        return SSHCredentials(user: user, password: password, identityFile: identity, useAgent: agent, enableSecret: enable)
    }

    func collector() -> SSHCollector {
        let path = knownHosts ?? KnownHostsFile.defaultPath(environment: ProcessInfo.processInfo.environment)
        return SSHCollector(knownHosts: KnownHostsFile(path: path), maxConcurrentSessions: 1)
    }

    /// Saves the collection when asked; a failure to save is reported, never fatal to the report.
    func save(_ result: CollectionResult) -> Bool {
        guard let folder = saveConfig else { return true }
        do {
            try CollectionArchive.save(result, to: folder)
            return true
        } catch {
            printError("error: \(error)")
            return false
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
