// swift-tools-version: 6.1
// ringfind: find broker bribery rings in communications, payments and access logs.
//
// Modules depend one way (see ../shared/STYLE.md):
//   RingfindGraph <- RingfindIngest    <- RingfindBuild <- ringfind (thin CLI)
//                 <- RingfindCommunity <-               <- RingfindBench (synthetic inputs, benchmarks)
import PackageDescription

/// Hot loops over contiguous buffers: dynamic exclusivity checks cost ~15% of ingest time in
/// release builds (measured with perf); debug builds and tests keep them on.
let hotLoopSettings: [SwiftSetting] = [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
/// Debug builds (and so every test run) check the graph's CSR invariants each time one is
/// built (`TypedEdges.checkInvariants`, O(edges)); release builds do not.
let invariantSettings: [SwiftSetting] = [.define("RINGFIND_INVARIANTS", .when(configuration: .debug))]

let package = Package(
    name: "ringfind",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ringfind", targets: ["ringfind"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // `__builtin_prefetch` for Swift (header only): the interner's software prefetching.
        .target(name: "CPrefetch"),
        // glibc's `mallopt` for Swift (header only): large blocks mapped and returned when freed.
        .target(name: "CAllocator"),
        // Entities, typed events in columnar arrays, and the immutable CSR multiplex graph.
        .target(name: "RingfindGraph", dependencies: ["CPrefetch"], swiftSettings: hotLoopSettings + invariantSettings),
        // Input files (CSV, JSON Lines) -> validated rows -> entity table and event logs.
        .target(
            name: "RingfindIngest",
            dependencies: [
                "RingfindGraph",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: hotLoopSettings
        ),
        // Community detection (Leiden, Louvain), modularity, components, on an undirected projection.
        .target(
            name: "RingfindCommunity", dependencies: ["RingfindGraph", "CPrefetch"], swiftSettings: hotLoopSettings),
        // Centrality and brokerage: degree, PageRank, betweenness, k-core, Burt, Gould–Fernandez.
        .target(name: "RingfindCentrality", dependencies: ["RingfindGraph"], swiftSettings: hotLoopSettings),
        // CSV writing (RFC 4180, formula guard, one escaping function): reports, generated worlds, query results.
        .target(name: "RingfindCSV", dependencies: ["RingfindGraph"]),
        // Broker ring detection, scoring, evidence and evaluation.
        .target(name: "RingfindRings", dependencies: ["RingfindGraph", "CPrefetch"]),
        // Graphviz's C library (Debian: libgraphviz-dev), seen only by RingfindGraphviz.
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        // DOT text read with ids in order of first mention, so a layout depends on the text alone.
        .target(name: "CGraphvizReader", dependencies: ["CGraphviz"]),
        // In-process layout and rendering of DOT to SVG/PNG: the one importer of CGraphviz.
        .target(name: "RingfindGraphviz", dependencies: ["CGraphviz", "CGraphvizReader"]),
        // DOT pictures of rings and the case overview, and the HTML report (pure Swift).
        .target(name: "RingfindRender", dependencies: ["RingfindGraph", "RingfindRings"]),
        // The case file (SQLite via GRDB): written by `build`, read by `query`.
        .target(
            name: "RingfindCase",
            dependencies: [
                "RingfindGraph", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: hotLoopSettings),
        // libedit (Debian: libedit-dev), seen only by RingfindLineEditor.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        // Interactive input with history and completion: the one importer of CEditLine.
        .target(name: "RingfindLineEditor", dependencies: ["CEditLine"], swiftSettings: [.swiftLanguageMode(.v5)]),
        // `ringfind query`: commands over the case file, the session, formatting.
        .target(
            name: "RingfindQuery",
            dependencies: [
                "RingfindCase", "RingfindCSV", "RingfindRender", "RingfindGraphviz",
                "RingfindGraph", "RingfindRings",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        // The `build` pipeline: stages, reject policy, reports, atomic output folder.
        .target(
            name: "RingfindBuild",
            dependencies: [
                "RingfindGraph", "RingfindCSV", "RingfindIngest", "RingfindCommunity",
                "RingfindCentrality", "RingfindRings", "RingfindRender", "RingfindGraphviz",
                "RingfindCase", .product(name: "Crypto", package: "swift-crypto"),
            ]),
        // Synthetic worlds with planted rings (`ringfind generate`).
        .target(name: "RingfindSynthesis", dependencies: ["RingfindGraph", "RingfindCSV"]),
        // Synthetic event files and the ingest benchmark behind `ringfind bench`.
        .target(name: "RingfindBench", dependencies: ["RingfindBuild", "RingfindCommunity", "RingfindGraph"]),
        .executableTarget(
            name: "ringfind",
            dependencies: [
                "RingfindBuild", "RingfindBench", "RingfindCommunity", "RingfindGraph", "RingfindCentrality",
                "RingfindSynthesis", "RingfindRings", "RingfindGraphviz", "RingfindQuery", "RingfindLineEditor",
                "RingfindCase", "RingfindIngest", "RingfindRender", "CAllocator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(name: "TestSupport", dependencies: ["RingfindGraph", "RingfindIngest"], path: "Tests/TestSupport"),
        .testTarget(name: "RingfindGraphTests", dependencies: ["RingfindGraph", "TestSupport"]),
        .testTarget(name: "RingfindIngestTests", dependencies: ["RingfindIngest", "TestSupport"]),
        .testTarget(
            name: "RingfindBuildTests",
            dependencies: [
                "RingfindBuild", "RingfindCase", "RingfindCommunity",
                "RingfindCentrality", "RingfindGraph", "RingfindIngest", "RingfindRings", "TestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .testTarget(name: "RingfindCSVTests", dependencies: ["RingfindCSV", "TestSupport"]),
        .testTarget(
            name: "RingfindRingsTests",
            dependencies: ["RingfindRings", "RingfindGraph", "RingfindIngest", "TestSupport"]),
        .testTarget(
            name: "RingfindRenderTests",
            dependencies: [
                "RingfindRender", "RingfindGraphviz", "RingfindBuild", "RingfindRings", "RingfindGraph", "TestSupport",
            ]),
        .testTarget(
            name: "RingfindCentralityTests", dependencies: ["RingfindCentrality", "RingfindGraph", "TestSupport"]),
        .testTarget(
            name: "RingfindCommunityTests", dependencies: ["RingfindCommunity", "RingfindGraph", "TestSupport"]),
        .testTarget(
            name: "RingfindQueryTests",
            dependencies: ["RingfindQuery", "RingfindGraph", "RingfindCase", "RingfindBuild", "TestSupport"]),
        .testTarget(
            name: "RingfindSynthesisTests",
            dependencies: ["RingfindSynthesis", "RingfindIngest", "RingfindGraph", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["ringfind", "TestSupport"]),
    ]
)
