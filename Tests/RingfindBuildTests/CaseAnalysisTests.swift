import Foundation
import RingfindGraph
import RingfindIngest
import RingfindRings
import TestSupport
import Testing

@testable import RingfindBuild

/// The analysis of a case, on its own: a function of tables and parameters that touches no
/// file, keeps the parameters it ran with, and is what publication writes out.
@Suite struct CaseAnalysisTests {
    /// Two cliques of four employees who message each other, joined by one bridge a1–b1; and
    /// an external nobody talks to. Built in memory, without a file.
    static func twoCliques() -> (EntityTable, EventStore) {
        var entities = EntityTable()
        for (line, id) in ["a1", "a2", "a3", "a4", "b1", "b2", "b3", "b4", "loner"].enumerated() {
            _ = Array(id.utf8).withUnsafeBytes {
                entities.declare(
                    id: $0, kind: id == "loner" ? .external : .employee, name: id.uppercased(), group: "",
                    line: line + 2)
            }
        }
        var events = EventStore()
        events.sourceFiles = ["memory"]
        func message(_ from: Int32, _ to: Int32, count: Int32) {
            let row = events.communications.rowCount
            events.communications.source.append(from)
            events.communications.target.append(to)
            events.communications.time.append(1_735_689_600_000 + Int64(row) * 60_000)
            events.communications.count.append(count)
            events.communications.label.append(-1)
            events.communications.file.append(0)
            events.communications.line.append(UInt32(row + 2))
        }
        for clique in [Int32(0), 4] {
            for i in clique..<clique + 4 { for j in clique..<clique + 4 where i < j { message(i, j, count: 5) } }
        }
        message(0, 4, count: 1)
        return (entities, events)
    }

    @Test func theAnalysisRunsOnTablesBuiltInMemory() throws {
        let (entities, events) = Self.twoCliques()
        let clock = StageClock()
        let analysis = try CaseAnalysis.run(
            entities: entities, events: events, parameters: AnalysisParameters(), clock: clock)
        #expect(analysis.graph.communications.edgeCount == 13)
        // The cliques are the two largest communities; the loner is a community of its own.
        let labels = analysis.communities.partition.labels
        #expect(analysis.communities.sizes == [4, 4, 1])
        #expect(Set(labels[0..<4]).count == 1 && Set(labels[4..<8]).count == 1 && labels[0] != labels[4])
        #expect(labels[8] == 2)
        #expect(analysis.communities.modularity > 0.4)
        // The bridge's ends lie on every shortest path between the cliques.
        let betweenness = analysis.centrality.betweenness.normalized
        #expect(betweenness[0] > betweenness[1] && betweenness[4] > betweenness[5])
        // Messages alone make no ring: no money, no access to show.
        #expect(analysis.rings.rings.isEmpty && analysis.baseline.isEmpty)
        #expect(!analysis.rings.unavailable.isEmpty)
        #expect(clock.stages.map(\.stage) == ["graph", "communities", "centrality", "rings"])
    }

    @Test func theAnalysisFindsTheRingsTheBuildPublishes() throws {
        let demo = RepositoryFiles.path("Datasets/demo")
        let read = try IngestRun.of(folder: demo)
        let analysis = try CaseAnalysis.run(
            entities: read.entities, events: read.events, parameters: AnalysisParameters())
        let output = TemporaryFolder("ringfind-out")
        let built = try BuildPipeline.run(BuildOptions(inputFolder: demo, outputFolder: output.path))
        func members(_ analysis: CaseAnalysis) -> [[String]] {
            analysis.rings.rings.map { $0.members.map { analysis.entities.id($0.entity) } }
        }
        #expect(analysis.rings.rings.count == 3)
        #expect(members(analysis) == members(built.analysis))
        #expect(analysis.communities.partition.labels == built.analysis.communities.partition.labels)
        #expect(analysis.centrality.pageRank.scores == built.analysis.centrality.pageRank.scores)
        // The planted brokers (Datasets/demo-truth.csv) are the rings' brokers.
        let brokers = Set(analysis.rings.rings.flatMap { $0.members(.broker).map { analysis.entities.id($0.entity) } })
        let truth = try String(contentsOfFile: RepositoryFiles.path("Datasets/demo-truth.csv"), encoding: .utf8)
        let rows: [[Substring]] = truth.split(separator: "\n").map { $0.split(separator: ",") }
        let planted = Set(rows.filter { $0.count == 3 && $0[2] == "broker" }.map { String($0[0]) })
        #expect(brokers == planted)
    }

