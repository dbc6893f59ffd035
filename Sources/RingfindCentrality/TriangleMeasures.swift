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
        run(nodes: graph.nodeCount, groups: groups, groupCount: groupCount, undirected: undirected) {
            Brokerage.directions(of: graph, undirected: undirected, reverse: $0)
        }
    }

    /// The same, with brokerage on the arcs of every type of a case graph (`u → v` when any
    /// type has an edge u → v): `undirected` must have the neighbour sets of all its types
    /// together, sorted — the community projection when every type weighs more than 0. No
    /// directed graph is built: brokerage needs only which way each tie runs.
    public static func run(
        brokerageOn graph: MultiplexGraph, groups: [Int32], groupCount: Int,
        undirected: WeightedGraph
    ) -> (brokerage: Brokerage.Result, structuralHoles: StructuralHoles.Result) {
        run(nodes: graph.nodeCount, groups: groups, groupCount: groupCount, undirected: undirected) {
            Brokerage.directions(of: graph, undirected: undirected, reverse: $0)
        }
    }

    /// One triangle listing for both measures, brokerage's arcs given by `directions` (from the
    /// listing's reverse half-edge index).
    private static func run(
        nodes: Int, groups: [Int32], groupCount: Int, undirected: WeightedGraph,
        directions: ([Int32]) -> [UInt8]
    ) -> (brokerage: Brokerage.Result, structuralHoles: StructuralHoles.Result) {
        precondition(groups.count == nodes && undirected.nodeCount == nodes, "one group per node, same nodes")
        let triangles = TriangleEnumeration(undirected)
        var roles = Brokerage.Tally(
            direction: directions(triangles.reverse), undirected: undirected, groups: groups, groupCount: groupCount)
        var holes = StructuralHoles.Tally(undirected)
        triangles.forEach { triangle in
            roles.add(triangle)
            holes.add(triangle)
        }
        return (roles.result(), holes.result(undirected))
    }
}
