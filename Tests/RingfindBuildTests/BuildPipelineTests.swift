import Foundation
import RingfindCentrality
import RingfindCommunity
import RingfindGraph
import RingfindIngest
import TestSupport
import Testing

@testable import RingfindBuild

/// The build as a whole: what it writes, and that a failure changes nothing.
@Suite struct BuildPipelineTests {
    private func inputs() -> TemporaryFolder {
        let folder = TemporaryFolder("ringfind-in")
        folder.write(
            "entities.csv",
            "id,kind,name,group,email\ne1,employee,Eve,Support,eve@example.com\nv1,vendor,=HYPERLINK(\"x\"),DE,\n")
        folder.write("communications.csv", "from,to,timestamp\nx1,e1,2024-01-01\nx1,e1,2024-01-02\ne1,x1,bad\n")
        folder.write("payments.jsonl", #"{"from":"v1","to":"x1","amount":100}"# + "\n")
        folder.write("access.csv", "employee,action,vendor,ticket\ne1,delete_review,v1,\n")
        folder.write("README.md", "notes")
        return folder
    }

    private func build(
        _ input: TemporaryFolder, _ output: String, policy: RejectPolicy = .init(strict: false, limit: .count(10))
    ) throws -> BuildResult {
        try BuildPipeline.run(
            BuildOptions(inputFolder: input.path, outputFolder: output, rejectPolicy: policy, commandLine: ["test"]))
    }

    @Test func writesManifestEntitiesAndRejectedRows() throws {
        let input = inputs(), output = TemporaryFolder("ringfind-out")
        let result = try build(input, output.path)
        let m = result.manifest
        #expect(m.inputs.map(\.kind) == ["entities", "communications", "payments", "access"])
        #expect(m.totals.rowsRead == 7 && m.totals.rowsAccepted == 6 && m.totals.rowsRejected == 1)
        #expect(m.graph.entitiesByKind == ["employee": 1, "vendor": 1, "external": 1, "broker": 0])
        #expect(m.graph.edgesByType == ["communication": 1, "payment": 1, "access": 1])
        #expect(m.graph.eventsByType["communication"] == 2)
        #expect(m.ignoredFiles.isEmpty)
        #expect(m.inputs[0].sha256.count == 64)
        #expect(
            m.stageSeconds.map(\.stage) == [
                "discover", "ingest", "graph", "communities", "centrality", "rings", "reports", "pictures", "case file",
            ])

        let decoded = try BuildManifest.decode(Data(contentsOf: URL(fileURLWithPath: output.path + "/build.json")))
        #expect(decoded.totals.rowsRead == 7)

        let lines = output.read("entities.csv")!.split(separator: "\n")
        #expect(lines.first.map(String.init) == (EntitiesReport.columns + ["email"]).joined(separator: ","))
        #expect(lines.count == 4)
        #expect(lines[1].hasPrefix("e1,employee,Eve,Support,2,3,0,declared,"))
        #expect(lines[1].hasSuffix(",eve@example.com"))
        #expect(lines[2].hasPrefix(#"v1,vendor,"'=HYPERLINK(""x"")",DE,2,2,0,declared,"#))
        #expect(lines[3].hasPrefix("x1,external,,,2,3,0,inferred,"))
        let rejected = output.read("rejected.csv")!.split(separator: "\n")
        #expect(rejected.count == 2)
        #expect(
            rejected[1].hasSuffix(
                #"communications.csv,4,3,timestamp,bad_timestamp,'timestamp' is 'bad': expected ISO 8601 (2024-03-05 or 2024-03-05T10:20:30Z) or integer Unix seconds,"e1,x1,bad""#
            ))
    }

    /// build.json records the settings the algorithms ran with, not their defaults.
    @Test func theManifestRecordsTheSettingsAsTheyRan() throws {
        let output = TemporaryFolder("ringfind-out")
        var options = BuildOptions(inputFolder: RepositoryFiles.path("Datasets/demo"), outputFolder: output.path)
        options.communities.leidenRandomness = 0.05
        options.communities.leidenIterations = 3
        options.centrality.pageRankDamping = 0.7
        let tuned = try BuildPipeline.run(options).manifest
        #expect(tuned.communities.randomness == 0.05 && tuned.communities.maximumIterations == 3)
        #expect(tuned.centrality.pagerank.damping == 0.7)
        let plain = try BuildPipeline.run(
            BuildOptions(inputFolder: RepositoryFiles.path("Datasets/demo"), outputFolder: output.path)
        ).manifest
        #expect(
            plain.communities.randomness == 0.01 && plain.communities.maximumIterations == 2
                && plain.centrality.pagerank.damping == 0.85)
        // And they did run: PageRank at d = 0.7 converges in fewer iterations than at 0.85.
        #expect(tuned.centrality.pagerank.iterations < plain.centrality.pagerank.iterations)
    }

    @Test func sameInputsGiveByteIdenticalReports() throws {
        let input = inputs(), a = TemporaryFolder("ringfind-a"), b = TemporaryFolder("ringfind-b")
        _ = try build(input, a.path)
        _ = try build(input, b.path)
        // Every output but build.json (timings, command line) is byte-identical, the case file included.
        let files = try FileManager.default.subpathsOfDirectory(atPath: a.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files.contains("case.sqlite") && files.contains("index.html") && files.contains("rings.csv"))
        for name in files where name != "build.json" {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: a.path + "/" + name, isDirectory: &isDirectory),
                !isDirectory.boolValue
            else { continue }
            #expect(
                FileManager.default.contents(atPath: a.path + "/" + name)
                    == FileManager.default.contents(atPath: b.path + "/" + name), "\(name) differs")
        }
    }

    /// Run one after another (as `auto` does when memory is short) or side by side, the
    /// analyses write the same bytes; build.json says which schedule ran. (The case map and the
    /// case file, which digests it, are left out: Graphviz's sfdp lays a graph out differently
    /// the second time in one process; each build is one process.)
    @Test func theAnalysisScheduleChangesNoOutput() throws {
        let demo = RepositoryFiles.path("Datasets/demo")
        let a = TemporaryFolder("ringfind-a"), b = TemporaryFolder("ringfind-b")
        var options = BuildOptions(inputFolder: demo, outputFolder: a.path)
        options.schedule = .sideBySide
        #expect(try BuildPipeline.run(options).manifest.analysisSchedule == "side by side")
        options.outputFolder = b.path
        options.schedule = .sequential
        #expect(try BuildPipeline.run(options).manifest.analysisSchedule == "one after another")
        for name in [
            "rings.csv", "suspects.csv", "evidence.csv", "entities.csv", "communities.csv", "baseline-rings.csv",
        ] {
            #expect(a.read(name) == b.read(name), "\(name) differs")
        }
    }

    /// `auto` runs side by side unless about 260 bytes per event row would pass 90 % of memory.
    @Test func autoRunsSideBySideUnlessTheMeasuredCostNearlyFillsTheMemory() {
        let gigabytes: (UInt64) -> UInt64 = { $0 << 30 }
        #expect(AnalysisSchedule.auto.runsSideBySide(events: 10_000_000, physicalMemory: gigabytes(24)))
        #expect(AnalysisSchedule.auto.runsSideBySide(events: 40_000_000, physicalMemory: gigabytes(16)))
        #expect(!AnalysisSchedule.auto.runsSideBySide(events: 100_000_000, physicalMemory: gigabytes(24)))
        #expect(!AnalysisSchedule.auto.runsSideBySide(events: 70_000_000, physicalMemory: gigabytes(16)))
        #expect(AnalysisSchedule.sideBySide.runsSideBySide(events: 100_000_000, physicalMemory: gigabytes(1)))
        #expect(!AnalysisSchedule.sequential.runsSideBySide(events: 10, physicalMemory: gigabytes(24)))
    }

    @Test func aFailedBuildLeavesThePreviousOutputsAsTheyWere() throws {
        let input = inputs(), output = TemporaryFolder("ringfind-out")
        output.write(".gitignore", "*\n")
        _ = try build(input, output.path)
        let outputs = ["entities.csv", "communities.csv", "rejected.csv", "build.json"]
        let before = outputs.map { output.read($0) }

        input.write("communications.csv", "from,to,timestamp\na,b,never\nc,d,nope\n")
        #expect(throws: BuildError.self) {
            try build(input, output.path, policy: .init(strict: false, limit: .count(1)))
        }
        #expect(outputs.map { output.read($0) } == before)
        #expect(output.read(".gitignore") == "*\n")
        // The rejected rows of the failed build are kept aside, and no staging folder is left.
        #expect(output.read("rejected-failed-build.csv")?.contains("nope") == true)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.path + "/.ringfind").filter {
            $0.hasPrefix("staging")
        }
        #expect(leftovers.isEmpty)

        input.write("payments.jsonl", "{not json\n")
        #expect(throws: BuildError.self) {
            try build(input, output.path, policy: .init(strict: true, limit: .count(0)))
        }
        #expect(outputs.map { output.read($0) } == before)
    }

    @Test func abandonedStagingFoldersAreCleanedUp() throws {
        let input = inputs(), output = TemporaryFolder("ringfind-out")
        output.write(".ringfind/staging-999999999/entities.csv", "half written")
        output.write(".staging-999999999/entities.csv", "half written by an older ringfind")
        _ = try build(input, output.path)
        #expect(!output.exists(".ringfind/staging-999999999") && !output.exists(".staging-999999999"))
    }

    @Test func aNonEmptyInputWithoutRowsIsAWarning() throws {
        let input = TemporaryFolder("ringfind-in"), output = TemporaryFolder("ringfind-out")
        input.write("communications.csv", "from,to\na,b\n")
        input.write("payments.csv", "from,to,amount\n\n")
        let result = try build(input, output.path)
        #expect(result.manifest.warnings.contains("payments.csv has 16 bytes but no rows (only a header?)"))
        #expect(
            BuildSummary.text(result, outputFolder: output.path).contains(
                "  warning: payments.csv has 16 bytes but no rows"))
        #expect(output.read("build.json")?.contains("payments.csv has 16 bytes but no rows") == true)
    }

    @Test func summaryIsTerminalSafe() throws {
        let input = TemporaryFolder("ringfind-in")
        input.write("communications.csv", "from,to,x\u{1B}[31m\na,b,c\n")
        let output = TemporaryFolder("ringfind-out")
        let result = try build(input, output.path)
        let text = BuildSummary.text(result, outputFolder: output.path)
        #expect(!text.contains("\u{1B}"))
        #expect(text.contains("ignored columns: 'x\\u{1b}[31m'"))
    }
}
