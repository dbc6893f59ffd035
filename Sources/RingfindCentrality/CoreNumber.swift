import RingfindGraph

/// k-core numbers (Batagelj & Zaversnik, "An O(m) algorithm for cores decomposition of
/// networks", 2003): the core number of v is the largest k such that v belongs to a subgraph
/// in which every node has at least k neighbours. Weights and self-loops are ignored, as in
/// networkx's `core_number`.
///
/// - Complexity: O(nodes + edges) time and memory (bucket sort by degree).
public enum CoreNumber {
    /// The core number of every node of `graph`.
    ///
    /// - Complexity: O(nodes + edges).
    public static func run(on graph: WeightedGraph) -> [Int32] {
        let n = graph.nodeCount
        var degree = (0..<n).map { Int(graph.offsets[$0 + 1] - graph.offsets[$0]) }
        let maxDegree = degree.max() ?? 0
        var binStart = [Int](repeating: 0, count: maxDegree + 2)
        for d in degree { binStart[d + 1] += 1 }
        for d in 0...maxDegree { binStart[d + 1] += binStart[d] }
        var position = [Int](repeating: 0, count: n)
        var order = [Int](repeating: 0, count: n)
        var fill = binStart
        for v in 0..<n {
            position[v] = fill[degree[v]]
            order[position[v]] = v
            fill[degree[v]] += 1
        }
        for i in 0..<n {
            let v = order[i]
            for e in graph.range(v) {
                let u = Int(graph.neighbors[e])
                guard degree[u] > degree[v] else { continue }
                // Move u to the front of its bin, then shrink its degree by one.
                let du = degree[u], pu = position[u]
                let firstPosition = binStart[du], first = order[firstPosition]
                if u != first {
                    order[pu] = first
                    position[first] = pu
                    order[firstPosition] = u
                    position[u] = firstPosition
                }
                binStart[du] += 1
                degree[u] -= 1
            }
        }
        return degree.map { Int32($0) }
    }
}
