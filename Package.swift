// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Allot",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "allot", targets: ["allot"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.0.0"),
    ],
    targets: [
        // Pure domain: taxonomy, tallies, need model. No I/O, no third-party imports.
        .target(name: "AllotCore"),
        // File formats and Config/ mappings: CSV reader, survey decoder, postcode lookups.
        .target(name: "AllotIngest", dependencies: [
            "AllotCore",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // The SQLite store (GRDB): one AppDatabase, versioned migrations, repositories.
        .target(name: "AllotStore", dependencies: [
            "AllotCore",
            .product(name: "GRDB", package: "GRDB.swift"),
        ]),
        // libcurl as a system library; CurlShim wraps its variadic C calls.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CurlShim", dependencies: ["CCurl"]),
        .target(name: "AllotWebhooks", dependencies: [
            "AllotCore", "AllotStore", "CCurl", "CurlShim",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        // CBC (COIN-OR) MILP solver through its C interface.
        .systemLibrary(name: "CCbc", pkgConfig: "cbc", providers: [.apt(["coinor-libcbc-dev"])]),
        // Clp's ClpSimplex behind a small C interface (C++): warm re-solves that keep Clp's work areas, which Clp's own
        // C interface cannot.
        .target(name: "CClp", linkerSettings: [.linkedLibrary("Clp"), .linkedLibrary("CoinUtils")]),
        .target(name: "AllotPortfolio", dependencies: ["AllotCore", "CCbc", "CClp"]),
        // A round evaluated from its evidence: calibration, scores, the portfolio and its robustness, the result
        // document and its renderings. Shared by the command line and the server.
        .target(name: "AllotRounds", dependencies: ["AllotCore", "AllotIngest", "AllotStore", "AllotPortfolio"]),
        // The daemon: HTTP API (Hummingbird), auth, round runs and the services of `allot serve`.
        .target(name: "AllotServer", dependencies: [
            "AllotCore", "AllotIngest", "AllotStore", "AllotRounds", "AllotWebhooks", "AllotPortfolio",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ]),
        // Commands and services wired together; the executable only calls into it.
        .target(name: "AllotApp", dependencies: [
            "AllotCore", "AllotIngest", "AllotStore", "AllotWebhooks", "AllotPortfolio", "AllotRounds", "AllotServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "allot", dependencies: ["AllotApp", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "AllotCoreTests", dependencies: ["AllotCore"]),
        // Fixtures/ holds CSV and JSON files the tests read by path (beside #filePath), not resources.
        .testTarget(name: "AllotIngestTests", dependencies: ["AllotIngest", "AllotCore"], exclude: ["Fixtures"]),
        .testTarget(name: "AllotStoreTests", dependencies: ["AllotStore", "AllotIngest", "AllotCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "AllotWebhooksTests", dependencies: [
            "AllotWebhooks", "AllotStore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "AllotPortfolioTests", dependencies: ["AllotPortfolio", "AllotCore"]),
        .testTarget(name: "AllotRoundsTests", dependencies: ["AllotRounds", "AllotPortfolio", "AllotCore"]),
        .testTarget(name: "AllotServerTests", dependencies: [
            "AllotServer", "AllotStore", "AllotIngest", "AllotCore", "AllotRounds", "AllotWebhooks", "AllotApp",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "AllotAppTests", dependencies: ["AllotApp", "AllotIngest", "AllotStore", "AllotCore"], exclude: ["Fixtures"]),
    ]
)
