import ArgumentParser
import Foundation
import RingfindBuild
import RingfindGraph
import RingfindRings

/// `ringfind eval OUT --truth truth.csv`: how well a build found the planted rings.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score a build's rings against a truth file (from ringfind generate).",
        discussion: """
            A predicted ring matches a true ring when their members overlap with Jaccard ≥ 0.5. \
            Prints ring recall and precision, the mean best Jaccard per true ring, the average \
            precision of entity scores against ring membership, and broker recall and precision, \
            for ringfind and for the baseline rule (externals paid by ≥ 2 vendors who pay an \
            employee who accessed them). Reads only the build's case file (OUT/case.sqlite), in one \
            pass over the entities, so memory does not grow with the size of the case; a build \
            without a case file must be built again.
            """
    )

    @Argument(help: ArgumentHelp("The output folder of a build.", valueName: "out"), completion: .directory)
    var output: String = "Output"

    @Option(help: ArgumentHelp("Truth file: entity_id, ring_id, role.", valueName: "truth.csv"), completion: .file())
    var truth: String

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        let report = try CommandFailure.reporting("eval") {
            try BuildEvaluation.run(outputFolder: output, truthPath: truth)
        }
        if report.baseline == nil {
            FileHandleOutput.standardError(
                "ringfind eval: note: this case file has no baseline rings (it was written by an older ringfind); "
                    + "build again to compare with the baseline\n")
        }
        let rows: [(String, (RingEvaluation) -> Double)] = [
            ("ring recall", \.ringRecall), ("ring precision", \.ringPrecision),
            ("mean best Jaccard", \.meanBestJaccard),
            ("average precision", \.averagePrecision), ("broker recall", \.brokerRecall),
            ("broker precision", \.brokerPrecision),
        ]
        let baselineRings = report.baseline.map { String($0.predictedRings) }
        if json {
            // A baseline the case file does not hold is null.
            func number(_ value: Double?) -> String { value.map { String(format: "%.4f", $0) } ?? "null" }
            let fields = rows.map { name, f in
                "\"\(name.lowercased().replacingOccurrences(of: " ", with: "_"))\": "
                    + "{\"ringfind\": \(number(f(report.ringfind))), \"baseline\": \(number(report.baseline.map(f)))}"
            }
            print(
                "{\"true_rings\": \(report.ringfind.trueRings), \"predicted_rings\": \(report.ringfind.predictedRings), "
                    + "\"baseline_rings\": \(baselineRings ?? "null"), " + fields.joined(separator: ", ") + "}")
            return
        }
        print(
            "true rings \(report.ringfind.trueRings); predicted by ringfind \(report.ringfind.predictedRings), "
                + "by the baseline \(baselineRings ?? "n/a")")
        print("metric               ringfind  baseline")
        for (name, f) in rows {
            let baseline = report.baseline.map { String(format: "%8.3f", f($0)) } ?? "     n/a"
            print(
                name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %8.3f  ", f(report.ringfind))
                    + baseline)
        }
    }
}
