import Foundation
import RingfindCase
import RingfindIngest
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
    /// Every parameter of the analysis, as given (`--seeds` as raw ids).
    public var analysis: AnalysisParameters {
        get { AnalysisParameters(communities: communities, centrality: centrality, rings: rings, schedule: schedule) }
        set {
            (communities, centrality, rings, schedule) = (
                newValue.communities, newValue.centrality, newValue.rings, newValue.schedule
            )
        }
    }
    /// Rings drawn as pictures (`rings/ring-NNN.svg`), best first.
    public var pictureLimit = 50
    /// The command line, recorded in `build.json`.
    public var commandLine: [String]
    /// Create the output folder 0750 and files 0640 instead of 0700 / 0600.
    public var groupReadable = false
    /// `case.sqlite`'s `edges` (`events`) keep every row while the case has at most this many
    /// edges (input rows); above it, only those touching a suspect (see `CaseSchema`). `Int.max`
    /// keeps all. The graph itself (`adjacency`) is whole whatever this is.
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

    public init(
        inputFolder: String, outputFolder: String = "Output", rejectPolicy: RejectPolicy = .standard,
        communities: CommunityOptions = CommunityOptions(), centrality: CentralityOptions = CentralityOptions(),
        commandLine: [String] = []
    ) {
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
    /// `build.json` as written.
    public var manifest: BuildManifest
    /// What ingest read, besides the tables.
    public var ingest: IngestRecord
    /// What the analysis found, with its parameters as they ran.
    public var analysis: CaseAnalysis
    /// The numbers `index.html` and the terminal summary lead with.
    public var summary: BuildSummary
}

/// Runs a build: discover inputs → ingest → analyse (`CaseAnalysis`, no file system) →
/// publish (`CasePublication`: reports, pictures, case file, `build.json`, then commit).
/// Each stage returns a value; a `StageClock` times them from here.
///
/// Stage costs (measured on 10 M rows, see the README): ingest is linear in input bytes;
/// the graph is two radix passes per log, linear in rows plus entities; reports are linear
/// in entities plus edges.
public enum BuildPipeline {
    /// Outputs every build writes, relative to the output folder; the manifest is last so it
    /// is renamed into place last.
    public static let outputs = [
        "entities.csv", "communities.csv", "rings.csv", "suspects.csv", "evidence.csv",
        "baseline-rings.csv", "rejected.csv", "case.sqlite", "build.json",
    ]

    /// Runs the build. `progress` receives short status lines (for a terminal).
    public static func run(_ options: BuildOptions, progress: ((String) -> Void)? = nil) throws(BuildError)
        -> BuildResult
    {
        let clock = StageClock()
        try options.analysis.check()  // now, not after ingest

        let discovered: (inputs: [InputFile], ignored: [String])
        do { discovered = try InputDiscovery.discover(folder: options.inputFolder) } catch { throw .input(error) }
        try OutputPlacement.check(input: options.inputFolder, output: options.outputFolder)
        let createdFolder = CaseFolder.kind(of: options.outputFolder) == .missing
        let staging = try OutputStaging(
            folder: options.outputFolder, modes: options.groupReadable ? .groupReadable : .ownerOnly)
        // Fail now, not after the analysis, if a report would replace someone else's file.
        // Outputs written only when asked for, before the manifest (which stays last).
        let optional = CasePublication.optionalOutputs(options)
        try staging.checkOwnership(of: outputs + optional + ["overview.dot", "overview.svg", "index.html"])
        // About the folder, not the data: in build.json and the summary, not in the case file.
        let folderWarnings =
            createdFolder
            ? [] : OutputPlacement.exposure(of: options.outputFolder, groupReadable: options.groupReadable)
        clock.lap("discover")

        // Mutated in place (pseudonyms), so the tables are never copied.
        var read = try IngestStage.run(discovered.inputs, options: options, staging: staging, progress: progress)
        var parameters = options.analysis
        var commandLine = options.commandLine
        // Names are compared as written, before any pseudonym replaces them.
        let suggester = AliasSuggestions()
        let nameSuggestions = options.suggestAliases ? suggester.byName(read.entities) : nil
        if let pseudonymizer = options.pseudonymizer {
            try PseudonymStage.apply(pseudonymizer, entities: &read.entities, events: &read.events)
            // Seeds are given as the raw ids the investigator knows; they are recorded as pseudonyms.
            parameters.centrality.seeds = parameters.centrality.seeds.map { pseudonymizer.pseudonym($0, .id) }
            commandLine = PseudonymStage.commandLine(commandLine, pseudonymizer)
        }
        let ingest = IngestRecord(
            inputs: read.reports, ignoredFiles: discovered.ignored, mapping: read.mapping,
            sampleRejections: read.samples)
        clock.lap("ingest")

        // The case file's graph and entity tables are written while the analyses run (which keep
        // both cores busy only part of the time); the rest follows in publication.
        var caseFile: BackgroundWork<CaseFileStage.Started>? = nil
        defer { _ = try? caseFile?.wait() }  // never leave it writing into a folder being removed
        let entities = read.entities, caseFilePath = staging.stagedPath("case.sqlite")
        let analysis = try CaseAnalysis.run(
            entities: read.entities, events: read.events, parameters: parameters, clock: clock, progress: progress
        ) { graph in
            caseFile = BackgroundWork { () throws(BuildError) in
                try CaseFileStage.begin(to: caseFilePath, graph: graph, entities: entities)
            }
        }
        guard let caseFile else { preconditionFailure("the analysis reports its graph before it returns") }

        let publication = CasePublication(
            staging: staging, analysis: analysis, ingest: ingest, options: options, caseFile: caseFile)
        let (manifest, summary) = try publication.publish(
            commandLine: commandLine, folderWarnings: folderWarnings,
            nameSuggestions: nameSuggestions.map { (suggester, $0) },
            clock: clock, progress: progress)
        return BuildResult(manifest: manifest, ingest: ingest, analysis: analysis, summary: summary)
    }
}
