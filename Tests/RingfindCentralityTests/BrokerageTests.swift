import RingfindGraph
import Testing

@testable import RingfindCentrality

/// Gould–Fernandez roles on hand-worked graphs (definitions of R's sna::brokerage).
@Suite struct BrokerageTests {
    /// Roles of node 1 on the path 0 → 1 → 2 with the given groups.
    private func roles(groups: [Int32], extraEdges: [(Int32, Int32)] = []) -> [Double] {
        let s: [Int32] = [0, 1] + extraEdges.map(\.0), t: [Int32] = [1, 2] + extraEdges.map(\.1)
        let graph = DirectedGraph(
            nodeCount: groups.count, sources: s, targets: t, weights: Array(repeating: 1, count: s.count))
        let result = Brokerage.run(on: graph, groups: groups, groupCount: 3)
        return Brokerage.Role.allCases.map { result.counts[$0.rawValue][1] }
    }

    @Test func eachRoleOnATwoPath() {
        #expect(roles(groups: [0, 0, 0]) == [1, 0, 0, 0, 0])  // coordinator: all in one group
        #expect(roles(groups: [1, 0, 1]) == [0, 1, 0, 0, 0])  // itinerant: ends share a group, broker outside
        #expect(roles(groups: [0, 0, 1]) == [0, 0, 1, 0, 0])  // representative: source's group speaks out
        #expect(roles(groups: [1, 0, 0]) == [0, 0, 0, 1, 0])  // gatekeeper: lets an outsider into the group
        #expect(roles(groups: [1, 0, 2]) == [0, 0, 0, 0, 1])  // liaison: three groups
    }

    @Test func aClosedTriadOrAReturnTripIsNoBrokerage() {
        #expect(roles(groups: [1, 0, 2], extraEdges: [(0, 2)]) == [0, 0, 0, 0, 0])
        // 2 → 0 does not close the path 0 → 1 → 2 (direction matters).
        #expect(roles(groups: [1, 0, 2], extraEdges: [(2, 0)]) == [0, 0, 0, 0, 1])
        // 0 ↔ 1: the walk 0 → 1 → 0 is not a path between two others.
        #expect(roles(groups: [1, 0, 2], extraEdges: [(1, 0)]) == [0, 0, 0, 0, 1])
    }

    @Test func aBrokerBetweenVendorsAndEmployees() {
        // Vendors 1, 2, 3 (group 1) pay broker 0 (group 2); the broker pays employees 4 and 5
        // (group 0); vendor 1 also messaged employee 4 directly, which closes one path.
        let s: [Int32] = [1, 2, 3, 0, 0, 1], t: [Int32] = [0, 0, 0, 4, 5, 4]
        let graph = DirectedGraph(nodeCount: 6, sources: s, targets: t, weights: Array(repeating: 1, count: 6))
        let result = Brokerage.run(on: graph, groups: [2, 1, 1, 1, 0, 0], groupCount: 3)
        #expect(result.counts[Brokerage.Role.liaison.rawValue][0] == 5)  // 3 × 2 pairs, minus the closed 1 → 4
        #expect(result.total[0] == 5)
        #expect(result.total[1] == 0)
        // Density 6 / 30: a liaison of group 2 expects d²(1−d)·(Σn)² − Σn²) = 0.032·(25 − 13) = 0.384.
        let (expected, variance) = Brokerage.groupMoments(group: 2, sizes: [2, 3, 1], nodes: 6, density: 0.2)
        #expect(abs(expected[Brokerage.Role.liaison.rawValue] - 0.384) < 1e-12)
        // Variance: e(1 − d²(1−d)) + 4·Σ n·C(N − n − n_i, 2)·d³(1−d)³ = 0.384·0.968 + 4·(2·C(3,2) + 3·C(2,2))·0.008·0.512
        #expect(abs(variance[Brokerage.Role.liaison.rawValue] - (0.384 * 0.968 + 4 * 9 * 0.008 * 0.512)) < 1e-12)
        let z = result.z[Brokerage.Role.liaison.rawValue][0]
        #expect(abs(z - (5 - 0.384) / (0.384 * 0.968 + 4 * 9 * 0.008 * 0.512).squareRoot()) < 1e-12)
        // An impossible role (no other member of group 2) has sd 0 and no z-score.
        #expect(result.z[Brokerage.Role.coordinator.rawValue][0].isNaN)
    }

    /// Transitive pairs are counted in 32 bits; a count that would pass `UInt32.max` (a node
    /// of degree above 65,535) goes on exactly, not wrapping to 0.
    @Test func aTransitiveCountPastThirtyTwoBitsGoesOn() {
        let graph = DirectedGraph(
            nodeCount: 3, sources: [0, 1, 0], targets: [1, 2, 2], weights: [1, 1, 1])
        let undirected = Brokerage.underlying(graph)
        let triangles = TriangleEnumeration(undirected)
        let groups: [Int32] = [0, 1, 2]
        var tally = Brokerage.Tally(
            direction: Brokerage.directions(of: graph, undirected: undirected, reverse: triangles.reverse),
            undirected: undirected, groups: groups, groupCount: 3)
        let slot = (1 * 3 + 0) * 3 + 2  // 0 → 1 → 2 closed by 0 → 2, through node 1
        tally.transitive[slot] = .max - 1
        triangles.forEach { tally.add($0) }
        #expect(tally.transitiveCount(slot) == Double(UInt32.max))
        triangles.forEach { tally.add($0) }
        triangles.forEach { tally.add($0) }
        #expect(tally.transitiveCount(slot) == Double(UInt32.max) + 2)
    }

    @Test func hubsCostDegreeNotDegreeSquared() {
        // 2,000 sources → hub → 2,000 targets: 4,000,000 two-paths, counted arithmetically.
        var s: [Int32] = [], t: [Int32] = []
        for i in 1...2000 as ClosedRange<Int32> {
            s.append(i)
            t.append(0)
            s.append(0)
            t.append(2000 + i)
        }
        let graph = DirectedGraph(nodeCount: 4001, sources: s, targets: t, weights: Array(repeating: 1, count: s.count))
        var groups = [Int32](repeating: 1, count: 4001)
        groups[0] = 2
        for i in 2001...4000 { groups[i] = 0 }
        let result = Brokerage.run(on: graph, groups: groups, groupCount: 3)
        #expect(result.counts[Brokerage.Role.liaison.rawValue][0] == 4_000_000)
    }
}
