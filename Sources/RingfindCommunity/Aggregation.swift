/// Collapses each community of a partition into one node (the aggregation step of Louvain
/// and Leiden). Edges between communities are summed; edges inside a community become its
/// self-loop, so strengths and the total weight are preserved and modularity of the
/// collapsed partition equals modularity on the original graph.
///
/// Neighbours of a collapsed node are listed in first-seen order (deterministic, not sorted).
///
/// - Complexity: O(nodes + edges) time; O(nodes) scratch.
enum Aggregation {
    /// The graph whose node `c` is community `c` of `labels` (dense, `0..<communityCount`).
    static func collapse(_ graph: WeightedGraph, labels: [Int32], communityCount k: Int) -> WeightedGraph {
        let n = graph.nodeCount
        // Members grouped by community (counting sort).
        var start = [Int](repeating: 0, count: k + 1)
        for v in 0..<n { start[Int(labels[v]) + 1] += 1 }
        for c in 0..<k { start[c + 1] += start[c] }
        var members = [Int32](repeating: 0, count: n)
        var next = start
        for v in 0..<n {
            let c = Int(labels[v])
            members[next[c]] = Int32(v)
            next[c] += 1
        }
        var offsets = [Int](repeating: 0, count: k + 1)
        var neighbors: [Int32] = []
        var weights: [Double] = []
        neighbors.reserveCapacity(min(graph.neighbors.count, 4 * k + 16))
        weights.reserveCapacity(min(graph.neighbors.count, 4 * k + 16))
        var selfLoops = [Double](repeating: 0, count: k)
        var accumulated = [Double](repeating: 0, count: k)
        var seen = [Bool](repeating: false, count: k)
        var touched: [Int32] = []
        for c in 0..<k {
            var insideWeight = 0.0
            for m in start[c]..<start[c + 1] {
                let v = Int(members[m])
                insideWeight += 2 * graph.selfLoops[v]
                for i in graph.range(v) {
                    let d = labels[Int(graph.neighbors[i])]
                    if Int(d) == c {
                        insideWeight += graph.weights[i]
                    } else {
                        if !seen[Int(d)] { seen[Int(d)] = true; touched.append(d) }
                        accumulated[Int(d)] += graph.weights[i]
                    }
                }
            }
            selfLoops[c] = insideWeight / 2
            for d in touched {
                neighbors.append(d)
                weights.append(accumulated[Int(d)])
                accumulated[Int(d)] = 0
                seen[Int(d)] = false
            }
            touched.removeAll(keepingCapacity: true)
            offsets[c + 1] = neighbors.count
        }
        return WeightedGraph(offsets: offsets, neighbors: neighbors, weights: weights, selfLoops: selfLoops)
    }
}
