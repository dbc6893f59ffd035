import RingfindGraph
import ArgumentParser
import Foundation
import RingfindBuild
import RingfindCommunity
import RingfindIngest

extension CommunityAlgorithm: ExpressibleByArgument {}

/// `ringfind build DIR`: ingest the logs of a folder and write the reports.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read the logs in a folder, build the case graph and write the reports.",
        discussion: """
            DIR holds any of entities, communications, payments and access, each as NAME.csv \
            (with a header) or NAME.jsonl (one JSON object per line). See README.md for the columns.

            Writes into the output folder: build.json (inputs, checksums, row counts, graph \
            sizes, communities, timings), entities.csv (with each entity's community), \
            communities.csv and rejected.csv (every rejected row with file, line, column and \
            reason). Outputs replace the previous ones only when the build succeeds.
            """
    )

    @Argument(help: ArgumentHelp("Folder holding the input files.", valueName: "dir"), completion: .directory)
    var input: String

    @Option(name: [.short, .long], help: ArgumentHelp("Output folder.", valueName: "dir"), completion: .directory)
    var out: String = "Output"

    @Option(help: ArgumentHelp(
        "Fail when any input file rejects more rows than this: a count (250) or a percentage (0.5%).",
        valueName: "n|p%"))
    var maxRejects: String = "1%"

    @Flag(help: "Fail on the first bad row instead of rejecting it.")
    var strict = false

    @Option(help: ArgumentHelp("Community detection algorithm: leiden (communities are always connected) or louvain.",
                               valueName: "algorithm"))
    var communities: CommunityAlgorithm = .leiden

    @Option(help: ArgumentHelp("Modularity resolution: above 1 finds more, smaller communities; below 1 fewer, larger ones.",
                               valueName: "γ"))
    var resolution: Double = 1

    @Option(help: "Seed of every randomized step; the same input and seed give the same output.")
    var seed: UInt64 = 1

    @Option(help: ArgumentHelp(
        "Weight of one event of each type in the graph communities are found on (0 leaves a type out).",
        valueName: "communication=1,payment=3,access=2"))
    var typeWeights: String = EdgeTypeWeights().description

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard RejectPolicy.parseLimit(maxRejects) != nil else {
            throw ValidationError("--max-rejects \(maxRejects): expected a whole number (250) or a percentage (0.5%)")
        }
        guard resolution.isFinite && resolution > 0 else {
            throw ValidationError("--resolution \(resolution): expected a number > 0")
        }
        if case .failure(let failure) = EdgeTypeWeights.parse(typeWeights) {
            throw ValidationError("--type-weights: \(failure.message)")
        }
    }

    func run() throws {
        let policy = RejectPolicy(strict: strict, limit: RejectPolicy.parseLimit(maxRejects)!)
        var community = CommunityOptions()
        community.algorithm = communities
        community.resolution = resolution
        community.seed = seed
        community.typeWeights = (try? EdgeTypeWeights.parse(typeWeights).get()) ?? EdgeTypeWeights()
        let options = BuildOptions(inputFolder: input, outputFolder: out, rejectPolicy: policy, communities: community,
                                   commandLine: CommandLine.arguments)
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
