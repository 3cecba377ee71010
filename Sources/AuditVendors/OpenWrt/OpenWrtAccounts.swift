import AuditCore

/// Accounts from `/etc/shadow`: an empty hash field is an empty password; `*`, `!` (and `!`
/// before a hash) lock the account against password login. Whether an unlocked account may log
/// in with its password over SSH comes from dropbear (`PasswordAuth`, and `RootPasswordAuth` for
/// root), when a dropbear file is among the inputs.
extension OpenWrtConversion {
    mutating func convertAccounts() {
        for shadow in shadows {
            for entry in shadow.entries {
                config.accounts.append(account(entry, file: shadow.file))
            }
        }
    }

    private mutating func account(_ entry: OpenWrtShadowEntry, file: String) -> Account {
        let origin = Provenance.line(file, entry.line)
        if !entry.hash.isEmpty {
            config.markSecret(file: file, line: entry.line, range: entry.hashRange)
        }
        let isRoot = entry.name == "root"
        var secret: Secret?
        var loginAllowed: Sourced<Bool>?
        let unlocked = entry.hash.drop { $0 == "!" || $0 == "*" }
        if entry.hash.isEmpty {
            secret = Secret(.empty, origin: origin)
        } else if unlocked.count != entry.hash.count || entry.hash == "x" {
            // Locked; a hash after `!` is kept (it still says how the password is stored).
            if unlocked.hasPrefix("$") { secret = Secret(Self.shadowHashForm(String(unlocked)), origin: origin) }
            loginAllowed = Sourced(false, origin)
        } else {
            secret = Secret(Self.shadowHashForm(entry.hash), origin: origin)
        }
        if loginAllowed == nil {
            loginAllowed = sshPasswordLogin(forRoot: isRoot)
        }
        return Account(name: entry.name, secret: secret, isAdministrator: isRoot,
                       passwordLoginAllowed: loginAllowed, origin: origin)
    }

    /// A shadow hash field: crypt(3) by prefix, a 13-character DES hash, or an unknown hash
    /// (never cleartext: shadow holds no cleartext).
    static func shadowHashForm(_ text: String) -> SecretForm {
        let form = secretForm(text)
        guard case .cleartext = form else { return form }
        // DES crypt: 13 characters of the crypt alphabet `./0-9A-Za-z`.
        let cryptAlphabet = text.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "/")
        }
        if text.utf8.count == 13 && cryptAlphabet { return .hashed(scheme: .desCrypt, encoded: text) }
        return .hashed(scheme: .unknown, encoded: text)
    }

    /// Whether some running dropbear instance accepts a password for this account: nil when no
    /// dropbear file was given (we do not know).
    private func sshPasswordLogin(forRoot isRoot: Bool) -> Sourced<Bool>? {
        let instances = config.services.filter { $0.kind == .ssh }
        guard !instances.isEmpty else { return nil }
        var spans: [SourceSpan] = []
        var allowed = false
        for instance in instances where instance.enabled.value {
            var deciding = [instance.settings["PasswordAuth"]]
            if isRoot { deciding += [instance.settings["RootPasswordAuth"], instance.settings["RootLogin"]] }
            let settings = deciding.compactMap { $0 }
            spans += settings.flatMap(\.origin.spans) + instance.enabled.origin.spans
            if settings.allSatisfy({ $0.value == "1" }) { allowed = true }
        }
        let who = isRoot ? "root" : "other accounts"
        let origin: Provenance = spans.isEmpty
            ? Self.vendorDefault("dropbear accepts password logins for \(who) unless PasswordAuth\(isRoot ? "/RootPasswordAuth" : "") is 0")
            : .derived(Array(Set(spans)).sorted())
        return Sourced(allowed, origin)
    }
}
