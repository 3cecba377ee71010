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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // The device simulator only (Tools/): never a dependency of the `routeraudit` product.
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssh", from: "0.15.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
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
        // Fix scripts per vendor, their rollbacks, and appliers that apply them to configuration text.
        .target(name: "AuditRemediation", dependencies: ["AuditCore"]),
        // libssh from Debian's libssh-dev, through pkg-config (no `link` in the module map, so a
        // static build can swap the .pc file); typed ssh_options_set setters in shim.h.
        .systemLibrary(name: "CLibSSH", pkgConfig: "libssh", providers: [.apt(["libssh-dev"])]),
        // SSH collection: libssh sessions on dedicated threads, host keys, vendor profiles.
        .target(name: "AuditSSH", dependencies: ["AuditCore", "CLibSSH"]),
        // The pipeline: detection, parsing, policy, checks, reports.
        .target(
            name: "RouterAudit",
            dependencies: [
                "AuditCore", "AuditCredentials", "AuditVendors", "AuditChecks", "AuditReport", "AuditSSH", "AuditRemediation", "COpenSSL",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // zlib from Debian's zlib1g-dev: compresses the configurations fleet sweeps keep.
        .systemLibrary(name: "CZlib"),
        // libpq from Debian's libpq-dev: the shared PostgreSQL store of fleet sweeps.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // Fleet sweeps: inventory, sweep engine, history (SQLite via GRDB), diff, metrics.
        .target(
            name: "AuditFleet",
            dependencies: [
                "AuditCore", "AuditCredentials", "AuditReport", "RouterAudit", "COpenSSL", "CZlib", "CLibPQ", "AuditSSH",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The command tree only; decides exit codes.
        .executableTarget(
            name: "routeraudit",
            dependencies: ["RouterAudit", "AuditCredentials", "AuditSSH", "AuditFleet", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // Throughput benchmark (release builds): `swift run -c release routeraudit-bench`.
        .executableTarget(name: "routeraudit-bench", dependencies: ["RouterAudit", "AuditCredentials", "AuditCore", "AuditFirewall"], path: "Benchmarks/routeraudit-bench"),
        // Device simulator for scale and fault tests (docs/simulator.md): many fake routers over
        // swift-nio-ssh in one process. A development tool, kept out of the `routeraudit` binary.
        .target(
            name: "DeviceSimulator",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            path: "Tools/DeviceSimulator"
        ),
        .executableTarget(
            name: "routeraudit-devsim",
            dependencies: ["DeviceSimulator", .product(name: "ArgumentParser", package: "swift-argument-parser")],
            path: "Tools/routeraudit-devsim"
        ),

        .testTarget(name: "AuditCoreTests", dependencies: ["AuditCore"]),
        .testTarget(name: "AuditFirewallTests", dependencies: ["AuditFirewall", "AuditCore", "AuditVendors"]),
        .testTarget(name: "AuditCredentialsTests", dependencies: ["AuditCredentials", "AuditCore"]),
        .testTarget(name: "AuditVendorsTests", dependencies: ["AuditVendors", "AuditCore"]),
        .testTarget(name: "AuditChecksTests", dependencies: ["AuditChecks", "AuditVendors", "AuditCore", "AuditCredentials", "RouterAudit"]),
        .testTarget(name: "RouterAuditTests", dependencies: ["RouterAudit", "AuditCore", "AuditCredentials", .product(name: "Yams", package: "Yams")]),
        .testTarget(name: "AuditReportTests", dependencies: ["AuditReport", "AuditCore"]),
        // posix_spawn helpers for tests that start processes (Foundation's Process hangs here).
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "AuditFleetTests", dependencies: ["AuditFleet", "AuditCore", "AuditCredentials", "AuditSSH", "TestSupport"]),
        .testTarget(name: "AuditSSHTests", dependencies: ["AuditSSH", "RouterAudit", "AuditCore"]),
        .testTarget(name: "AuditRemediationTests", dependencies: ["AuditRemediation", "RouterAudit", "AuditCore", "AuditVendors"]),
        .testTarget(
            name: "DeviceSimulatorTests",
            dependencies: [
                "DeviceSimulator", "TestSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
    ]
)

for target in package.targets where !target.name.hasPrefix("C") {
    target.swiftSettings = (target.swiftSettings ?? []) + strict
}
