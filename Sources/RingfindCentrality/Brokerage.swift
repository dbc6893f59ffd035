import Foundation
import RingfindGraph

/// Gould–Fernandez brokerage roles (Gould & Fernandez, "Structures of mediation: a formal
/// approach to brokerage in transaction networks", Sociological Methodology 19, 1989), with
/// the definitions and null-model moments of R's `sna::brokerage` (Butts).
///
/// Node v brokers every directed two-path a → v → b with a ≠ b, neither equal to v, and no
/// edge a → b. With groups (here: entity kinds) the path is counted in one role:
///
/// | role | a | v | b |
/// | --- | --- | --- | --- |
/// | coordinator (w_I) | A | A | A |
/// | itinerant (w_O) | B | A | B |
/// | representative (b_IO) | A | A | B |
/// | gatekeeper (b_OI) | B | A | A |
/// | liaison (b_O) | B | A | C |
///
/// A liaison between the vendor side and the employee side is exactly what a broker looks
/// like. Each count gets a z-score against its expectation when every edge is present
/// independently with the graph's density d (sna's formulas; a role impossible in the graph
/// has standard deviation 0 and z-score NaN).
///
/// Counts come from degree arithmetic per node — in- and out-neighbours by group, minus
/// reciprocated pairs, minus transitive pairs found triangle by triangle — so a hub costs
/// O(its degree), not O(in-degree × out-degree).
///
/// - Complexity: O(m^1.5) time (triangle listing), O(n·g² + m) memory for g groups.
public enum Brokerage {
    /// The five roles, in column order.
    public enum Role: Int, CaseIterable, Sendable {
        case coordinator, itinerant, representative, gatekeeper, liaison

        public var name: String {
            switch self {
            case .coordinator: "coordinator"
            case .itinerant: "itinerant"
            case .representative: "representative"
            case .gatekeeper: "gatekeeper"
            case .liaison: "liaison"
            }
        }
    }

    /// Every node's brokerage counts by role, their z-scores and the total.
    public struct Result: Sendable {
        /// `counts[role][v]`.
        public var counts: [[Double]]
        /// `z[role][v]`; NaN where the role's standard deviation is 0.
        public var z: [[Double]]
        /// Total brokerage (sum of the roles) and its z-score.
        public var total: [Double]
        public var totalZ: [Double]
    }

    /// Counts roles on `graph` (self-loops ignored) with `groups[v]` in `0..<groupCount`.
    /// `undirected`, when given, must be the simple undirected graph under `graph` (same
    /// neighbour sets, sorted); it saves building it again for triangle listing.
    ///
    /// - Complexity: O(m^1.5) time (triangle listing), O(n·g² + m) memory.
    public static func run(
        on graph: DirectedGraph, groups: [Int32], groupCount g: Int, undirected given: WeightedGraph? = nil
    ) -> Result {
        precondition(groups.count == graph.nodeCount, "one group per node")
        let undirected = given ?? underlying(graph)
        let triangles = TriangleEnumeration(undirected)
        var tally = Tally(
            direction: directions(of: graph, undirected: undirected, reverse: triangles.reverse),
            undirected: undirected, groups: groups, groupCount: g)
        triangles.forEach { tally.add($0) }
        return tally.result()
    }

    /// Per half-edge u→v of `undirected`: bit 0 when `graph` has the arc u → v, bit 1 when it
    /// has v → u (found by merging sorted lists, not by searching). `undirected` must have the
    /// neighbour sets of `graph` (self-loops aside), sorted.
    ///
    /// - Complexity: O(n + m).
    static func directions(of graph: DirectedGraph, undirected: WeightedGraph, reverse: [Int32]) -> [UInt8] {
        var forward = [UInt8](repeating: 0, count: undirected.neighbors.count)
        for u in 0..<undirected.nodeCount {
            markArcs(from: u, targets: graph.targets, in: graph.outRange(u), undirected: undirected, into: &forward)
        }
        return combined(forward, reverse: reverse)
    }

    /// The same bits for the arcs of every type of a case graph (an arc u → v when any type
    /// has an edge u → v): `undirected` must have the neighbour sets of all its types together
    /// (as the community projection has when every type weighs more than 0), sorted. Saves
    /// building the directed graph of all types, which brokerage needs only these bits of.
    ///
    /// - Complexity: O(n + m) per type.
    static func directions(of graph: MultiplexGraph, undirected: WeightedGraph, reverse: [Int32]) -> [UInt8] {
        var forward = [UInt8](repeating: 0, count: undirected.neighbors.count)
        for type in EdgeType.allCases {
            let edges = graph[type]
            for u in 0..<undirected.nodeCount {
                markArcs(
                    from: u, targets: edges.targets, in: edges.outEdges(of: Int32(u)), undirected: undirected,
                    into: &forward)
            }
        }
        return combined(forward, reverse: reverse)
    }

