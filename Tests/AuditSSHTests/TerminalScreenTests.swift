import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import AuditSSH

struct TerminalScreenTests {
    func screen(_ text: String) -> TerminalScreen {
        var screen = TerminalScreen()
        screen.feed(Array(text.utf8))
        return screen
    }

    @Test func crlfEndsLinesAndTrailingSpacesGo() {
        let shown = screen("hostname R1  \r\ninterface Dialer0\r\n R1>")
        #expect(shown.lines.map(TerminalScreen.string) == ["hostname R1", "interface Dialer0"])
        #expect(shown.currentLine == " R1>")
    }

    @Test func iosPagerEraseLeavesTheNextLineClean() {
        // What IOS sends after a space answers " --More-- ": nine backspaces, nine spaces, nine backspaces.
        var shown = screen("line one\r\n --More-- ")
        shown.clearCurrentLine()
        shown.feed(Array(("\u{8}" + String(repeating: "\u{8}", count: 8) + String(repeating: " ", count: 9)
                          + String(repeating: "\u{8}", count: 9) + "ip cef\r\n").utf8))
        #expect(shown.lines.map(TerminalScreen.string) == ["line one", "ip cef"])
    }

    @Test func escapeSequencesAndControlCharactersAreDropped() {
        let text = "\u{1B}[1;31mred\u{1B}[0m \u{1B}]0;window title\u{07}plain\u{1B}P+q\u{1B}\\ \u{1B}(Bx\u{07}\u{0}y\r\n"
        #expect(screen(text).fullText == "red plain xy")
    }

    @Test func c1ControlsAreDroppedButOtherUnicodeKept() {
        #expect(TerminalScreen.sanitize(Array("caf\u{E9} \u{9B}31m ok".utf8)) == "caf\u{E9} 31m ok")
    }

    @Test func eraseLineAndCarriageReturnOverwrite() {
        #expect(screen("progress 10%\rprogress 100%\r\n").fullText == "progress 100%")
        #expect(screen("abcdef\r\u{1B}[Kxyz\r\n").fullText == "xyz")
    }
}

struct SSHTargetTests {
    @Test func parsesHostsPortsAndIPv6() {
        #expect(SSHTarget.parse("192.168.1.1")! == ("192.168.1.1", 22))
        #expect(SSHTarget.parse("router.example:2222")! == ("router.example", 2222))
        #expect(SSHTarget.parse("[::1]:2200")! == ("::1", 2200))
        #expect(SSHTarget.parse("fe80::1")! == ("fe80::1", 22))
        #expect(SSHTarget.parse("host:0") == nil)
        #expect(SSHTarget.parse("host:99999") == nil)
        #expect(SSHTarget.parse("") == nil)
        #expect(SSHTarget(host: "::1", port: 2200).label == "[::1]:2200")
    }

    @Test func secretsNeverPrint() {
        let secret = SSHSecret("hunter2")
        #expect("\(secret)" == "<redacted>")
        #expect(String(reflecting: secret) == "<redacted>")
        let credentials = SSHCredentials(user: "admin", password: secret)
        #expect(!"\(credentials)".contains("hunter2"))
    }

    @Test func failureReasonsAreOneSanitisedLine() {
        let failure = CollectionFailure(.protocolError, target: "10.0.0.1:22", "server said \u{1B}[2Jbye\r\nnow")
        #expect(failure.description == "10.0.0.1:22: protocol-error: server said bye now")
    }
}

struct KnownHostsFileTests {
    @Test func patternsFollowOpenSSH() {
        #expect(KnownHostsFile.hostPattern(host: "10.0.0.1", port: 22) == "10.0.0.1")
        #expect(KnownHostsFile.hostPattern(host: "127.0.0.1", port: 2222) == "[127.0.0.1]:2222")
    }

    @Test func parseSkipsCommentsHashedAndMarkers() {
        let entries = KnownHostsFile.parse("""
            # comment
            |1|abc=|def= ssh-ed25519 AAAA
            @cert-authority * ssh-ed25519 AAAB
            [127.0.0.1]:2222,[::1]:2222 ssh-ed25519 AAAC comment here

            10.0.0.1 ssh-rsa AAAD
            """)
        #expect(entries.map(\.key) == ["AAAC", "AAAD"])
        #expect(entries.map(\.line) == [4, 6])
    }

    @Test func addThenFindAndModes() throws {
        let folder = "/tmp/routeraudit-kh-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let file = KnownHostsFile(path: folder + "/sub/known_hosts")
        #expect(file.entries(host: "127.0.0.1", port: 2222).isEmpty)
        try file.add(host: "127.0.0.1", port: 2222, keyType: "ssh-ed25519", key: "AAAAkey")
        try file.add(host: "10.0.0.1", port: 22, keyType: "ssh-rsa", key: "AAAAother")
        #expect(file.entries(host: "127.0.0.1", port: 2222).map(\.key) == ["AAAAkey"])
        #expect(file.entries(host: "10.0.0.1", port: 22).map(\.keyType) == ["ssh-rsa"])
        #expect(file.entries(host: "127.0.0.1", port: 22).isEmpty)
    }

    @Test func fingerprintsCompareWithOrWithoutPrefixAndPadding() {
        #expect(HostKeyVerifier.sameFingerprint("SHA256:abcDEF", "abcDEF="))
        #expect(!HostKeyVerifier.sameFingerprint("SHA256:abcDEF", "SHA256:abcDEG"))
    }
}
