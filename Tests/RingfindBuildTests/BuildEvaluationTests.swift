import Foundation
import GRDB
import RingfindCase
import RingfindGraph
import RingfindIngest
import RingfindRings
import TestSupport
import Testing

@testable import RingfindBuild

/// `ringfind eval` reads the case file alone and gives the reference evaluation's numbers.
@Suite struct BuildEvaluationTests {
    /// The demo world built into `output`.
    private func buildDemo(_ output: String) throws {
        _ = try BuildPipeline.run(
            BuildOptions(
                inputFolder: RepositoryFiles.path("Datasets/demo"), outputFolder: output,
                rejectPolicy: .standard, commandLine: ["test"]))
    }

    /// The demo's truth, plus a ring of entities far down the ranking (many tied scores) and an
    /// entity the case does not know, so that average precision depends on every tie-break.
    private func truth(in folder: TemporaryFolder, output: String) throws -> String {
        var text = try String(contentsOfFile: RepositoryFiles.path("Datasets/demo-truth.csv"), encoding: .utf8)
        let entities = try CSVTable(path: output + "/entities.csv")
        let id = try entities.column("id", in: "entities.csv")
        let rank = try entities.column("rank", in: "entities.csv")
        let far = entities.rows.filter { ["40", "41", "300", "900", "901"].contains($0[rank]) }.map { $0[id] }
        #expect(far.count == 5)
        text += (far + ["nobody"]).map { "\($0),decoy-ring,client\n" }.joined()
        return folder.write("truth.csv", text)
    }

    /// The reference: `RingEvaluation` over the CSV reports, as `eval` computed it before it read
    /// the case file (rings by score, file order breaking ties; every entity's score).
    private func reference(_ output: String, truthPath: String) throws -> (RingEvaluation, RingEvaluation) {
        let t = try CSVTable(path: truthPath)
        let truth = t.rows.map { (entity: $0[0], ring: $0[1], role: $0[2]) }
        func rings(_ name: String) throws -> (
            sets: [Set<String>], brokers: Set<String>, scores: [(Set<String>, Double)]
        ) {
            let table = try CSVTable(path: output + "/" + name)
            let members = try table.column("members", in: name)
            let brokers = try table.column("brokers", in: name)
            let score = try table.column("score", in: name)
            let order = table.rows.indices.sorted {
                (-(Double(table.rows[$0][score]) ?? 0), $0) < (-(Double(table.rows[$1][score]) ?? 0), $1)
            }
            let sets = table.rows.map { Set($0[members].split(separator: ";").map(String.init)) }
            return (
                order.map { sets[$0] }, Set(table.rows.flatMap { $0[brokers].split(separator: ";").map(String.init) }),
                table.rows.indices.map { (sets[$0], Double(table.rows[$0][score]) ?? 0) }
            )
        }
        let entities = try CSVTable(path: output + "/entities.csv")
        let id = try entities.column("id", in: "entities.csv")
        let score = try entities.column("score", in: "entities.csv")
        var scores: [String: Double] = [:]
        var baseScores: [String: Double] = [:]
        for row in entities.rows {
            scores[row[id]] = Double(row[score]) ?? 0
            baseScores[row[id]] = 0
        }
        let ours = try rings("rings.csv")
        let base = try rings("baseline-rings.csv")
        for (members, s) in base.scores { for m in members { baseScores[m] = max(baseScores[m] ?? 0, s) } }
        return (
            RingEvaluation(predicted: ours.sets, predictedBrokers: ours.brokers, scores: scores, truth: truth),
            RingEvaluation(predicted: base.sets, predictedBrokers: base.brokers, scores: baseScores, truth: truth)
        )
    }

    @Test func evaluationFromTheCaseFileEqualsTheReferenceOverTheReports() throws {
        let demo = try builtDemoWithTruth(), output = demo.output, truthPath = demo.truthPath
        let (ringfind, baseline) = try reference(output.path, truthPath: truthPath)
        let report = try BuildEvaluation.run(outputFolder: output.path, truthPath: truthPath)
        // Equal to the last bit, not only to the printed precision.
        #expect(report.ringfind == ringfind)
        #expect(report.baseline == baseline)
        #expect(ringfind.averagePrecision < 1 && baseline.averagePrecision > 0 && baseline.trueRings == 4)
    }

