import Foundation
import RingfindGraph
import RingfindIngest
import RingfindRender
import RingfindRings

/// What `ringfind build` is asked to do.
public struct BuildOptions: Sendable {
    public var inputFolder: String
    public var outputFolder: String
    public var rejectPolicy: RejectPolicy
    public var communities: CommunityOptions
    public var centrality: CentralityOptions
    public var rings = RingParameters()
    /// Rings drawn as pictures (`rings/ring-NNN.svg`), best first.
    public var pictureLimit = 50
    /// The command line, recorded in `build.json`.
    public var commandLine: [String]

    public init(inputFolder: String, outputFolder: String = "Output", rejectPolicy: RejectPolicy = .standard,
                communities: CommunityOptions = CommunityOptions(), centrality: CentralityOptions = CentralityOptions(),
                commandLine: [String] = []) {
        self.inputFolder = inputFolder
        self.outputFolder = outputFolder
        self.rejectPolicy = rejectPolicy
        self.communities = communities
        self.centrality = centrality
        self.commandLine = commandLine
    }
}

/// The result of a successful build.
public struct BuildResult: Sendable {
    public var manifest: BuildManifest
    /// The first few rejected rows, for the summary.
    public var sampleRejections: [RowRejection]
    public var entities: EntityTable
    public var events: EventStore
    public var graph: MultiplexGraph
    public var communities: CommunityAnalysis
    public var centrality: CentralityAnalysis
    public var rings: RingDetection
}

/// Runs a build: discover inputs → ingest → graph → write outputs → commit.
///
/// Stage costs (measured on 10 M rows, see the README): ingest is linear in input bytes;
/// the graph is two radix passes per log, linear in rows plus entities; reports are linear
/// in entities plus edges.
public enum BuildPipeline {
    /// Outputs every build writes, relative to the output folder; the manifest is last so it
    /// is renamed into place last.
    public static let outputs = ["entities.csv", "communities.csv", "rings.csv", "suspects.csv", "evidence.csv",
                                 "baseline-rings.csv", "rejected.csv", "case.sqlite", "build.json"]
    static let rejectedHeader = ["file", "line", "column", "field", "code", "reason", "row"]