    /// Sets bit 0 on u's half-edges whose neighbour is one of `targets[arcs]` (ascending).
    private static func markArcs(
        from u: Int, targets: [Int32], in arcs: Range<Int>, undirected: WeightedGraph, into forward: inout [UInt8]
    ) {
        var o = arcs.lowerBound
        for e in undirected.range(u) {
            let v = undirected.neighbors[e]
            while o < arcs.upperBound && targets[o] < v { o += 1 }
            if o < arcs.upperBound && targets[o] == v { forward[e] = 1 }
        }
    }

    private static func combined(_ forward: [UInt8], reverse: [Int32]) -> [UInt8] {
        var direction = forward
        for e in direction.indices { direction[e] |= forward[Int(reverse[e])] << 1 }
        return direction
    }

    /// Pairs (a, b) through v by (group(a), group(b)): in(v)[A]·out(v)[B] − reciprocal −
    /// transitive. The transitive pairs are filled triangle by triangle (so that one triangle
    /// listing can serve several measures, see `TriangleMeasures`).
    struct Tally {
        let g: Int
        let groups: [Int32]
        /// In- and out-neighbours and reciprocated pairs of v by group, `[v·g + group]` (each
        /// at most v's degree, so 32 bits hold it).
        var inCount: [UInt32], outCount: [UInt32], reciprocal: [UInt32]
        /// Directed edges, self-loops excluded.
        var edges = 0
        /// Per half-edge u→v of the undirected graph: bit 0 for the arc u → v, bit 1 for v → u
        /// (`directions`).
        let direction: [UInt8]
        /// `transitive[(v·g + group(a))·g + group(b)]`: triangles with a → v → b and a → b, in
        /// 32 bits (half the memory of a Double per slot); a count past `UInt32.max` — only
        /// possible at a node of degree above 65,535 — goes on in `overflow`.
        var transitive: [UInt32]
        var overflow: [Int: Double] = [:]

        /// In- and out-neighbours by group and reciprocated pairs, from the arcs on each of
        /// v's half-edges (every arc between distinct nodes lies on one).
        init(direction: [UInt8], undirected: WeightedGraph, groups: [Int32], groupCount g: Int) {
            let n = undirected.nodeCount
            self.g = g
            self.groups = groups
            var inCount = [UInt32](repeating: 0, count: n * g), outCount = [UInt32](repeating: 0, count: n * g)
            var reciprocal = [UInt32](repeating: 0, count: n * g)
            var edges = 0
            for v in 0..<n {
                for e in undirected.range(v) {
                    let slot = v * g + Int(groups[Int(undirected.neighbors[e])])
                    let arcs = direction[e]
                    if arcs & 1 != 0 {
                        outCount[slot] += 1
                        edges += 1
                    }
                    if arcs & 2 != 0 { inCount[slot] += 1 }
                    if arcs == 3 { reciprocal[slot] += 1 }
                }
            }
            self.inCount = inCount
            self.outCount = outCount
            self.reciprocal = reciprocal
            self.edges = edges
            self.direction = direction
            transitive = [UInt32](repeating: 0, count: n * g * g)
        }

        /// Counts the triangle's transitive two-paths a → v → b (with a → b), in each of its
        /// six orientations.
        @inline(__always)
        mutating func add(_ t: TriangleEnumeration.Triangle) {
            let dab = direction[t.ab], dac = direction[t.ac], dbc = direction[t.bc]
            let aToB = dab & 1 != 0, bToA = dab & 2 != 0
            let aToC = dac & 1 != 0, cToA = dac & 2 != 0
            let bToC = dbc & 1 != 0, cToB = dbc & 2 != 0
            let ga = Int(groups[t.a]), gb = Int(groups[t.b]), gc = Int(groups[t.c])
            if aToB && bToC && aToC { countTransitive((t.b * g + ga) * g + gc) }  // a → b → c
            if aToC && cToB && aToB { countTransitive((t.c * g + ga) * g + gb) }  // a → c → b
            if bToA && aToC && bToC { countTransitive((t.a * g + gb) * g + gc) }  // b → a → c
            if bToC && cToA && bToA { countTransitive((t.c * g + gb) * g + ga) }  // b → c → a
            if cToA && aToB && cToB { countTransitive((t.a * g + gc) * g + gb) }  // c → a → b
            if cToB && bToA && cToA { countTransitive((t.b * g + gc) * g + ga) }  // c → b → a
        }

        @inline(__always)
        private mutating func countTransitive(_ slot: Int) {
            if transitive[slot] == .max {
                overflow[slot, default: 0] += 1
            } else {
                transitive[slot] &+= 1
            }
        }