    /// The demo built into a new folder, and a truth file (kept in `files`) for it.
    private func builtDemoWithTruth() throws -> (output: TemporaryFolder, files: TemporaryFolder, truthPath: String) {
        let output = TemporaryFolder("ringfind-out")
        let files = TemporaryFolder("ringfind-truth")
        try buildDemo(output.path)
        return (output, files, try truth(in: files, output: output.path))
    }

    @Test func evaluationReadsNothingButTheCaseFile() throws {
        let demo = try builtDemoWithTruth(), output = demo.output, truthPath = demo.truthPath
        let before = try BuildEvaluation.run(outputFolder: output.path, truthPath: truthPath)
        for report in ["entities.csv", "rings.csv", "baseline-rings.csv", "suspects.csv"] {
            try FileManager.default.removeItem(atPath: output.path + "/" + report)
        }
        let after = try BuildEvaluation.run(outputFolder: output.path, truthPath: truthPath)
        #expect(after.ringfind == before.ringfind && after.baseline == before.baseline)
    }

    @Test func aBuildWithoutACaseFileIsToBeBuiltAgain() throws {
        let demo = try builtDemoWithTruth(), output = demo.output, truthPath = demo.truthPath
        try FileManager.default.removeItem(atPath: output.path + "/case.sqlite")
        var message = ""
        do { _ = try BuildEvaluation.run(outputFolder: output.path, truthPath: truthPath) } catch {
            guard case .noCaseFile = error else {
                Issue.record("expected noCaseFile, got \(error)")
                return
            }
            message = "\(error)"
        }
        #expect(
            message.contains("there is no case file") && message.contains("build again with `ringfind build DIR --out"))
    }

    /// A case file written before the baseline tables: ringfind's numbers, and no baseline.
    @Test func aCaseFileWithoutTheBaselineTablesHasNoBaseline() throws {
        let demo = try builtDemoWithTruth(), output = demo.output, truthPath = demo.truthPath
        let full = try BuildEvaluation.run(outputFolder: output.path, truthPath: truthPath)
        let queue = try DatabaseQueue(path: output.path + "/case.sqlite")
        try queue.write { db in
            try db.execute(sql: "DROP TABLE \(CaseSchema.baselineRings)")
            try db.execute(sql: "DROP TABLE \(CaseSchema.baselineMembers)")
        }
        try queue.close()
        let older = try BuildEvaluation.run(outputFolder: output.path, truthPath: truthPath)
        #expect(older.ringfind == full.ringfind && older.baseline == nil)
    }
}

/// Average precision in one pass over an unsorted ranking, keeping only the positives.
@Suite struct RankedAveragePrecisionTests {
    @Test func onePassEqualsSortingEveryEntity() {
        var random = SplitMix64(seed: 7)
        for trial in 0..<50 {
            // Few distinct scores, so most places are decided by the id tie-break.
            let n = 1 + random.below(400)
            var entities = (0..<n).map { i in (id: "e\(random.below(10_000))-\(i)", score: Double(random.below(5)) / 4)
            }
            let positives = Set(
                entities.map(\.id).filter { _ in random.below(5) == 0 } + (trial % 3 == 0 ? ["absent"] : []))
            let truth = positives.sorted().map { (entity: $0, ring: "1", role: "client") }
            let scores = Dictionary(uniqueKeysWithValues: entities.map { ($0.id, $0.score) })
            let reference = RingEvaluation(predicted: [], predictedBrokers: [], scores: scores, truth: truth)
                .averagePrecision
            var onePass = RankedAveragePrecision(
                found: entities.filter { positives.contains($0.id) }.map { .init(score: $0.score, id: $0.id) },
                totalPositives: positives.count)
            random.shuffle(&entities)
            for entity in entities { onePass.count(.init(score: entity.score, id: entity.id)) }
            #expect(onePass.value == reference, "trial \(trial)")
        }
        #expect(RankedAveragePrecision(found: [], totalPositives: 0).value == 1)
    }
}
