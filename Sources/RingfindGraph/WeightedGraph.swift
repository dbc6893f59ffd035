/// An undirected weighted graph in CSR form, the input of community detection.
///
/// Each undirected edge `{u, v}` (u ≠ v) is stored twice, as `u → v` and `v → u`, with
/// neighbours of a node sorted (in collapsed graphs: in first-seen order); self-loops are
/// kept apart in `selfLoops`. Strength follows the networkx convention: `strength[v] = Σ_{u≠v} w(u,v) + 2·selfLoops[v]`, and
/// `totalWeight` (m) counts every edge and self-loop once, so `Σ strength = 2m`.
///
/// Memory: 12 bytes per directed half-edge plus 24 bytes per node.
public struct WeightedGraph: Sendable {
    /// `offsets[v]..<offsets[v + 1]` index the neighbours of `v`; `nodeCount + 1` entries.
    public let offsets: [Int]
    /// Neighbour of each half-edge.
    public let neighbors: [Int32]
    /// Weight of each half-edge (> 0).
    public let weights: [Double]
    /// Weight of the self-loop of each node (0 when none).
    public let selfLoops: [Double]
    /// Weighted degree of each node (self-loops counted twice).
    public let strengths: [Double]
    /// m: the total weight of all edges and self-loops, each counted once.
    public let totalWeight: Double

    /// The number of nodes.
    public var nodeCount: Int { offsets.count - 1 }

    /// The number of undirected edges between distinct nodes.
    public var edgeCount: Int { neighbors.count / 2 }

    /// The neighbour range of `v`.
    @inlinable
    public func range(_ v: Int) -> Range<Int> { offsets[v]..<offsets[v + 1] }

    /// Calls `body` with unchecked views of the adjacency arrays, for inner loops.
    public func withAdjacency<R>(_ body: (Adjacency) throws -> R) rethrows -> R {
        try offsets.withUnsafeBufferPointer { o in
            try neighbors.withUnsafeBufferPointer { n in
                try weights.withUnsafeBufferPointer { w in try body(Adjacency(offsets: o, neighbors: n, weights: w)) }
            }
        }
    }

    /// Unchecked views of a graph's adjacency, valid inside `withAdjacency` only.
    public struct Adjacency: @unchecked Sendable {
        public let offsets: UnsafeBufferPointer<Int>
        public let neighbors: UnsafeBufferPointer<Int32>
        public let weights: UnsafeBufferPointer<Double>
    }

    /// Builds a graph from an edge list; parallel edges are merged by summing their weights,
    /// edges of weight ≤ 0 (or not finite) are left out.
    ///
    /// - Complexity: O(nodes + edges) time and space (two `CSRLayout` counting-sort passes).
    public init(nodeCount: Int, sources: [Int32], targets: [Int32], weights edgeWeights: [Double]) {
        precondition(
            sources.count == targets.count && targets.count == edgeWeights.count, "edge columns differ in length")
        var selfLoops = [Double](repeating: 0, count: nodeCount)
        // The kept edges as half-edges a → b, both directions, in input order.
        var halfSources: [Int32] = []
        var halfTargets: [Int32] = []
        var halfWeights: [Double] = []
        halfSources.reserveCapacity(2 * sources.count)
        halfTargets.reserveCapacity(2 * sources.count)
        halfWeights.reserveCapacity(2 * sources.count)
        for i in sources.indices where edgeWeights[i] > 0 && edgeWeights[i].isFinite {
            let u = sources[i], v = targets[i], w = edgeWeights[i]
            if u == v {
                selfLoops[Int(u)] += w
                continue
            }
            for (a, b) in [(u, v), (v, u)] {
                halfSources.append(a)
                halfTargets.append(b)
                halfWeights.append(w)
            }
        }
        // Bucketed by neighbour, then stably by source: sorted by (source, neighbour).
        let sorted = CSRLayout(
            sorting: CSRLayout(keys: halfTargets, keyCount: nodeCount).order, byKeys: halfSources, keyCount: nodeCount)
        halfSources = []
        // Merge parallel edges.
        var offsets = [Int](repeating: 0, count: nodeCount + 1)
        var neighbors: [Int32] = []
        var weights: [Double] = []
        neighbors.reserveCapacity(sorted.order.count)
        weights.reserveCapacity(sorted.order.count)
        for v in 0..<nodeCount {
            var i = sorted.offsets[v]
            let end = sorted.offsets[v + 1]
            while i < end {
                let u = halfTargets[Int(sorted.order[i])]
                var w = 0.0
                while i < end && halfTargets[Int(sorted.order[i])] == u {
                    w += halfWeights[Int(sorted.order[i])]
                    i += 1
                }
                neighbors.append(u)
                weights.append(w)
            }
            offsets[v + 1] = neighbors.count
        }
        self.init(offsets: offsets, neighbors: neighbors, weights: weights, selfLoops: selfLoops)
    }

    /// Wraps CSR arrays that are already symmetric and merged (each `{u, v}` listed once
    /// from each side, weights > 0, no self-loop in `neighbors`).
    public init(offsets: [Int], neighbors: [Int32], weights: [Double], selfLoops: [Double]) {
        var strengths = [Double](repeating: 0, count: offsets.count - 1)
        var total = 0.0
        for v in 0..<(offsets.count - 1) {
            var s = 2 * selfLoops[v]
            for i in offsets[v]..<offsets[v + 1] { s += weights[i] }
            strengths[v] = s
            total += s
        }
        self.offsets = offsets
        self.neighbors = neighbors
        self.weights = weights
        self.selfLoops = selfLoops
        self.strengths = strengths
        self.totalWeight = total / 2
    }
}
