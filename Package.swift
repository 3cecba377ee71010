// swift-tools-version:6.0
import PackageDescription

// Every target gets the same settings (one loop, as swift-log does): Swift 6 language mode with
// strict concurrency. CI builds with -warnings-as-errors, so the tree stays warning-free.
let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
]

let package = Package(
    name: "RouterAudit",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "routeraudit", targets: ["routeraudit"]),
        .library(name: "RouterAudit", targets: ["RouterAudit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.0"),
    ],
    targets: [
        // The vendor-neutral model, findings and protocols. Imports nothing.
        .target(name: "AuditCore"),
        // Secret decoding and verification; knows no vendor syntax.
        .target(name: "AuditCredentials", dependencies: ["AuditCore", "CCrypt", "COpenSSL", "CFastHash"]),
        // libxcrypt's crypt_rn (md5crypt, sha-crypt, bcrypt, descrypt), from Debian's libcrypt-dev.
        .target(name: "CCrypt", linkerSettings: [.linkedLibrary("crypt")]),
        // OpenSSL's libcrypto (PBKDF2, scrypt, SHA, MD5, AES), from Debian's libssl-dev.
        .target(name: "COpenSSL", linkerSettings: [.linkedLibrary("crypto")]),
        // Batch md5crypt (AVX-512/AVX2/scalar lanes, chosen at run time) and interleaved bcrypt.
        .target(name: "CFastHash"),
        // One folder per vendor: parse into the vendor's shape, convert to DeviceConfig.
        .target(name: "AuditVendors", dependencies: ["AuditCore"]),
        // Packet-space semantics over the model: first-match evaluation, shadowing, exposure.
        .target(name: "AuditFirewall", dependencies: ["AuditCore"]),
        // One file per check. Never imports a vendor parser.
        .target(name: "AuditChecks", dependencies: ["AuditCore", "AuditCredentials", "AuditFirewall"]),
        // Reporters see findings and the model only.
        .target(name: "AuditReport", dependencies: ["AuditCore"]),
        // The pipeline: detection, parsing, policy, checks, reports.
        .target(
            name: "RouterAudit",
            dependencies: [
                "AuditCore", "AuditCredentials", "AuditVendors", "AuditChecks", "AuditReport",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The command tree only; decides exit codes.
        .executableTarget(
            name: "routeraudit",
            dependencies: ["RouterAudit", "AuditCredentials", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Throughput benchmark (release builds): `swift run -c release routeraudit-bench`.
        .executableTarget(name: "routeraudit-bench", dependencies: ["RouterAudit", "AuditCredentials", "AuditCore", "AuditFirewall"], path: "Benchmarks/routeraudit-bench"),

        .testTarget(name: "AuditCoreTests", dependencies: ["AuditCore"]),
        .testTarget(name: "AuditFirewallTests", dependencies: ["AuditFirewall", "AuditCore", "AuditVendors"]),
        .testTarget(name: "AuditCredentialsTests", dependencies: ["AuditCredentials", "AuditCore"]),
        .testTarget(name: "AuditVendorsTests", dependencies: ["AuditVendors", "AuditCore"]),
        .testTarget(name: "AuditChecksTests", dependencies: ["AuditChecks", "AuditVendors", "AuditCore", "AuditCredentials", "RouterAudit"]),
        .testTarget(name: "RouterAuditTests", dependencies: ["RouterAudit", "AuditCore", "AuditCredentials", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "AuditReportTests", dependencies: ["AuditReport", "AuditCore"]),
    ]
)

for target in package.targets where !target.name.hasPrefix("C") {
    target.swiftSettings = (target.swiftSettings ?? []) + strict
}
