import ArgumentParser
import Foundation
import RingfindBuild
import RingfindCommunity
import RingfindGraph
import RingfindIngest
import RingfindRings

extension CommunityAlgorithm: ExpressibleByArgument {}
extension BetweennessLengths: ExpressibleByArgument {}
extension AnalysisSchedule: ExpressibleByArgument {}

/// `ringfind build DIR`: ingest the logs of a folder and write the reports.
struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Read the logs in a folder, build the case graph and write the reports.",
        discussion: """
            DIR holds any of entities, communications, payments and access, each as NAME.csv \
            (with a header) or NAME.jsonl (one JSON object per line). See README.md for the columns.

            Optional mapping files in DIR: aliases.csv (alias,id: another name of an entity; \
            chains resolve, every report shows the canonical id) and resources.csv \
            (resource,vendor: the vendor a resource belongs to; a resource ending in * is a \
            prefix rule, the longest matching prefix wins, an exact row wins over prefixes).

            --pseudonymize KEYFILE replaces every id and name in every output (CSV, DOT, SVG, \
            HTML, case.sqlite, the terminal) with a keyed HMAC-SHA-256 pseudonym (P-… ids, N-… \
            names, G-… groups unless --keep-groups, A-… attributes, R-… resources); kinds, times, \
            amounts, actions and tickets are kept. The key never enters an output; \
            `ringfind reveal KEYFILE P-…` maps pseudonyms back.

            --since/--until restrict every log to a period: rows outside are counted as \
            rows_outside_window in build.json, not rejected. A date as --until keeps that whole day.

            Writes into the output folder: rings.csv (the rings, best first, with p-values), \
            suspects.csv (ring members with roles, tiers, scores and reasons), evidence.csv (the \
            input rows behind each ring), entities.csv (every entity's community, centrality and \
            score), communities.csv, baseline-rings.csv (the simple rule, for comparison), \
            rejected.csv (every rejected row with file, line, column and reason), rings/ (each \
            ring's picture, timeline and page), overview.svg (the case map), index.html, \
            case.sqlite (for ringfind query) and build.json (inputs, checksums, counts, \
            parameters as they ran, timings, the build id); alias-suggestions.csv with \
            --suggest-aliases. A case is published whole, only when the build succeeds, and \
            only files ringfind wrote are ever replaced.
            """
    )

    @Argument(help: ArgumentHelp("Folder holding the input files.", valueName: "dir"), completion: .directory)
    var input: String

    @Option(name: [.short, .long], help: ArgumentHelp("Output folder.", valueName: "dir"), completion: .directory)
    var out: String = "Output"

    @Option(
        help: ArgumentHelp(
            "Fail when any input file rejects more rows than this: a count (250) or a percentage (0.5%).",
            valueName: "n|p%"))
    var maxRejects: String = "1%"

    @Flag(help: "Fail on the first bad row instead of rejecting it.")
    var strict = false

    @Option(
        help: ArgumentHelp(
            "Community detection algorithm: leiden (communities are always connected) or louvain.",
            valueName: "algorithm"))
    var communities: CommunityAlgorithm = .leiden

    @Option(
        help: ArgumentHelp(
            "Modularity resolution: above 1 finds more, smaller communities; below 1 fewer, larger ones.",
            valueName: "γ"))
    var resolution: Double = 1

    @Option(help: "Seed of every randomized step; the same input and seed give the same output.")
    var seed: UInt64 = 1

    @Option(
        help: ArgumentHelp(
            "Leiden's refinement randomness θ (> 0; Traag et al.'s 0.01): larger explores more merges.", valueName: "θ")
    )
    var leidenRandomness: Double = 0.01

    @Option(
        help: ArgumentHelp(
            "Leiden's iterations at most (≥ 1; 2 as igraph): more gains the last fraction of modularity.",
            valueName: "n"))
    var leidenIterations: Int = 2

    @Option(
        help: ArgumentHelp(
            "PageRank's damping factor (between 0 and 1; 0.85 as Brin and Page): the chance of following an edge rather than jumping.",
            valueName: "d"))
    var pagerankDamping: Double = 0.85

    @Option(
        help: ArgumentHelp(
            "Weight of one event of each type in the graph communities are found on (0 leaves a type out).",
            valueName: "communication=1,payment=3,access=2"))
    var typeWeights: String = EdgeTypeWeights().description

    @Option(
        help: ArgumentHelp(
            "Known bad actors (entity ids, comma-separated, repeatable) from which personalised PageRank spreads risk; entities of kind broker are always seeds.",
            valueName: "id,…"))
    var seeds: [String] = []

    @Option(
        help: ArgumentHelp(
            "Betweenness path length: hops, or weighted (length 1/weight: strong ties are short).", valueName: "lengths"
        ))
    var betweenness: BetweennessLengths = .hops

    @Option(
        help: ArgumentHelp(
            "Betweenness sources: auto (exact on small graphs, sampled with a reported error bound on large ones, not computed when that bound would exceed 0.05), exact, or a number to sample.",
            valueName: "auto|exact|n"))
    var betweennessSamples: String = "auto"

    @Option(
        help: ArgumentHelp(
            "Run communities, centrality and rings side-by-side (faster, more memory), sequential, or auto (side by side unless about 260 bytes per event row would pass 90 % of this machine's memory).",
            valueName: "auto|side-by-side|sequential"))
    var analysisSchedule: AnalysisSchedule = .auto

    @Option(
        help: ArgumentHelp(
            "Days after a client's payment within which a job counts as timed (timing evidence).", valueName: "days"))
    var window: Double = 30

    @Option(
        help: ArgumentHelp(
            "False discovery rate over all candidate brokers (two-stage adaptive Benjamini–Hochberg): the expected share of reported rings that are chance; with no ring at all, the chance of reporting any.",
            valueName: "p"))
    var alpha: Double = 0.01

    @Option(
        help: ArgumentHelp(
            "Evidence kinds to leave out, for ablation: concealment, unusual_action, timing, focus (comma-separated).",
            valueName: "kinds"))
    var withoutEvidence: String = ""

    @Option(
        help: ArgumentHelp(
            "Use only log rows dated from this instant on (2025-01-01 or 2025-01-01T00:00:00Z); earlier rows are counted, not used.",
            valueName: "date"))
    var since: String?

    @Option(
        help: ArgumentHelp(
            "Use only log rows dated up to this date (its whole day) or date-time (inclusive); later rows are counted, not used.",
            valueName: "date"))
    var until: String?

    @Option(
        help: ArgumentHelp(
            "Replace every id and name in every output with a keyed pseudonym (HMAC-SHA-256); the file holds the key (at least 32 bytes).",
            valueName: "keyfile"),
        completion: .file())
    var pseudonymize: String?

    @Flag(help: "With --pseudonymize: keep groups (departments, markets) as they are.")
    var keepGroups = false

    @Flag(
        help:
            "Also write alias-suggestions.csv: pairs with the same normalised name or e-mail local part, and pairs never in one log that share most counterparties (for you to check; never applied)."
    )
    var suggestAliases = false

    @Flag(name: .shortAndLong, help: "Print nothing but errors.")
    var quiet = false

    @Flag(
        help:
            "Keep every input row in case.sqlite (its events and edges tables), however large the case (by default, above 2,000,000 rows, only those touching a suspect, so the file stays quick to write; the graph itself is always whole, and `ringfind query` says when rows were not stored)."
    )
    var fullCase = false

    @Flag(
        help:
            "Let the owner's group read the outputs (folders 0750, files 0640) instead of the owner only (0700, 0600).")
    var groupReadable = false

    private var withoutEvidenceKinds: [String] {
        withoutEvidence.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    // Options that need parsing are parsed by one function each, which `validate` and `run`
    // both call: the message a user sees and the value the build uses cannot disagree.
    private func rejectLimit() throws -> RejectPolicy.Limit {
        guard let limit = RejectPolicy.parseLimit(maxRejects) else {
            throw ValidationError("--max-rejects \(maxRejects): expected a whole number (250) or a percentage (0.5%)")
        }
        return limit
    }

    private func timeWindow() throws -> TimeWindow? {
        try TimeWindow.parse(since: since, until: until).mapError { ValidationError($0.description) }.get()
    }

    private func edgeTypeWeights() throws -> EdgeTypeWeights {
        try EdgeTypeWeights.parse(typeWeights).mapError { ValidationError("--type-weights: \($0.message)") }.get()
    }

    /// The analysis parameters the flags give, checked against their ranges
    /// (`AnalysisParameters.check`, whose message names the flag).
    private func analysisParameters() throws -> AnalysisParameters {
        var parameters = AnalysisParameters(schedule: analysisSchedule)
        parameters.communities.algorithm = communities
        parameters.communities.resolution = resolution
        parameters.communities.seed = seed
        parameters.communities.leidenRandomness = leidenRandomness
        parameters.communities.leidenIterations = leidenIterations
        parameters.communities.typeWeights = try edgeTypeWeights()
        parameters.centrality.seeds = seeds.flatMap {
            $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
        }
        .filter { !$0.isEmpty }
        parameters.centrality.betweennessLengths = betweenness
        parameters.centrality.seed = seed
        parameters.centrality.pageRankDamping = pagerankDamping
        switch betweennessSamples {
        case "auto": parameters.centrality.betweennessSamples = nil
        case "exact": parameters.centrality.exactBetweennessBudget = .infinity
        default: parameters.centrality.betweennessSamples = Int(betweennessSamples)
        }
        parameters.rings.window = Int64(window * 86_400_000)
        parameters.rings.alpha = alpha
        parameters.rings.disabled = withoutEvidenceKinds.compactMap(RingSignal.Kind.init(rawValue:))
        do { try parameters.check() } catch { throw ValidationError(error.description) }
        return parameters
    }

    func validate() throws {
        _ = try rejectLimit()
        guard window.isFinite && window > 0 && window <= 3650 else {
            throw ValidationError("--window \(window): expected a number of days between 0 and 3650")
        }
        for name in withoutEvidenceKinds where RingSignal.Kind(rawValue: name) == nil {
            throw ValidationError(
                "--without-evidence \(name): expected one of "
                    + RingSignal.Kind.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard ["auto", "exact"].contains(betweennessSamples) || (Int(betweennessSamples) ?? 0) > 0 else {
            throw ValidationError(
                "--betweenness-samples \(betweennessSamples): expected auto, exact or a number of sources > 0")
        }
        if let pseudonymize, case .failure(let failure) = PseudonymKey.read(pseudonymize) {
            throw ValidationError("--pseudonymize: \(failure)")
        }
        if keepGroups && pseudonymize == nil { throw ValidationError("--keep-groups needs --pseudonymize KEYFILE") }
        _ = try timeWindow()
        _ = try analysisParameters()
    }

    func run() throws {
        let policy = RejectPolicy(strict: strict, limit: try rejectLimit())
        var options = BuildOptions(
            inputFolder: input, outputFolder: out, rejectPolicy: policy, commandLine: CommandLine.arguments)
        options.analysis = try analysisParameters()
        options.groupReadable = groupReadable
        // RINGFIND_CASE_WHOLE_UP_TO lowers the size above which the case file keeps only
        // suspects' rows, so tests can exercise a large case's case file on a small world.
        if fullCase {
            options.caseWholeUpTo = Int.max
        } else if let limit = ProcessInfo.processInfo.environment["RINGFIND_CASE_WHOLE_UP_TO"].flatMap({ Int($0) }),
            limit >= 0
        {
            options.caseWholeUpTo = limit
        }
        options.window = try timeWindow()
        options.windowText = (since, until)
        options.suggestAliases = suggestAliases
        if let pseudonymize {
            switch PseudonymKey.read(pseudonymize) {
            case .success(let key): options.pseudonymizer = Pseudonymizer(key: key, keepGroups: keepGroups)
            case .failure(let failure): throw CommandFailure.exit("build", "--pseudonymize: \(failure)")
            }
        }
        // Fault injection for the publish tests: end the process (as kill -9 would) after step N.
        if let step = ProcessInfo.processInfo.environment["RINGFIND_FAULT_AFTER_PUBLISH_STEP"].flatMap(Int.init) {
            options.afterPublishStep = { if $0 == step { raise(SIGKILL) } }
        }
        Interrupts.removeStagingOnInterrupt()
        let progress = quiet ? nil : TerminalProgress.ifInteractive()
        let result = try CommandFailure.reporting("build", cleanUp: { progress?.clear() }) {
            try BuildPipeline.run(options, progress: progress?.update)
        }
        progress?.clear()
        if !quiet { print(BuildSummary.text(result, outputFolder: out), terminator: "") }
    }
}
