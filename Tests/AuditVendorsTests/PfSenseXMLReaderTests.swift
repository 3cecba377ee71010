import AuditCore
import Testing
@testable import AuditVendors

/// The `config.xml` tokenizer on its own: the vendor-shaped reading, before any security meaning.
@Suite("pfSense XML reader")
struct PfSenseXMLReaderTests {
    @Test func elementsLinesAndText() throws {
        let doc = PfXMLReader.read("""
            <?xml version="1.0"?>
            <pfsense>
              <!-- a comment <with> markup -->
              <system>
                <hostname>fw1</hostname>
                <ssh><enable>enabled</enable></ssh>
                <empty/>
              </system>
            </pfsense>
            """)
        #expect(doc.problems.isEmpty)
        let root = try #require(doc.root)
        #expect(doc.name(root) == "pfsense" && doc.line(root) == 2 && doc.endLine(root) == 9)
        let system = try #require(doc.child(root, "system"))
        #expect(doc.line(system) == 4 && doc.endLine(system) == 8)
        let hostname = try #require(doc.child(system, "hostname"))
        #expect(doc.text(hostname) == "fw1" && doc.line(hostname) == 5)
        let enable = try #require(doc.descendant(root, ["system", "ssh", "enable"]))
        #expect(doc.text(enable) == "enabled" && doc.line(enable) == 6)
        let empty = try #require(doc.child(system, "empty"))
        #expect(doc.text(empty) == "" && doc.elements[empty].isClosed && !doc.elements[empty].hasChildren)
        #expect(doc.children(of: system).map { doc.name($0) } == ["hostname", "ssh", "empty"])
        #expect(doc.path(enable) == "pfsense/system/ssh/enable")
        #expect(doc.text(system) == "", "an element with children has no text of its own")
    }

    @Test func entitiesCDATAAndAttributes() throws {
        let doc = PfXMLReader.read("""
            <opnsense>
              <a>x &lt;&gt; &amp; &quot;&apos; &#65;&#x42; &unknown; &</a>
              <b><![CDATA[<not a tag> & raw]]></b>
              <c>  <!-- gone -->kept <?pi ignored?> too </c>
              <rule uuid="38ab-15a5" note='it&apos;s'>
              </rule>
            </opnsense>
            """)
        #expect(doc.problems.isEmpty)
        let root = try #require(doc.root)
        #expect(doc.child(root, "a").map { doc.text($0) } == "x <> & \"' AB &unknown; &")
        #expect(doc.child(root, "b").map { doc.text($0) } == "<not a tag> & raw")
        #expect(doc.child(root, "c").map { doc.text($0) } == "kept  too")
        let rule = try #require(doc.child(root, "rule"))
        #expect(doc.attribute(rule, "uuid") == "38ab-15a5")
        #expect(doc.attribute(rule, "note") == "it's")
        #expect(doc.attribute(rule, "missing") == nil)
    }

    @Test func valueLocationPointsInsideTheLine() throws {
        let doc = PfXMLReader.read("<pfsense>\n\t<password><![CDATA[123456]]></password>\n\t<key>  abc  </key>\n\t<long>a\nb</long>\n</pfsense>\n")
        let root = try #require(doc.root)
        let password = try #require(doc.child(root, "password").flatMap { doc.valueLocation($0) })
        #expect(password.line == 2 && password.range == 20..<26)
        let key = try #require(doc.child(root, "key").flatMap { doc.valueLocation($0) })
        #expect(key.line == 3 && key.range == 8..<11)
        #expect(doc.child(root, "long").flatMap { doc.valueLocation($0) } == nil, "a value over two lines has no single span")
    }

    @Test func mismatchedTagsCloseWhatTheyCan() throws {
        let doc = PfXMLReader.read("""
            <pfsense>
              <system>
                <hostname>fw</hostname>
                <user><name>admin</name>
              </system>
              <stray></nothing>
              <interfaces/>
            </pfsense>
            """)
        // </system> closes the open <user> (line 5); </nothing> closes nothing (line 6), so <stray>
        // stays open until </pfsense> (line 8).
        #expect(doc.problems.filter { $0.kind == .mismatched }.map(\.line) == [5, 6, 8])
        let root = try #require(doc.root)
        #expect(doc.children(of: root).map { doc.name($0) } == ["system", "stray"])
        let user = try #require(doc.descendant(root, ["system", "user"]))
        #expect(doc.child(user, "name").map { doc.text($0) } == "admin")
        #expect(!doc.elements[user].isClosed && doc.endLine(user) == 5)
    }

    @Test func truncatedInputKeepsWhatWasRead() throws {
        let doc = PfXMLReader.read("<pfsense>\n<system>\n<hostname>fw</hostname>\n<user><name>adm")
        #expect(doc.problems.contains { $0.kind == .truncated && $0.message.contains("4 element(s) open") })
        let root = try #require(doc.root)
        #expect(doc.descendant(root, ["system", "hostname"]).map { doc.text($0) } == "fw")
        #expect(doc.descendant(root, ["system", "user", "name"]).map { doc.text($0) } == "adm")
        for cut in ["<pfsense><a b=\"x", "<pfsense><!-- open", "<pfsense><![CDATA[x", "<pfsense><?pi", "<pfsense></pfs", "<"] {
            let damaged = PfXMLReader.read(cut)
            #expect(damaged.problems.contains { $0.kind == .truncated }, "\(cut)")
        }
    }

    @Test func notXMLAtAll() {
        let doc = PfXMLReader.read("hostname r1\ninterface Gi0/1\n ip address 10.0.0.1 255.0.0.0\n")
        #expect(doc.root == nil)
        #expect(doc.problems.contains { $0.kind == .noElement })
        #expect(Set(doc.strayTextLines) == [1, 2, 3])
        let lonely = PfXMLReader.read("a < b and c > d")
        #expect(lonely.problems.contains { $0.kind == .badMarkup })
    }

    @Test func crlfLineEndingsAndByteOrderMark() throws {
        let doc = PfXMLReader.read("\u{FEFF}<pfsense>\r\n  <version>18.9</version>\r\n</pfsense>\r\n")
        let root = try #require(doc.root)
        let version = try #require(doc.child(root, "version"))
        #expect(doc.text(version) == "18.9" && doc.line(version) == 2)
        #expect(doc.problems.isEmpty)
    }

    @Test func deepNestingAndManyProblemsStayBounded() {
        let deep = "<pfsense>" + String(repeating: "<a>", count: 50_000) + String(repeating: "</b>", count: 500)
        let doc = PfXMLReader.read(deep)
        #expect(doc.elements.count == 50_001)
        #expect(doc.problems.count <= 2 * PfXMLReader.problemLimit + 4)
    }
}
