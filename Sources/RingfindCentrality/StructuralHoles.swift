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
        /// Per half-edge v→u: p(v,u) and m(v,u).
        let p: [Double], m: [Double]
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
            var p = [Double](repeating: 0, count: graph.neighbors.count)
            var m = [Double](repeating: 0, count: graph.neighbors.count)
            for v in 0..<n {
                for e in graph.range(v) {
                    p[e] = graph.weights[e] / total[v]
                    m[e] = graph.weights[e] / maximum[v]
                }
            }
            self.p = p
            self.m = m
            indirect = [Double](repeating: 0, count: graph.neighbors.count)
            redundancy = [Double](repeating: 0, count: n)
        }

        @inline(__always)
        mutating func add(_ t: TriangleEnumeration.Triangle) {
            indirect[t.ab] += p[t.ac] * p[t.cb]
            indirect[t.ba] += p[t.bc] * p[t.ca]
            indirect[t.ac] += p[t.ab] * p[t.bc]
            indirect[t.ca] += p[t.cb] * p[t.ba]
            indirect[t.bc] += p[t.ba] * p[t.ac]
            indirect[t.cb] += p[t.ca] * p[t.ab]
            redundancy[t.a] += p[t.ac] * m[t.bc] + p[t.ab] * m[t.cb]
            redundancy[t.b] += p[t.bc] * m[t.ac] + p[t.ba] * m[t.ca]
            redundancy[t.c] += p[t.cb] * m[t.ab] + p[t.ca] * m[t.ba]
        }

        func result(_ graph: WeightedGraph) -> Result {
            let n = graph.nodeCount
            var constraint = [Double](repeating: .nan, count: n)
            var effectiveSize = [Double](repeating: .nan, count: n)
            for v in 0..<n where graph.offsets[v + 1] > graph.offsets[v] {
                var c = 0.0
                for e in graph.range(v) {
                    let local = p[e] + indirect[e]
                    c += local * local
                }
                constraint[v] = c
                effectiveSize[v] = Double(graph.offsets[v + 1] - graph.offsets[v]) - redundancy[v]
            }
            return Result(constraint: constraint, effectiveSize: effectiveSize)
        }
    }
}
