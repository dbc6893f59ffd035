import RingfindGraph

/// Modularity of a partition (Newman & Girvan 2004; with a resolution γ as in Reichardt &
/// Bornholdt 2006), the quality Louvain and Leiden maximise:
///
///     Q = Σ_c [ L_c / m − γ (K_c / 2m)² ]
///
/// where `L_c` is the weight of edges inside community c (self-loops once), `K_c` the sum of
/// the strengths of its nodes and `m` the total weight. This is the definition of networkx's
/// `community.modularity`, and the tests check it against networkx to 1e-9.
public enum Modularity {
    /// Q of `partition` on `graph`; 0 for a graph without edges.
    ///
    /// - Complexity: O(nodes + edges).
    public static func quality(_ graph: WeightedGraph, _ partition: Partition, resolution: Double = 1) -> Double {
        contributions(graph, partition, resolution: resolution).reduce(0) { $0 + $1.total }
    }

    /// One community's share of Q, with the weights it is made of.
    public struct Contribution: Sendable {
        /// Weight of the edges inside the community (self-loops once).
        public var internalWeight: Double
        /// Weight of the edges leaving it.
        public var externalWeight: Double
        /// Sum of its nodes' strengths.
        public var strength: Double
        /// `internalWeight / m − γ (strength / 2m)²`.
        public var total: Double
    }

    /// Each community's contribution to Q, by label.
    public static func contributions(_ graph: WeightedGraph, _ partition: Partition, resolution: Double = 1)
        -> [Contribution]
    {
        precondition(
            partition.nodeCount == graph.nodeCount,
            "partition has \(partition.nodeCount) nodes, graph \(graph.nodeCount)")
        var result = [Contribution](
            repeating: Contribution(internalWeight: 0, externalWeight: 0, strength: 0, total: 0), count: partition.count
        )
        let labels = partition.labels
        for v in 0..<graph.nodeCount {
            let c = Int(labels[v])
            result[c].strength += graph.strengths[v]
            result[c].internalWeight += graph.selfLoops[v]
            for i in graph.range(v) {
                if labels[Int(graph.neighbors[i])] == labels[v] {
                    result[c].internalWeight += graph.weights[i] / 2
                } else {
                    result[c].externalWeight += graph.weights[i]
                }
            }
        }
        let m = graph.totalWeight
        guard m > 0 else { return result }
        for c in result.indices {
            let k = result[c].strength / (2 * m)
            result[c].total = result[c].internalWeight / m - resolution * k * k
        }
        return result
    }
}
