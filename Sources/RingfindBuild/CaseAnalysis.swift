import Foundation
import RingfindGraph
import RingfindRings

/// Everything a build finds in its tables: the graph, communities, centrality, rings and the
/// baseline rule's rings, with the parameters exactly as they ran.
///
/// A value made by `run`, a pure function of the ingested tables and the parameters: it reads
/// and writes no file, so it runs on tables built in memory as well as on ingested logs.
/// Publication (`CasePublication`) turns it into reports, pictures, `build.json` and the case file.
public struct CaseAnalysis: Sendable {
    /// The entities analysed (pseudonyms in a pseudonymised build).
    public var entities: EntityTable
    /// The events analysed.
    public var events: EventStore
    /// The case graph: one CSR graph per edge type.
    public var graph: MultiplexGraph
    public var communities: CommunityAnalysis
    public var centrality: CentralityAnalysis
    public var rings: RingDetection
    /// The baseline rule's rings, in the order of `baseline-rings.csv`.
    public var baseline: [BaselineRule.BaselineRing]
    /// The parameters the analysis ran with.
    public var parameters: AnalysisParameters
    /// Whether communities, centrality and rings ran side by side (`parameters.schedule` as
    /// resolved for this machine); changes no result.
    public var ranSideBySide: Bool

    /// Problems the analysis met that did not stop it (for `build.json` and the summary).
    public var warnings: [String] {
        guard !centrality.betweenness.computed else { return [] }
        return [
            "betweenness not computed: on a graph this large, the sample the time budget allows would be off by up to "
                + String(format: "%.2f", centrality.betweenness.errorBound)
                + ", more than any value it would rank (--betweenness-samples N computes it anyway)"
        ]
    }

    /// Analyses `entities` and `events`: builds the graph, then finds communities, scores
    /// centrality and detects rings (and the baseline rule's rings).
    ///
    /// Communities, centrality and rings do not feed each other (centrality only reuses the
    /// communities' projection), so with `parameters.schedule` resolved to side by side
    /// communities (the longest) run on this thread while centrality and then rings run on
    /// another: none of them keeps both cores busy all the time. Each is deterministic on its
    /// own, so the schedule changes no result.
    ///
    /// - Parameters:
    ///   - physicalMemory: the machine's memory, which `AnalysisSchedule.auto` weighs.
    ///   - clock: receives the stages `graph`, then `communities`, `centrality` and `rings`
    ///     (these three overlap when side by side).
    ///   - progress: short status lines, for a terminal.
    ///   - graphBuilt: called with the graph as soon as it is built, before the analyses (a
    ///     build starts writing the case file's graph tables then).
    /// - Throws: `BuildError.parameterOutOfRange` when a parameter is outside its range
    ///   (`AnalysisParameters.check`), `BuildError.invalidOption` when a seed names no entity.
    /// - Complexity: the graph is two radix passes per log, O(rows + entities); communities
    ///   near linear in edges per iteration; centrality dominated by betweenness (exact
    ///   O(entities × edges), or sampled within a budget); rings near linear in events.
    public static func run(
        entities: EntityTable, events: EventStore, parameters: AnalysisParameters,
        physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory,
        clock: StageClock = StageClock(), progress: ((String) -> Void)? = nil,
        graphBuilt: ((MultiplexGraph) -> Void)? = nil
    ) throws(BuildError) -> CaseAnalysis {
        try parameters.check()
        progress?("building the graph")
        let graph = GraphBuilder.build(nodeCount: entities.count, events: events)
        clock.lap("graph")
        graphBuilt?(graph)

        progress?("finding communities (\(parameters.communities.algorithm)), scoring centrality, looking for rings")
        let (projection, projectionSeconds) = StageClock.timed {
            CommunityStage.projection(of: graph, options: parameters.communities)
        }
        let analyses = SideBySideAnalyses()
        let eventRows = EdgeType.allCases.reduce(0) { $0 + events[$1].rowCount }
        let sideBySide = parameters.schedule.runsSideBySide(events: eventRows, physicalMemory: physicalMemory)
        let analyse = { @Sendable (task: Int) in
            switch task {
            case 0:
                let (communities, seconds) = StageClock.timed {
                    CommunityStage.run(projection: projection, options: parameters.communities)
                }
                analyses.communities = communities
                analyses.communitySeconds = projectionSeconds + seconds
            case 1:
                let (centrality, seconds) = StageClock.timed { () -> Result<CentralityAnalysis, BuildError> in
                    do throws(BuildError) {
                        return .success(
                            try CentralityStage.run(
                                graph, entities: entities, projection: projection,
                                typeWeights: parameters.communities.typeWeights,
                                options: parameters.centrality))
                    } catch { return .failure(error) }
                }
                analyses.centrality = centrality
                analyses.centralitySeconds = seconds
            default:
                let (found, seconds) = StageClock.timed {
                    (
                        RingDetector(parameters: parameters.rings).run(entities: entities, events: events),
                        BaselineRule.run(graph: graph, entities: entities)
                    )
                }
                (analyses.rings, analyses.baseline) = (found.0, found.1)
                analyses.ringSeconds = seconds
            }
        }
        if sideBySide {
            // Communities on this thread; centrality, then rings, on a thread of its own
            // (`BackgroundWork`), so that the analyses' inner parallel loops find Dispatch's
            // workers free. Three threads at once measured no faster on two cores, with 0.2 GB
            // more at the peak.
            let other = BackgroundWork { for task in [1, 2] { analyse(task) } }
            analyse(0)
            try? other.wait()
        } else {
            for task in 0..<3 { analyse(task) }
        }
        clock.record([
            ("communities", analyses.communitySeconds), ("centrality", analyses.centralitySeconds),
            ("rings", analyses.ringSeconds),
        ])
        guard let communities = analyses.communities, let rings = analyses.rings, let baseline = analyses.baseline,
            let centrality = analyses.centrality
        else {
            preconditionFailure("every analysis task sets its result before the analyses are joined")
        }
        return CaseAnalysis(
            entities: entities, events: events, graph: graph, communities: communities,
            centrality: try centrality.get(), rings: rings, baseline: baseline, parameters: parameters,
            ranSideBySide: sideBySide)
    }
}

/// Results of the analyses run side by side; each slot is written by exactly one task before
/// the analyses are joined (`BackgroundWork.wait`), and read only after.
private final class SideBySideAnalyses: @unchecked Sendable {
    var communities: CommunityAnalysis?
    var centrality: Result<CentralityAnalysis, BuildError>?
    var rings: RingDetection?
    var baseline: [BaselineRule.BaselineRing]?
    var communitySeconds = 0.0, centralitySeconds = 0.0, ringSeconds = 0.0
}
