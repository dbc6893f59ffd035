import Foundation
import RingfindCSV
import RingfindCase
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
    /// Communities, centrality and rings side by side or one after another (`AnalysisSchedule`).
    public var schedule = AnalysisSchedule.auto
    /// Rings drawn as pictures (`rings/ring-NNN.svg`), best first.
    public var pictureLimit = 50
    /// The command line, recorded in `build.json`.
    public var commandLine: [String]
    /// Create the output folder 0750 and files 0640 instead of 0700 / 0600.
    public var groupReadable = false
    /// `case.sqlite` keeps every edge (input row) while the case has at most this many; above
    /// it, only those touching a suspect (see `CaseSchema`). `Int.max` keeps all.
    public var caseWholeUpTo = CaseSchema.allEventsLimit
    /// `--since/--until`: log rows outside are counted, not used.
    public var window: TimeWindow? = nil
    /// The texts of `--since` and `--until` as given (for `build.json`).
    public var windowText: (since: String?, until: String?) = (nil, nil)
    /// `--pseudonymize`: every id and name in every output replaced by a keyed pseudonym.
    public var pseudonymizer: Pseudonymizer? = nil
    /// `--suggest-aliases`: write `alias-suggestions.csv` (never applied).
    public var suggestAliases = false
    /// Called after each step of publishing the case (fault injection: tests end the process
    /// there to check that every interruption leaves a whole case).
    public var afterPublishStep: (@Sendable (Int) -> Void)? = nil

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
        try OutputPlacement.check(input: options.inputFolder, output: options.outputFolder)
        let createdFolder = CaseFolder.kind(of: options.outputFolder) == .missing
        let staging = try OutputStaging(folder: options.outputFolder, modes: options.groupReadable ? .groupReadable : .ownerOnly)
        // Fail now, not after the analysis, if a report would replace someone else's file.
        // Outputs written only when asked for, before the manifest (which stays last).
        let optional = options.suggestAliases ? [AliasSuggestionsReport.file] : []
        try staging.checkOwnership(of: outputs + optional + ["overview.dot", "overview.svg", "index.html"])
        // About the folder, not the data: in build.json and the summary, not in the case file.
        let folderWarnings = createdFolder ? [] : OutputPlacement.exposure(of: options.outputFolder, groupReadable: options.groupReadable)
        var warnings: [String] = []
        endStage("discover")

        // Ingest, streaming rejected rows into the staged rejected.csv.
        let rejected = try writingCSV { () throws(CSVWriteError) in
            let writer = try CSVWriter(path: staging.stagedPath("rejected.csv"))
            try writer.row(rejectedHeader)
            return writer
        }
        var samples: [RowRejection] = []
        let withholding = options.pseudonymizer != nil
        var ingestor = Ingestor(policy: options.rejectPolicy, window: options.window) { (raw: RowRejection) throws(IngestError) in
            // A pseudonymised build records where and why a row was rejected, never its values.
            let rejection = withholding ? PseudonymStage.withheld(raw) : raw
            if samples.count < 3 { samples.append(rejection) }
            do {
                for cell in [rejection.file, String(rejection.line), String(rejection.column), rejection.reason.field,
                             rejection.reason.code, withholding ? rejection.withheldReason : rejection.reason.description, rejection.row] {
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
                if withholding, case .strictRejection(let rejection) = error { throw .input(.strictRejection(PseudonymStage.withheld(rejection))) }
                throw .input(error)
            }
        }
        try writingCSV { () throws(CSVWriteError) in try rejected.close() }
        var (entities, events, mapping) = ingestor.finishWithMapping()
        var centralityOptions = options.centrality
        var commandLine = options.commandLine
        // Names are compared as written, before any pseudonym replaces them.
        let suggester = AliasSuggestions()
        let nameSuggestions = options.suggestAliases ? suggester.byName(entities) : nil
        if let pseudonymizer = options.pseudonymizer {
            try PseudonymStage.apply(pseudonymizer, entities: &entities, events: &events)
            // Seeds are given as the raw ids the investigator knows; they are recorded as pseudonyms.
            centralityOptions.seeds = centralityOptions.seeds.map { pseudonymizer.pseudonym($0, .id) }
            commandLine = PseudonymStage.commandLine(commandLine, pseudonymizer)
        }
        for report in reports where report.bytes > 0 && report.rowsRead == 0 {
            warnings.append("\((report.path as NSString).lastPathComponent) has \(report.bytes) bytes but no rows (only a header?)")
        }
        endStage("ingest")

        progress?("building the graph")
        let graph = GraphBuilder.build(nodeCount: entities.count, events: events)
        endStage("graph")

        // Communities, centrality and rings do not feed each other (centrality only reuses the
        // communities' projection), so they run side by side: none of them keeps both cores
        // busy all the time. Each is deterministic on its own, so the schedule changes no
        // output; their stage times overlap (their sum exceeds the time they took together).
        progress?("finding communities (\(options.communities.algorithm)), scoring centrality, looking for rings")
        let projectionStart = Date()
        let projection = CommunityStage.projection(of: graph, options: options.communities)
        let projectionSeconds = Date().timeIntervalSince(projectionStart)
        let analysed = (entities: entities, events: events, centrality: centralityOptions)  // constants for the threads
        let analyses = SideBySideAnalyses()
        let eventRows = EdgeType.allCases.reduce(0) { $0 + events[$1].rowCount }
        let sideBySide = options.schedule.runsSideBySide(events: eventRows, physicalMemory: ProcessInfo.processInfo.physicalMemory)
        let analyse = { @Sendable (task: Int) in
            let start = Date()
            switch task {
            case 0:
                analyses.communities = CommunityStage.run(projection: projection, options: options.communities)
                analyses.communitySeconds = projectionSeconds + Date().timeIntervalSince(start)
            case 1:
                do throws(BuildError) {
                    analyses.centrality = .success(try CentralityStage.run(graph, entities: analysed.entities, projection: projection,
                                                                           typeWeights: options.communities.typeWeights,
                                                                           options: analysed.centrality))
                } catch { analyses.centrality = .failure(error) }
                analyses.centralitySeconds = Date().timeIntervalSince(start)
            default:
                analyses.rings = RingDetector(parameters: options.rings).run(entities: analysed.entities, events: analysed.events)
                analyses.baseline = BaselineRule.run(graph: graph, entities: analysed.entities)
                analyses.ringSeconds = Date().timeIntervalSince(start)
            }
        }
        if sideBySide {
            DispatchQueue.concurrentPerform(iterations: 3, execute: analyse)
        } else {
            for task in 0..<3 { analyse(task) }
        }
        let communities = analyses.communities!, rings = analyses.rings!, baseline = analyses.baseline!
        let centrality = try analyses.centrality!.get()
        if !centrality.betweenness.computed {
            warnings.append("betweenness not computed: on a graph this large, the sample the time budget allows would be off by up to "
                + String(format: "%.2f", centrality.betweenness.errorBound)
                + ", more than any value it would rank (--betweenness-samples N computes it anyway)")
        }
        func seconds(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }
        stages.append(.init(stage: "communities", seconds: seconds(analyses.communitySeconds)))
        stages.append(.init(stage: "centrality", seconds: seconds(analyses.centralitySeconds)))
        stages.append(.init(stage: "rings", seconds: seconds(analyses.ringSeconds)))
        stageStart = Date()

        progress?("writing reports")
        try writingCSV { () throws(CSVWriteError) in
            try EntitiesReport.write(to: staging.stagedPath("entities.csv"), entities: entities,
                                     communities: communities.partition.labels, centrality: centrality, rings: rings)
            try RingReports.writeRings(to: staging.stagedPath("rings.csv"), detection: rings, entities: entities)
            try RingReports.writeSuspects(to: staging.stagedPath("suspects.csv"), detection: rings, entities: entities)
            try RingReports.writeEvidence(to: staging.stagedPath("evidence.csv"), detection: rings, entities: entities,
                                          events: events)
            try RingReports.writeBaseline(to: staging.stagedPath("baseline-rings.csv"), rings: baseline,
                                          entities: entities)
        }
        var suggestionCounts: BuildManifest.AliasSuggestionCounts? = nil
        if let nameSuggestions {
            let shared = suggester.byCounterparties(graph, entities: entities)
            let all = AliasSuggestions.ordered(nameSuggestions.suggestions + shared.suggestions, entities: entities)
            try writingCSV { () throws(CSVWriteError) in
                try AliasSuggestionsReport.write(to: staging.stagedPath(AliasSuggestionsReport.file), all,
                                                 entities: entities, withholdKeys: options.pseudonymizer != nil)
            }
            suggestionCounts = .init(sameName: all.filter { $0.reason == "same_name" }.count,
                                     sameEmailLocalPart: all.filter { $0.reason == "same_email_local_part" }.count,
                                     sharedCounterparties: shared.suggestions.count, bucketsSkipped: nameSuggestions.bucketsSkipped,
                                     hubsSkipped: shared.hubsSkipped, maxBucket: suggester.maxBucket,
                                     maxCounterpartyDegree: suggester.maxCounterpartyDegree, minShared: suggester.minShared,
                                     minJaccard: suggester.minJaccard)
        }
        endStage("reports")

        progress?("drawing pictures")
        let parts = BuildResultParts(
            entities: entities, events: events, graph: graph, communities: communities, rings: rings,
            summary: [("input", options.inputFolder), ("entities", "\(entities.count)"),
                      ("events", "\(EdgeType.allCases.reduce(Int64(0)) { $0 + events[$1].eventCount })"),
                      ("rows rejected", "\(reports.reduce(0) { $0 + $1.rowsRejected })"),
                      ("communities", "\(communities.partition.count) (modularity \(String(format: "%.4f", communities.modularity)))"),
                      ("rings", "\(rings.rings.count)"), ("ringfind", RingfindVersion.current)],
            inputs: reports.map { HTMLReport.Input(path: $0.path, rows: $0.rowsRead, rejected: $0.rowsRejected, sha256: $0.sha256) },
            window: options.rings.window)
        let pictures = try RenderStage.run(staging: staging, result: parts, ringLimit: options.pictureLimit)
        try writingCSV { () throws(CSVWriteError) in
            try CommunitiesReport.write(to: staging.stagedPath("communities.csv"), analysis: communities,
                                        entities: entities)
        }
        endStage("pictures")

        var manifest = BuildManifest(
            ringfindVersion: RingfindVersion.current,
            commandLine: commandLine,
            parameters: .init(input: options.inputFolder, output: options.outputFolder,
                              strict: options.rejectPolicy.strict, maxRejects: options.rejectPolicy.description),
            inputs: reports,
            ignoredFiles: discovered.ignored,
            totals: .init(rowsRead: reports.reduce(0) { $0 + $1.rowsRead },
                          rowsAccepted: reports.reduce(0) { $0 + $1.rowsAccepted },
                          rowsRejected: reports.reduce(0) { $0 + $1.rowsRejected },
                          rowsOutsideWindow: reports.reduce(0) { $0 + $1.rowsOutsideWindow }),
            graph: graphCounts(entities: entities, events: events, graph: graph),
            components: .init(communities.components),
            communities: .init(communities, options: options.communities),
            centrality: .init(centrality, options: centralityOptions),
            rings: .init(rings, parameters: options.rings, baselineRings: baseline.count),
            stageSeconds: stages,
            analysisSchedule: sideBySide ? "side by side" : "one after another",
            totalSeconds: 0,
            outputs: outputs + optional + pictures.files,
            warnings: folderWarnings + warnings + pictures.warnings)
        if let window = options.window {
            manifest.window = .init(since: options.windowText.since, start: window.startText, until: options.windowText.until,
                                    end: window.endText, rowsOutsideWindow: manifest.totals.rowsOutsideWindow)
        }
        manifest.aliasSuggestions = suggestionCounts
        if let pseudonymizer = options.pseudonymizer {
            manifest.pseudonyms = .init(applied: true, method: "HMAC-SHA-256, first 64 bits as P- (ids), N- (names), G- (groups), A- (attributes), R- (resources)",
                                        groupsKept: pseudonymizer.keepsGroups)
        }
        if reports.contains(where: { $0.kind == InputKind.aliases.rawValue || $0.kind == InputKind.resources.rawValue }) {
            manifest.mapping = mapping
        }
        progress?("writing the case file")
        // The case file keeps the deterministic part of the manifest (no timings, no command
        // line), so the same inputs and options give a byte-identical case file.
        var stableManifest = manifest
        stableManifest.stageSeconds = []
        stableManifest.analysisSchedule = nil
        stableManifest.totalSeconds = 0
        stableManifest.commandLine = []
        stableManifest.parameters.output = ""
        stableManifest.warnings = warnings + pictures.warnings
        // The build id: a digest of that part and of every other output's contents.
        var digests: [String: String] = [:]
        for name in pictures.files + optional + outputs where name != "case.sqlite" && name != "build.json" {
            digests[name] = try FileDigest.sha256(staging.stagedPath(name))
        }
        let identity = try stableManifest.encoded() + Data(digests.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)\n" }.joined().utf8)
        let buildID = String(FileDigest.sha256(of: identity).prefix(32))
        stableManifest.buildId = buildID
        var facts: [(String, String)] = [("pseudonymized", options.pseudonymizer == nil ? "no" : "yes")]
        if let window = options.window {
            if let start = window.startText { facts.append(("window_start", start)) }
            if let end = window.endText { facts.append(("window_end", end)) }
        }
        try CaseFileStage.write(to: staging.stagedPath("case.sqlite"), manifestJSON: try stableManifest.encoded(), buildID: buildID, facts: facts,
                                entities: entities, events: events, graph: graph, communities: communities, centrality: centrality, rings: rings,
                                baseline: baseline, wholeUpTo: options.caseWholeUpTo)
        digests["case.sqlite"] = try FileDigest.sha256(staging.stagedPath("case.sqlite"))
        endStage("case file")
        manifest.buildId = buildID
        manifest.outputSha256 = digests
        manifest.stageSeconds = stages
        manifest.totalSeconds = (Date().timeIntervalSince(started) * 1000).rounded() / 1000
        try staging.write(try manifest.encoded(), as: "build.json")
        try staging.publish(pictures.files + optional + outputs, buildID: buildID, afterStep: options.afterPublishStep)
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

/// Results of the analyses run side by side; each slot is written by exactly one task before
/// `concurrentPerform` returns, and read only after.
private final class SideBySideAnalyses: @unchecked Sendable {
    var communities: CommunityAnalysis?
    var centrality: Result<CentralityAnalysis, BuildError>?
    var rings: RingDetection?
    var baseline: [BaselineRule.BaselineRing]?
    var communitySeconds = 0.0, centralitySeconds = 0.0, ringSeconds = 0.0
}