        /// The transitive count of a slot.
        func transitiveCount(_ slot: Int) -> Double {
            Double(transitive[slot]) + (overflow.isEmpty ? 0 : overflow[slot] ?? 0)
        }

        /// Roles, totals and z-scores from the tallies.
        func result() -> Result {
            let n = groups.count
            var counts = [[Double]](repeating: [Double](repeating: 0, count: n), count: Role.allCases.count)
            for v in 0..<n {
                let own = Int(groups[v])
                for ga in 0..<g {
                    for gb in 0..<g {
                        var pairs =
                            Double(inCount[v * g + ga]) * Double(outCount[v * g + gb])
                            - transitiveCount((v * g + ga) * g + gb)
                        if ga == gb { pairs -= Double(reciprocal[v * g + ga]) }
                        guard pairs != 0 else { continue }
                        let role: Role
                        if ga == own {
                            role = gb == own ? .coordinator : .representative
                        } else if gb == own {
                            role = .gatekeeper
                        } else {
                            role = ga == gb ? .itinerant : .liaison
                        }
                        counts[role.rawValue][v] += pairs
                    }
                }
            }
            // Null-model moments by the broker's group (sna::brokerage).
            var sizes = [Double](repeating: 0, count: g)
            for group in groups { sizes[Int(group)] += 1 }
            let nodes = Double(n)
            let density = n > 1 ? Double(edges) / (nodes * (nodes - 1)) : 0
            let moments = (0..<g).map {
                Brokerage.groupMoments(group: $0, sizes: sizes, nodes: nodes, density: density)
            }
            var z = [[Double]](repeating: [Double](repeating: .nan, count: n), count: Role.allCases.count)
            var total = [Double](repeating: 0, count: n), totalZ = [Double](repeating: .nan, count: n)
            for v in 0..<n {
                let (expected, variance) = moments[Int(groups[v])]
                for role in Role.allCases {
                    let sd = variance[role.rawValue].squareRoot()
                    z[role.rawValue][v] = sd > 0 ? (counts[role.rawValue][v] - expected[role.rawValue]) / sd : .nan
                    total[v] += counts[role.rawValue][v]
                }
                let sd = variance[5].squareRoot()
                totalZ[v] = sd > 0 ? (total[v] - expected[5]) / sd : .nan
            }
            return Result(counts: counts, z: z, total: total, totalZ: totalZ)
        }
    }

    /// Expected counts and variances of the five roles and the total for a broker in `group`
    /// (sna::brokerage's `ebr` and `vbr`).
    static func groupMoments(group i: Int, sizes n: [Double], nodes N: Double, density d: Double) -> (
        [Double], [Double]
    ) {
        let p2 = d * d * (1 - d), p3 = pow(d, 3) * pow(1 - d, 3)
        let ni = n[i]
        let others = n.indices.filter { $0 != i }.map { n[$0] }
        func choose2(_ x: Double) -> Double { x * (x - 1) / 2 }
        var e = [Double](repeating: 0, count: 6), v = [Double](repeating: 0, count: 6)
        e[0] = p2 * (ni - 1) * (ni - 2)
        v[0] = e[0] * (1 - p2) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * p3
        e[1] = p2 * others.reduce(0) { $0 + $1 * ($1 - 1) }
        v[1] = e[1] * (1 - p2) + 2 * others.reduce(0) { $0 + $1 * ($1 - 1) * ($1 - 2) } * p3
        e[2] = p2 * (N - ni) * (ni - 1)
        v[2] = e[2] * (1 - p2) + 2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * p3
        e[3] = e[2]
        v[3] = v[2]
        let sumOthers = others.reduce(0, +)
        e[4] = p2 * (sumOthers * sumOthers - others.reduce(0) { $0 + $1 * $1 })
        v[4] = e[4] * (1 - p2) + 4 * others.reduce(0) { $0 + $1 * choose2(N - $1 - ni) } * p3
        e[5] = p2 * (N - 1) * (N - 2)
        v[5] = e[5] * (1 - p2) + 2 * (N - 1) * (N - 2) * (N - 3) * p3
        return (e, v)
    }

    /// The simple undirected graph under `graph` (self-loops dropped), for triangle listing.
    static func underlying(_ graph: DirectedGraph) -> WeightedGraph {
        var s: [Int32] = [], t: [Int32] = []
        for v in 0..<graph.nodeCount {
            for e in graph.outRange(v) where Int(graph.targets[e]) != v {
                s.append(Int32(v))
                t.append(graph.targets[e])
            }
        }
        return WeightedGraph(
            nodeCount: graph.nodeCount, sources: s, targets: t, weights: Array(repeating: 1, count: s.count))
    }
}
