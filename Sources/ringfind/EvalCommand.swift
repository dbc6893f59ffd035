import RingfindGraph
import ArgumentParser
import Foundation
import RingfindBuild
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
            employee who accessed them).
            """
    )

    @Argument(help: ArgumentHelp("The output folder of a build.", valueName: "out"), completion: .directory)
    var output: String = "Output"

    @Option(help: ArgumentHelp("Truth file: entity_id, ring_id, role.", valueName: "truth.csv"), completion: .file())
    var truth: String

    @Flag(help: "Print one JSON object instead of a table.")
    var json = false

    func run() throws {
        let report: BuildEvaluation.Report
        do { report = try BuildEvaluation.run(outputFolder: output, truthPath: truth) } catch {
            FileHandleOutput.error("eval", "\(error)")
            throw ExitCode.failure
        }
        let rows: [(String, (RingEvaluation) -> Double)] = [
            ("ring recall", \.ringRecall), ("ring precision", \.ringPrecision), ("mean best Jaccard", \.meanBestJaccard),
            ("average precision", \.averagePrecision), ("broker recall", \.brokerRecall), ("broker precision", \.brokerPrecision),
        ]
        if json {
            let fields = rows.map { name, f in
                "\"\(name.lowercased().replacingOccurrences(of: " ", with: "_"))\": {\"ringfind\": \(String(format: "%.4f", f(report.ringfind))), \"baseline\": \(String(format: "%.4f", f(report.baseline)))}"
            }
            print("{\"true_rings\": \(report.ringfind.trueRings), \"predicted_rings\": \(report.ringfind.predictedRings), "
                  + "\"baseline_rings\": \(report.baseline.predictedRings), " + fields.joined(separator: ", ") + "}")
            return
        }
        print("true rings \(report.ringfind.trueRings); predicted by ringfind \(report.ringfind.predictedRings), by the baseline \(report.baseline.predictedRings)")
        print("metric               ringfind  baseline")
        for (name, f) in rows {
            print(name.padding(toLength: 20, withPad: " ", startingAt: 0) + String(format: " %8.3f  %8.3f", f(report.ringfind), f(report.baseline)))
        }
    }
}
