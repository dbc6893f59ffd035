import RingfindCase
import RingfindGraph

/// One step of a path: from an entity to the next, by an edge of `type` whose first event was
/// at `time` (`Int64.min` when unknown), citing the input row for time-ordered paths.
struct PathStep: Equatable {
    var from: Int64
    var to: Int64
    var type: String
    var time: Int64
    var origin: String = ""
}

/// The fewest-steps path between two entities over the whole graph (`adjacency`), edges taken
/// in either direction: bidirectional breadth-first search.
///
/// The two searches grow a whole level at a time, the side with the smaller frontier first
/// (the side from `a` on a tie); an entity's edges are followed busiest first (`busiestFirst`),
/// and the search stops at the first edge joining the two sides. That path is a shortest one:
/// with the sides at depths dₐ and d_b unjoined, every path has more than dₐ + d_b steps, and
/// the joining edge gives dₐ + 1 + d ≤ dₐ + d_b + 1 (Pohl 1971, "Bi-directional search").
/// Which shortest path depends only on the graph, so every build of the same inputs gives it.
///
/// - Complexity: one adjacency lookup and decode per entity expanded; on a graph whose
///   neighbourhoods grow by a factor k per step, about 2·k^(L/2) entities instead of k^L for
///   a path of L steps, and nothing when either end has no edge. O(entities reached) memory.
enum FewestStepsPath {
    static func search(from a: Int64, to b: Int64, type: String?, maxSteps: Int, in graph: CaseGraphReader) throws
        -> [PathStep]?
    {
        if a == b { return [] }
        // How each side reached an entity: the entity one step nearer its end, and the edge.
        var fromA: [Int64: PathStep] = [a: PathStep(from: a, to: a, type: "", time: .min)]
        var fromB: [Int64: PathStep] = [b: PathStep(from: b, to: b, type: "", time: .min)]
        var frontierA: [Int64] = [a], frontierB: [Int64] = [b]
        var steps = 0
        while steps < maxSteps && !frontierA.isEmpty && !frontierB.isEmpty {
            steps += 1
            let forward = frontierA.count <= frontierB.count
            var next: [Int64] = []
            for u in forward ? frontierA : frontierB {
                let edges = try graph.edges(of: u).filter { type == nil || $0.type.description == type }
                for edge in edges.sorted(by: busiestFirst) {
                    let v = edge.neighbour
                    let step = PathStep(
                        from: u, to: v, type: edge.type.description,
                        time: edge.firstTime == Timestamp.missing ? .min : edge.firstTime)
                    if forward {
                        guard fromA[v] == nil else { continue }
                        fromA[v] = step
                        if fromB[v] != nil { return chain(meeting: v, a: a, b: b, fromA, fromB) }
                    } else {
                        guard fromB[v] == nil else { continue }
                        fromB[v] = step
                        if fromA[v] != nil { return chain(meeting: v, a: a, b: b, fromA, fromB) }
                    }
                    next.append(v)
                }
            }
            if forward { frontierA = next } else { frontierB = next }
        }
        return nil
    }

    /// The order an entity's edges are followed in: most events first, then out before in, by
    /// type, by neighbour.
    static func busiestFirst(_ x: AdjacentEdge, _ y: AdjacentEdge) -> Bool {
        if x.count != y.count { return x.count > y.count }
        if x.direction != y.direction { return x.direction == .out }
        if x.type != y.type { return x.type.rawValue < y.type.rawValue }
        return x.neighbour < y.neighbour
    }

    /// The path a → meeting → b, every step written from the `a` side.
    private static func chain(
        meeting: Int64, a: Int64, b: Int64, _ fromA: [Int64: PathStep], _ fromB: [Int64: PathStep]
    ) -> [PathStep] {
        var first: [PathStep] = []
        var v = meeting
        while v != a, let step = fromA[v] {
            first.append(step)
            v = step.from
        }
        var path = Array(first.reversed())
        v = meeting
        while v != b, let step = fromB[v] {
            // Reached from `step.from` (nearer b): walked the other way on the path.
            path.append(PathStep(from: v, to: step.from, type: step.type, time: step.time))
            v = step.from
        }
        return path
    }
}
