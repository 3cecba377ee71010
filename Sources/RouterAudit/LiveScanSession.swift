import AuditCore
import AuditCredentials
import AuditSSH

/// What one live scan is asked to do: the device, how to log in, whether to try the vendor's
/// default logins first, and the collection profile (nil: detect it from the device).
public struct LiveScanRequest: Sendable {
    public var target: SSHTarget
    /// nil: detect from the SSH server version and the first prompt (`--vendor auto`).
    public var profile: VendorProfile?
    /// The operator's own login; nil when only default logins may be used.
    public var credentials: SSHCredentials?
    /// `--try-defaults`: nil when off.
    public var defaultLogins: DefaultLoginPolicy?
    /// For profiles that escalate (`enable`), when a default login collects.
    public var enableSecret: SSHSecret?
    public var knowledge: CredentialKnowledge
    public var limits: CollectionLimits

    public init(target: SSHTarget, profile: VendorProfile?, credentials: SSHCredentials?, defaultLogins: DefaultLoginPolicy? = nil,
                enableSecret: SSHSecret? = nil, knowledge: CredentialKnowledge = .builtIn, limits: CollectionLimits = CollectionLimits()) {
        self.target = target
        self.enableSecret = enableSecret ?? credentials?.enableSecret
        self.profile = profile
        self.credentials = credentials
        self.defaultLogins = defaultLogins
        self.knowledge = knowledge
        self.limits = limits
    }
}

/// What a live scan did before auditing: the probe of default logins, how the vendor was chosen,
/// and the collection (nil when nothing could be collected, with the reason in `problem`).
public struct LiveScanOutcome: Sendable {
    public var target: SSHTarget
    public var profile: VendorProfile?
    /// Set when the profile was detected rather than given.
    public var detection: VendorDetection?
    public var defaults: DefaultLoginProbeResult?
    public var collection: CollectionResult?
    /// Why nothing was collected, when nothing was (not a collection failure: those are in
    /// `collection.failure`).
    public var problem: String?

    public init(target: SSHTarget, profile: VendorProfile?) {
        self.target = target
        self.profile = profile
    }

    /// The accepted default login as a collection fact (drives RA-CRED-011).
    public var acceptedDefault: AcceptedDefaultLogin? {
        guard let defaults, let accepted = defaults.accepted else { return nil }
        return AcceptedDefaultLogin(user: accepted.candidate.user, password: accepted.candidate.password.value,
                                    source: accepted.candidate.source, attempt: accepted.attempt,
                                    maxAttempts: defaultAttemptLimit)
    }

    /// `--max-default-attempts` of the run, for the finding's message.
    public var defaultAttemptLimit = 0

    /// One line saying how the vendor was chosen.
    public var vendorSummary: String? {
        guard let profile else { return nil }
        guard let detection else { return "vendor \(profile.id) (given)" }
        var text = "vendor \(profile.id) detected from \(detection.evidence)"
        if !detection.alternatives.isEmpty { text += "; also matched \(detection.alternatives.joined(separator: ", ")): the configuration decides the parser" }
        return text
    }
}

/// Runs a live scan's sessions in order: default-login probe, vendor detection, collection. All
/// blocking, on the calling thread (command-line use; a sweep calls it from a gate thread).
public enum LiveScanSession {
    public static func run(_ request: LiveScanRequest, collector: SSHCollector, progress: (String) -> Void = { _ in }) -> LiveScanOutcome {
        var outcome = LiveScanOutcome(target: request.target, profile: request.profile)
        let builtIn = VendorProfileLoader.builtIn.values.sorted { $0.id < $1.id }
        // Before any login only the server version can name the vendor.
        var serverVersion: String?
        if request.profile == nil {
            serverVersion = BannerProbe.ssh(host: request.target.host, port: request.target.port, timeout: request.limits.connectTimeout)
            outcome.detection = VendorDetection.choose(serverVersion: serverVersion, prompt: nil, among: builtIn)
        }

        var login = request.credentials
        if let policy = request.defaultLogins {
            outcome.defaultAttemptLimit = policy.maxAttempts
            if let vendor = (request.profile ?? outcome.detection?.profile)?.id {
                let candidates = DefaultLoginCandidates.ssh(for: vendor, knowledge: request.knowledge)
                let probe = collector.probeDefaultLogins(target: request.target, candidates: candidates, policy: policy,
                                                         limits: request.limits, progress: progress)
                progress(probe.summary)
                outcome.defaults = probe
                // The operator's own login collects when given; a default is used only without one.
                if login == nil, let accepted = probe.accepted {
                    login = SSHCredentials(user: accepted.candidate.user, password: accepted.candidate.password,
                                           enableSecret: request.enableSecret)
                }
            } else {
                progress("default logins not tried: the vendor is not known before login (\(outcome.detection?.evidence ?? "no server version")); give --vendor")
            }
        }
        guard let login else {
            outcome.problem = outcome.defaults == nil
                ? "no login to collect with"
                : "no default login accepted and no other login given: configuration not collected"
            return outcome
        }

        if request.profile == nil {
            let answers = builtIn.flatMap(\.answers)
            switch collector.firstPrompt(target: request.target, credentials: login, limits: request.limits, answers: answers) {
            case .success(let prompt):
                outcome.detection = VendorDetection.choose(serverVersion: serverVersion, prompt: prompt, among: builtIn)
            case .failure(let failure):
                // The same failure would stop the collection: report it as the collection's.
                var failed = CollectionResult(target: request.target, profileID: "auto")
                failed.failure = failure
                outcome.collection = failed
                return outcome
            }
            guard let detected = outcome.detection?.profile else {
                outcome.problem = "vendor not detected: \(outcome.detection?.evidence ?? "nothing seen"); give --vendor"
                return outcome
            }
            outcome.profile = detected
            progress(outcome.vendorSummary ?? "")
        }
        guard let profile = outcome.profile else { return outcome }
        outcome.collection = collector.collectBlocking(target: request.target, profile: profile, credentials: login, limits: request.limits)
        return outcome
    }
}

/// The default logins worth trying over SSH for a vendor, most prominent first: entries for SSH
/// or any protocol, with a user name (SSH always sends one), each user/password pair once.
public enum DefaultLoginCandidates {
    public static func ssh(for vendor: String, knowledge: CredentialKnowledge) -> [DefaultLoginCandidate] {
        var seen: Set<[String]> = []
        return knowledge.defaults(for: VendorID(vendor)).compactMap { login in
            guard login.protocol == "ssh" || login.protocol == "any", !login.user.isEmpty,
                  seen.insert([login.user, login.password]).inserted else { return nil }
            return DefaultLoginCandidate(user: login.user, password: SSHSecret(login.password), source: login.source)
        }
    }
}
