/// A directed weighted graph in CSR form with both out- and in-adjacency: the input of
/// PageRank and of Gould–Fernandez brokerage.
///
/// Parallel edges are merged (weights summed); self-loops are kept as ordinary edges (PageRank
/// counts them, as networkx does; brokerage skips them). Out- and in-neighbour lists are
/// sorted, so `hasEdge` is a binary search.
///
/// Memory: 24 bytes per edge plus 16 bytes per node.
public struct DirectedGraph: Sendable {
    /// `outOffsets[v]..<outOffsets[v + 1]` index `targets` and `outWeights`.
    public let outOffsets: [Int]
    public let targets: [Int32]
    public let outWeights: [Double]
    /// `inOffsets[v]..<inOffsets[v + 1]` index `sources` and `inWeights`.
    public let inOffsets: [Int]
    public let sources: [Int32]
    public let inWeights: [Double]

    public var nodeCount: Int { outOffsets.count - 1 }
    public var edgeCount: Int { targets.count }

    /// Builds from an edge list (edges of weight ≤ 0 or not finite are left out).
    ///
    /// - Complexity: O(nodes + edges) (counting sorts).
    public init(nodeCount n: Int, sources edgeSources: [Int32], targets edgeTargets: [Int32], weights edgeWeights: [Double]) {
        precondition(edgeSources.count == edgeTargets.count && edgeTargets.count == edgeWeights.count, "edge columns differ in length")
        let keep = edgeSources.indices.filter { edgeWeights[$0] > 0 && edgeWeights[$0].isFinite }
        // Sort by (source, target): bucket by target, then stably by source.
        var count = [Int](repeating: 0, count: n + 1)
        for i in keep { count[Int(edgeTargets[i]) + 1] += 1 }
        for v in 0..<n { count[v + 1] += count[v] }
        var byTarget = [Int](repeating: 0, count: keep.count)
        var next = count
        for i in keep { byTarget[next[Int(edgeTargets[i])]] = i; next[Int(edgeTargets[i])] += 1 }
        count = [Int](repeating: 0, count: n + 1)
        for i in keep { count[Int(edgeSources[i]) + 1] += 1 }
        for v in 0..<n { count[v + 1] += count[v] }
        var sorted = [Int](repeating: 0, count: keep.count)
        next = count
        for i in byTarget { sorted[next[Int(edgeSources[i])]] = i; next[Int(edgeSources[i])] += 1 }
        // Merge parallel edges.
        var outOffsets = [Int](repeating: 0, count: n + 1)
        var targets: [Int32] = [], outWeights: [Double] = []
        var k = 0
        for v in 0..<n {
            while k < count[v + 1] {
                let t = edgeTargets[sorted[k]]
                var w = 0.0
                while k < count[v + 1] && edgeTargets[sorted[k]] == t { w += edgeWeights[sorted[k]]; k += 1 }
                targets.append(t)
                outWeights.append(w)
            }
            outOffsets[v + 1] = targets.count
        }
        // In-adjacency: edges bucketed by target, sources ascending within a bucket.
        var inOffsets = [Int](repeating: 0, count: n + 1)
        for t in targets { inOffsets[Int(t) + 1] += 1 }
        for v in 0..<n { inOffsets[v + 1] += inOffsets[v] }
        var sources = [Int32](repeating: 0, count: targets.count)
        var inWeights = [Double](repeating: 0, count: targets.count)
        next = inOffsets
        for v in 0..<n {
            for e in outOffsets[v]..<outOffsets[v + 1] {
                let t = Int(targets[e])
                sources[next[t]] = Int32(v)
                inWeights[next[t]] = outWeights[e]
                next[t] += 1
            }
        }
        self.outOffsets = outOffsets
        self.targets = targets
        self.outWeights = outWeights
        self.inOffsets = inOffsets
        self.sources = sources
        self.inWeights = inWeights
    }

    /// Out-edge index range of `v`.
    @inlinable
    public func outRange(_ v: Int) -> Range<Int> { outOffsets[v]..<outOffsets[v + 1] }

    /// In-edge index range of `v`.
    @inlinable
    public func inRange(_ v: Int) -> Range<Int> { inOffsets[v]..<inOffsets[v + 1] }

    /// Whether the edge `u → v` exists.
    ///
    /// - Complexity: O(log out-degree(u)).
    public func hasEdge(from u: Int, to v: Int) -> Bool {
        var low = outOffsets[u], high = outOffsets[u + 1]
        let target = Int32(v)
        while low < high {
            let mid = (low + high) / 2
            if targets[mid] < target { low = mid + 1 } else { high = mid }
        }
        return low < outOffsets[u + 1] && targets[low] == target
    }

    /// The directed graph of selected edge types of the case graph, each event weighing its
    /// type's weight (types of weight 0 are left out).
    public init(projecting graph: MultiplexGraph, typeWeights: EdgeTypeWeights) {
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        for type in EdgeType.allCases where typeWeights[type] > 0 {
            let edges = graph[type]
            s.append(contentsOf: edges.sources)
            t.append(contentsOf: edges.targets)
            for c in edges.counts { w.append(typeWeights[type] * Double(c)) }
        }
        self.init(nodeCount: graph.nodeCount, sources: s, targets: t, weights: w)
    }
}
