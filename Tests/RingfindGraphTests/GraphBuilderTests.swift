import Testing

@testable import RingfindGraph

/// Aggregation of events into typed CSR edges.
@Suite struct GraphBuilderTests {
    /// Four entities; payments 0→1 (twice), 2→1, 0→3, 1→1 (self); an access row without a vendor.
    private func world() -> (EventStore, Int) {
        var events = EventStore()
        func pay(_ s: Int32, _ t: Int32, _ amount: Double, _ time: Int64, count: Int32 = 1) {
            events.payments.source.append(s)
            events.payments.target.append(t)
            events.payments.amount.append(amount)
            events.payments.time.append(time)
            events.payments.count.append(count)
            events.payments.label.append(-1)
            events.payments.file.append(0)
            events.payments.line.append(UInt32(events.payments.source.count + 1))
        }
        pay(2, 1, 5, 300)
        pay(0, 1, 10, 200)
        pay(0, 3, 1, Timestamp.missing)
        pay(0, 1, 20, 100, count: 3)
        pay(1, 1, 7, 50)
        events.access.source.append(0)
        events.access.target.append(-1)
        events.access.time.append(1)
        events.access.count.append(1)
        return (events, 4)
    }

    /// Every graph a test builds has its CSR invariants checked as it is built.
    @Test func testBuildsCheckTheGraphsInvariants() {
        #expect(TypedEdges.checksInvariants)
    }

    @Test func mergesEqualPairsAndSortsBySourceThenTarget() {
        let (events, n) = world()
        let graph = GraphBuilder.build(nodeCount: n, events: events)
        let p = graph.payments
        p.checkInvariants()
        #expect(p.sources == [0, 0, 1, 2])
        #expect(p.targets == [1, 3, 1, 1])
        #expect(p.counts == [4, 1, 1, 1])
        #expect(p.amounts == [30, 1, 7, 5])
        #expect(p.firstTimes == [100, Timestamp.missing, 50, 300])
        #expect(p.lastTimes == [200, Timestamp.missing, 50, 300])
        #expect(p.outOffsets == [0, 2, 3, 4, 4])
        #expect(Array(p.inEdges(of: 1)) == [0, 2, 3])
        #expect(p.inDegree(3) == 1 && p.outDegree(0) == 2)
        #expect(graph.access.edgeCount == 0)
        #expect(graph.communications.edgeCount == 0)
    }

    @Test func degreeCountsDistinctCounterpartiesAndStrengthCountsEvents() {
        let (events, n) = world()
        let graph = GraphBuilder.build(nodeCount: n, events: events)
        #expect(graph.degrees() == [2, 2, 1, 1])
        #expect(graph.strengths() == [5, 6, 1, 1])
    }

    @Test func emptyGraph() {
        let graph = GraphBuilder.build(nodeCount: 0, events: EventStore())
        #expect(graph.edgeCount == 0)
        #expect(graph.degrees().isEmpty)
    }
}
