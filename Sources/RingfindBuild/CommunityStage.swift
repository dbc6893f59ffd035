import RingfindCommunity
import RingfindGraph

/// Parameters of community detection in a build.
public struct CommunityOptions: Sendable {
    public var algorithm: CommunityAlgorithm = .leiden
    /// γ of modularity.
    public var resolution: Double = 1
    public var seed: UInt64 = 1
    public var typeWeights = EdgeTypeWeights()
    /// Leiden's refinement randomness θ (Traag et al. 2019; their default, 0.01).
    public var leidenRandomness = Leiden(resolution: 1, seed: 1).randomness
    /// Leiden's iterations at most (as igraph, 2).
    public var leidenIterations = Leiden(resolution: 1, seed: 1).maximumIterations

    public init() {}
}

/// The communities of a build, numbered by size: community 0 is the largest (ties broken by
/// the smallest entity id number), so ids are stable for the same input and seed.
public struct CommunityAnalysis: Sendable {
    /// The undirected projection the algorithm ran on.
    public var projection: WeightedGraph
    /// Connected components of the projection.
    public var components: Partition
    /// Community of every entity, numbered by size.
    public var partition: Partition
    /// Per community (by number): size and modularity share.
    public var contributions: [Modularity.Contribution]
    /// Sizes by community number.
    public var sizes: [Int]
    public var modularity: Double
    public var levels: Int
    public var iterations: Int
}

/// Runs community detection on the case graph.
public enum CommunityStage {
    /// - Complexity: projection and components O(entities + edges); the algorithm near
    ///   linear in edges per iteration.
    public static func run(_ graph: MultiplexGraph, options: CommunityOptions) -> CommunityAnalysis {
        run(projection: projection(of: graph, options: options), options: options)
    }

    /// The undirected, type-weighted projection communities are found on (centrality uses it too).
    ///
    /// - Complexity: O(entities + edges).
    public static func projection(of graph: MultiplexGraph, options: CommunityOptions) -> WeightedGraph {
        WeightedGraph(projecting: graph, typeWeights: options.typeWeights)
    }

    /// Communities on a projection made by `projection(of:options:)` with the same options.
    public static func run(projection: WeightedGraph, options: CommunityOptions) -> CommunityAnalysis {
        let components = ConnectedComponents.run(on: projection)
        let result = options.algorithm.run(
            on: projection, resolution: options.resolution, seed: options.seed,
            randomness: options.leidenRandomness, iterations: options.leidenIterations)
        let bySize = numberedBySize(result.partition)
        return CommunityAnalysis(
            projection: projection, components: components, partition: bySize,
            contributions: Modularity.contributions(projection, bySize, resolution: options.resolution),
            sizes: bySize.sizes(), modularity: result.modularity, levels: result.levels, iterations: result.iterations)
    }

    /// Renumbers communities by decreasing size, ties by their canonical (smallest-member) order.
    static func numberedBySize(_ partition: Partition) -> Partition {
        let sizes = partition.sizes()
        let order = sizes.indices.sorted { (sizes[$0], -$0) > (sizes[$1], -$1) }
        var rank = [Int32](repeating: 0, count: partition.count)
        for (newLabel, old) in order.enumerated() { rank[old] = Int32(newLabel) }
        let labels = partition.labels.map { rank[Int($0)] }
        return Partition(numbered: labels, count: partition.count)
    }
}
