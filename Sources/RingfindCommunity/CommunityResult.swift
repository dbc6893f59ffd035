import RingfindGraph

/// What a community detection run returns.
public struct CommunityResult: Sendable {
    /// The communities found, canonically labelled.
    public var partition: Partition
    /// Modularity of `partition` at the run's resolution.
    public var modularity: Double
    /// Aggregation levels the run went through (in its last iteration).
    public var levels: Int
    /// Outer iterations (Leiden repeats until an iteration changes nothing).
    public var iterations: Int
}

/// The community detection algorithms `ringfind build --communities` offers.
public enum CommunityAlgorithm: String, CaseIterable, Sendable {
    case leiden
    case louvain

    /// Runs the algorithm with `resolution` and `seed`; Leiden with refinement randomness
    /// `randomness` (θ) and at most `iterations` iterations (`nil`: Leiden's defaults).
    public func run(
        on graph: WeightedGraph, resolution: Double, seed: UInt64,
        randomness: Double? = nil, iterations: Int? = nil
    ) -> CommunityResult {
        switch self {
        case .leiden:
            var leiden = Leiden(resolution: resolution, seed: seed)
            if let randomness { leiden.randomness = randomness }
            if let iterations { leiden.maximumIterations = iterations }
            return leiden.run(on: graph)
        case .louvain:
            return Louvain(resolution: resolution, seed: seed).run(on: graph)
        }
    }
}
