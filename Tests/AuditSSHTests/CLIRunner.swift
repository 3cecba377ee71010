import Foundation
import Testing

/// Runs the built `routeraudit` executable as a user would, with the test account's secrets in
/// environment variables (never in argv), and checks that no output or saved file holds them.
enum CLIRunner {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var all: String { stdout + "\n" + stderr }
    }

    static var executable: URL {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("routeraudit").path) && folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("routeraudit")
    }

    static func run(_ arguments: [String], password: String = TestAccount.password) throws -> Result {
        var environment = ProcessInfo.processInfo.environment
        environment["LANG"] = "C"
        environment["LC_ALL"] = "C"
        environment["RA_TEST_PASSWORD"] = password
        environment["RA_TEST_ENABLE"] = TestAccount.enableSecret
        environment.removeValue(forKey: "SSH_AUTH_SOCK")
        let output = try Subprocess.run(executable.path, arguments, environment: environment)
        let result = Result(status: output.status, stdout: output.stdout, stderr: output.stderr)
        expectNoTypedSecrets(in: result.all, where: "output of routeraudit \(arguments.first ?? "")")
        return result
    }

    /// The login password and enable secret the tool typed must appear nowhere it wrote.
    static func expectNoTypedSecrets(in text: String, where place: String) {
        #expect(!text.contains(TestAccount.password), "login password found in \(place)")
        #expect(!text.contains(TestAccount.enableSecret), "enable secret found in \(place)")
    }

    /// Checks every file in a --save-config folder: no typed secret, owner-only permissions.
    static func checkSavedFolder(_ folder: URL) throws -> [String: String] {
        var files: [String: String] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            let path = folder.appendingPathComponent(name).path
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
            #expect(mode == 0o600, "\(name) is mode \(String(mode, radix: 8)), not 600")
            let text = try String(contentsOfFile: path, encoding: .utf8)
            expectNoTypedSecrets(in: text, where: "saved file \(name)")
            #expect(!text.contains("\u{1B}"), "escape character in saved file \(name)")
            files[name] = text
        }
        return files
    }

    /// Common arguments: the test account, secrets from the environment, a private known_hosts.
    static func login(_ peer: SSHPeer, knownHosts: URL, extra: [String] = []) -> [String] {
        [peer.target, "--vendor", "cisco-ios", "--user", TestAccount.user, "--password-env", "RA_TEST_PASSWORD",
         "--enable-secret-env", "RA_TEST_ENABLE", "--known-hosts", knownHosts.path, "--deadline", "20"] + extra
    }
}
