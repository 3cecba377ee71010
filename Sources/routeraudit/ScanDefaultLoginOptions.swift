import ArgumentParser
import AuditCredentials
import AuditSSH
import RouterAudit
#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `--try-defaults` and its limits, shared by `scan` and `collect` (docs/ssh.md, "Default logins").
/// Off by default: trying passwords on a device is something the operator asks for.
struct ScanDefaultLoginOptions: ParsableArguments {
    @Flag(help: "First try the vendor's published default logins (profiles/credentials); an accepted one is a critical finding (RA-CRED-011).")
    var tryDefaults = false

    @Option(help: "With --try-defaults: at most this many default logins per device (each one a single password attempt).")
    var maxDefaultAttempts: Int = 3

    @Option(help: "With --try-defaults: seconds to wait between attempts.")
    var defaultAttemptDelay: Double = 2

    @Option(name: .customLong("credentials"), help: "Extra default logins (YAML like profiles/credentials/*.yaml), tried before the built-in ones when documented (source vendor-doc:...). Repeatable.")
    var credentialFiles: [String] = []

    func validate() throws {
        // Lockout policies commonly trigger at 3 to 5 failures: more than 5 is refused outright.
        guard (1...5).contains(maxDefaultAttempts) else { throw ValidationError("--max-default-attempts must be 1 to 5 (devices lock accounts out after a few failures)") }
        guard defaultAttemptDelay >= 0, defaultAttemptDelay <= 60 else { throw ValidationError("--default-attempt-delay must be 0 to 60 seconds") }
    }

    var policy: DefaultLoginPolicy? {
        tryDefaults ? DefaultLoginPolicy(maxAttempts: maxDefaultAttempts, delaySeconds: defaultAttemptDelay) : nil
    }

    func knowledge() throws -> CredentialKnowledge {
        var knowledge = CredentialKnowledge.builtIn
        for file in credentialFiles {
            guard let data = FileManager.default.contents(atPath: file) else {
                printError("error: \(file): credential file cannot be read")
                throw ExitCode(2)
            }
            do {
                knowledge = try CredentialProfileLoader.merge(String(decoding: data, as: UTF8.self), file: file, into: knowledge)
            } catch {
                printError("error: \(error)")
                throw ExitCode(2)
            }
        }
        return knowledge
    }
}

extension SSHCommandOptions {
    /// Everything `scan` and `collect` need to run the live sessions.
    func liveScanRequest(defaults: ScanDefaultLoginOptions) throws -> LiveScanRequest {
        let profile = try loadProfile()
        let credentials = try credentials()
        var enable = credentials?.enableSecret
        if enable == nil, let name = enableSecretEnv {
            guard let value = ProcessInfo.processInfo.environment[name] else {
                printError("error: environment variable \(name) (--enable-secret-env) is not set")
                throw ExitCode(2)
            }
            enable = SSHSecret(value)
        }
        return LiveScanRequest(target: sshTarget, profile: profile, credentials: credentials, defaultLogins: defaults.policy,
                               enableSecret: enable, knowledge: try defaults.knowledge(), limits: limits)
    }
}
