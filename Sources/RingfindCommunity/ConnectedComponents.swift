import RingfindGraph

/// Connected components of an undirected graph, by breadth-first search.
///
/// Components are labelled in the order of their smallest node (a canonical `Partition`).
///
/// - Complexity: O(nodes + edges) time, O(nodes) extra space.
public enum ConnectedComponents {
    /// Every node's component, labelled in the order of each component's smallest node.
    ///
    /// - Complexity: O(nodes + edges).
    public static func run(on graph: WeightedGraph) -> Partition {
        let n = graph.nodeCount
        var labels = [Int32](repeating: -1, count: n)
        var queue = [Int32](repeating: 0, count: n)
        var next: Int32 = 0
        for start in 0..<n where labels[start] < 0 {
            labels[start] = next
            var head = 0, tail = 1
            queue[0] = Int32(start)
            while head < tail {
                let v = Int(queue[head])
                head += 1
                for i in graph.range(v) {
                    let u = Int(graph.neighbors[i])
                    if labels[u] < 0 {
                        labels[u] = next
                        queue[tail] = Int32(u)
                        tail += 1
                    }
                }
            }
            next += 1
        }
        return Partition(labels: labels)
    }
}
