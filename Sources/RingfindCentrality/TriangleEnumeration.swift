import RingfindGraph

/// Lists every triangle of an undirected graph once, with the indices of all six half-edges,
/// by the "forward" algorithm (Schank & Wagner, "Finding, counting and listing all triangles
/// in large graphs", 2005; Latapy 2008): nodes are ranked by degree, each edge is oriented
/// from lower to higher rank, and a triangle is found at its lowest-ranked node by marking
/// that node's forward neighbours. Hubs therefore cost no more than O(m^1.5) overall, where
/// naive neighbour-of-neighbour scans would be quadratic in their degree.
///
/// Requires sorted, symmetric neighbour lists (as `WeightedGraph(nodeCount:…)` builds).
///
/// - Complexity: O(m^1.5) time, O(n + m) memory.
struct TriangleEnumeration {
    /// For each half-edge u→v, the index of v→u.
    let reverse: [Int]

    init(_ graph: WeightedGraph) {
        var reverse = [Int](repeating: 0, count: graph.neighbors.count)
        var cursor = Array(graph.offsets.dropLast())
        for v in 0..<graph.nodeCount {
            for e in graph.range(v) {
                let u = Int(graph.neighbors[e])
                reverse[e] = cursor[u]
                cursor[u] += 1
            }
        }
        self.reverse = reverse
    }

    /// A triangle {a, b, c} as its six half-edges.
    struct Triangle {
        var a: Int, b: Int, c: Int
        var ab: Int, ba: Int, ac: Int, ca: Int, bc: Int, cb: Int
    }

    /// Calls `body` once per triangle.
    func forEach(in graph: WeightedGraph, _ body: (Triangle) -> Void) {
        let n = graph.nodeCount
        func ranksBelow(_ u: Int, _ v: Int) -> Bool {
            let du = graph.offsets[u + 1] - graph.offsets[u], dv = graph.offsets[v + 1] - graph.offsets[v]
            return du < dv || (du == dv && u < v)
        }
        var mark = [Int](repeating: -1, count: n)  // half-edge a→x for forward neighbours x of a
        for a in 0..<n {
            for e in graph.range(a) where ranksBelow(a, Int(graph.neighbors[e])) { mark[Int(graph.neighbors[e])] = e }
            for ab in graph.range(a) {
                let b = Int(graph.neighbors[ab])
                guard ranksBelow(a, b) else { continue }
                for bc in graph.range(b) {
                    let c = Int(graph.neighbors[bc])
                    guard ranksBelow(b, c), mark[c] >= 0 else { continue }
                    let ac = mark[c]
                    body(Triangle(a: a, b: b, c: c, ab: ab, ba: reverse[ab], ac: ac, ca: reverse[ac], bc: bc, cb: reverse[bc]))
                }
            }
            for e in graph.range(a) { mark[Int(graph.neighbors[e])] = -1 }
        }
    }
}
