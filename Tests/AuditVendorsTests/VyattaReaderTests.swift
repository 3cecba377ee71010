import AuditCore
import Testing
@testable import AuditVendors

/// Extraction: config.boot braces, `set` commands and config.gateway.json give one tree shape.
@Suite struct VyattaReaderTests {
    static func read(_ text: String, path: String = "t") -> VyattaDocument {
        var document = VyattaDocument()
        document.tree.files = [path]
        if VyattaJSONReader.looksLikeJSON(text) {
            return VyattaJSONReader.read(ConfigInput(path: path, text: text), into: document, fileIndex: 0)
        }
        return VyattaReader.read(ConfigSource(path: path, text: text), into: document, fileIndex: 0)
    }

    /// Every root-to-leaf path, as words joined by spaces.
    static func paths(_ tree: VyattaTree, _ node: Int32 = VyattaTree.root, prefix: [Substring] = []) -> [String] {
        if node != VyattaTree.root, tree.isLeaf(node) { return [prefix.joined(separator: " ")] }
        return tree.children(node).flatMap { paths(tree, $0, prefix: prefix + [tree.word($0)]) }
    }

    static let boot = """
        /* a comment */
        interfaces {
            ethernet eth0 {
                address 192.0.2.1/24
                address 2001:db8::1/64
                description "WAN link"
            }
        }
        system {
            login {
                user vyos {
                    authentication {
                        plaintext-password ""
                    }
                }
            }
        }
        """

    static let commands = """
        set interfaces ethernet eth0 address '192.0.2.1/24'
        set interfaces ethernet eth0 address '2001:db8::1/64'
        set interfaces ethernet eth0 description 'WAN link'
        set system login user vyos authentication plaintext-password ''
        """

    static let json = """
        {
            "interfaces": {
                "ethernet": {
                    "eth0": {
                        "address": ["192.0.2.1/24", "2001:db8::1/64"],
                        "description": "WAN link"
                    }
                }
            },
            "system": {"login": {"user": {"vyos": {"authentication": {"plaintext-password": ""}}}}}
        }
        """

    @Test func threeFormsGiveTheSameTree() {
        let expected = [
            "interfaces ethernet eth0 address 192.0.2.1/24",
            "interfaces ethernet eth0 address 2001:db8::1/64",
            "interfaces ethernet eth0 description WAN link",
            "system login user vyos authentication plaintext-password ",
        ]
        for text in [Self.boot, Self.commands, Self.json] {
            let document = Self.read(text)
            #expect(Self.paths(document.tree) == expected)
            #expect(document.diagnostics.isEmpty, "\(document.diagnostics)")
        }
    }

    @Test func nodesKeepLinesAndByteRanges() throws {
        let document = Self.read(Self.boot)
        let tree = document.tree
        let eth0 = try #require(tree.path(VyattaTree.root, "interfaces", "ethernet", "eth0"))
        #expect(tree[eth0].line == 3)
        #expect(tree.blockSpan(eth0) == SourceSpan(file: "t", start: 3, end: 6))
        let description = try #require(tree.value(eth0, "description"))
        #expect(tree.word(description) == "WAN link")
        // `        description "WAN link"`: the value without its quotes.
        #expect(tree[description].byteStart == 21 && tree[description].byteEnd == 29)
        // Meaningful lines: every line that writes a node (not comments, not `}`).
        #expect(document.lines.map(\.line) == [2, 3, 4, 5, 6, 9, 10, 11, 12, 13])
    }

    @Test func setLinesKeepTheirOwnLines() throws {
        let tree = Self.read(Self.commands).tree
        let addresses = tree.values(try #require(tree.path(VyattaTree.root, "interfaces", "ethernet", "eth0")), "address")
        #expect(addresses.map { tree[$0].line } == [1, 2])
        // `set interfaces ethernet eth0 address '192.0.2.1/24'`: the value inside the quotes.
        #expect(tree[addresses[0]].byteStart == 38 && tree[addresses[0]].byteEnd == 50)
    }

    @Test func escapesCommentsAndFooter() {
        let document = Self.read("""
            system {
                host-name "a \\"quoted\\" name"   /* trailing */
                /* a comment
                   over two lines */
                time-zone UTC
            }
            // Warning: Do not remove the following line.
            // vyos-config-version: "system@21"
            // Release version: 1.3.1
            """)
        let tree = document.tree
        #expect(tree.text(tree.child(VyattaTree.root, "system")!, "host-name") == "a \"quoted\" name")
        #expect(tree.text(tree.child(VyattaTree.root, "system")!, "time-zone") == "UTC")
        #expect(document.versionFooter?.contains("vyos-config-version") == true)
        #expect(document.release?.text == "1.3.1")
        #expect(document.diagnostics.isEmpty)
    }

    @Test func truncatedAndMismatched() {
        let truncated = Self.read("interfaces {\n    ethernet eth0 {\n        address dhcp\n")
        #expect(truncated.diagnostics.contains { $0.code == "truncated" && $0.level == .error })
        #expect(truncated.tree.path(VyattaTree.root, "interfaces", "ethernet", "eth0", "address", "dhcp") != nil)

        let extra = Self.read("system {\n    host-name r1\n}\n}\n")
        #expect(extra.diagnostics.contains { $0.code == "mismatched-brace" && $0.span?.start == 4 })

        let quote = Self.read("set system host-name 'unterminated\n")
        #expect(quote.diagnostics.contains { $0.code == "truncated" })

        let json = Self.read("{\"service\": {\"upnp2\": {\"listen-on\": [\"eth1\"")
        #expect(json.diagnostics.contains { $0.code == "truncated" })
        #expect(json.tree.path(VyattaTree.root, "service", "upnp2", "listen-on", "eth1") != nil)
    }

    @Test func reopenedBlocksMerge() throws {
        let tree = Self.read("""
            interfaces {
                ethernet eth0 {
                    address dhcp
                }
                loopback lo {
                }
                ethernet eth0 {
                    description WAN
                }
            }
            """).tree
        let ethernet = try #require(tree.path(VyattaTree.root, "interfaces", "ethernet"))
        #expect(Array(tree.children(ethernet)).count == 1)
        let eth0 = try #require(tree.child(ethernet, "eth0"))
        #expect(tree.text(eth0, "address") == "dhcp" && tree.text(eth0, "description") == "WAN")
        #expect(tree[eth0].lastLine == 8)
    }

    @Test func manyChildrenStayIndexed() throws {
        var lines: [String] = []
        for rule in 1...500 { lines.append("set firewall name BIG rule \(rule) action 'accept'") }
        let tree = Self.read(lines.joined(separator: "\n")).tree
        let rules = try #require(tree.path(VyattaTree.root, "firewall", "name", "BIG", "rule"))
        #expect(Array(tree.children(rules)).count == 500)
        #expect(tree.path(rules, "377", "action", "accept") != nil)
    }
}