    /// Side by side or one after another, the same tables give the same results.
    @Test func theScheduleChangesNoResult() throws {
        let (entities, events) = Self.twoCliques()
        var parameters = AnalysisParameters()
        parameters.schedule = .sideBySide
        let together = try CaseAnalysis.run(entities: entities, events: events, parameters: parameters)
        parameters.schedule = .sequential
        let apart = try CaseAnalysis.run(entities: entities, events: events, parameters: parameters)
        #expect(together.ranSideBySide && !apart.ranSideBySide)
        #expect(together.communities.partition.labels == apart.communities.partition.labels)
        #expect(together.centrality.pageRank.scores == apart.centrality.pageRank.scores)
        #expect(together.centrality.betweenness.normalized == apart.centrality.betweenness.normalized)
    }

    @Test func aSeedThatNamesNoEntityIsAnError() {
        let (entities, events) = Self.twoCliques()
        var parameters = AnalysisParameters()
        parameters.centrality.seeds = ["nobody"]
        do {
            _ = try CaseAnalysis.run(entities: entities, events: events, parameters: parameters)
            Issue.record("an unknown seed was accepted")
        } catch {
            #expect(
                error.description.hasPrefix("--seeds 'nobody'")
                    && error.description.hasSuffix("expected the id of an entity in the input"))
        }
    }

    /// build.json's parameters come from the analysis value, which keeps what it ran with —
    /// not from the options' defaults.
    @Test func theManifestRecordsTheParametersTheAnalysisRanWith() throws {
        let (entities, events) = Self.twoCliques()
        var parameters = AnalysisParameters()
        parameters.communities.leidenRandomness = 0.05
        parameters.communities.leidenIterations = 3
        parameters.communities.resolution = 0.5
        parameters.centrality.pageRankDamping = 0.7
        parameters.rings.alpha = 0.05
        let analysis = try CaseAnalysis.run(entities: entities, events: events, parameters: parameters)
        #expect(
            analysis.parameters.communities.leidenIterations == 3
                && analysis.parameters.centrality.pageRankDamping == 0.7)
        let ingest = IngestRecord(inputs: [], ignoredFiles: [], mapping: MappingReport(), sampleRejections: [])
        let manifest = BuildManifest(
            analysis: analysis, ingest: ingest, options: BuildOptions(inputFolder: "memory"), commandLine: [],
            outputs: [], warnings: [], aliasSuggestions: nil)
        #expect(manifest.communities.randomness == 0.05 && manifest.communities.maximumIterations == 3)
        #expect(manifest.communities.resolution == 0.5 && manifest.centrality.pagerank.damping == 0.7)
        #expect(manifest.rings.alpha == 0.05)
        #expect(manifest.communities.count == 3 && manifest.graph.entities == 9)
        // Louvain has no θ and no iteration limit: none is recorded.
        parameters.communities.algorithm = .louvain
        let louvain = try CaseAnalysis.run(entities: entities, events: events, parameters: parameters)
        let recorded = BuildManifest(
            analysis: louvain, ingest: ingest, options: BuildOptions(inputFolder: "memory"), commandLine: [],
            outputs: [], warnings: [], aliasSuggestions: nil)
        #expect(recorded.communities.algorithm == "louvain" && recorded.communities.randomness == nil)
        #expect(recorded.communities.maximumIterations == nil)
    }

    /// The case file keeps the stable part of the manifest: what depends on where and when the
    /// build ran is left out, so the build id does not depend on it.
    @Test func theStableManifestLeavesOutTheFolderTheCommandLineAndTheTimings() throws {
        let (entities, events) = Self.twoCliques()
        let analysis = try CaseAnalysis.run(entities: entities, events: events, parameters: AnalysisParameters())
        let ingest = IngestRecord(inputs: [], ignoredFiles: [], mapping: MappingReport(), sampleRejections: [])
        func manifest(output: String, folderWarnings: [String]) -> BuildManifest {
            var options = BuildOptions(inputFolder: "memory", outputFolder: output)
            options.commandLine = ["ringfind", "build", "memory", "--out", output]
            return BuildManifest(
                analysis: analysis, ingest: ingest, options: options, commandLine: options.commandLine,
                outputs: ["rings.csv"], warnings: folderWarnings + ["a picture was not drawn"], aliasSuggestions: nil
            )
            .finished(
                buildID: "0123", outputDigests: ["rings.csv": "ab"], stages: [.init(stage: "graph", seconds: 1)],
                totalSeconds: 2)
        }
        let here = manifest(output: "case-1", folderWarnings: [])
        let there = manifest(output: "case-2", folderWarnings: ["the output folder case-2 is open to others"])
        #expect(there.warnings.count == 2 && there.analysisSchedule != nil)
        let a = here.stable(leavingOut: []),
            b = there.stable(leavingOut: ["the output folder case-2 is open to others"])
        #expect(b.warnings == ["a picture was not drawn"])
        #expect(b.commandLine.isEmpty && b.parameters.output.isEmpty && b.stageSeconds.isEmpty && b.totalSeconds == 0)
        #expect(b.analysisSchedule == nil && b.buildId.isEmpty && b.outputSha256 == nil)
        #expect(try a.encoded() == b.encoded())
        #expect(
            try BuildManifest.buildID(of: a, outputDigests: ["rings.csv": "ab"])
                == BuildManifest.buildID(of: b, outputDigests: ["rings.csv": "ab"]))
        #expect(
            try BuildManifest.buildID(of: a, outputDigests: ["rings.csv": "ab"])
                != BuildManifest.buildID(of: a, outputDigests: ["rings.csv": "cd"]))
    }

    /// index.html and the terminal summary lead with the same numbers, from one value.
    @Test func oneSummaryHeadsTheIndexAndTheTerminal() throws {
        let input = TemporaryFolder("ringfind-in"), output = TemporaryFolder("ringfind-out")
        input.write("communications.csv", "from,to,timestamp\na,b,2024-01-01\nb,c,2024-01-02\nc,a,never\n")
        let result = try BuildPipeline.run(
            BuildOptions(
                inputFolder: input.path, outputFolder: output.path,
                rejectPolicy: .init(strict: false, limit: .count(10))))
        let summary = result.summary
        #expect(summary.entities == 3 && summary.events == 2 && summary.rowsRejected == 1 && summary.rings == 0)
        #expect(
            summary.facts.map(\.0) == [
                "input", "entities", "events", "rows rejected", "communities", "rings", "ringfind",
            ])
        let index = try #require(output.read("index.html"))
        for (_, value) in summary.facts { #expect(index.contains(value)) }
        let text = BuildSummary.text(result, outputFolder: output.path)
        #expect(text.contains("  entities: 3 (") && text.contains("  rings: 0 ("))
        #expect(text.contains("  warning: 1 row rejected"))
    }

    /// Every number is checked against its range before anything runs; the message names the
    /// option and the value (as `ringfind build` shows it).
    @Test func parametersOutOfRangeAreRefusedNamingTheOption() throws {
        func refusal(_ change: (inout AnalysisParameters) -> Void) -> String? {
            var parameters = AnalysisParameters()
            change(&parameters)
            do {
                try parameters.check()
                return nil
            } catch { return error.description }
        }
        #expect(refusal { _ in } == nil)
        #expect(
            refusal { $0.communities.leidenRandomness = 0 }
                == "--leiden-randomness 0.0: expected a number > 0, such as 0.01")
        #expect(refusal { $0.communities.leidenIterations = 0 } == "--leiden-iterations 0: expected a whole number ≥ 1")
        #expect(
            refusal { $0.centrality.pageRankDamping = 1 }
                == "--pagerank-damping 1.0: expected a number between 0 and 1, such as 0.85")
        #expect(refusal { $0.centrality.pageRankDamping = .nan }?.hasPrefix("--pagerank-damping nan:") == true)
        #expect(refusal { $0.communities.resolution = 0 } == "--resolution 0.0: expected a number > 0")
        #expect(refusal { $0.rings.alpha = 0 }?.hasPrefix("--alpha 0.0:") == true)
        #expect(refusal { $0.rings.window = 0 }?.hasPrefix("--window 0.0:") == true)
        #expect(refusal { $0.centrality.pageRankDamping = 0.999 } == nil)

        // The analysis refuses them too, and a build refuses them before it writes anything.
        let (entities, events) = Self.twoCliques()
        var parameters = AnalysisParameters()
        parameters.communities.leidenIterations = 0
        #expect(throws: BuildError.self) {
            try CaseAnalysis.run(entities: entities, events: events, parameters: parameters)
        }
        let output = TemporaryFolder("ringfind-out")
        var options = BuildOptions(
            inputFolder: RepositoryFiles.path("Datasets/handmade"), outputFolder: output.path + "/case")
        options.centrality.pageRankDamping = 1.5
        #expect(throws: BuildError.self) { try BuildPipeline.run(options) }
        #expect(!FileManager.default.fileExists(atPath: output.path + "/case"))
    }
}
