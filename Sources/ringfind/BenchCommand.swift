import ArgumentParser
import Foundation
import RingfindBench
import RingfindBuild
import RingfindCentrality
import RingfindCommunity
import RingfindGraph

/// `ringfind bench`: measurements that are not tests.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks on generated data (speed and memory).",
        discussion: "Build with -c release before measuring: swift run -c release ringfind bench ingest",
        subcommands: [
            BuildBenchCommand.self, IngestBenchCommand.self, CommunityBenchCommand.self, CentralityBenchCommand.self,
        ]
    )
}

/// `ringfind bench ingest`: the ingest + graph benchmark of the foundation issue.
struct IngestBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Time ingest and graph construction of generated event rows; report peak memory.",
        discussion: """
            Generates --rows event rows (communications 50%, payments 20%, access 30%; about 55 bytes \
            a row) into --work once and reuses them, then runs a full build --repeat times and prints \
            each stage's wall time, rows per second and peak resident memory. Target: 10,000,000 \
            rows in under 20 s with under 3 GB.
            """
    )

    @Option(help: "Event rows to generate (e.g. 10000000).")
    var rows: Int = 1_000_000

    @Option(help: "Seed of the generated data.")
    var seed: UInt64 = 1

    @Option(help: "Folder for the generated input and the output.", completion: .directory)
    var work: String = NSTemporaryDirectory() + "/ringfind-bench"

    @Option(name: .customLong("repeat"), help: "How many builds to time.")
    var repeats: Int = 3

    func validate() throws {
        guard rows > 0 else { throw ValidationError("--rows must be positive") }
        guard repeats > 0 else { throw ValidationError("--repeat must be positive") }
    }

    func run() throws {
        let measurements = try IngestBenchmark.run(rows: rows, seed: seed, workFolder: work, repeats: repeats) {
            FileHandleOutput.standardError($0 + "\n")
        }
        guard let first = measurements.first else { return }
        print(
            String(format: "input: %@ rows, %.0f MB", BuildSummary.grouped(first.rows), Double(first.inputBytes) / 1e6))
        let stageNames = first.stages.map(\.0)
        print(
            ("run" + stageNames.map { " " + $0.padding(toLength: 9, withPad: " ", startingAt: 0) }.joined())
                + " total     rows/s      peak RSS")
        for (i, m) in measurements.enumerated() {
            var line = String(i + 1).padding(toLength: 3, withPad: " ", startingAt: 0)
            for (_, seconds) in m.stages { line += String(format: " %8.2fs", seconds) }
            line += String(
                format: " %7.2fs  %9.0f  %7.0f MB", m.totalSeconds, Double(m.rows) / m.totalSeconds,
                Double(m.peakResidentBytes) / 1e6)
            print(line)
        }
        let totals = measurements.map(\.totalSeconds).sorted()
        print(String(format: "median total %.2f s", totals[totals.count / 2]))
    }
}

/// `ringfind bench communities`: the community detection benchmark (see Benchmarks/community_bench.py).
struct CommunityBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communities",
        abstract: "Time Leiden or Louvain on an edge list (src,dst[,weight] per line, 0-based ids).",
        discussion: """
            Loading is not timed. Prints one line per run and a JSON summary line (for \
            Benchmarks/community_bench.py, which compares with igraph and NetworKit on the same graph).
            """
    )

    @Option(help: "Edge list file.", completion: .file())
    var edges: String

    @Option(help: "leiden or louvain.")
    var algorithm: CommunityAlgorithm = .leiden

    @Option(help: "Modularity resolution γ.")
    var resolution: Double = 1

    @Option(help: "Seed of the first run (later runs use seed+1, seed+2, …).")
    var seed: UInt64 = 1

    @Option(name: .customLong("repeat"), help: "Timed runs.")
    var repeats: Int = 3

    @Option(help: "Write the communities of the best run here, one label per line by node id.", completion: .file())
    var labelsOut: String?

    func run() throws {
        let loadStart = Date()
        let graph: WeightedGraph
        graph = try CommandFailure.reporting("bench communities") { try EdgeListReader.read(path: edges) }
        FileHandleOutput.standardError(
            String(
                format: "loaded %d nodes, %d edges in %.2f s\n", graph.nodeCount, graph.edgeCount,
                Date().timeIntervalSince(loadStart)))
        let runs = CommunityBenchmark.run(
            graph: graph, algorithm: algorithm, resolution: resolution, seed: seed, repeats: repeats)
        for (i, run) in runs.enumerated() {
            print(
                String(
                    format: "run %d: %.3f s, modularity %.6f, %d communities, %d iterations, %d levels in the last",
                    i + 1, run.seconds, run.modularity, run.communities, run.iterations, run.levels))
        }
        let times = runs.map(\.seconds).sorted()
        let best = runs.max { $0.modularity < $1.modularity }!
        if let labelsOut {
            let text = best.partition.labels.map(String.init).joined(separator: "\n") + "\n"
            try text.write(toFile: labelsOut, atomically: true, encoding: .utf8)
        }
        print(
            String(
                format:
                    "{\"algorithm\": \"%@\", \"median_seconds\": %.4f, \"best_modularity\": %.6f, \"peak_rss_mb\": %.0f}",
                algorithm.rawValue, times[times.count / 2], best.modularity,
                Double(ProcessUsage.peakResidentBytes()) / 1e6))
    }
}

