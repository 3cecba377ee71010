/// Decides whether a device's host key is trusted, per the target's policy. A key that differs
/// from the known one is always a hard error naming the host and both fingerprints.
struct HostKeyVerifier {
    let store: KnownHostsFile

    func verify(_ session: SSHSession) throws(CollectionFailure) {
        let target = session.target
        let presented = try session.serverHostKey()
        if case .pinned(let pinned) = target.hostKeyPolicy {
            guard Self.sameFingerprint(pinned, presented.fingerprint) else {
                throw CollectionFailure(.hostKeyMismatch, target: target.label,
                    "host key \(presented.type) \(presented.fingerprint) is not the pinned \(pinned)")
            }
            return
        }
        let known = store.entries(host: target.host, port: target.port)
        if known.contains(where: { $0.keyType == presented.type && $0.key == presented.key }) { return }
        if let other = known.first(where: { $0.keyType == presented.type }) ?? known.first {
            let stored = SSHSession.fingerprint(base64: other.key, type: other.keyType) ?? "(unreadable key)"
            throw CollectionFailure(.hostKeyMismatch, target: target.label,
                "HOST KEY CHANGED: known \(other.keyType) \(stored) (\(store.path):\(other.line)), device presents \(presented.type) \(presented.fingerprint); refusing to connect")
        }
        switch target.hostKeyPolicy {
        case .trustOnFirstUse:
            try store.add(host: target.host, port: target.port, keyType: presented.type, key: presented.key)
        case .strict, .pinned:
            throw CollectionFailure(.hostKeyUnknown, target: target.label,
                "unknown host key \(presented.type) \(presented.fingerprint) (not in \(store.path)); verify it, then use --host-key-fingerprint \(presented.fingerprint) or --trust-on-first-use")
        }
    }

    /// `SHA256:abc` and `abc`, with or without base64 padding, name the same fingerprint.
    static func sameFingerprint(_ a: String, _ b: String) -> Bool {
        func normal(_ text: String) -> Substring {
            var value = Substring(text)
            if value.lowercased().hasPrefix("sha256:") { value = value.dropFirst(7) }
            while value.hasSuffix("=") { value = value.dropLast() }
            return value
        }
        return normal(a) == normal(b)
    }
}
