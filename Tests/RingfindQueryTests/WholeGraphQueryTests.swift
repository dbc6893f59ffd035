import Foundation
import RingfindBuild
import RingfindCase
import RingfindGraph
import TestSupport
import Testing

@testable import RingfindQuery

/// A case above the size limit keeps only suspects' input rows, but its graph is whole: the
/// answers that walk the graph are those of a case that keeps everything, and an answer that
/// needs rows that were not stored says so.
@Suite struct WholeGraphQueryTests {
    /// The handmade world built with every input row kept while there are at most `limit`.
    static func build(keepingEverythingUpTo limit: Int) throws -> TemporaryFolder {
        let output = TemporaryFolder("ringfind-query")
        var options = BuildOptions(inputFolder: RepositoryFiles.path("Datasets/handmade"), outputFolder: output.path)
        options.caseWholeUpTo = limit
        _ = try BuildPipeline.run(options)
        return output
    }

    static func ids(in session: QuerySession) throws -> [String] {
        try session.store.rows("SELECT id FROM entities ORDER BY entity").rows.map { $0[0] }
    }

    @Test func neighboursPathsAndEgoPicturesAreThoseOfAFullCase() throws {
        let small = try Self.build(keepingEverythingUpTo: 5), full = try Self.build(keepingEverythingUpTo: .max)
        let partial = try QuerySession(folder: small.path, format: .csv),
            whole = try QuerySession(folder: full.path, format: .csv)
        #expect(try partial.store.manifestValue("events_scope") == "suspects")
        let ids = try Self.ids(in: whole)
        for id in ids {
            for line in [
                "neighbors \(id) --limit 0", "neighbors \(id) --type payment", "render ego \(id) --hops 2 --format dot",
            ] {
                let answer = partial.execute(line).output
                #expect(
                    answer == whole.execute(line).output.replacingOccurrences(of: full.path, with: small.path),
                    "\(line)")
                #expect(!answer.hasPrefix("error"), "\(line): \(answer)")
            }
        }
        var found = 0
        for (i, id) in ids.enumerated() {
            let other = ids[(i * 37 + 11) % ids.count]
            let line = "path \(id) \(other)", answer = partial.execute(line).output
            #expect(answer == whole.execute(line).output, "\(line)")
            if answer.hasPrefix("step,from,to") { found += 1 }
        }
        #expect(found > ids.count / 2 && partial.execute("path E001 E002").output.hasPrefix("step,from,to"))
    }

    /// The neighbours read from `adjacency` are the rows of `edges` that a full case holds
    /// (the reader `neighbors` used before, here as an independent check).
    @Test func neighboursFromTheAdjacencyListsAreTheEdgesRows() throws {
        let full = try Self.build(keepingEverythingUpTo: .max)
        let session = try QuerySession(folder: full.path)
        for e in 0..<Int64(try Self.ids(in: session).count) {
            let fromRows = try session.store.rows(
                """
                SELECT CASE WHEN x.source = ?1 THEN 'out' ELSE 'in' END, x.type, o.id, o.kind, x.count,
                       CASE WHEN x.amount IS NULL THEN '' ELSE printf('%.2f', x.amount) END, x.first_time, x.last_time
                FROM edges x JOIN entities o ON o.entity = CASE WHEN x.source = ?1 THEN x.target ELSE x.source END
                WHERE x.source = ?1 OR x.target = ?1
                """, [e]
            ).rows.map { Array($0[0..<6]) + [iso($0[6]), iso($0[7])] }
            let fromAdjacency = try session.store.readGraph { try Neighbors.neighbours(of: e, type: nil, in: $0) }
            #expect(
                fromAdjacency.sorted { $0.lexicographicallyPrecedes($1) }
                    == fromRows.sorted { $0.lexicographicallyPrecedes($1) }, "entity \(e)")
        }
    }

    /// Every path found is as short as a plain breadth-first search over the in-memory graph
    /// says, and each of its steps is an edge of the graph, of the type it names.
    @Test func pathsAreShortestAndFollowRealEdges() throws {
        let output = TemporaryFolder("ringfind-query")
        var options = BuildOptions(inputFolder: RepositoryFiles.path("Datasets/handmade"), outputFolder: output.path)
        options.caseWholeUpTo = 5
        let graph = try BuildPipeline.run(options).analysis.graph
        let session = try QuerySession(folder: output.path)
        let ids = try Self.ids(in: session)
        func linked(_ x: Int, _ y: Int, _ type: EdgeType) -> Bool {
            let edges = graph[type]
            return edges.outEdges(of: Int32(x)).contains { edges.targets[$0] == Int32(y) }
                || edges.outEdges(of: Int32(y)).contains { edges.targets[$0] == Int32(x) }
        }
        func distances(from a: Int) -> [Int: Int] {
            var distance = [a: 0], frontier = [a]
            while !frontier.isEmpty {
                var next: [Int] = []
                for u in frontier {
                    for v in 0..<graph.nodeCount
                    where distance[v] == nil && EdgeType.allCases.contains(where: { linked(u, v, $0) }) {
                        distance[v] = distance[u]! + 1
                        next.append(v)
                    }
                }
                frontier = next
            }
            return distance
        }
        for a in stride(from: 0, to: ids.count, by: 9) {
            let distance = distances(from: a)
            for b in stride(from: 3, to: ids.count, by: 7) {
                let steps = try session.store.readGraph {
                    try FewestStepsPath.search(from: Int64(a), to: Int64(b), type: nil, maxSteps: 6, in: $0)
                }
                #expect(steps?.count == distance[b].flatMap { $0 <= 6 ? $0 : nil }, "\(ids[a]) to \(ids[b])")
                var at = a
                for step in steps ?? [] {
                    let type = try #require(EdgeType.allCases.first { $0.description == step.type })
                    #expect(
                        step.from == Int64(at) && linked(Int(step.from), Int(step.to), type), "\(ids[a]) to \(ids[b])")
                    at = Int(step.to)
                }
                #expect(steps == nil || at == b)
            }
        }
    }

    @Test func eventsThatWereNotStoredAreSaidToBeMissing() throws {
        let small = try Self.build(keepingEverythingUpTo: 5)
        let session = try QuerySession(folder: small.path, format: .csv)
        let reason =
            "events of E001 were not stored: the case keeps every input row only up to 5 rows (this case has 505), "
            + "above that only the rows that touch a suspect; rebuild with --full-case"
        // E001 dealt with no suspect: nothing of it was stored, and the answer is that, not zero rows.
        #expect(session.execute("events E001").output == "error: \(reason)\n")
        #expect(session.execute("neighbors E001 --since 2025-01-01").output == "error: \(reason)\n")
        // E033 is no suspect but dealt with one: those rows are shown, with what is missing.
        let table = try QuerySession(folder: small.path)
        let shown = table.execute("events E033").output
        #expect(
            shown.contains("V037")
                && shown.contains("note: only the rows of E033 that touch a suspect were stored: the case keeps"))
        // A suspect's rows are all there: no note.
        #expect(!table.execute("events E014").output.contains("note:"))
    }
}
