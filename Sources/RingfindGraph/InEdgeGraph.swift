/// A directed weighted graph kept for pulling along in-edges: each node's in-neighbours, with
/// the weights of their edges, and each node's total out-weight — what PageRank reads, and
/// nothing else.
///
/// `DirectedGraph` keeps both directions (24 bytes per edge), and building it from the case
/// graph sorts an edge list (about 60 bytes per edge while it is built): on the 10 M-event
/// benchmark, 300 MB alive at once beside the other analyses. Made from the case graph
/// (`init(projecting:typeWeights:)`), this merges the in-edge lists the case graph already
/// holds, one node at a time, into 12 bytes per edge.
///
/// Either way the graph is the same, number for number: parallel edges of the selected types
/// merged in type order (weights summed from 0 in `EdgeType` order, edges of weight ≤ 0 or
/// not finite left out), in-neighbours in ascending order, and each out-weight summed over
/// the node's out-edges in ascending target order. So PageRank gives the same scores, bit
/// for bit, from either.
///
/// Memory: 12 bytes per edge plus 16 bytes per node.
public struct InEdgeGraph: Sendable {
    /// `inOffsets[v]..<inOffsets[v + 1]` index `sources` and `inWeights`; `nodeCount + 1` entries.
    public let inOffsets: [Int]
    /// The source of each in-edge, ascending within a node.
    public let sources: [Int32]
    public let inWeights: [Double]
    /// Each node's total out-weight.
    public let outWeights: [Double]

    public var nodeCount: Int { inOffsets.count - 1 }
    public var edgeCount: Int { sources.count }

    /// In-edge index range of `v`.
    @inlinable
    public func inRange(_ v: Int) -> Range<Int> { inOffsets[v]..<inOffsets[v + 1] }

    /// The in-edges of `graph`, and its out-weights summed over each node's out-edges in order.
    ///
    /// - Complexity: O(nodes + edges).
    public init(_ graph: DirectedGraph) {
        var outWeights = [Double](repeating: 0, count: graph.nodeCount)
        for v in 0..<graph.nodeCount { for e in graph.outRange(v) { outWeights[v] += graph.outWeights[e] } }
        inOffsets = graph.inOffsets
        sources = graph.sources
        inWeights = graph.inWeights
        self.outWeights = outWeights
    }

    /// The graph of the selected edge types of the case graph, each event weighing its type's
    /// weight (types of weight 0 are left out): the same graph as
    /// `InEdgeGraph(DirectedGraph(projecting: graph, typeWeights: typeWeights))`.
    ///
    /// For each target in turn, its in-edge lists of the selected types (each sorted by
    /// source) are merged; adding each merged edge's weight to its source's out-weight as
    /// targets ascend sums every out-weight in ascending target order.
    ///
    /// - Complexity: O(nodes + edges) time (at most three lists merged per node); memory the
    ///   result.
    public init(projecting graph: MultiplexGraph, typeWeights: EdgeTypeWeights) {
        let n = graph.nodeCount
        let lists = EdgeType.allCases.filter { typeWeights[$0] > 0 }.map { graph[$0] }
        let weights = lists.map { typeWeights[$0.type] }
        var inOffsets = [Int](repeating: 0, count: n + 1)
        var sources: [Int32] = [], inWeights: [Double] = []
        let bound = lists.reduce(0) { $0 + $1.edgeCount }
        sources.reserveCapacity(bound)
        inWeights.reserveCapacity(bound)
        var outWeights = [Double](repeating: 0, count: n)
        var cursor = [Int](repeating: 0, count: lists.count)
        for v in 0..<n {
            for k in lists.indices { cursor[k] = lists[k].inOffsets[v] }
            while true {
                // The smallest source at the head of a list.
                var source = Int32.max, any = false
                for k in lists.indices where cursor[k] < lists[k].inOffsets[v + 1] {
                    let edge = Int(lists[k].inEdges[cursor[k]])
                    source = min(source, lists[k].sources[edge])
                    any = true
                }
                guard any else { break }
                // Its edges of every selected type, in type order.
                var weight = 0.0, kept = false
                for k in lists.indices where cursor[k] < lists[k].inOffsets[v + 1] {
                    let edge = Int(lists[k].inEdges[cursor[k]])
                    guard lists[k].sources[edge] == source else { continue }
                    cursor[k] += 1
                    let part = weights[k] * Double(lists[k].counts[edge])
                    if part > 0 && part.isFinite {
                        weight += part
                        kept = true
                    }
                }
                if kept {
                    sources.append(source)
                    inWeights.append(weight)
                    outWeights[Int(source)] += weight
                }
            }
            inOffsets[v + 1] = sources.count
        }
        self.inOffsets = inOffsets
        self.sources = sources
        self.inWeights = inWeights
        self.outWeights = outWeights
    }
}
