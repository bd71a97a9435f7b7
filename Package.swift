// swift-tools-version:6.0
import Foundation
import PackageDescription

/// `make fuzz` sets ALLOT_FUZZ=1 for its own build folder (.build-fuzz): the modules that parse input are
/// instrumented for libFuzzer and AddressSanitizer, and the fuzz targets link libFuzzer's main. Ordinary builds
/// are untouched, and there the fuzz targets replay the files they are given.
let fuzzing = ProcessInfo.processInfo.environment["ALLOT_FUZZ"] != nil
let instrumented: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []
let fuzzEntry: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library", "-DFUZZING"])] : []
let fuzzLink: [LinkerSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []

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
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // Pure domain: taxonomy, tallies, need model. No I/O, no third-party imports.
        .target(name: "AllotCore", swiftSettings: instrumented),
        // File formats and Config/ mappings: CSV reader, survey decoder, postcode lookups.
        .target(name: "AllotIngest", dependencies: [
            "AllotCore",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Crypto", package: "swift-crypto"),
        ], swiftSettings: instrumented),
        // The stores behind the repository protocols: SQLite (GRDB: one AppDatabase, versioned migrations) and
        // PostgreSQL (postgres-nio: PostgresStore, its own migrations). No other module imports GRDB's or postgres-nio's
        // types through the server or webhooks (MemberImportVisibility there), and none imports PostgresNIO at all.
        .target(name: "AllotStore", dependencies: [
            "AllotCore",
            .product(name: "GRDB", package: "GRDB.swift"),
            // SQLite's own calls, for the survey import's in-place binding (RawInsert).
            .product(name: "GRDBSQLite", package: "GRDB.swift"),
            .product(name: "PostgresNIO", package: "postgres-nio"),
            .product(name: "Logging", package: "swift-log"),
            // SHA-256 of each table's rows, to verify `allot store copy`.
            .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // libcurl as a system library; CurlShim wraps its variadic C calls.
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        .target(name: "CurlShim", dependencies: ["CCurl"]),
        // Webhook delivery on the store's `OutboxStore` protocol: no GRDB here. MemberImportVisibility makes a GRDB
        // member reached through the store's public types a compile error, as in AllotServer.
        .target(name: "AllotWebhooks", dependencies: [
            "AllotCore", "AllotStore", "CCurl", "CurlShim",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ], swiftSettings: [.enableUpcomingFeature("MemberImportVisibility")]),
        // CBC (COIN-OR) MILP solver through its C interface.
        .systemLibrary(name: "CCbc", pkgConfig: "cbc", providers: [.apt(["coinor-libcbc-dev"])]),
        // Clp's ClpSimplex behind a small C interface (C++): warm re-solves that keep Clp's work areas, which Clp's own
        // C interface cannot.
        .target(name: "CClp", linkerSettings: [.linkedLibrary("Clp"), .linkedLibrary("CoinUtils")]),
        .target(name: "AllotPortfolio", dependencies: ["AllotCore", "CCbc", "CClp"]),
        // A round evaluated from its evidence: calibration, scores, the portfolio and its robustness, the result
        // document and its renderings. Shared by the command line and the server.
        .target(name: "AllotRounds", dependencies: ["AllotCore", "AllotIngest", "AllotPortfolio"]),
        // Embeds docs/openapi.json and the web app's templates, CSS and script in AllotServer at build time: the binary
        // serves them with no files beside it, and docs/openapi.json stays the one copy of the served document.
        .executableTarget(name: "EmbedText"),
        .plugin(name: "EmbedServerFiles", capability: .buildTool(), dependencies: ["EmbedText"]),
        // The daemon: HTTP API (Hummingbird), auth, round runs and the services of `allot serve`.
        .target(name: "AllotServer", dependencies: [
            "AllotCore", "AllotIngest", "AllotStore", "AllotRounds", "AllotWebhooks", "AllotPortfolio",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "Metrics", package: "swift-metrics"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Mustache", package: "swift-mustache"),
            .product(name: "MultipartKit", package: "multipart-kit"),
        ], exclude: ["Web/Templates", "Web/Assets"],
        // MemberImportVisibility: a member of a module the file does not import is an error, so no GRDB call can creep
        // back into the server through the store's public types (the store alone talks to the database).
        swiftSettings: instrumented + [.enableUpcomingFeature("MemberImportVisibility")], plugins: ["EmbedServerFiles"]),
        // Commands and services wired together; the executable only calls into it.
        .target(name: "AllotApp", dependencies: [
            "AllotCore", "AllotIngest", "AllotStore", "AllotWebhooks", "AllotPortfolio", "AllotRounds", "AllotServer",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "allot", dependencies: ["AllotApp", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // Fuzz targets (`make fuzz`): the CSV readers with the survey decoder, the proposal and round-file decoders,
        // and the daemon's JSON request bodies. AllotFuzz holds what each feeds its input to, so the tests replay
        // kept inputs through the same code.
        .target(name: "AllotFuzz", dependencies: [
            "AllotCore", "AllotIngest", "AllotStore", "AllotServer",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
        .executableTarget(name: "FuzzSurveyCSV", dependencies: ["AllotFuzz"], swiftSettings: fuzzEntry, linkerSettings: fuzzLink),
        .executableTarget(name: "FuzzRoundFiles", dependencies: ["AllotFuzz"], swiftSettings: fuzzEntry, linkerSettings: fuzzLink),
        .executableTarget(name: "FuzzRequestBodies", dependencies: ["AllotFuzz"], swiftSettings: fuzzEntry, linkerSettings: fuzzLink),
        .testTarget(name: "AllotCoreTests", dependencies: ["AllotCore"]),
        // Fixtures/ holds CSV and JSON files the tests read by path (beside #filePath), not resources.
        .testTarget(name: "AllotIngestTests", dependencies: ["AllotIngest", "AllotCore"], exclude: ["Fixtures"]),
        .testTarget(name: "AllotStoreTests", dependencies: ["AllotStore", "AllotIngest", "AllotCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "AllotWebhooksTests", dependencies: [
            "AllotWebhooks", "AllotStore",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "AllotPortfolioTests", dependencies: ["AllotPortfolio", "AllotCore"]),
        .testTarget(name: "AllotRoundsTests", dependencies: ["AllotRounds", "AllotPortfolio", "AllotIngest", "AllotCore"]),
        .testTarget(name: "AllotServerTests", dependencies: [
            "AllotServer", "AllotStore", "AllotIngest", "AllotCore", "AllotRounds", "AllotWebhooks", "AllotApp",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "AllotAppTests", dependencies: ["AllotApp", "AllotIngest", "AllotStore", "AllotCore"], exclude: ["Fixtures"]),
        .testTarget(name: "AllotFuzzTests", dependencies: ["AllotFuzz"], exclude: ["Inputs"]),
    ]
)
