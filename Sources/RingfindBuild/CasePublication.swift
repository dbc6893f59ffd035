import Foundation
import RingfindCSV
import RingfindIngest

/// Publication: turns a `CaseAnalysis` into the files of a case — reports, pictures, the case
/// file and `build.json` — staged in an `OutputStaging` and published whole. Each step writes
/// its files and returns what the manifest needs; none computes anything the analysis has not.
struct CasePublication {
    let staging: OutputStaging
    let analysis: CaseAnalysis
    let ingest: IngestRecord
    let options: BuildOptions
    /// The case file, begun while the analyses ran (`CaseFileStage.begin`).
    let caseFile: BackgroundWork<CaseFileStage.Started>

    /// Outputs written only when asked for (`--suggest-aliases`), before the manifest.
    static func optionalOutputs(_ options: BuildOptions) -> [String] {
        options.suggestAliases ? [AliasSuggestionsReport.file] : []
    }

    /// Writes every output, then `build.json` (made once from the analysis, finished with the
    /// build id, digests and timings), and publishes the case whole.
    ///
    /// - Parameters:
    ///   - commandLine: as `build.json` records it (`--seeds` as pseudonyms when pseudonymised).
    ///   - folderWarnings: warnings about the output folder (in `build.json`, not in the case file).
    ///   - nameSuggestions: `AliasSuggestions.byName` on the names as written, with `--suggest-aliases`.
    ///   - clock: receives the stages `reports`, `pictures` and `case file` (the case file's tables
    ///     are written on another thread while the reports and pictures are; its stage is what is
    ///     left of it after them).
    func publish(
        commandLine: [String], folderWarnings: [String],
        nameSuggestions: (
            suggester: AliasSuggestions, byName: (suggestions: [AliasSuggestions.Suggestion], bucketsSkipped: Int)
        )?,
        clock: StageClock, progress: ((String) -> Void)?
    ) throws(BuildError) -> (manifest: BuildManifest, summary: BuildSummary) {
        // The case file's tables need only the analysis: they are written while the reports and
        // pictures are, and the manifest and pictures that list those are added after.
        let caseFilePath = staging.stagedPath("case.sqlite")
        let analysis = analysis, wholeUpTo = options.caseWholeUpTo, caseFile = caseFile
        let caseTables = BackgroundWork { () throws(BuildError) in
            try CaseFileStage.writeBulk(try caseFile.wait(), analysis: analysis, wholeUpTo: wholeUpTo)
        }
        defer { _ = try? caseTables.wait() }  // never leave it writing into a folder being removed
        progress?("writing reports")
        try writeReports()
        let suggestionCounts = try nameSuggestions.map { (found) throws(BuildError) in
            try writeAliasSuggestions(
                byName: found.byName, suggester: found.suggester, withholdKeys: options.pseudonymizer != nil)
        }
        clock.lap("reports")

        progress?("drawing pictures")
        let summary = BuildSummary(analysis: analysis, ingest: ingest, input: options.inputFolder)
        let pictures = try drawPictures(summary: summary, inputs: ingest.inputs, ringLimit: options.pictureLimit)
        clock.lap("pictures")

        progress?("writing the case file")
        let optional = Self.optionalOutputs(options), outputs = BuildPipeline.outputs
        let manifest = BuildManifest(
            analysis: analysis, ingest: ingest, options: options, commandLine: commandLine,
            outputs: outputs + optional + pictures.files,
            warnings: folderWarnings + ingest.warnings + analysis.warnings + pictures.warnings,
            aliasSuggestions: suggestionCounts)
        // Published pictures first and the manifest last (so it is renamed into place last).
        let written = pictures.files + optional + outputs
        // The case file keeps the stable part of the manifest, so the same inputs and options
        // give a byte-identical case file; the build id digests it and every other output.
        var digests = try digests(of: written.filter { $0 != "case.sqlite" && $0 != "build.json" })
        let stable = manifest.stable(leavingOut: folderWarnings)
        let buildID = try BuildManifest.buildID(of: stable, outputDigests: digests)
        var identified = stable
        identified.buildId = buildID
        try CaseFileStage.finish(
            try caseTables.wait(), manifestJSON: try identified.encoded(), buildID: buildID,
            facts: Self.caseFacts(options), pictures: pictures.drawings)
        digests["case.sqlite"] = try FileDigest.sha256(caseFilePath)
        clock.lap("case file")

        let finished = manifest.finished(
            buildID: buildID, outputDigests: digests, stages: clock.stages, totalSeconds: clock.totalSeconds)
        try staging.write(try finished.encoded(), as: "build.json")
        try staging.publish(written, buildID: buildID, afterStep: options.afterPublishStep)
        return (finished, summary)
    }

