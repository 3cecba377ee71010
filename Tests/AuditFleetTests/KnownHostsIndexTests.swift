import Foundation
import Testing
import AuditSSH

/// A sweep looks up every device in one known_hosts file, which is read once and indexed; the
/// index must follow the file when anyone changes it.
struct KnownHostsIndexTests {
    @Test func lookupsFollowChangesToTheFile() throws {
        let folder = try FleetTestSupport.temporaryFolder("known-hosts")
        let path = folder + "/known_hosts"
        try FleetTestSupport.write("""
            # comment
            [127.0.0.1]:20001 ssh-ed25519 AAAAkeyOne
            [127.0.0.1]:20002,[::1]:20002 ssh-ed25519 AAAAkeyTwo

            """, to: path, mode: 0o600)
        let file = KnownHostsFile(path: path)
        #expect(file.entries(host: "127.0.0.1", port: 20001).map(\.key) == ["AAAAkeyOne"])
        #expect(file.entries(host: "::1", port: 20002).map(\.line) == [3])
        #expect(file.entries(host: "127.0.0.1", port: 20003).isEmpty)

        // Another writer appends a line: the next lookup sees it.
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("[127.0.0.1]:20003 ssh-ed25519 AAAAkeyThree\n".utf8))
        try handle.close()
        #expect(file.entries(host: "127.0.0.1", port: 20003).map(\.line) == [4])

        // Trust on first use appends through the same object; the entry is found with its line.
        try file.add(host: "127.0.0.1", port: 20004, keyType: "ssh-ed25519", key: "AAAAkeyFour")
        #expect(file.entries(host: "127.0.0.1", port: 20004).map(\.line) == [5])
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasSuffix("[127.0.0.1]:20004 ssh-ed25519 AAAAkeyFour\n"))

        // The file replaced by another one (a new simulator run): the old keys are gone.
        try FleetTestSupport.write("[127.0.0.1]:20001 ssh-ed25519 AAAAreplaced\n", to: path + ".new", mode: 0o600)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: path + ".new", toPath: path)
        #expect(file.entries(host: "127.0.0.1", port: 20001).map(\.key) == ["AAAAreplaced"])
        #expect(file.entries(host: "127.0.0.1", port: 20004).isEmpty)
    }
}
