import AuditCore
import Testing
@testable import AuditVendors

/// Step one: FortiOS text to the `config`/`edit`/`set` tree, with lines, quotes and damage.
@Suite("FortiOS parser")
struct FortiOSParserTests {
    static func parse(_ text: String) -> FortiOSConfig {
        FortiOSParser.parse(path: "fw.conf", text: text)
    }

    @Test func blocksEntriesAndSettingsKeepTheirLines() throws {
        let config = Self.parse("""
        config system interface
            edit "port1"
                set ip 10.0.0.1 255.255.255.0
                set allowaccess ping https ssh
            next
        end
        """)
        let block = try #require(config.blocks.first)
        #expect(block.key == "system interface")
        #expect(block.line == 1 && block.endLine == 6 && block.closed)
        let entry = try #require(block.entries.first)
        #expect(entry.name == "port1" && entry.nameWord.quoted)
        #expect(entry.line == 2 && entry.endLine == 5)
        #expect(entry.settings.map(\.key) == ["ip", "allowaccess"])
        #expect(entry.settings[1].words == ["ping", "https", "ssh"])
        #expect(entry.settings[1].line == 4)
        #expect(config.meaningfulLines == [1, 2, 3, 4])
        #expect(config.diagnostics.isEmpty)
    }

    @Test func quotedValuesUnescapeAndKeepByteRanges() throws {
        let config = Self.parse("""
        config system admin
            edit "ops"
                set comments "say \\"hi\\" to the \\\\ team"
                set password ENC SH2abc=
            next
        end
        """)
        let entry = try #require(config.blocks.first?.entries.first)
        #expect(entry.settings[0].words == ["say \"hi\" to the \\ team"])
        let password = entry.settings[1]
        #expect(password.words == ["ENC", "SH2abc="])
        // `        set password ENC SH2abc=`: the hash starts at byte 25.
        #expect(password.values[1].range == 25..<32)
    }

    @Test func aQuotedValueMayRunOverManyLines() throws {
        let config = Self.parse("""
        config system replacemsg auth "auth-login-page"
            set buffer "<html>
        <input type=\\"password\\">
        </html>"
            set format html
        end
        """)
        let block = try #require(config.blocks.first)
        #expect(block.path == ["system", "replacemsg", "auth", "auth-login-page"])
        #expect(block.settings.count == 2)
        #expect(block.settings[0].line == 2 && block.settings[0].endLine == 4)
        #expect(block.settings[0].words.first?.contains("type=\"password\"") == true)
        #expect(block.settings[1].key == "format" && block.settings[1].line == 5)
        #expect(config.meaningfulLines == [1, 2, 3, 4, 5])
    }

    @Test func singleQuotesAndEmptyValues() throws {
        let config = Self.parse("""
        config wireless-controller global
            set name ''
            set location 'lab 3'
        end
        """)
        let settings = try #require(config.blocks.first?.settings)
        #expect(settings.map(\.words) == [[""], ["lab 3"]])
    }

    @Test func appendUnsetSelectAndUnselectResolveInOrder() throws {
        let config = Self.parse("""
        config firewall policy
            edit 1
                set srcintf port1
                append srcintf port2
                set dstintf zone1 zone2
                set dstintf zone1
                append dstintf zone3
                set service HTTP HTTPS SSH
                unselect service SSH
                set comments "x"
                unset comments
            next
        end
        """)
        let entry = try #require(config.blocks.first?.entries.first)
        let attributes = FortiAttributes(entry.settings)
        #expect(attributes["srcintf"]?.strings == ["port1", "port2"])
        #expect(attributes["srcintf"]?.lines == [3, 4])
        #expect(attributes["dstintf"]?.strings == ["zone1", "zone3"])
        #expect(attributes["service"]?.strings == ["HTTP", "HTTPS"])
        #expect(attributes["comments"] == nil)
    }

    @Test func vdomAndGlobalWrappersNest() throws {
        let config = Self.parse("""
        config vdom
        edit root
        next
        end
        config global
        config system global
            set hostname "fw1"
        end
        end
        config vdom
        edit root
        config firewall policy
            edit 1
            next
        end
        next
        end
        """)
        #expect(config.blocks.map(\.key) == ["vdom", "global", "vdom"])
        #expect(config.blocks[1].blocks.first?.key == "system global")
        #expect(config.blocks[2].entries.first?.blocks.first?.key == "firewall policy")
        #expect(config.diagnostics.isEmpty)
    }

    @Test func commentsAreNotMeaningful() {
        let config = Self.parse("""
        #config-version=FGT60F-7.2.5-FW-build1517-230606:opmode=0:vdom=0:user=admin
        #global_vdom=1
        config system global
            # a remark
            set hostname "fw"
        end
        """)
        #expect(config.commentLines == [1, 2, 4])
        #expect(config.meaningfulLines == [3, 5])
    }

    @Test func truncatedBlockIsReported() throws {
        let config = Self.parse("""
        config firewall policy
            edit 1
                set action accept
        """)
        #expect(config.diagnostics.contains { $0.code == "truncated" })
        let block = try #require(config.blocks.first)
        #expect(!block.closed)
        #expect(block.entries.first?.settings.count == 1)
    }

    @Test func unterminatedQuoteIsAnError() {
        let config = Self.parse("""
        config system global
            set hostname "fw
        """)
        #expect(config.diagnostics.contains { $0.code == "truncated" && $0.level == .error })
    }

    @Test func proseAndStrayCommandsAreUnknown() {
        let config = Self.parse("""
        Step 1: open the GUI
        set hostname fw
        config system global
        end
        end
        """)
        #expect(config.unknownLines == [1])
        #expect(config.strayCommands.count == 1)
        #expect(config.diagnostics.contains { $0.code == "stray-end" })
    }
}
