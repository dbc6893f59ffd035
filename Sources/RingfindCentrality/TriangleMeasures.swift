import RingfindGraph

/// Gould–Fernandez brokerage (`Brokerage`) and Burt's structural holes (`StructuralHoles`)
/// from one listing of the triangles they both need (Schank & Wagner's forward algorithm,
/// `TriangleEnumeration`): on the case graph, listing triangles is most of either measure's
/// cost, so sharing it halves that work. Each measure's tallies see the triangles in the same
/// order as when run alone, so the results are identical to the two separate runs.
///
/// - Complexity: O(m^1.5) time, O(n·g² + m) memory for g groups.
public enum TriangleMeasures {
    /// Brokerage roles on `graph` with `groups[v]` in `0..<groupCount`, and constraint and
    /// effective size on `undirected`, which must be the simple undirected graph under
    /// `graph` (same neighbour sets, sorted; its weights are the structural-hole tie strengths).
    public static func run(
        brokerageOn graph: DirectedGraph, groups: [Int32], groupCount: Int,
        undirected: WeightedGraph
    ) -> (brokerage: Brokerage.Result, structuralHoles: StructuralHoles.Result) {
        precondition(
            groups.count == graph.nodeCount && undirected.nodeCount == graph.nodeCount, "one group per node, same nodes"
        )
        let triangles = TriangleEnumeration(undirected)
        var roles = Brokerage.Tally(
            graph, undirected: undirected, reverse: triangles.reverse, groups: groups, groupCount: groupCount)
        var holes = StructuralHoles.Tally(undirected)
        triangles.forEach { triangle in
            roles.add(triangle)
            holes.add(triangle)
        }
        return (roles.result(), holes.result(undirected))
    }
}
