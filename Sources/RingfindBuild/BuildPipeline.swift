import Foundation
import RingfindCSV
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
        set { (communities, centrality, rings, schedule) = (newValue.communities, newValue.centrality, newValue.rings, newValue.schedule) }
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
    public static let outputs = ["entities.csv", "communities.csv", "rings.csv", "suspects.csv", "evidence.csv",
                                 "baseline-rings.csv", "rejected.csv", "case.sqlite", "build.json"]
    static let rejectedHeader = ["file", "line", "column", "field", "code", "reason", "row"]

    /// Runs the build. `progress` receives short status lines (for a terminal).
    public static func run(_ options: BuildOptions, progress: ((String) -> Void)? = nil) throws(BuildError) -> BuildResult {
        let clock = StageClock()
        try options.analysis.check()  // now, not after ingest

        let discovered: (inputs: [InputFile], ignored: [String])
        do { discovered = try InputDiscovery.discover(folder: options.inputFolder) } catch { throw .input(error) }
        try OutputPlacement.check(input: options.inputFolder, output: options.outputFolder)
        let createdFolder = CaseFolder.kind(of: options.outputFolder) == .missing
        let staging = try OutputStaging(folder: options.outputFolder, modes: options.groupReadable ? .groupReadable : .ownerOnly)
        // Fail now, not after the analysis, if a report would replace someone else's file.
        // Outputs written only when asked for, before the manifest (which stays last).
        let optional = CasePublication.optionalOutputs(options)
        try staging.checkOwnership(of: outputs + optional + ["overview.dot", "overview.svg", "index.html"])
        // About the folder, not the data: in build.json and the summary, not in the case file.
        let folderWarnings = createdFolder ? [] : OutputPlacement.exposure(of: options.outputFolder, groupReadable: options.groupReadable)
        clock.lap("discover")

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
        var parameters = options.analysis
        var commandLine = options.commandLine
        // Names are compared as written, before any pseudonym replaces them.
        let suggester = AliasSuggestions()
        let nameSuggestions = options.suggestAliases ? suggester.byName(entities) : nil
        if let pseudonymizer = options.pseudonymizer {
            try PseudonymStage.apply(pseudonymizer, entities: &entities, events: &events)
            // Seeds are given as the raw ids the investigator knows; they are recorded as pseudonyms.
            parameters.centrality.seeds = parameters.centrality.seeds.map { pseudonymizer.pseudonym($0, .id) }
            commandLine = PseudonymStage.commandLine(commandLine, pseudonymizer)
        }
        let ingest = IngestRecord(inputs: reports, ignoredFiles: discovered.ignored, mapping: mapping, sampleRejections: samples)
        clock.lap("ingest")

        let analysis = try CaseAnalysis.run(entities: entities, events: events, parameters: parameters, clock: clock, progress: progress)

        let publication = CasePublication(staging: staging, analysis: analysis, ingest: ingest, options: options)
        let (manifest, summary) = try publication.publish(commandLine: commandLine, folderWarnings: folderWarnings,
                                                          nameSuggestions: nameSuggestions.map { (suggester, $0) },
                                                          clock: clock, progress: progress)
        return BuildResult(manifest: manifest, ingest: ingest, analysis: analysis, summary: summary)
    }
}