    /// Runs the build. `progress` receives short status lines (for a terminal).
    public static func run(_ options: BuildOptions, progress: ((String) -> Void)? = nil) throws(BuildError) -> BuildResult {
        let started = Date()
        var stages: [BuildManifest.Stage] = []
        var stageStart = Date()
        func endStage(_ name: String) {
            stages.append(.init(stage: name, seconds: (Date().timeIntervalSince(stageStart) * 1000).rounded() / 1000))
            stageStart = Date()
        }

        let discovered: (inputs: [InputFile], ignored: [String])
        do { discovered = try InputDiscovery.discover(folder: options.inputFolder) } catch { throw .input(error) }
        let staging = try OutputStaging(folder: options.outputFolder)
        endStage("discover")

        // Ingest, streaming rejected rows into the staged rejected.csv.
        let rejected = try CSVWriter(path: staging.stagedPath("rejected.csv"))
        try rejected.row(rejectedHeader)
        var samples: [RowRejection] = []
        var ingestor = Ingestor(policy: options.rejectPolicy) { (rejection: RowRejection) throws(IngestError) in
            if samples.count < 3 { samples.append(rejection) }
            do {
                for cell in [rejection.file, String(rejection.line), String(rejection.column), rejection.reason.field,
                             rejection.reason.code, rejection.reason.description, rejection.row] {
                    rejected.text(cell)
                }
                try rejected.endRow()
            } catch {
                throw .unreadableFile(file: rejection.file, reason: "cannot record a rejected row: \(error)")
            }
        }
        var reports: [FileReport] = []
        for input in discovered.inputs {
            let size = (try? FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
            if let progress {
                let name = (input.path as NSString).lastPathComponent
                progress("reading \(name)")
                ingestor.onProgress = { bytes in
                    progress("reading \(name): \(size > 0 ? min(100, bytes * 100 / size) : 0)%")
                }
            }
            do {
                reports.append(try ingestor.ingest(input))
            } catch {
                try? rejected.close()
                if case .tooManyRejects = error {
                    throw .rejectsExceeded(error, rejectedFile: staging.salvage("rejected.csv", as: "rejected-failed-build.csv"))
                }
                throw .input(error)
            }
        }
        try rejected.close()
        let (entities, events) = ingestor.finish()
        endStage("ingest")

        progress?("building the graph")
        let graph = GraphBuilder.build(nodeCount: entities.count, events: events)
        endStage("graph")

        progress?("finding communities (\(options.communities.algorithm))")
        let communities = CommunityStage.run(graph, options: options.communities)
        endStage("communities")

        progress?("scoring centrality")
        let centrality = try CentralityStage.run(graph, entities: entities, projection: communities.projection,
                                                 typeWeights: options.communities.typeWeights, options: options.centrality)
        endStage("centrality")

        progress?("looking for rings")
        let rings = RingDetector(parameters: options.rings).run(entities: entities, events: events)
        let baseline = BaselineRule.run(graph: graph, entities: entities)
        endStage("rings")

        progress?("writing reports")
        try EntitiesReport.write(to: staging.stagedPath("entities.csv"), entities: entities,
                                 communities: communities.partition.labels, centrality: centrality, rings: rings)
        try RingReports.writeRings(to: staging.stagedPath("rings.csv"), detection: rings, entities: entities)
        try RingReports.writeSuspects(to: staging.stagedPath("suspects.csv"), detection: rings, entities: entities)
        try RingReports.writeEvidence(to: staging.stagedPath("evidence.csv"), detection: rings, entities: entities, events: events)
        try RingReports.writeBaseline(to: staging.stagedPath("baseline-rings.csv"), rings: baseline, entities: entities)
        endStage("reports")

        progress?("drawing pictures")
        let parts = BuildResultParts(
            entities: entities, events: events, graph: graph, communities: communities, rings: rings,
            summary: [("input", options.inputFolder), ("entities", "\(entities.count)"),
                      ("events", "\(EdgeType.allCases.reduce(Int64(0)) { $0 + events[$1].eventCount })"),
                      ("rows rejected", "\(reports.reduce(0) { $0 + $1.rowsRejected })"),
                      ("communities", "\(communities.partition.count) (modularity \(String(format: "%.4f", communities.modularity)))"),
                      ("rings", "\(rings.rings.count)"), ("ringfind", RingfindVersion.current)],
            inputs: reports.map { HTMLReport.Input(path: $0.path, rows: $0.rowsRead, rejected: $0.rowsRejected, sha256: $0.sha256) })
        let pictures = try RenderStage.run(staging: staging, result: parts, ringLimit: options.pictureLimit)
        try CommunitiesReport.write(to: staging.stagedPath("communities.csv"), analysis: communities, entities: entities)
        endStage("pictures")

        var manifest = BuildManifest(
            ringfindVersion: RingfindVersion.current,
            commandLine: options.commandLine,
            parameters: .init(input: options.inputFolder, output: options.outputFolder,
                              strict: options.rejectPolicy.strict, maxRejects: options.rejectPolicy.description),
            inputs: reports,
            ignoredFiles: discovered.ignored,
            totals: .init(rowsRead: reports.reduce(0) { $0 + $1.rowsRead },
                          rowsAccepted: reports.reduce(0) { $0 + $1.rowsAccepted },
                          rowsRejected: reports.reduce(0) { $0 + $1.rowsRejected }),
            graph: graphCounts(entities: entities, events: events, graph: graph),
            components: .init(communities.components),
            communities: .init(communities, options: options.communities),
            centrality: .init(centrality, options: options.centrality),
            rings: .init(rings, parameters: options.rings, baselineRings: baseline.count),
            stageSeconds: stages,
            totalSeconds: 0,
            outputs: outputs + pictures.files,
            warnings: pictures.warnings)
        progress?("writing the case file")
        // The case file keeps the deterministic part of the manifest (no timings, no command
        // line), so the same inputs and options give a byte-identical case file.
        var stableManifest = manifest
        stableManifest.stageSeconds = []
        stableManifest.totalSeconds = 0
        stableManifest.commandLine = []
        stableManifest.parameters.output = ""
        try CaseFileStage.write(to: staging.stagedPath("case.sqlite"), manifestJSON: try stableManifest.encoded(), entities: entities,
                                events: events, graph: graph, communities: communities, centrality: centrality, rings: rings)
        endStage("case file")
        manifest.stageSeconds = stages
        manifest.totalSeconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        try staging.write(try manifest.encoded(), as: "build.json")
        try staging.commit(pictures.files.filter { !$0.hasPrefix("rings/") } + ["rings"] + outputs)
        return BuildResult(manifest: manifest, sampleRejections: samples, entities: entities, events: events, graph: graph,
                           communities: communities, centrality: centrality, rings: rings)
    }

    static func graphCounts(entities: EntityTable, events: EventStore, graph: MultiplexGraph) -> BuildManifest.GraphCounts {
        var byKind: [String: Int] = [:]
        for kind in EntityKind.allCases { byKind[kind.description] = 0 }
        for kind in entities.kinds { byKind[kind.description, default: 0] += 1 }
        var edges: [String: Int] = [:], eventCounts: [String: Int64] = [:], rows: [String: Int] = [:]
        for type in EdgeType.allCases {
            edges[type.description] = graph[type].edgeCount
            eventCounts[type.description] = events[type].eventCount
            rows[type.description] = events[type].rowCount
        }
        return .init(
            entities: entities.count, entitiesByKind: byKind,
            entitiesWithInferredKind: entities.kindOrigins.filter { $0 == .inferred }.count,
            kindConflicts: entities.kindConflictCount, edgesByType: edges, eventsByType: eventCounts, rowsByType: rows)
    }
}