    /// The CSV reports: `entities.csv`, `communities.csv`, `rings.csv`, `suspects.csv`,
    /// `evidence.csv` and `baseline-rings.csv`.
    ///
    /// - Complexity: O(entities + communities + suspects + evidence rows).
    func writeReports() throws(BuildError) {
        let analysis = analysis
        try writingCSV { () throws(CSVWriteError) in
            // One formatting thread: the case file's tables are written beside the reports on a
            // thread of their own and take longer, so the second core is worth more to them.
            // With the case file's larger page cache (`CaseFileStage.bulkCacheMegabytes`), on
            // the 1M-entity world, three builds each way back to back: reports, pictures and
            // case file 5.05-5.21 s -> 4.22-4.66 s.
            try EntitiesReport.write(
                to: staging.stagedPath("entities.csv"), entities: analysis.entities,
                communities: analysis.communities.partition.labels, centrality: analysis.centrality,
                rings: analysis.rings, threads: 1)
            try CommunitiesReport.write(
                to: staging.stagedPath("communities.csv"), analysis: analysis.communities,
                entities: analysis.entities)
            try RingReports.writeRings(
                to: staging.stagedPath("rings.csv"), detection: analysis.rings, entities: analysis.entities)
            try RingReports.writeSuspects(
                to: staging.stagedPath("suspects.csv"), detection: analysis.rings, entities: analysis.entities)
            try RingReports.writeEvidence(
                to: staging.stagedPath("evidence.csv"), detection: analysis.rings, entities: analysis.entities,
                events: analysis.events)
            try RingReports.writeBaseline(
                to: staging.stagedPath("baseline-rings.csv"), rings: analysis.baseline,
                entities: analysis.entities)
        }
    }

    /// `alias-suggestions.csv` (`--suggest-aliases`): `byName`, found on the names as written
    /// (before any pseudonym replaced them), and the pairs that share most counterparties.
    ///
    /// - Parameter withholdKeys: leave out the shared name or local part (a pseudonymised build).
    /// - Returns: the counts and parameters `build.json` records.
    func writeAliasSuggestions(
        byName: (suggestions: [AliasSuggestions.Suggestion], bucketsSkipped: Int),
        suggester: AliasSuggestions, withholdKeys: Bool
    ) throws(BuildError) -> BuildManifest.AliasSuggestionCounts {
        let shared = suggester.byCounterparties(analysis.graph, entities: analysis.entities)
        let all = AliasSuggestions.ordered(byName.suggestions + shared.suggestions, entities: analysis.entities)
        let entities = analysis.entities
        try writingCSV { () throws(CSVWriteError) in
            try AliasSuggestionsReport.write(
                to: staging.stagedPath(AliasSuggestionsReport.file), all, entities: entities,
                withholdKeys: withholdKeys)
        }
        return .init(
            sameName: all.filter { $0.reason == "same_name" }.count,
            sameEmailLocalPart: all.filter { $0.reason == "same_email_local_part" }.count,
            sharedCounterparties: shared.suggestions.count, bucketsSkipped: byName.bucketsSkipped,
            hubsSkipped: shared.hubsSkipped, maxBucket: suggester.maxBucket,
            maxCounterpartyDegree: suggester.maxCounterpartyDegree, minShared: suggester.minShared,
            minJaccard: suggester.minJaccard)
    }

    /// The pictures, ring pages and `index.html` (`RenderStage`), headed by `summary`.
    func drawPictures(summary: BuildSummary, inputs: [FileReport], ringLimit: Int) throws(BuildError)
        -> RenderStage.Outcome
    {
        try RenderStage.run(
            staging: staging, analysis: analysis, summary: summary, inputs: inputs, ringLimit: ringLimit)
    }

    /// SHA-256 of each staged output in `names`, by name.
    func digests(of names: [String]) throws(BuildError) -> [String: String] {
        var digests: [String: String] = [:]
        for name in names { digests[name] = try FileDigest.sha256(staging.stagedPath(name)) }
        return digests
    }

    /// The case file's rows about the build besides the manifest: whether ids are pseudonyms,
    /// and the window's bounds.
    static func caseFacts(_ options: BuildOptions) -> [(String, String)] {
        var facts: [(String, String)] = [("pseudonymized", options.pseudonymizer == nil ? "no" : "yes")]
        if let window = options.window {
            if let start = window.startText { facts.append(("window_start", start)) }
            if let end = window.endText { facts.append(("window_end", end)) }
        }
        return facts
    }
}
