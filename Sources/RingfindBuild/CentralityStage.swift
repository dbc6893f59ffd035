import RingfindCentrality
import RingfindGraph

/// Parameters of centrality scoring in a build.
public struct CentralityOptions: Sendable {
    /// External ids of known bad actors for personalised PageRank, besides entities of kind `broker`.
    public var seeds: [String] = []
    /// How betweenness measures path length.
    public var betweennessLengths: BetweennessLengths = .hops
    /// Sampled sources for betweenness; `nil` chooses: exact while n × (half-edges) stays within
    /// `exactBetweennessBudget`, otherwise as many sources as the budget allows (at least 64).
    public var betweennessSamples: Int? = nil
    public var exactBetweennessBudget: Double = 2e9
    public var seed: UInt64 = 1

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
    public static func run(_ graph: MultiplexGraph, entities: EntityTable, projection: WeightedGraph,
                           typeWeights: EdgeTypeWeights, options: CentralityOptions) throws(BuildError) -> CentralityAnalysis {
        var seeds = Set<Int32>()
        for id in options.seeds {
            guard let entity = entities.entity(forID: id) else {
                throw .invalidOption(name: "--seeds", value: id, expected: "the id of an entity in the input")
            }
            seeds.insert(entity)
        }
        for (e, kind) in entities.kinds.enumerated() where kind == .broker { seeds.insert(Int32(e)) }
        var moneyAndMessages = typeWeights
        moneyAndMessages.access = 0
        let directed = DirectedGraph(projecting: graph, typeWeights: moneyAndMessages)
        let pageRank = PageRank()
        let plain = pageRank.run(on: directed)
        let personal = seeds.isEmpty ? nil : pageRank.run(on: directed, seeds: seeds.sorted())

        let lengths: Betweenness.Lengths
        switch options.betweennessLengths {
        case .hops: lengths = .hops
        case .weighted: lengths = .given(projection.weights.map { 1 / $0 })
        }
        let n = projection.nodeCount
        let work = Double(n) * Double(max(projection.neighbors.count, 1))
        var samples = options.betweennessSamples
        if samples == nil && work > options.exactBetweennessBudget {
            samples = min(n, max(64, Int(options.exactBetweennessBudget / Double(max(projection.neighbors.count, 1)))))
        }
        let betweenness = Betweenness(lengths: lengths, sampleSize: samples, seed: options.seed).run(on: projection)

        var allTypes = EdgeTypeWeights()
        allTypes.communication = 1
        allTypes.payment = 1
        allTypes.access = 1
        let kinds = entities.kinds.map { Int32($0.rawValue) }
        let brokerage = Brokerage.run(on: DirectedGraph(projecting: graph, typeWeights: allTypes), groups: kinds,
                                      groupCount: EntityKind.allCases.count)
        return CentralityAnalysis(
            degrees: DegreeTable(graph), pageRank: plain, seedPageRank: personal, seedCount: seeds.count,
            betweenness: betweenness, core: CoreNumber.run(on: projection),
            structuralHoles: StructuralHoles.run(on: projection), brokerage: brokerage)
    }
}
