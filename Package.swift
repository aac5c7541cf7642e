// swift-tools-version:6.2
import PackageDescription

/// Every target opts into the strict upcoming features, so each module's imports are written down.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

/// Linux only: libgit2 comes from the system through pkg-config, the daemon runs under systemd, and the sources call
/// Glibc. No `platforms:` entry, as SwiftPM has none that says "Linux only".
let package = Package(
    name: "mooring",
    products: [
        .executable(name: "mooring", targets: ["mooring"]),
        .executable(name: "kubesim", targets: ["kubesim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibGit2",
            pkgConfig: "libgit2",
            providers: [.apt(["libgit2-dev"])]
        ),
        // glibc's malloc tuning (malloc.h is not part of the Glibc module).
        .systemLibrary(name: "CMalloc"),
        .target(
            name: "MooringCore",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Timing",
            swiftSettings: strictSettings
        ),
        .target(
            name: "URLLoading",
            swiftSettings: strictSettings
        ),
        .target(
            name: "ChildProcess",
            dependencies: [
                "Timing",
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "GitSource",
            dependencies: [
                "CLibGit2", "MooringCore", "ChildProcess",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Manifests",
            dependencies: ["MooringCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Tracking",
            dependencies: [
                "MooringCore", "Manifests", "URLLoading", .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Analysis",
            dependencies: ["Manifests", "URLLoading"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Cluster",
            dependencies: [
                "MooringCore", "ChildProcess", "Timing",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Reconciler",
            dependencies: ["MooringCore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "Sync",
            dependencies: [
                "MooringCore", "GitSource", "Manifests", "Cluster", "Reconciler",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MooringDaemon",
            dependencies: [
                "Sync", "Reconciler", "GitSource", "Cluster", "MooringCore", "CMalloc", "Analysis", "Manifests",
                "Timing", "URLLoading",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "KubeSim",
            dependencies: [
                "MooringCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "MooringDemo",
            dependencies: [
                "Sync", "Cluster", "KubeSim", "ChildProcess", "URLLoading",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "mooring",
            dependencies: [
                "MooringDaemon", "Sync", "GitSource", "Manifests", "Cluster", "Reconciler", "MooringCore", "Tracking",
                "MooringDemo", "URLLoading",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "kubesim",
            dependencies: [
                "KubeSim",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "GitSourceBenchmark",
            dependencies: ["GitSource"],
            path: "benchmarks/GitSourceBenchmark",
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "MooringFuzz",
            dependencies: ["Manifests", "MooringCore"],
            path: "fuzz/MooringFuzz",
            swiftSettings: strictSettings
        ),
        .target(
            name: "TestSupport",
            dependencies: [
                "MooringCore", "KubeSim",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport",
            exclude: ["Scenario"],
            swiftSettings: strictSettings
        ),
        // The scenario harness (a git remote, an in-process KubeSim, a host configuration, `mooring run`) shared by
        // the Sync, daemon and command-line tests.
        .target(
            name: "ScenarioSupport",
            dependencies: [
                "TestSupport", "Sync", "MooringDaemon", "MooringCore", "KubeSim",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/TestSupport/Scenario",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MooringCoreTests",
            dependencies: ["MooringCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "GitSourceTests",
            dependencies: ["GitSource", "MooringCore", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ManifestsTests",
            dependencies: ["Manifests", "MooringCore", "TestSupport"],
            resources: [.copy("Corpus"), .copy("Expected")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ClusterTests",
            dependencies: [
                "Cluster", "KubeSim", "MooringCore", "TestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "KubeSimTests",
            dependencies: [
                "KubeSim", "MooringCore", "TestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TimingTests",
            dependencies: ["Timing", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "URLLoadingTests",
            dependencies: ["URLLoading", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ChildProcessTests",
            dependencies: ["ChildProcess", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReconcilerTests",
            dependencies: ["Reconciler", "Manifests", "MooringCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "TrackingTests",
            dependencies: ["Tracking", "Manifests", "MooringCore", "TestSupport"],
            exclude: ["Support/mlflow_fixture.py", "Support/bearer_proxy.py"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AnalysisTests",
            dependencies: ["Analysis", "Manifests", "MooringCore", "KubeSim", "TestSupport"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SyncTests",
            dependencies: [
                "Sync", "Reconciler", "Manifests", "MooringCore", "GitSource", "Cluster", "KubeSim", "TestSupport",
                "ScenarioSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MooringDaemonTests",
            dependencies: [
                "MooringDaemon", "Analysis", "Sync", "Cluster", "GitSource", "Manifests", "MooringCore", "KubeSim",
                "TestSupport",
                "ScenarioSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "MooringCLITests",
            dependencies: ["mooring", "MooringCore", "KubeSim", "TestSupport", "ScenarioSupport"],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
