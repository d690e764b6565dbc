// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "tracereport",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "tracereport", targets: ["tracereport"]),
        .library(name: "TraceReport", targets: ["TraceReport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        .target(
            name: "TraceReport",
            dependencies: [
                "CCmarkGFM",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                // `--history-from` URLs: on NIO, which the database client already brings. Foundation's
                // URLSession would link libcurl and its thirty libraries, which every run paid 7 ms to load.
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ],
            // Resources/Templates links to the top-level Templates/ folder; Resources/Sample holds the
            // sample pipeline spec. Both are compiled in, so the binary works from any folder.
            resources: [
                .embedInCode("Resources/Templates"),
                .embedInCode("Resources/Sample"),
            ],
            linkerSettings: [.linkedLibrary("cmark-gfm-extensions")]
        ),
        .executableTarget(
            name: "tracereport",
            dependencies: [
                "TraceReport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // Debian's mimalloc (libmimalloc-dev) replaces glibc's malloc for the whole process, Swift runtime
            // and cmark-gfm included: a build allocates small strings and arrays by the million, where glibc's
            // malloc and free were a large share of its time (figures: README, speed section).
            linkerSettings: [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]
        ),
        .testTarget(
            name: "TraceReportTests",
            dependencies: [
                "TraceReport", "tracereport",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures", "Snapshots"]
        ),
    ]
)
