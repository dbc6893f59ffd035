import RingfindGraph
import RingfindRender
import RingfindRings
import Testing

/// The ego picture, from case-file rows: which entities it shows and how.
@Suite struct EgoDiagramTests {
    private func edge(_ type: EdgeType, _ source: Int64, _ target: Int64, _ count: Int64) -> EgoDiagram.Edge {
        EgoDiagram.Edge(
            type: type, source: source, target: target, count: count, amount: 10, firstTime: Timestamp.missing,
            lastTime: Timestamp.missing)
    }

    /// A star: 0 messages 1…120 (entity k with k events, and 7 and 8 each with 50), and 1 pays 200.
    private var star: [EgoDiagram.Edge] {
        (1...120).map { edge(.communication, 0, Int64($0), $0 == 7 || $0 == 8 ? 50 : Int64($0)) } + [
            edge(.payment, 1, 200, 1)
        ]
    }

    private func edges(of v: Int64) -> [EgoDiagram.Edge] { star.filter { $0.source == v || $0.target == v } }

    @Test func theStrongestTiesComeFirstUpToTheCap() {
        let (order, expanded) = EgoDiagram.neighbourhood(of: 0, hops: 2) { edges(of: $0) }
        #expect(order.count == EgoDiagram.nodeCap)
        #expect(Array(order.prefix(4)) == [0, 120, 119, 118])
        // Equal ties: the smaller entity number first; 7 and 8 (50 events) come right after 51.
        let at51 = order.firstIndex(of: 51)!
        #expect(Array(order[at51...(at51 + 3)]) == [51, 7, 8, 50])
        // The cap was reached in one step: nothing further was looked up.
        #expect(expanded == [0] && !order.contains(200))
    }

    @Test func stepsStopAtHops() {
        let chain = [edge(.payment, 0, 1, 1), edge(.payment, 1, 2, 1), edge(.access, 3, 2, 1)]
        func around(_ hops: Int) -> [Int64] {
            EgoDiagram.neighbourhood(of: 0, hops: hops) { v in chain.filter { $0.source == v || $0.target == v } }.order
        }
        #expect(around(1) == [0, 1] && around(2) == [0, 1, 2] && around(3) == [0, 1, 2, 3])
    }

    @Test func thePictureDrawsTheChosenEntitiesAndSaysWhatItMayLack() {
        let entities: [Int64: EgoDiagram.Entity] = [
            0: .init(id: "X1", kind: "external", name: "", role: .broker),
            1: .init(id: "E1", kind: "employee", name: "Eve", role: nil),
        ]
        let out = [edge(.payment, 0, 1, 2), edge(.payment, 0, 0, 1), edge(.communication, 0, 5, 3)]
        let complete = EgoDiagram.dot(hops: 1, order: [0, 1], entities: entities, outEdges: out)
        #expect(complete.contains(#"label="X1 and 1 entities within 1 step""#))
        #expect(complete.contains(##"n0 [fillcolor="#e4572e", label="X1\nbroker", penwidth="3", shape="diamond""##))
        #expect(complete.contains(#"label="Eve", penwidth="1", shape="box""#))
        // One payment edge: the self-loop and the message to an entity not drawn are left out.
        #expect(complete.components(separatedBy: "n0 -> n1").count == 2 && !complete.contains("n0 -> n0"))
        let partial = EgoDiagram.dot(
            hops: 1, order: [0, 1], entities: entities, outEdges: out, note: "incomplete: why")
        #expect(partial.contains(#"label="X1 and 1 entities within 1 step\nincomplete: why""#))
    }
}
