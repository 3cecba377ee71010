/// A profile's patterns compiled once per session.
struct CompiledProfile {
    struct Answer {
        let regex: Regex<AnyRegexOutput>
        let reply: String
        let raw: Bool
        var text: String { raw ? reply : reply + "\n" }
    }

    let prompt: Regex<AnyRegexOutput>
    let pagers: [Answer]
    let answers: [Answer]
    let passwordPrompt: Regex<AnyRegexOutput>?
    let privilegedPrompt: Regex<AnyRegexOutput>?

    init(_ profile: VendorProfile, target: String) throws(CollectionFailure) {
        func compile(_ pattern: String, _ field: String) throws(CollectionFailure) -> Regex<AnyRegexOutput> {
            do { return try Regex(pattern) } catch {
                throw CollectionFailure(.protocolError, target: target, "profile \(profile.id): \(field) pattern '\(pattern)' is not a valid regular expression")
            }
        }
        prompt = try compile(profile.prompt, "prompt")
        var pagers: [Answer] = []
        for pager in profile.pagers { pagers.append(Answer(regex: try compile(pager.pattern, "pager"), reply: pager.reply, raw: pager.raw)) }
        self.pagers = pagers
        var answers: [Answer] = []
        for answer in profile.answers { answers.append(Answer(regex: try compile(answer.pattern, "answer"), reply: answer.reply, raw: answer.raw)) }
        self.answers = answers
        passwordPrompt = try profile.enable.map { (enable) throws(CollectionFailure) in try compile(enable.passwordPrompt, "enable password prompt") }
        privilegedPrompt = try profile.enable.map { (enable) throws(CollectionFailure) in try compile(enable.privilegedPrompt, "enable privileged prompt") }
    }

    static func matches(_ regex: Regex<AnyRegexOutput>, _ line: String) -> Bool {
        (try? regex.firstMatch(in: line)) != nil
    }
}
