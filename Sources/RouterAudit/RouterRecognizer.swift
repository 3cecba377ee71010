import AuditCore
import AuditReport

/// A guess at what a router is, from what it announces.
public struct RouterGuess: Sendable, Hashable {
    /// The platform, when it is one RouterAudit knows by id.
    public var vendor: VendorID?
    /// What to call it: `Cisco IOS`, `OpenWrt`, `a Linux-based router (Dropbear SSH)`.
    public var name: String
    /// What gave it away, quoted: `SSH banner 'SSH-2.0-Cisco-1.25'`.
    public var clues: [String]

    public init(vendor: VendorID?, name: String, clues: [String]) {
        self.vendor = vendor
        self.name = name
        self.clues = clues
    }
}

/// Recognises a router from its SSH and web banners. The first rule that matches wins; the list
/// is ordered from the most specific marker (a product name in a page title or banner) to the
/// least (an SSH server used by many embedded systems).
public enum RouterRecognizer {
    enum Field { case ssh, server, realm, title }

    struct Rule {
        var marker: String
        var fields: [Field]
        var vendor: VendorID?
        var name: String
    }

    static let rules: [Rule] = [
        Rule(marker: "luci", fields: [.title], vendor: .openWrt, name: "OpenWrt"),
        Rule(marker: "openwrt", fields: [.title, .server, .realm], vendor: .openWrt, name: "OpenWrt"),
        Rule(marker: "uhttpd", fields: [.server], vendor: .openWrt, name: "OpenWrt"),
        Rule(marker: "cisco", fields: [.ssh, .server, .realm, .title], vendor: .ciscoIOS, name: "Cisco IOS"),
        Rule(marker: "level_15_access", fields: [.realm], vendor: .ciscoIOS, name: "Cisco IOS"),
        Rule(marker: "rosssh", fields: [.ssh], vendor: .routerOS, name: "MikroTik RouterOS"),
        Rule(marker: "routeros", fields: [.title, .server], vendor: .routerOS, name: "MikroTik RouterOS"),
        Rule(marker: "mikrotik", fields: [.title, .server, .realm], vendor: .routerOS, name: "MikroTik RouterOS"),
        Rule(marker: "fortigate", fields: [.title, .realm], vendor: .fortiOS, name: "Fortinet FortiGate"),
        Rule(marker: "xxxxxxxx-xxxxx", fields: [.server], vendor: .fortiOS, name: "Fortinet FortiGate"),
        Rule(marker: "opnsense", fields: [.title, .server], vendor: .opnSense, name: "OPNsense"),
        Rule(marker: "pfsense", fields: [.title, .server], vendor: .pfSense, name: "pfSense"),
        Rule(marker: "edgeos", fields: [.title, .server], vendor: .edgeOS, name: "Ubiquiti EdgeOS"),
        Rule(marker: "edgerouter", fields: [.title, .realm], vendor: .edgeOS, name: "Ubiquiti EdgeOS"),
        Rule(marker: "vyos", fields: [.title, .ssh], vendor: .vyOS, name: "VyOS"),
        Rule(marker: "huawei", fields: [.ssh, .title, .server, .realm], vendor: .huaweiVRP, name: "Huawei"),
        Rule(marker: "j-web", fields: [.title], vendor: .junos, name: "Juniper Junos"),
        Rule(marker: "juniper", fields: [.title, .server, .realm], vendor: .junos, name: "Juniper Junos"),
        Rule(marker: "draytek", fields: [.title, .server, .realm, .ssh], vendor: nil, name: "DrayTek Vigor"),
        Rule(marker: "vigor", fields: [.title, .realm], vendor: nil, name: "DrayTek Vigor"),
        Rule(marker: "zyxel", fields: [.title, .server, .realm, .ssh], vendor: nil, name: "Zyxel"),
        Rule(marker: "fritz!box", fields: [.title, .realm], vendor: nil, name: "AVM FRITZ!Box"),
        Rule(marker: "tp-link", fields: [.title, .server, .realm], vendor: nil, name: "TP-Link"),
        Rule(marker: "dropbear", fields: [.ssh], vendor: nil, name: "a Linux-based router (Dropbear SSH server)"),
    ]

