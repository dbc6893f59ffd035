import ArgumentParser
import Foundation
import RingfindBuild
import RingfindIngest

/// `ringfind build DIR`: ingest the logs of a folder and write the reports.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read the logs in a folder, build the case graph and write the reports.",
        discussion: """
            DIR holds any of entities, communications, payments and access, each as NAME.csv \
            (with a header) or NAME.jsonl (one JSON object per line). See README.md for the columns.

            Writes into the output folder: build.json (inputs, checksums, row counts, graph \
            sizes, timings), entities.csv and rejected.csv (every rejected row with file, line, \
            column and reason). Outputs replace the previous ones only when the build succeeds.
            """
    )

    @Argument(help: "Folder holding the input files.", completion: .directory)
    var input: String

    @Option(name: [.short, .long], help: "Output folder.", completion: .directory)
    var out: String = "Output"

    @Option(help: ArgumentHelp(
        "Fail when any input file rejects more rows than this: a count (250) or a percentage (0.5%).",
        valueName: "n|p%"))
    var maxRejects: String = "1%"

    @Flag(help: "Fail on the first bad row instead of rejecting it.")
    var strict = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard RejectPolicy.parseLimit(maxRejects) != nil else {
            throw ValidationError("--max-rejects \(maxRejects): expected a whole number (250) or a percentage (0.5%)")
        }
    }

    func run() throws {
        let policy = RejectPolicy(strict: strict, limit: RejectPolicy.parseLimit(maxRejects)!)
        let options = BuildOptions(inputFolder: input, outputFolder: out, rejectPolicy: policy, commandLine: CommandLine.arguments)
        let progress = quiet ? nil : TerminalProgress.ifInteractive()
        do {
            let result = try BuildPipeline.run(options, progress: progress?.update)
            progress?.clear()
            if !quiet { print(BuildSummary.text(result, outputFolder: out), terminator: "") }
        } catch {
            progress?.clear()
            FileHandleOutput.standardError("ringfind build: error: \(error)\n")
            throw ExitCode.failure
        }
    }
}
