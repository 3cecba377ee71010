/// Which collection profile fits a device, from what it shows before and after login: the SSH
/// identification line (`SSH-2.0-Cisco-1.25`) and the first prompt (`R1>`), matched against each
/// profile's `detect` patterns. The prompt is the stronger evidence: many platforms share an SSH
/// server (dropbear runs OpenWrt and also fronts other CLIs), while prompts differ by platform.
/// The server version then breaks ties between profiles whose prompts look alike.
public struct VendorDetection: Sendable {
    /// The profile to collect with, nil when nothing matched.
    public var profile: VendorProfile?
    /// Other profiles that matched the same evidence equally well (VyOS and EdgeOS prompts look
    /// alike): the collected configuration's content decides the parser among them.
    public var alternatives: [String]
    /// What decided, for the report: `prompt 'R1>'`, `server version 'SSH-2.0-Cisco-1.25'`.
    public var evidence: String

    public init(profile: VendorProfile?, alternatives: [String], evidence: String) {
        self.profile = profile
        self.alternatives = alternatives
        self.evidence = evidence
    }

    /// Profiles whose server-version patterns match, in the order given.
    public static func matching(serverVersion: String, among profiles: [VendorProfile]) -> [VendorProfile] {
        profiles.filter { matches($0.detectServerVersion, serverVersion) }
    }

    /// Profiles whose prompt patterns match, in the order given.
    public static func matching(prompt: String, among profiles: [VendorProfile]) -> [VendorProfile] {
        profiles.filter { matches($0.detectPrompt, prompt) }
    }

    /// Chooses from what is known; either may be nil (no prompt before login).
    public static func choose(serverVersion: String?, prompt: String?, among profiles: [VendorProfile]) -> VendorDetection {
        let byBanner = serverVersion.map { matching(serverVersion: $0, among: profiles) } ?? []
        let byPrompt = prompt.map { matching(prompt: $0, among: profiles) } ?? []
        let bannerIDs = Set(byBanner.map(\.id))
        if let prompt, !byPrompt.isEmpty {
            let both = byPrompt.filter { bannerIDs.contains($0.id) }
            let pool = both.isEmpty ? byPrompt : both
            var evidence = "prompt '\(prompt)'"
            if !both.isEmpty, let serverVersion { evidence += " and server version '\(serverVersion)'" }
            return VendorDetection(profile: pool[0], alternatives: pool.dropFirst().map(\.id), evidence: evidence)
        }
        if let serverVersion, let first = byBanner.first {
            var evidence = "server version '\(serverVersion)'"
            if let prompt { evidence += " (prompt '\(prompt)' matched no profile)" }
            return VendorDetection(profile: first, alternatives: byBanner.dropFirst().map(\.id), evidence: evidence)
        }
        var seen: [String] = []
        if let serverVersion { seen.append("server version '\(serverVersion)'") }
        if let prompt { seen.append("prompt '\(prompt)'") }
        return VendorDetection(profile: nil, alternatives: [],
                               evidence: seen.isEmpty ? "nothing seen" : seen.joined(separator: ", ") + " matched no profile")
    }

    static func matches(_ patterns: [String], _ text: String) -> Bool {
        patterns.contains { pattern in
            (try? Regex(pattern)).flatMap { try? $0.firstMatch(in: text) } != nil
        }
    }
}
