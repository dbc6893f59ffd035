import Foundation
import GRDB
import RingfindCase
import RingfindGraph
import TestSupport
import Testing

@testable import RingfindBuild

/// The graph as the case file stores it (`adjacency`, packed by `AdjacencyBlob`) and the typed
/// schema it is declared with.
@Suite struct CaseGraphFormatTests {
    /// Every edge end of `v`, as the in-memory graph has it, in `AdjacencyBlob`'s order.
    static func expected(_ v: Int32, in graph: MultiplexGraph) -> [AdjacentEdge] {
        var edges: [AdjacentEdge] = []
        for type in EdgeType.allCases {
            let typed = graph[type]
            func end(_ e: Int, _ direction: AdjacentEdge.Direction, _ neighbour: Int32) -> AdjacentEdge {
                AdjacentEdge(
                    type: type, direction: direction, neighbour: Int64(neighbour), count: typed.counts[e],
                    amount: type == .payment && typed.amounts[e].isFinite ? typed.amounts[e] : nil,
                    firstTime: typed.firstTimes[e], lastTime: typed.lastTimes[e])
            }
            for e in typed.outEdges(of: v) { edges.append(end(e, .out, typed.targets[e])) }
            for e in typed.inEdges(of: v) where typed.sources[Int(e)] != v {
                edges.append(end(Int(e), .in, typed.sources[Int(e)]))
            }
        }
        return edges
    }

    /// A graph with what an encoding could get wrong: a self-loop, an event without a time,
    /// a negative time, a count beyond 32 bits, a fractional and a non-finite amount, ids far
    /// apart and out of order.
    static func awkwardGraph() -> MultiplexGraph {
        var events = EventStore()
        events.sourceFiles = ["memory"]
        func add(_ type: EdgeType, _ from: Int32, _ to: Int32, time: Int64, count: Int32 = 1, amount: Double = 0) {
            switch type {
            case .communication: append(&events.communications)
            case .payment: append(&events.payments)
            case .access: append(&events.access)
            }
            func append(_ log: inout EventLog) {
                // What aggregation reads; the graph needs no labels or origins.
                log.source.append(from)
                log.target.append(to)
                log.time.append(time)
                log.count.append(count)
                if type == .payment { log.amount.append(amount) }
            }
        }
        add(.communication, 0, 999, time: 1_735_689_600_123)
        add(.communication, 999, 0, time: Timestamp.missing)
        add(.communication, 5, 5, time: -86_400_000)  // a self-loop, before 1970
        add(.communication, 5, 0, time: 1_700_000_000_000, count: .max)
        add(.communication, 5, 0, time: 1_800_000_000_000, count: .max)
        add(.communication, 5, 0, time: 1_750_000_000_000, count: .max)
        add(.payment, 7, 5, time: 1_735_689_600_000, amount: 1234.567)
        add(.payment, 7, 999, time: 1_735_689_600_000, amount: .infinity)
        add(.payment, 999, 7, time: 1_735_689_600_000, amount: -0.01)
        add(.access, 5, 7, time: 1_735_689_600_000)
        add(.access, 5, 998, time: 1_735_689_700_000)
        return GraphBuilder.build(nodeCount: 1000, events: events)
    }

    @Test func anAdjacencyListDecodesToTheGraphsEdgesBitForBit() throws {
        let graph = Self.awkwardGraph()
        var lists: [Int32: [AdjacentEdge]] = [:]
        try AdjacencyEncoder.forEachList(of: graph) { v, bytes in
            lists[v] = try AdjacencyBlob.decode(bytes, entity: Int64(v))
        }
        // In chunks of any size, encoded on another thread, the same lists in the same order.
        for size in [1, 7, 999, 5000] {
            var again: [(Int32, [UInt8])] = []
            AdjacencyEncoder.forEachList(of: graph, entitiesPerChunk: size) { again.append(($0, Array($1))) }
            var once: [(Int32, [UInt8])] = []
            AdjacencyEncoder.forEachList(of: graph, entitiesPerChunk: .max) { once.append(($0, Array($1))) }
            #expect(again.map(\.0) == once.map(\.0) && again.map(\.1) == once.map(\.1), "chunks of \(size)")
        }
        for v in Int32(0)..<Int32(graph.nodeCount) {
            // An entity without edges has no list (and no row).
            #expect((lists[v] ?? []) == Self.expected(v, in: graph), "entity \(v)")
            #expect(lists[v]?.isEmpty != true)
        }
        #expect(lists.count == 5)
        // The self-loop is stored once, as an out-edge of its entity.
        let loops = (lists[5] ?? []).filter { $0.neighbour == 5 }
        #expect(loops.count == 1 && loops[0].direction == .out && loops[0].firstTime == -86_400_000)
    }

