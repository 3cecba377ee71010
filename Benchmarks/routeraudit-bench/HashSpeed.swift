import Foundation
import AuditCredentials
import AuditCore

/// Candidates per second for each one-way format on one core, through the engine's own verifiers.
enum HashSpeed {
    static let samples: [(name: String, scheme: String, stored: String)] = [
        ("md5crypt (Cisco type 5)", "md5crypt", "$1$mERr$hx5rVt7rPNoS4wqbXKX7m0"),
        ("sha512crypt (5000 rounds)", "sha512crypt", "$6$72820166$U4DVzpcYxgw7MVVDGGvB2/H5lRistD5.Ah4upwENR5UtffLR4X4SxSzfREv8z6wVl0jRFX40/KnYVvK4829kD1"),
        ("bcrypt cost 5", "bcrypt", "$2a$05$MBCzKhG1KhezLh.0LRa0Kuw12nLJtpHy6DIaU.JAnqJUDYspHC.Ou"),
        ("Cisco type 8 (PBKDF2-SHA256, 20000)", "cisco-type8", "$8$dsYGNam3K1SIJO$7nv/35M/qr6t.dVc7UY9zrJDWRVqncHub1PE9UlMQFs"),
        ("Cisco type 9 (scrypt 16384,1,1)", "cisco-type9", "$9$nhEmQVczB7dqsO$X.HsgL6x1il0RxkOSSvyQYwucySCt7qFm4v7pqCxkKM"),
        ("Cisco type 4 (SHA-256)", "cisco-type4", "tnhtc92DXBhelxjYk8LWJrPV36S2i4ntXrpb4RFmfqY"),
        ("FortiOS SH2", "fortios-sh2", "SH2lpcpFXM5QRlWYwY5vL9+5svfYyb+c79qENpxEoB3NtZpVxKwHjuq/9TH88U="),
    ]

    static func run(seconds: Double) {
        for sample in samples {
            guard let scheme = HashScheme(rawValue: sample.scheme) else { continue }
            let engine = CredentialEngine()
            var tried = 0
            let start = ContinuousClock.now
            let limit = Duration.seconds(seconds)
            while ContinuousClock.now - start < limit {
                for i in 0..<8 { _ = engine.verify("guess\(tried + i)", scheme: scheme, stored: sample.stored) }
                tried += 8
            }
            let elapsed = ContinuousClock.now - start
            let rate = Double(tried) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            print("  " + sample.name.padding(toLength: 40, withPad: " ", startingAt: 0) + String(format: "%10.0f candidates/s", rate))
        }
    }
}