    public static func recognise(_ banners: RouterBanners) -> RouterGuess? {
        for rule in rules {
            for field in rule.fields {
                guard let value = value(of: field, in: banners), value.lowercased().contains(rule.marker) else { continue }
                return RouterGuess(vendor: rule.vendor, name: rule.name, clues: [clue(field, value)])
            }
        }
        return nil
    }

    static func value(of field: Field, in banners: RouterBanners) -> String? {
        switch field {
        case .ssh: banners.ssh
        case .server: banners.httpServer
        case .realm: banners.httpRealm
        case .title: banners.httpTitle
        }
    }

    static func clue(_ field: Field, _ value: String) -> String {
        switch field {
        case .ssh: "SSH banner '\(value)'"
        case .server: "web server '\(value)'"
        case .realm: "login realm '\(value)'"
        case .title: "web page title '\(value)'"
        }
    }
}

/// How to export a configuration, per platform, in words for a router's owner.
public enum ExportInstructions {
    public static func lines(for vendor: VendorID?, language: ReportLanguage) -> [String] {
        let t = language.pick
        var out: [String] = []
        let known: [VendorID: String] = [
            .ciscoIOS: t("Cisco IOS: log in on the console or over SSH, type `terminal length 0` and then `show running-config`, and save everything it prints in a text file.",
                         "Cisco IOS: log in via de console of SSH, typ `terminal length 0` en daarna `show running-config`, en sla alles wat verschijnt op in een tekstbestand."),
            .openWrt: t("OpenWrt: in the web interface (LuCI) open System → Backup / Flash Firmware and click 'Generate archive'; unpack the archive and give me its etc/config folder. Over SSH, `uci export > export.txt` works too.",
                        "OpenWrt: open in de webinterface (LuCI) Systeem → Back-up / Firmware flashen en klik op 'Archief genereren'; pak het archief uit en geef mij de map etc/config. Via SSH kan ook: `uci export > export.txt`."),
            .routerOS: t("MikroTik RouterOS: in a terminal (WinBox or SSH) type `/export file=config`, then download config.rsc from Files.",
                         "MikroTik RouterOS: typ in een terminal (WinBox of SSH) `/export file=config` en download daarna config.rsc via Files."),
            .fortiOS: t("FortiGate: in the web interface open your account menu (top right) → Configuration → Backup, or type `show full-configuration` over SSH and save the output.",
                        "FortiGate: open in de webinterface het accountmenu (rechtsboven) → Configuration → Backup, of typ via SSH `show full-configuration` en sla de uitvoer op."),
            .junos: t("Juniper: type `show configuration | display set` over SSH and save the output.",
                      "Juniper: typ via SSH `show configuration | display set` en sla de uitvoer op."),
            .pfSense: t("pfSense: Diagnostics → Backup & Restore → Download configuration as XML.",
                        "pfSense: Diagnostics → Backup & Restore → Download configuration as XML."),
            .opnSense: t("OPNsense: System → Configuration → Backups → Download configuration.",
                         "OPNsense: System → Configuration → Backups → Download configuration."),
            .edgeOS: t("EdgeOS: type `show configuration commands` over SSH and save the output.",
                       "EdgeOS: typ via SSH `show configuration commands` en sla de uitvoer op."),
            .vyOS: t("VyOS: type `show configuration commands` over SSH and save the output.",
                     "VyOS: typ via SSH `show configuration commands` en sla de uitvoer op."),
            .huaweiVRP: t("Huawei: type `display current-configuration` over SSH and save the output.",
                          "Huawei: typ via SSH `display current-configuration` en sla de uitvoer op."),
        ]
        if let vendor, let line = known[vendor] {
            out.append(line)
        } else {
            out += [known[.ciscoIOS], known[.openWrt]].compactMap { $0 }
        }
        out.append(t("Other routers: look in the router's web page for 'Backup', 'Export' or 'Save configuration' and save the file it gives you. If you cannot find it, ask your IT supplier or internet provider.",
                     "Andere routers: zoek op de webpagina van de router naar 'Back-up', 'Exporteren' of 'Configuratie opslaan' en bewaar het bestand dat u krijgt. Kunt u het niet vinden, vraag het dan aan uw IT-leverancier of internetprovider."))
        return out
    }
}