/// `ringfind bench centrality`: times one centrality measure on an edge list (see Benchmarks/centrality_bench.py).
struct CentralityBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "centrality",
        abstract: "Time a centrality measure on an edge list (src,dst[,weight] per line, 0-based ids).",
        discussion: "PageRank reads the edges as directed; the other measures as undirected. Loading is not timed."
    )

    enum Measure: String, ExpressibleByArgument, CaseIterable {
        case pagerank, betweenness, core
        case structuralHoles = "structural-holes"
        case brokerage
    }

    @Option(help: "Edge list file.", completion: .file())
    var edges: String

    @Option(help: "pagerank, betweenness, core, structural-holes or brokerage.")
    var measure: Measure = .pagerank

    @Option(help: "Betweenness: sample this many sources instead of the exact computation.")
    var samples: Int?

    @Option(name: .customLong("repeat"), help: "Timed runs.")
    var repeats: Int = 3

    func run() throws {
        let graph: WeightedGraph
        graph = try CommandFailure.reporting("bench centrality") { try EdgeListReader.read(path: edges) }
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        if measure == .pagerank || measure == .brokerage {
            // The edge list again, directed.
            for v in 0..<graph.nodeCount {
                for e in graph.range(v) where Int(graph.neighbors[e]) > v {
                    s.append(Int32(v))
                    t.append(graph.neighbors[e])
                    w.append(graph.weights[e])
                }
            }
        }
        let directed = DirectedGraph(nodeCount: graph.nodeCount, sources: s, targets: t, weights: w)
        var times: [Double] = []
        var summary = ""
        for _ in 0..<repeats {
            let started = DispatchTime.now().uptimeNanoseconds
            switch measure {
            case .pagerank:
                let r = PageRank().run(on: directed)
                summary = "iterations \(r.iterations), sum \(r.scores.reduce(0, +))"
            case .betweenness:
                let r = Betweenness(sampleSize: samples).run(on: graph)
                summary = "sources \(r.sources), max \(r.normalized.max() ?? 0), error bound \(r.errorBound)"
            case .core:
                summary = "max core \(CoreNumber.run(on: graph).max() ?? 0)"
            case .structuralHoles:
                let r = StructuralHoles.run(on: graph)
                summary = "mean constraint \(r.constraint.filter { !$0.isNaN }.reduce(0, +) / Double(graph.nodeCount))"
            case .brokerage:
                let groups = (0..<graph.nodeCount).map { Int32($0 % 4) }
                let r = Brokerage.run(on: directed, groups: groups, groupCount: 4)
                summary = "total brokerage \(r.total.reduce(0, +))"
            }
            times.append(Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9)
        }
        times.sort()
        print(
            String(
                format: "%@: median %.4f s over %d runs (%@)", measure.rawValue, times[times.count / 2], repeats,
                summary))
        print(
            String(
                format: "{\"measure\": \"%@\", \"median_seconds\": %.4f, \"peak_rss_mb\": %.0f}", measure.rawValue,
                times[times.count / 2], Double(ProcessUsage.peakResidentBytes()) / 1e6))
    }
}
