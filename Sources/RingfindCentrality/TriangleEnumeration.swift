import RingfindGraph

/// Lists every triangle of an undirected graph once, with the indices of all six half-edges,
/// by the "forward" algorithm (Schank & Wagner, "Finding, counting and listing all triangles
/// in large graphs", 2005; Latapy 2008): nodes are ranked by degree, each edge is oriented
/// from lower to higher rank, and a triangle is found at its lowest-ranked node by marking
/// that node's forward neighbours. Hubs therefore cost no more than O(m^1.5) overall, where
/// naive neighbour-of-neighbour scans would be quadratic in their degree.
///
/// The oriented (forward) half-edges are listed once, in neighbour order, so the inner loop
/// reads only forward neighbours and never compares ranks; triangles come out in the same
/// order as a scan of the full neighbour lists would give them.
///
/// Requires sorted, symmetric neighbour lists (as `WeightedGraph(nodeCount:…)` builds).
///
/// Half-edge indices are stored as `Int32`: a graph built from an edge list has at most
/// `Int32.max` half-edges (its `CSRLayout` positions are `Int32`).
///
/// - Complexity: O(m^1.5) time, O(n + m) memory (the reverse index, plus the forward
///   half-edges: 16 bytes per undirected edge in all).
struct TriangleEnumeration {
    /// For each half-edge u→v, the index of v→u.
    let reverse: [Int32]
    /// `forwardOffsets[v]..<forwardOffsets[v + 1]` index `forward`: v's half-edges towards
    /// higher-ranked neighbours, in neighbour order.
    let forwardOffsets: [Int]
    /// Half-edge indices (into the graph's `neighbors`) of forward edges.
    let forward: [Int32]
    /// The neighbour each forward half-edge leads to.
    let forwardTarget: [Int32]

    init(_ graph: WeightedGraph) {
        let n = graph.nodeCount
        precondition(graph.neighbors.count <= Int(Int32.max), "too many half-edges for Int32 indices")
        var reverse = [Int32](repeating: 0, count: graph.neighbors.count)
        var cursor = graph.offsets.dropLast().map { Int32(truncatingIfNeeded: $0) }
        for v in 0..<n {
            for e in graph.range(v) {
                let u = Int(graph.neighbors[e])
                reverse[e] = cursor[u]
                cursor[u] += 1
            }
        }
        self.reverse = reverse
        func ranksBelow(_ u: Int, _ v: Int) -> Bool {
            let du = graph.offsets[u + 1] - graph.offsets[u], dv = graph.offsets[v + 1] - graph.offsets[v]
            return du < dv || (du == dv && u < v)
        }
        var forwardOffsets = [Int](repeating: 0, count: n + 1)
        var forward: [Int32] = [], forwardTarget: [Int32] = []
        forward.reserveCapacity(graph.neighbors.count / 2)
        forwardTarget.reserveCapacity(graph.neighbors.count / 2)
        for v in 0..<n {
            for e in graph.range(v) where ranksBelow(v, Int(graph.neighbors[e])) {
                forward.append(Int32(truncatingIfNeeded: e))
                forwardTarget.append(graph.neighbors[e])
            }
            forwardOffsets[v + 1] = forward.count
        }
        self.forwardOffsets = forwardOffsets
        self.forward = forward
        self.forwardTarget = forwardTarget
    }

    /// A triangle {a, b, c} as its six half-edges.
    struct Triangle {
        var a: Int, b: Int, c: Int
        var ab: Int, ba: Int, ac: Int, ca: Int, bc: Int, cb: Int
    }

    /// Calls `body` once per triangle, at its lowest-ranked node a, with b below c in rank.
    func forEach(_ body: (Triangle) -> Void) {
        let n = forwardOffsets.count - 1
        var mark = [Int32](repeating: -1, count: n)  // half-edge a→x for forward neighbours x of a
        forwardOffsets.withUnsafeBufferPointer { offsets in
            forward.withUnsafeBufferPointer { forward in
                forwardTarget.withUnsafeBufferPointer { target in
                    reverse.withUnsafeBufferPointer { reverse in
                        mark.withUnsafeMutableBufferPointer { mark in
                            for a in 0..<n {
                                let range = offsets[a]..<offsets[a + 1]
                                for i in range { mark[Int(target[i])] = forward[i] }
                                for i in range {
                                    let ab = Int(forward[i]), b = Int(target[i])
                                    for j in offsets[b]..<offsets[b + 1] {
                                        let c = Int(target[j])
                                        let marked = mark[c]
                                        guard marked >= 0 else { continue }
                                        let ac = Int(marked), bc = Int(forward[j])
                                        body(
                                            Triangle(
                                                a: a, b: b, c: c, ab: ab, ba: Int(reverse[ab]), ac: ac,
                                                ca: Int(reverse[ac]), bc: bc, cb: Int(reverse[bc])))
                                    }
                                }
                                for i in range { mark[Int(target[i])] = -1 }
                            }
                        }
                    }
                }
            }
        }
    }
}
