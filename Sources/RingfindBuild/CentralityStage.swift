import Dispatch
import RingfindCentrality
import RingfindGraph

/// Parameters of centrality scoring in a build.
public struct CentralityOptions: Sendable {
    /// External ids of known bad actors for personalised PageRank, besides entities of kind `broker`.
    public var seeds: [String] = []
    /// How betweenness measures path length.
    public var betweennessLengths: BetweennessLengths = .hops
    /// Sampled sources for betweenness; `nil` chooses: exact while n × (half-edges) stays within
    /// `exactBetweennessBudget` (about 5 s on two cores), otherwise as many sources as
    /// `sampledBetweennessBudget` allows (at least 16; one source costs one search of the graph)
    /// — unless that sample's error bound (`Betweenness.errorBound`) would exceed
    /// `betweennessErrorLimit`: then betweenness is not computed at all, because values known only
    /// to ± 0.56 (27 sources on a million entities) rank nothing; a column of noise is worse than
    /// an empty one. Give a number of sources to compute it anyway.
    public var betweennessSamples: Int? = nil
    /// The largest error bound on normalised betweenness (at confidence 0.9) `nil` samples accept.
    /// Normalised betweenness lies in [0, 1]; above 0.05 the bound exceeds the largest values
    /// sparse graphs have, so the sample could not tell the top entities from zero.
    public var betweennessErrorLimit: Double = 0.05
    public var exactBetweennessBudget: Double = 2e9
    public var sampledBetweennessBudget: Double = 4e8
    public var seed: UInt64 = 1
    /// PageRank's damping factor d (the chance of following an edge rather than jumping;
    /// Brin & Page's 0.85).
    public var pageRankDamping = PageRank().damping

    public init() {}
}

/// `--betweenness`: hop counts, or lengths 1/weight on the weighted projection (strong ties are short).
public enum BetweennessLengths: String, CaseIterable, Sendable {
    case hops
    case weighted
}

/// Every entity's centrality and brokerage scores.
public struct CentralityAnalysis: Sendable {
    public var degrees: DegreeTable
    /// Distinct counterparties over all logs (`MultiplexGraph.degrees`).
    public var totalDegree: [Int32]
    /// Events taken part in over all logs (`MultiplexGraph.strengths`).
    public var totalStrength: [Int64]
    public var pageRank: PageRank.Result
    /// Personalised PageRank from the seeds; `nil` when there is no seed.
    public var seedPageRank: PageRank.Result?
    public var seedCount: Int
    public var betweenness: Betweenness.Result
    public var core: [Int32]
    public var structuralHoles: StructuralHoles.Result
    public var brokerage: Brokerage.Result
}

/// Computes centrality on the case graph.
///
/// - PageRank runs on the directed money-and-message graph (communications and payments,
///   each event weighted by its type weight).
/// - Betweenness, k-core and Burt's measures run on the undirected projection used for
///   communities.
/// - Gould–Fernandez brokerage runs on the directed graph of all three logs, with entity
///   kinds as groups.
public enum CentralityStage {
    /// Every centrality measure of every entity, the independent ones side by side, with how
    /// each ran (for `build.json`).
    ///
    /// - Complexity: dominated by betweenness, O(k·m) for k sampled sources (or skipped when the
    ///   affordable sample would be noise), and the triangle listing, O(m^1.5).
    public static func run(
        _ graph: MultiplexGraph, entities: EntityTable, projection: WeightedGraph,
        typeWeights: EdgeTypeWeights, options: CentralityOptions
    ) throws(BuildError) -> CentralityAnalysis {
        let seeds = try seedEntities(options.seeds, entities: entities)
        var moneyAndMessages = typeWeights
        moneyAndMessages.access = 0
        let tasks = CentralityTasks(
            graph: graph, projection: projection, options: options,
            betweenness: BetweennessPlan(projection: projection, options: options),
            kinds: entities.kinds.map { Int32($0.rawValue) }, sortedSeeds: seeds.sorted(),
            moneyAndMessages: moneyAndMessages, sameStructure: EdgeType.allCases.allSatisfy { typeWeights[$0] > 0 })

        // The measures are independent: run them side by side (betweenness and PageRank are
        // parallel inside too). Each result is deterministic, so the schedule does not matter.
        let results = IndependentTasks()
        DispatchQueue.concurrentPerform(iterations: 5) { task in tasks.run(task, into: results) }
        return CentralityAnalysis(
            degrees: results.degrees!, totalDegree: results.totalDegree!, totalStrength: results.totalStrength!,
            pageRank: results.pageRank!, seedPageRank: results.seedPageRank, seedCount: seeds.count,
            betweenness: results.betweenness!, core: results.core!, structuralHoles: results.structuralHoles!,
            brokerage: results.brokerage!)
    }

    /// The seeds of personalised PageRank: the entities `ids` name, and every entity of kind
    /// `broker`.
    ///
    /// - Throws: `BuildError.invalidOption` when an id names no entity.
    private static func seedEntities(_ ids: [String], entities: EntityTable) throws(BuildError) -> Set<Int32> {
        var seeds = Set<Int32>()
        for id in ids {
            guard let entity = entities.entity(forID: id) else {
                throw .invalidOption(name: "--seeds", value: id, expected: "the id of an entity in the input")
            }
            seeds.insert(entity)
        }
        for (e, kind) in entities.kinds.enumerated() where kind == .broker { seeds.insert(Int32(e)) }
        return seeds
    }
}

