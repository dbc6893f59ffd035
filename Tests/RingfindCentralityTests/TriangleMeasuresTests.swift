import RingfindGraph
import Testing

@testable import RingfindCentrality

/// The shared triangle listing: every triangle once, brokerage equal to a direct count of
/// two-paths, and the fused run equal (bit for bit) to the two measures run alone.
@Suite struct TriangleMeasuresTests {
    /// A seeded random directed graph with some reciprocated edges and self-loops, plus a hub.
    private static func randomGraph(nodes n: Int, edges m: Int, seed: UInt64) -> (s: [Int32], t: [Int32], w: [Double]) {
        var rng = SplitMix64(seed: seed)
        var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
        for _ in 0..<m {
            let a = Int32(rng.below(n)), b = Int32(rng.below(n))
            s.append(a)
            t.append(b)
            w.append(Double(1 + rng.below(5)))
            if rng.below(4) == 0 {
                s.append(b)
                t.append(a)
                w.append(1)
            }
        }
        for v in 1..<n where rng.below(3) == 0 {
            s.append(0)
            t.append(Int32(v))
            w.append(2)
        }
        return (s, t, w)
    }

    private static let cases: [(s: [Int32], t: [Int32], w: [Double], n: Int)] = {
        var all: [(s: [Int32], t: [Int32], w: [Double], n: Int)] = []
        for seed in 1...4 as ClosedRange<UInt64> {
            let (s, t, w) = randomGraph(nodes: 60, edges: 400, seed: seed)
            all.append((s, t, w, 60))
        }
        for name in CentralityReference.names {
            let reference = CentralityReference.named(name)
            let g = reference.directedGraph
            var s: [Int32] = [], t: [Int32] = [], w: [Double] = []
            for v in 0..<g.nodeCount {
                for e in g.outRange(v) {
                    s.append(Int32(v))
                    t.append(g.targets[e])
                    w.append(g.outWeights[e])
                }
            }
            all.append((s, t, w, g.nodeCount))
        }
        return all
    }()

    @Test func everyTriangleIsListedOnce() {
        for c in Self.cases {
            let graph = WeightedGraph(nodeCount: c.n, sources: c.s, targets: c.t, weights: c.w)
            var listed = Set<[Int]>()
            var count = 0
            TriangleEnumeration(graph).forEach { t in
                count += 1
                listed.insert([t.a, t.b, t.c].sorted())
                #expect(graph.neighbors[t.ab] == Int32(t.b) && graph.neighbors[t.ba] == Int32(t.a))
                #expect(graph.neighbors[t.ca] == Int32(t.a) && graph.neighbors[t.cb] == Int32(t.b))
            }
            var naive = 0
            var adjacent = Set<[Int]>()
            for v in 0..<c.n { for e in graph.range(v) { adjacent.insert([v, Int(graph.neighbors[e])]) } }
            for a in 0..<c.n {
                for b in (a + 1)..<max(a + 1, c.n) {
                    for x in (b + 1)..<max(b + 1, c.n)
                    where adjacent.contains([a, b]) && adjacent.contains([b, x]) && adjacent.contains([a, x]) {
                        naive += 1
                    }
                }
            }
            #expect(count == naive && listed.count == naive)
        }
    }

    @Test func brokerageMatchesADirectCountOfTwoPaths() {
        for c in Self.cases {
            let graph = DirectedGraph(nodeCount: c.n, sources: c.s, targets: c.t, weights: c.w)
            var groups = [Int32](repeating: 0, count: c.n)
            for v in 0..<c.n { groups[v] = Int32(v % 3) }
            let result = Brokerage.run(on: graph, groups: groups, groupCount: 3)
            var direct = [[Double]](repeating: [Double](repeating: 0, count: c.n), count: 5)
            for v in 0..<c.n {
                for i in graph.inRange(v) {
                    let a = Int(graph.sources[i])
                    for o in graph.outRange(v) {
                        let b = Int(graph.targets[o])
                        guard a != v, b != v, a != b, !graph.hasEdge(from: a, to: b) else { continue }
                        let (ga, gv, gb) = (groups[a], groups[v], groups[b])
                        let role: Brokerage.Role
                        if ga == gv {
                            role = gb == gv ? .coordinator : .representative
                        } else if gb == gv {
                            role = .gatekeeper
                        } else {
                            role = ga == gb ? .itinerant : .liaison
                        }
                        direct[role.rawValue][v] += 1
                    }
                }
            }
            #expect(result.counts == direct)
        }
    }

