import AuditCore

/// RA-CRED-011: during a live scan with `--try-defaults`, the device accepted a published vendor
/// default login over SSH. Unlike RA-CRED-001 (a default found in the configuration text) this is
/// proof on the device itself, so it holds even when the configuration could not be read after
/// logging in.
public struct DefaultLoginAccepted: Check {
    public init() {}

    static let acceptedSession = CollectionFacts(
        target: "192.0.2.1:22",
        defaultLogin: AcceptedDefaultLogin(user: "admin", password: "admin", source: "vendor-doc:example", attempt: 1, maxAttempts: 3))
    static let refusedSession = CollectionFacts(target: "192.0.2.1:22")

    public let metadata = CheckDescription(
        id: "RA-CRED-011",
        slug: "default-login-accepted",
        title: "Default login accepted on the live device",
        severity: .critical,
        area: .cred,
        rationale: """
            When the device was scanned with `--try-defaults`, its SSH server let the tool in with a \
            published factory login (a user and password printed in the vendor's manual or in public \
            default-credential lists). Anyone who can reach the management port can do the same: the \
            device is open to takeover, whatever the rest of its configuration says.
            """,
        remediation: """
            Change the password of that account now (a unique, long password or a key), remove factory \
            accounts that are not needed, and restrict management access to trusted addresses. Then check \
            the device for changes made by others (accounts, forwarding rules, DNS servers, firmware).
            """,
        references: [
            .stig("CISC-ND-001470", "The network device must not have default or shared accounts"),
            .nist("IA-5(1)", "Password-based authentication"),
            .init("ETSI", "EN 303 645 5.1-1", "No universal default passwords"),
        ],
        dutch: LocalizedText(
            title: "Standaardlogin geaccepteerd door het apparaat",
            rationale: """
                Bij de scan met `--try-defaults` liet de SSH-server van het apparaat de tool binnen met een \
                gepubliceerde fabriekslogin (gebruiker en wachtwoord uit de handleiding of uit openbare lijsten). \
                Iedereen die de beheerpoort bereikt, kan hetzelfde: het apparaat kan worden overgenomen, wat de \
                rest van de configuratie ook zegt.
                """,
            remediation: """
                Wijzig direct het wachtwoord van dat account (uniek en lang, of een sleutel), verwijder \
                fabrieksaccounts die niet nodig zijn en beperk beheertoegang tot vertrouwde adressen. Controleer \
                daarna het apparaat op wijzigingen door anderen (accounts, doorstuurregels, DNS-servers, firmware).
                """),
        examples: [
            .bad(.ciscoIOS, """
                hostname cpe
                ip ssh version 2
                line vty 0 4
                 login local
                ↓ transport input ssh
                """, collection: acceptedSession),
            .good(.ciscoIOS, """
                hostname cpe
                ip ssh version 2
                line vty 0 4
                 login local
                 transport input ssh
                """, collection: refusedSession),
            .good(.ciscoIOS, """
                hostname cpe
                line vty 0 4
                 transport input ssh
                """),
        ]
    )

    public func run(on config: DeviceConfig, context: AuditContext) -> [Finding] {
        guard let collection = config.collection, let login = collection.defaultLogin else { return [] }
        // The finding points where the configuration turns SSH on, when the model knows: the
        // login itself happened on the device, not on a line.
        let evidence = config.service(.ssh).map { [$0.enabled.origin] } ?? []
        let account = login.user.isEmpty ? "an empty user name" : login.user
        return [metadata.finding(
            "ssh login to \(collection.target) accepted the vendor default for \(account) (source: \(login.source)), password \(secret: login.password), on attempt \(login.attempt) of at most \(login.maxAttempts)",
            evidence: evidence, subject: "default login \(account)",
            fix: .manual("change the password of \(account) and restrict management access"))]
    }
}
