// swift-tools-version:6.1
import PackageDescription

// Module boundaries follow ../shared/design/ARCHITECTURE.md:
// BotAPI and Formatting depend on Foundation only; Storage owns persistence (GRDB, PostgresNIO);
// Engine owns the world and knows nothing about HTTP; Server is the only HTTP-aware target.
let package = Package(
    name: "botapi",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "botapi", targets: ["botapi"]),
        .executable(name: "botapi-generate", targets: ["botapi-generate"]),
        .executable(name: "botapi-bench", targets: ["botapi-bench"]),
        .library(name: "BotAPI", targets: ["BotAPI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        // Web App init-data signatures (HMAC-SHA-256, Ed25519) and file digests.
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        // Operators' metrics: the API (swift-metrics) everywhere, Prometheus' format in Server.
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // Tests only: property-based checks of the parameter decoder and the formatting parsers.
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        // The shared store (`--database postgres://…`): the wire client only, no ORM.
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(name: "BotAPI"),
        // MARK: Media
        // Media processing (photo sizes, thumbnails, durations) with the system's libvips and
        // FFmpeg, through a thin C shim: libvips' API is variadic and does not import into
        // Swift. scripts/install-deps installs the -dev packages.
        //
        // The shim loads the libraries with dlopen at the first media file (CMedia.c says why),
        // so nothing may link them. That is why there are no system-library targets with
        // pkg-config here: SwiftPM passes their `--libs` to every link, ahead of any flag a
        // target could add. The headers need only glib's two include directories besides the
        // system's (FFmpeg's are in the multiarch include directory).
        .target(
            name: "CMedia",
            cSettings: [
                .unsafeFlags(
                    ["/usr/include/glib-2.0", "/usr/lib/x86_64-linux-gnu/glib-2.0/include", "/usr/lib/aarch64-linux-gnu/glib-2.0/include"]
                        .flatMap { ["-I", $0] }, .when(platforms: [.linux])),
                .unsafeFlags(
                    ["/opt/homebrew/include", "/opt/homebrew/include/glib-2.0", "/opt/homebrew/lib/glib-2.0/include",
                     "/usr/local/include", "/usr/local/include/glib-2.0", "/usr/local/lib/glib-2.0/include"]
                        .flatMap { ["-I", $0] }, .when(platforms: [.macOS])),
            ],
            linkerSettings: [.linkedLibrary("dl", .when(platforms: [.linux]))]
        ),
        // MARK: -
        .target(name: "Formatting"),
        .target(
            name: "Storage",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Engine",
            dependencies: [
                "BotAPI", "Formatting", "Storage", "CMedia",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "Server",
            dependencies: [
                "Engine", "BotAPI",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            // The browser client, served at `/` (Routing/WebClientRoute.swift).
            resources: [.copy("WebClient")]
        ),
        // Webhook delivery: consumes the engine's update queues and POSTs them to bots' URLs.
        .target(
            name: "Webhooks",
            dependencies: [
                "Engine", "BotAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
            ]
        ),
        .executableTarget(
            name: "botapi",
            dependencies: [
                "Server", "Engine", "Storage", "Webhooks",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ]
        ),
        // The code generator: spec.json -> Sources/BotAPI/Generated. Its logic is a library so
        // a test can regenerate in-process and fail on any drift from the committed output.
        .target(name: "BotAPIGenerator"),
        .executableTarget(name: "botapi-generate", dependencies: ["BotAPIGenerator"]),
        // The benchmark program: starts a release server and measures it (BENCHMARKS.md).
        .executableTarget(
            name: "botapi-bench",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "BotAPITests",
            dependencies: [
                "BotAPI", "BotAPIGenerator",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(
            name: "FormattingTests",
            dependencies: [
                "Formatting",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "StorageTests", dependencies: ["Storage"]),
        .testTarget(name: "EngineTests", dependencies: ["Engine", "Storage", "BotAPI"]),
        .testTarget(
            name: "WebhooksTests",
            dependencies: [
                "Webhooks", "Server", "Engine", "Storage", "BotAPI",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Engine", "Storage", "BotAPI",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                // Checks Web App init-data signatures independently of the engine.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            // Sample media (../shared/media) for the media tests.
            resources: [.copy("Resources/Media")]
        ),
    ]
)
