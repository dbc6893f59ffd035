import RingfindGraph
import Testing

@testable import RingfindCentrality

/// PageRank's graph made straight from the case graph is the graph `DirectedGraph` makes,
/// number for number, so PageRank's scores do not move by a bit.
@Suite struct InEdgeGraphTests {
    /// A random case graph: 60 entities, parallel edges within and across logs, self-loops,
    /// entities without edges.
    private func caseGraph(seed: UInt64) -> MultiplexGraph {
        var generator = SplitMix64(seed: seed)
        var events = EventStore()
        func pick() -> Int32 { Int32(generator.next() % 60) }
        func append(_ log: inout EventLog, payment: Bool) {
            log.source.append(pick())
            log.target.append(pick())
            log.time.append(Int64(generator.next() % 1_000))
            log.count.append(Int32(1 + generator.next() % 4))
            log.label.append(-1)
            log.file.append(0)
            log.line.append(UInt32(log.source.count + 1))
            if payment { log.amount.append(Double(generator.next() % 100)) }
        }
        for _ in 0..<400 { append(&events.communications, payment: false) }
        for _ in 0..<150 { append(&events.payments, payment: true) }
        for _ in 0..<200 {
            events.access.source.append(pick())
            events.access.target.append(pick())
            events.access.time.append(1)
            events.access.count.append(1)
        }
        return GraphBuilder.build(nodeCount: 64, events: events)
    }

    @Test(arguments: [1, 2, 3] as [UInt64])
    func mergingTheCaseGraphsListsGivesTheDirectedGraphsNumbers(seed: UInt64) {
        let graph = caseGraph(seed: seed)
        var moneyAndMessages = EdgeTypeWeights()
        moneyAndMessages.access = 0
        var odd = EdgeTypeWeights()
        (odd.communication, odd.payment, odd.access) = (0.1, 0.7, 1.3)
        for weights in [moneyAndMessages, odd, EdgeTypeWeights()] {
            let merged = InEdgeGraph(projecting: graph, typeWeights: weights)
            let reference = InEdgeGraph(DirectedGraph(projecting: graph, typeWeights: weights))
            #expect(merged.inOffsets == reference.inOffsets)
            #expect(merged.sources == reference.sources)
            #expect(merged.inWeights.map(\.bitPattern) == reference.inWeights.map(\.bitPattern))
            #expect(merged.outWeights.map(\.bitPattern) == reference.outWeights.map(\.bitPattern))
            #expect(merged.edgeCount > 0 && merged.nodeCount == 64)

            let pageRank = PageRank()
            let directed = DirectedGraph(projecting: graph, typeWeights: weights)
            #expect(
                pageRank.run(on: merged, seeds: [3, 5]).scores.map(\.bitPattern)
                    == pageRank.run(on: directed, seeds: [3, 5]).scores.map(\.bitPattern))
        }
    }
}