/// How betweenness runs on the projection: its path lengths, and exactly, on a sample of
/// sources, or not at all (`CentralityOptions.betweennessSamples`).
private struct BetweennessPlan: Sendable {
    let lengths: Betweenness.Lengths
    /// The number of sampled sources; `nil`: exact.
    let sampleSize: Int?
    /// Set when betweenness is not computed: the error bound of the sample the budget allows.
    let unaffordableBound: Double?

    /// The plan `options` give on `projection`: exact within the exact budget, else as many
    /// sources as the sampled budget allows, unless their error bound exceeds the limit.
    init(projection: WeightedGraph, options: CentralityOptions) {
        switch options.betweennessLengths {
        case .hops: lengths = .hops
        case .weighted: lengths = .given(projection.weights.map { 1 / $0 })
        }
        let n = projection.nodeCount
        let work = Double(n) * Double(max(projection.neighbors.count, 1))
        var samples = options.betweennessSamples
        var unaffordableBound: Double? = nil
        if samples == nil && work > options.exactBetweennessBudget {
            let affordable = min(
                n, max(16, Int(options.sampledBetweennessBudget / Double(max(projection.neighbors.count, 1)))))
            samples = affordable
            let bound = Betweenness.errorBound(nodes: n, samples: affordable)
            if bound > options.betweennessErrorLimit { unaffordableBound = bound }
        }
        sampleSize = samples
        self.unaffordableBound = unaffordableBound
    }
}

/// The independent centrality measures as five tasks, with what they read.
private struct CentralityTasks: Sendable {
    let graph: MultiplexGraph
    let projection: WeightedGraph
    let options: CentralityOptions
    let betweenness: BetweennessPlan
    /// Each entity's kind, its group for brokerage.
    let kinds: [Int32]
    let sortedSeeds: [Int32]
    /// The type weights with access left out, for PageRank.
    let moneyAndMessages: EdgeTypeWeights
    /// Whether every type has a positive weight, so the projection has exactly the neighbours
    /// of the all-types graph.
    let sameStructure: Bool

    /// Runs task `task` (0 to 4), storing what it computes in `results`.
    func run(_ task: Int, into results: IndependentTasks) {
        switch task {
        case 0:
            results.betweenness =
                betweenness.unaffordableBound.map {
                    Betweenness.Result.notComputed(nodes: projection.nodeCount, wouldBeOffBy: $0)
                }
                ?? Betweenness(lengths: betweenness.lengths, sampleSize: betweenness.sampleSize, seed: options.seed)
                .run(on: projection)
        case 1: brokerage(into: results)
        case 2: if !sameStructure { results.structuralHoles = StructuralHoles.run(on: projection) }
        case 3: pageRanks(into: results)
        default:
            results.core = CoreNumber.run(on: projection)
            results.degrees = DegreeTable(graph)
            results.totalDegree = graph.degrees()
            results.totalStrength = graph.strengths()
        }
    }

    /// Gould–Fernandez brokerage on the directed graph of all three logs, with Burt's
    /// structural holes from the same triangle listing when the structures agree.
    private func brokerage(into results: IndependentTasks) {
        // The community projection has exactly the neighbours of the all-types graph when
        // every type has a positive weight: then brokerage and structural holes share one
        // triangle listing on it, and brokerage reads which way each tie runs from the case
        // graph itself (no directed graph of all types is built).
        if sameStructure {
            (results.brokerage, results.structuralHoles) = TriangleMeasures.run(
                brokerageOn: graph, groups: kinds, groupCount: EntityKind.allCases.count, undirected: projection)
        } else {
            var everyType = EdgeTypeWeights()
            everyType.communication = 1
            everyType.payment = 1
            everyType.access = 1
            let directed = DirectedGraph(projecting: graph, typeWeights: everyType)
            results.brokerage = Brokerage.run(on: directed, groups: kinds, groupCount: EntityKind.allCases.count)
        }
    }

    /// PageRank on the money-and-message graph, and personalised PageRank from the seeds when
    /// there are any.
    private func pageRanks(into results: IndependentTasks) {
        let directed = InEdgeGraph(projecting: graph, typeWeights: moneyAndMessages)
        var pageRank = PageRank()
        pageRank.damping = options.pageRankDamping
        results.pageRank = pageRank.run(on: directed)
        if !sortedSeeds.isEmpty { results.seedPageRank = pageRank.run(on: directed, seeds: sortedSeeds) }
    }
}

/// Results of the centrality tasks; each slot is written by exactly one task before
/// `concurrentPerform` returns, and read only after.
private final class IndependentTasks: @unchecked Sendable {
    var degrees: DegreeTable?
    var totalDegree: [Int32]?
    var totalStrength: [Int64]?
    var pageRank: PageRank.Result?
    var seedPageRank: PageRank.Result?
    var betweenness: Betweenness.Result?
    var core: [Int32]?
    var structuralHoles: StructuralHoles.Result?
    var brokerage: Brokerage.Result?
}