    @Test func aDamagedAdjacencyListIsRefusedNotMisread() throws {
        var bytes: [UInt8] = []
        AdjacencyEncoder.forEachList(of: Self.awkwardGraph()) { v, list in if v == 5 { bytes = Array(list) } }
        let damages: [[UInt8]] = [
            Array(bytes.dropLast()), bytes + [0], [0xFF] + bytes.dropFirst(),
            [0x01, 0x01] + Array(repeating: 0xFF, count: 11),
        ]
        for damaged in damages {
            #expect(throws: AdjacencyBlob.Malformed.self) {
                try damaged.withUnsafeBytes { try AdjacencyBlob.decode($0, entity: 5) }
            }
        }
    }

    @Test func eachTableIsDeclaredOnceAndNumberedInOrder() {
        func check<Table: CaseTable>(_ table: Table.Type) {
            #expect(Table.isNumberedInOrder, "\(Table.name)")
            #expect(Table.insertStatement.hasPrefix("INSERT INTO \(Table.name) (\(Table.selectList)) VALUES (?"))
        }
        check(CaseSchema.Manifest.self)
        check(CaseSchema.Entities.self)
        check(CaseSchema.Aliases.self)
        check(CaseSchema.Adjacency.self)
        check(CaseSchema.Edges.self)
        check(CaseSchema.Events.self)
        check(CaseSchema.Attributes.self)
        check(CaseSchema.Communities.self)
        check(CaseSchema.Rings.self)
        check(CaseSchema.RingMembers.self)
        check(CaseSchema.Evidence.self)
        check(CaseSchema.BaselineRings.self)
        check(CaseSchema.BaselineMembers.self)
        // The rings table ends with three columns per kind of evidence, in the schema's order.
        #expect(CaseSchema.Rings.columns.suffix(CaseSchema.signalColumns.count).map(\.name) == CaseSchema.signalColumns)
        #expect(
            CaseSchema.RingMembers.createStatement
                == "CREATE TABLE ring_members (ring INTEGER NOT NULL, entity INTEGER NOT NULL, role TEXT NOT NULL, "
                + "tier TEXT NOT NULL, score REAL, reasons TEXT)")
        #expect(
            CaseSchema.Adjacency.createStatement
                == "CREATE TABLE adjacency (entity INTEGER PRIMARY KEY, edges BLOB NOT NULL)")
        #expect(
            CaseSchema.Edges.createStatement == "CREATE TABLE edges (type TEXT NOT NULL, source INTEGER NOT NULL, "
                + "target INTEGER NOT NULL, count INTEGER NOT NULL, amount REAL, first_time INTEGER, last_time INTEGER)"
        )
    }

    /// Below and far above the size limit, `adjacency` holds the graph the build analysed, every
    /// edge; the case file of the same inputs is the same bytes every time.
    @Test func theCaseFileHoldsTheWholeGraphAtEveryLimit() throws {
        let input = RepositoryFiles.path("Datasets/handmade")
        for limit in [0, 5, Int.max] {
            let a = TemporaryFolder("ringfind-a"), b = TemporaryFolder("ringfind-b")
            var options = BuildOptions(inputFolder: input, outputFolder: a.path)
            options.caseWholeUpTo = limit
            let graph = try BuildPipeline.run(options).analysis.graph
            options.outputFolder = b.path
            _ = try BuildPipeline.run(options)
            #expect(
                FileManager.default.contents(atPath: a.path + "/case.sqlite")
                    == FileManager.default.contents(atPath: b.path + "/case.sqlite"),
                "limit \(limit): case.sqlite differs between two builds")
            let store = try CaseStore(folder: a.path)
            try store.readGraph { (reader: CaseGraphReader) throws in
                for v in Int32(0)..<Int32(graph.nodeCount) {
                    #expect(
                        try reader.edges(of: Int64(v)) == Self.expected(v, in: graph), "limit \(limit), entity \(v)")
                }
            }
            #expect(try store.manifestValue("edge_count") == String(graph.edgeCount))
            #expect(try store.manifestValue("edges_scope") == (limit == 0 || limit == 5 ? "suspects" : "all"))
        }
    }

    /// A case file of an older format is refused with a message that says to build again.
    @Test func anOlderCaseFileIsRefusedClearly() throws {
        let output = TemporaryFolder("ringfind-old")
        var options = BuildOptions(inputFolder: RepositoryFiles.path("Datasets/handmade"), outputFolder: output.path)
        options.caseWholeUpTo = Int.max
        _ = try BuildPipeline.run(options)
        let queue = try DatabaseQueue(path: output.path + "/case.sqlite")
        try queue.write { db in
            try db.execute(sql: "UPDATE manifest SET value = '4' WHERE key = 'case_format'")
            try db.execute(sql: "DROP TABLE adjacency")
        }
        try queue.close()
        #expect {
            _ = try CaseStore(folder: output.path)
        } throws: { error in
            "\(error)".contains(
                "was written by case format 4, this ringfind reads format \(CaseSchema.version); build again")
        }
    }
}
