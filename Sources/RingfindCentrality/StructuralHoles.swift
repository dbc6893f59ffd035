import RingfindGraph

/// Burt's structural-hole measures (Burt, *Structural Holes: The Social Structure of
/// Competition*, 1992), weighted, as networkx's `constraint` and `effective_size`.
///
/// With p(v,u) = w(v,u) / Σ_x w(v,x) (v's share of ties to u) and m(u,w) = w(u,w) / max_x w(u,x):
/// - **constraint** c(v) = Σ_{u∈N(v)} (p(v,u) + Σ_{w∈N(v)∩N(u)} p(v,w)·p(w,u))². Low constraint
///   means v's contacts are not tied to each other: v bridges a structural hole, as a broker does.
/// - **effective size** e(v) = Σ_{u∈N(v)} (1 − Σ_{w∈N(v)} p(v,w)·m(u,w)): the number of v's
///   contacts, discounted for redundancy among them.
///
/// Both sums over shared neighbours are accumulated triangle by triangle, so no node's
/// neighbourhood is ever scanned against itself (no quadratic cost for hubs). Self-loops are
/// ignored; an isolated node has NaN for both (as in networkx).
///
/// - Complexity: O(m^1.5) time, O(n + m) memory.
public enum StructuralHoles {
    /// Burt's measures of every node.
    public struct Result: Sendable {
        /// Burt's constraint (low: the node bridges otherwise unconnected neighbours).
        public var constraint: [Double]
        /// Burt's effective size (non-redundant neighbours).
        public var effectiveSize: [Double]
    }

    /// Constraint and effective size of every node of `graph`.
    ///
    /// - Complexity: O(m^1.5) time (triangle listing), O(n + m) memory.
    public static func run(on graph: WeightedGraph) -> Result {
        var tally = Tally(graph)
        TriangleEnumeration(graph).forEach { tally.add($0) }
        return tally.result(graph)
    }

    /// The sums over shared neighbours, filled triangle by triangle (so that one triangle
    /// listing can serve several measures, see `TriangleMeasures`).
    struct Tally {
        /// The half-edges' weights, and per node the total and the largest weight of its ties:
        /// p and m are divided out when used rather than stored per half-edge (16 bytes per
        /// half-edge saved; the same divisions, so the same values).
        let weights: [Double], total: [Double], maximum: [Double]
        /// Per half-edge v→u: Σ_{w∈N(v)∩N(u)} p(v,w)·p(w,u).
        var indirect: [Double]
        /// Per node v: Σ_{u,w∈N(v), u~w} p(v,w)·m(u,w).
        var redundancy: [Double]

        init(_ graph: WeightedGraph) {
            let n = graph.nodeCount
            var total = [Double](repeating: 0, count: n), maximum = [Double](repeating: 0, count: n)
            for v in 0..<n {
                for e in graph.range(v) {
                    total[v] += graph.weights[e]
                    maximum[v] = max(maximum[v], graph.weights[e])
                }
            }
            weights = graph.weights
            self.total = total
            self.maximum = maximum
            indirect = [Double](repeating: 0, count: graph.neighbors.count)
            redundancy = [Double](repeating: 0, count: n)
        }

        /// p(v,u) for half-edge e = v→u.
        @inline(__always) func p(_ e: Int, from v: Int) -> Double { weights[e] / total[v] }
        /// m(v,u) for half-edge e = v→u.
        @inline(__always) func m(_ e: Int, from v: Int) -> Double { weights[e] / maximum[v] }

        /// One triangle's terms: for each of its six half-edges v→u with third node w,
        /// p(v,w)·p(w,u) into `indirect`, and for each node v with other nodes u, w,
        /// p(v,w)·m(u,w) + p(v,u)·m(w,u) into `redundancy`.
        @inline(__always)
        mutating func add(_ t: TriangleEnumeration.Triangle) {
            let pab = p(t.ab, from: t.a), pba = p(t.ba, from: t.b), pac = p(t.ac, from: t.a)
            let pca = p(t.ca, from: t.c), pbc = p(t.bc, from: t.b), pcb = p(t.cb, from: t.c)
            indirect[t.ab] += pac * pcb
            indirect[t.ba] += pbc * pca
            indirect[t.ac] += pab * pbc
            indirect[t.ca] += pcb * pba
            indirect[t.bc] += pba * pac
            indirect[t.cb] += pca * pab
            redundancy[t.a] += pac * m(t.bc, from: t.b) + pab * m(t.cb, from: t.c)
            redundancy[t.b] += pbc * m(t.ac, from: t.a) + pba * m(t.ca, from: t.c)
            redundancy[t.c] += pcb * m(t.ab, from: t.a) + pca * m(t.ba, from: t.b)
        }

        func result(_ graph: WeightedGraph) -> Result {
            let n = graph.nodeCount
            var constraint = [Double](repeating: .nan, count: n)
            var effectiveSize = [Double](repeating: .nan, count: n)
            for v in 0..<n where graph.offsets[v + 1] > graph.offsets[v] {
                var c = 0.0
                for e in graph.range(v) {
                    let local = p(e, from: v) + indirect[e]
                    c += local * local
                }
                constraint[v] = c
                effectiveSize[v] = Double(graph.offsets[v + 1] - graph.offsets[v]) - redundancy[v]
            }
            return Result(constraint: constraint, effectiveSize: effectiveSize)
        }
    }
}
