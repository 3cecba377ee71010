import AuditCore

/// Remembers what the engine found about a one-way hash, so a fleet sweep does not crack an
/// unchanged hash again (the dearest part of an audit). Keys are SHA-256 digests of the stored
/// hash with everything the answer depends on; the hash itself is never the key.
public protocol SecretAssessmentCache: Sendable {
    func assessment(forKey key: String) -> SecretAssessment?
    func remember(_ assessment: SecretAssessment, forKey key: String)
}

extension CredentialEngine {
    /// The cache key of one hash judgement: scheme, stored value, account, vendor and depth.
    /// Callers that load extra credential data keep separate caches (or namespaces) per data set.
    func cacheKey(_ scheme: HashScheme, _ encoded: String, owner: String, vendor: VendorID) -> String {
        let material = "v1\u{1F}\(scheme)\u{1F}\(encoded)\u{1F}\(owner)\u{1F}\(vendor.rawValue)\u{1F}\(depth.rawValue)"
        return Digest.sha256(Array(material.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }

    /// `judgeHash` through the cache, when there is one.
    func judgeHashCached(_ scheme: HashScheme, _ encoded: String, owner: String, vendor: VendorID) -> SecretAssessment {
        guard let cache = hashCache else { return judgeHash(scheme, encoded, owner: owner, vendor: vendor) }
        let key = cacheKey(scheme, encoded, owner: owner, vendor: vendor)
        if let known = cache.assessment(forKey: key) { return known }
        let fresh = judgeHash(scheme, encoded, owner: owner, vendor: vendor)
        cache.remember(fresh, forKey: key)
        return fresh
    }
}