    @Test func oneListingGivesTheSameResultsAsTwo() {
        for c in Self.cases {
            let directed = DirectedGraph(nodeCount: c.n, sources: c.s, targets: c.t, weights: c.w)
            let undirected = WeightedGraph(nodeCount: c.n, sources: c.s, targets: c.t, weights: c.w)
            let groups = (0..<c.n).map { Int32($0 % 4) }
            let (roles, holes) = TriangleMeasures.run(
                brokerageOn: directed, groups: groups, groupCount: 4, undirected: undirected)
            let aloneRoles = Brokerage.run(on: directed, groups: groups, groupCount: 4)
            let aloneHoles = StructuralHoles.run(on: undirected)
            #expect(roles.counts == aloneRoles.counts && roles.total == aloneRoles.total)
            #expect(bitwiseEqual(roles.z.flatMap { $0 }, aloneRoles.z.flatMap { $0 }))
            #expect(bitwiseEqual(holes.constraint, aloneHoles.constraint))
            #expect(bitwiseEqual(holes.effectiveSize, aloneHoles.effectiveSize))
        }
    }

    /// On a case graph with every type weighing more than 0, brokerage reads which way each
    /// tie runs from the typed edges themselves: the same roles and z-scores, bit for bit, as
    /// on the directed graph of all types, and the same structural holes.
    @Test func brokerageOnTheCaseGraphEqualsBrokerageOnItsDirectedGraph() {
        for seed in 1...4 as ClosedRange<UInt64> {
            let n = 50
            var rng = SplitMix64(seed: seed)
            var events = EventStore()
            for type in EdgeType.allCases {
                for _ in 0..<300 {
                    // Messages and payments both ways, reciprocated ones, repeats, self-loops.
                    let a = Int32(rng.below(n)), b = rng.below(7) == 0 ? a : Int32(rng.below(n))
                    for (from, to) in rng.below(3) == 0 ? [(a, b), (b, a)] : [(a, b)] {
                        func add(_ log: inout EventLog) {
                            log.source.append(from)
                            log.target.append(to)
                            log.time.append(Int64(rng.below(1000)))
                            log.count.append(Int32(1 + rng.below(3)))
                            if type == .payment { log.amount.append(1) }
                        }
                        switch type {
                        case .communication: add(&events.communications)
                        case .payment: add(&events.payments)
                        case .access: add(&events.access)
                        }
                    }
                }
            }
            let graph = GraphBuilder.build(nodeCount: n, events: events)
            let projection = WeightedGraph(projecting: graph, typeWeights: EdgeTypeWeights())
            var everyType = EdgeTypeWeights()
            everyType.payment = 1
            everyType.access = 1
            let directed = DirectedGraph(projecting: graph, typeWeights: everyType)
            let groups = (0..<n).map { Int32($0 % 4) }
            let fromCaseGraph = TriangleMeasures.run(
                brokerageOn: graph, groups: groups, groupCount: 4, undirected: projection)
            let fromDirected = TriangleMeasures.run(
                brokerageOn: directed, groups: groups, groupCount: 4, undirected: projection)
            #expect(fromCaseGraph.brokerage.counts.joined().reduce(0, +) > 0)
            #expect(fromCaseGraph.brokerage.counts == fromDirected.brokerage.counts)
            #expect(
                bitwiseEqual(fromCaseGraph.brokerage.z.flatMap { $0 }, fromDirected.brokerage.z.flatMap { $0 }))
            #expect(bitwiseEqual(fromCaseGraph.brokerage.totalZ, fromDirected.brokerage.totalZ))
            #expect(bitwiseEqual(fromCaseGraph.structuralHoles.constraint, fromDirected.structuralHoles.constraint))
        }
    }

    private func bitwiseEqual(_ x: [Double], _ y: [Double]) -> Bool {
        x.count == y.count && zip(x, y).allSatisfy { $0.bitPattern == $1.bitPattern }
    }
}
