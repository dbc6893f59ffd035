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

    /// Runs the algorithm with `resolution` and `seed`.
    public func run(on graph: WeightedGraph, resolution: Double, seed: UInt64) -> CommunityResult {
        switch self {
        case .leiden: Leiden(resolution: resolution, seed: seed).run(on: graph)
        case .louvain: Louvain(resolution: resolution, seed: seed).run(on: graph)
        }
    }
}
