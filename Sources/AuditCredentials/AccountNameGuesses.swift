/// Passwords made from the account's own name, the first thing a cracker tries for each account
/// (John the Ripper's "single crack" mode does the same with more rules): the name itself, with
/// the digits and marks people append, capitalised, and doubled.
enum AccountNameGuesses {
    static let suffixes = ["", "1", "12", "123", "1234", "12345", "!", "@123", "01", "2024", "2025"]

    /// The name first (the strongest hint), then its variants; no duplicates; empty for no name.
    static func variants(of name: String) -> [String] {
        guard !name.isEmpty else { return [] }
        let capitalised = name.prefix(1).uppercased() + name.dropFirst()
        var seen: Set<String> = []
        var result: [String] = []
        for guess in suffixes.map({ name + $0 }) + suffixes.dropFirst().map({ capitalised + $0 }) + [name + name]
        where seen.insert(guess).inserted {
            result.append(guess)
        }
        return result
    }
}
