import Foundation
import RingfindGraph

extension BuildManifest {
    /// The manifest of a build, made once from what ran: the analysis with its parameters as
    /// they ran, what ingest read, and the build's options. The timings, the build id and the
    /// outputs' digests are known only once the case file is written: `finished` adds them.
    ///
    /// - Parameters:
    ///   - commandLine: as recorded (`--seeds` as pseudonyms in a pseudonymised build).
    ///   - outputs: every file the build writes, relative to the output folder.
    ///   - warnings: every problem that did not stop the build, about the output folder first.
    init(
        analysis: CaseAnalysis, ingest: IngestRecord, options: BuildOptions, commandLine: [String], outputs: [String],
        warnings: [String], aliasSuggestions: AliasSuggestionCounts?
    ) {
        let ran = analysis.parameters
        self.init(
            ringfindVersion: RingfindVersion.current,
            commandLine: commandLine,
            parameters: .init(
                input: options.inputFolder, output: options.outputFolder,
                strict: options.rejectPolicy.strict, maxRejects: options.rejectPolicy.description),
            inputs: ingest.inputs,
            ignoredFiles: ingest.ignoredFiles,
            totals: ingest.totals,
            graph: Self.graphCounts(entities: analysis.entities, events: analysis.events, graph: analysis.graph),
            components: .init(analysis.communities.components),
            communities: .init(analysis.communities, options: ran.communities),
            centrality: .init(analysis.centrality, options: ran.centrality),
            rings: .init(analysis.rings, parameters: ran.rings, baselineRings: analysis.baseline.count),
            stageSeconds: [],
            analysisSchedule: analysis.ranSideBySide ? "side by side" : "one after another",
            totalSeconds: 0,
            outputs: outputs,
            warnings: warnings)
        if let window = options.window {
            self.window = .init(
                since: options.windowText.since, start: window.startText, until: options.windowText.until,
                end: window.endText, rowsOutsideWindow: totals.rowsOutsideWindow)
        }
        if ingest.readMappingFiles { mapping = ingest.mapping }
        if let pseudonymizer = options.pseudonymizer {
            pseudonyms = .init(
                applied: true,
                method:
                    "HMAC-SHA-256, first 64 bits as P- (ids), N- (names), G- (groups), A- (attributes), R- (resources)",
                groupsKept: pseudonymizer.keepsGroups)
        }
        self.aliasSuggestions = aliasSuggestions
    }

    /// The deterministic part of the manifest, which the case file keeps and the build id
    /// digests: the same inputs and options give the same bytes. It leaves out what depends
    /// on when and where the build ran: the timings and schedule, the command line, the output
    /// folder and `folderWarnings` (warnings about that folder), the build id and digests.
    func stable(leavingOut folderWarnings: [String]) -> BuildManifest {
        var stable = self
        stable.buildId = ""
        stable.commandLine = []
        stable.parameters.output = ""
        stable.stageSeconds = []
        stable.analysisSchedule = nil
        stable.totalSeconds = 0
        stable.warnings = warnings.filter { !folderWarnings.contains($0) }
        stable.outputSha256 = nil
        return stable
    }

    /// The build id: SHA-256 (first 32 hex digits) of the stable manifest (`stable(leavingOut:)`)
    /// and of the digests of every output but `case.sqlite` and `build.json`.
    static func buildID(of stable: BuildManifest, outputDigests: [String: String]) throws(BuildError) -> String {
        let digests = outputDigests.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined()
        return String(FileDigest.sha256(of: try stable.encoded() + Data(digests.utf8)).prefix(32))
    }

    /// The manifest as `build.json` records it once the case is written: with its id, every
    /// output's digest and the stages' wall times.
    func finished(buildID: String, outputDigests: [String: String], stages: [Stage], totalSeconds: Double)
        -> BuildManifest
    {
        var finished = self
        finished.buildId = buildID
        finished.outputSha256 = outputDigests
        finished.stageSeconds = stages
        finished.totalSeconds = totalSeconds
        return finished
    }

    /// Sizes of the graph by entity kind and edge type.
    static func graphCounts(entities: EntityTable, events: EventStore, graph: MultiplexGraph) -> GraphCounts {
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
