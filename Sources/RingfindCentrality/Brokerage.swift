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
/// - Complexity: O(m^1.5) time (triangle listing), O(n·g²) memory for g groups.
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
    public static func run(on graph: DirectedGraph, groups: [Int32], groupCount g: Int, undirected given: WeightedGraph? = nil) -> Result {
        let n = graph.nodeCount
        precondition(groups.count == n, "one group per node")
        // Pairs (a, b) through v by (group(a), group(b)): in(v)[A]·out(v)[B] − reciprocal − transitive.
        var inCount = [Double](repeating: 0, count: n * g), outCount = [Double](repeating: 0, count: n * g)
        var reciprocal = [Double](repeating: 0, count: n * g)
        var edges = 0
        for v in 0..<n {
            for e in graph.outRange(v) where Int(graph.targets[e]) != v {
                outCount[v * g + Int(groups[Int(graph.targets[e])])] += 1
                edges += 1
            }
            for e in graph.inRange(v) where Int(graph.sources[e]) != v {
                let a = Int(graph.sources[e])
                inCount[v * g + Int(groups[a])] += 1
                if graph.hasEdge(from: v, to: a) { reciprocal[v * g + Int(groups[a])] += 1 }
            }
        }
        var transitive = [Double](repeating: 0, count: n * g * g)
        let undirected = given ?? underlying(graph)
        TriangleEnumeration(undirected).forEach(in: undirected) { t in
            let nodes = [t.a, t.b, t.c]
            for (i, j, k) in [(0, 1, 2), (0, 2, 1), (1, 0, 2), (1, 2, 0), (2, 0, 1), (2, 1, 0)] {
                let a = nodes[i], v = nodes[j], b = nodes[k]
                if graph.hasEdge(from: a, to: v) && graph.hasEdge(from: v, to: b) && graph.hasEdge(from: a, to: b) {
                    transitive[(v * g + Int(groups[a])) * g + Int(groups[b])] += 1
                }
            }
        }
        var counts = [[Double]](repeating: [Double](repeating: 0, count: n), count: Role.allCases.count)
        for v in 0..<n {
            let own = Int(groups[v])
            for ga in 0..<g {
                for gb in 0..<g {
                    var pairs = inCount[v * g + ga] * outCount[v * g + gb] - transitive[(v * g + ga) * g + gb]
                    if ga == gb { pairs -= reciprocal[v * g + ga] }
                    guard pairs != 0 else { continue }
                    let role: Role
                    if ga == own { role = gb == own ? .coordinator : .representative }
                    else if gb == own { role = .gatekeeper }
                    else { role = ga == gb ? .itinerant : .liaison }
                    counts[role.rawValue][v] += pairs
                }
            }
        }
        // Null-model moments by the broker's group (sna::brokerage).
        var sizes = [Double](repeating: 0, count: g)
        for group in groups { sizes[Int(group)] += 1 }
        let nodes = Double(n)
        let density = n > 1 ? Double(edges) / (nodes * (nodes - 1)) : 0
        let moments = (0..<g).map { groupMoments(group: $0, sizes: sizes, nodes: nodes, density: density) }
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

    /// Expected counts and variances of the five roles and the total for a broker in `group`
    /// (sna::brokerage's `ebr` and `vbr`).
    static func groupMoments(group i: Int, sizes n: [Double], nodes N: Double, density d: Double) -> ([Double], [Double]) {
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
        return WeightedGraph(nodeCount: graph.nodeCount, sources: s, targets: t, weights: Array(repeating: 1, count: s.count))
    }
}
