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
    /// - Complexity: O(nodes + edges) (`CSRLayout` counting sorts).
    public init(
        nodeCount n: Int, sources edgeSources: [Int32], targets edgeTargets: [Int32], weights edgeWeights: [Double]
    ) {
        precondition(
            edgeSources.count == edgeTargets.count && edgeTargets.count == edgeWeights.count,
            "edge columns differ in length")
        precondition(edgeSources.count <= Int(Int32.max), "too many edges for Int32 positions")
        let keep = edgeSources.indices.filter { edgeWeights[$0] > 0 && edgeWeights[$0].isFinite }.map { Int32($0) }
        // Sort by (source, target): bucket by target, then stably by source.
        let sorted = CSRLayout(
            sorting: CSRLayout(sorting: keep, byKeys: edgeTargets, keyCount: n).order, byKeys: edgeSources, keyCount: n)
        // Merge parallel edges.
        var outOffsets = [Int](repeating: 0, count: n + 1)
        var edgeSource: [Int32] = []
        var targets: [Int32] = []
        var outWeights: [Double] = []
        var k = 0
        for v in 0..<n {
            while k < sorted.offsets[v + 1] {
                let t = edgeTargets[Int(sorted.order[k])]
                var w = 0.0
                while k < sorted.offsets[v + 1] && edgeTargets[Int(sorted.order[k])] == t {
                    w += edgeWeights[Int(sorted.order[k])]
                    k += 1
                }
                edgeSource.append(Int32(v))
                targets.append(t)
                outWeights.append(w)
            }
            outOffsets[v + 1] = targets.count
        }
        // In-adjacency: edges bucketed by target, sources ascending within a bucket.
        let incoming = CSRLayout(keys: targets, keyCount: n)
        let inOffsets = incoming.offsets
        let sources = incoming.order.map { edgeSource[Int($0)] }
        let inWeights = incoming.order.map { outWeights[Int($0)] }
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
