import RingfindGraph

/// Louvain community detection (Blondel, Guillaume, Lambiotte & Lefebvre, "Fast unfolding of
/// communities in large networks", J. Stat. Mech. P10008, 2008), maximising modularity with
/// resolution γ.
///
/// Each level sweeps the nodes in a random order, moving each to the neighbouring community
/// with the largest modularity gain, until a sweep improves nothing; then every community is
/// collapsed into one node and the next level starts. It stops when a level moves no node.
/// Louvain may leave a community internally disconnected (Traag et al. 2019); `Leiden`
/// fixes that.
///
/// - Complexity: near linear in edges per sweep on sparse graphs; O(nodes + edges) memory.
public struct Louvain: Sendable {
    /// γ: above 1 finds more, smaller communities; below 1 fewer, larger ones.
    public var resolution: Double
    /// Seed of the node visiting order.
    public var seed: UInt64
    /// A sweep whose modularity gain (in units of edge weight) is below this ends a level.
    public var minimumGain: Double = 1e-10
    /// At most this many sweeps per level.
    public var maximumSweeps: Int = 100

    /// - Parameters:
    ///   - resolution: γ (1: classic modularity).
    ///   - seed: seed of the node visiting order.
    public init(resolution: Double = 1, seed: UInt64 = 1) {
        self.resolution = resolution
        self.seed = seed
    }

    /// Communities of `graph` (every node in exactly one), with the modularity and the levels
    /// that ran; the same graph and seed give the same result.
    ///
    /// - Complexity: near linear in edges per sweep on sparse graphs (see the type).
    public func run(on graph: WeightedGraph) -> CommunityResult {
        var rng = SplitMix64(seed: seed)
        var current = graph
        // membership[v]: the node of `current` that original node v belongs to.
        var membership = (0..<Int32(graph.nodeCount)).map { $0 }
        var levels = 0
        while current.nodeCount > 0 {
            let state = CommunityState(graph: current, labels: (0..<Int32(current.nodeCount)).map { $0 })
            let moved = sweepUntilStable(current, state, &rng)
            levels += 1
            guard moved else { break }
            let collapsed = Partition(labels: state.labels)
            for v in membership.indices { membership[v] = collapsed.labels[Int(membership[v])] }
            if collapsed.count == current.nodeCount { break }
            current = Aggregation.collapse(current, labels: collapsed.labels, communityCount: collapsed.count)
        }
        let partition = Partition(labels: membership)
        return CommunityResult(
            partition: partition, modularity: Modularity.quality(graph, partition, resolution: resolution),
            levels: levels, iterations: 1)
    }

    /// Local moving: sweeps in a random order until a sweep gains too little. Returns whether
    /// any node moved.
    private func sweepUntilStable(_ graph: WeightedGraph, _ state: CommunityState, _ rng: inout SplitMix64) -> Bool {
        let n = graph.nodeCount
        guard graph.totalWeight > 0 else { return false }
        var order = (0..<n).map { $0 }
        rng.shuffle(&order)
        let scale = resolution / (2 * graph.totalWeight)
        var anyMove = false
        for _ in 0..<maximumSweeps {
            var gain = 0.0
            var moves = 0
            for v in order {
                let k = graph.strengths[v]
                let own = state.community[v]
                state.remove(v, strength: k)
                graph.withAdjacency { state.gatherNeighborWeights(of: v, own: own, $0) }
                let stay = state.weight(to: own) - scale * k * state.communityStrength[Int(own)]
                var best = own, bestGain = stay
                for c in state.touched where c != own {
                    let g = state.weight(to: c) - scale * k * state.communityStrength[Int(c)]
                    if g > bestGain {
                        best = c
                        bestGain = g
                    }
                }
                state.clearNeighborWeights()
                state.insert(v, strength: k, into: best)
                if best != own {
                    moves += 1
                    gain += bestGain - stay
                }
            }
            if moves > 0 { anyMove = true }
            if moves == 0 || gain < minimumGain { break }
        }
        return anyMove
    }
}
