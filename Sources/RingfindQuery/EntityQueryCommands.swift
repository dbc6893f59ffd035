import ArgumentParser
import Foundation
import RingfindCase
import RingfindGraph

struct Neighbors: QueryCommand {
    static let configuration = CommandConfiguration(
        commandName: "neighbors", abstract: "Who an entity paid, messaged or touched, and who did so to it.")
    @Argument(help: "Entity id.") var entity: String
    @Option(help: "Only this log: communication, payment or access.") var type: String?
    @Option(help: "Count only events from this date (2025-03-01 or 2025-03-01T10:00:00Z).") var since: String?
    @Option(help: "Count only events up to this date.") var until: String?
    @Option(parsing: .unconditional, help: "Show at most this many, busiest first (0: all).") var limit: Int = 50
    @OptionGroup var all: ShowAll
    func validate() throws {
        try validateType(type)
        try validateCount(limit, name: "--limit")
    }
    func run(in session: QuerySession) throws -> ResultTable? {
        let e = try session.entity(entity)
        let cut = RowLimit(limit: limit, all)
        let columns = ["direction", "type", "other", "kind", "events", "amount", "first", "last"]
        guard since == nil && until == nil else {
            // A window: aggregate the stored input rows instead of the whole-case edges.
            let from = try since.map { try parseBound($0, name: "--since") },
                to = try until.map { try parseBound($0, name: "--until") }
            let result = try session.store.rows(
                """
                SELECT CASE WHEN v.source = ?1 THEN 'out' ELSE 'in' END, v.type, o.id, o.kind, sum(v.count),
                       CASE WHEN sum(v.amount) IS NULL THEN '' ELSE printf('%.2f', sum(v.amount)) END, min(v.time), max(v.time)
                FROM events v JOIN entities o ON o.entity = CASE WHEN v.source = ?1 THEN v.target ELSE v.source END
                WHERE (v.source = ?1 OR v.target = ?1) AND v.target IS NOT NULL AND (?2 IS NULL OR v.type = ?2)
                  AND (?3 IS NULL OR v.time >= ?3) AND (?4 IS NULL OR v.time <= ?4)
                GROUP BY 1, 2, 3 ORDER BY sum(v.count) DESC, o.id LIMIT ?5
                """, [e, type, from, to, cut.sql])
            let stored = try QuerySession.storedRows(
                result.rows, notStored: try session.eventsNotStored(of: e, named: entity))
            let shown = cut.apply(stored.rows, what: "neighbours")
            return ResultTable(
                columns: columns, rows: shown.rows.map { Array($0[0..<6]) + [iso($0[6]), iso($0[7])] },
                note: notes(shown.note, stored.note))
        }
        let rows = try session.store.readGraph { graph in try Self.neighbours(of: e, type: type, in: graph) }
        let shown = cut.apply(rows, what: "neighbours")
        return ResultTable(columns: columns, rows: shown.rows, note: shown.note)
    }

    /// Every edge of `entity` (of `type`, if given) from the whole graph, busiest first: by
    /// events, then the other entity's id, out before in, then by type.
    ///
    /// - Complexity: O(degree · log entities) lookups, O(degree log degree) to sort.
    static func neighbours(of entity: Int64, type: String?, in graph: CaseGraphReader) throws -> [[String]] {
        var listed: [(edge: AdjacentEdge, other: EntityHeader)] = []
        for edge in try graph.edges(of: entity) where type == nil || edge.type.description == type {
            listed.append((edge, try graph.entity(edge.neighbour) ?? EntityHeader.unknown))
        }
        listed.sort { a, b in
            if a.edge.count != b.edge.count { return a.edge.count > b.edge.count }
            if a.other.id != b.other.id { return a.other.id < b.other.id }
            if a.edge.direction != b.edge.direction { return a.edge.direction == .out }
            return a.edge.type.rawValue < b.edge.type.rawValue
        }
        return listed.map { edge, other in
            [
                edge.direction == .out ? "out" : "in", edge.type.description, other.id, other.kind, String(edge.count),
                edge.amount.map { String(format: "%.2f", $0) } ?? "", iso(edge.firstTime),
                iso(edge.firstTime == Timestamp.missing ? edge.firstTime : edge.lastTime),
            ]
        }
    }
}

struct Events: QueryCommand {
    static let configuration = CommandConfiguration(
        commandName: "events",
        abstract:
            "The input rows of an entity, in time order, with their source file and line and the ids as each row wrote them."
    )
    @Argument(help: "Entity id (or one of its aliases).") var entity: String
    @Option(help: "Only this log: communication, payment or access.") var type: String?
    @Option(help: "From this date (2025-03-01 or 2025-03-01T10:00:00Z).") var since: String?
    @Option(help: "Up to this date.") var until: String?
    @Option(parsing: .unconditional, help: "Show at most this many, earliest first (0: all).") var limit: Int = 200
    @OptionGroup var all: ShowAll
    func validate() throws {
        try validateType(type)
        try validateCount(limit, name: "--limit")
    }
    func run(in session: QuerySession) throws -> ResultTable? {
        let e = try session.entity(entity)
        let from = try since.map { try parseBound($0, name: "--since") },
            to = try until.map { try parseBound($0, name: "--until") }
        let cut = RowLimit(limit: limit, all)
        let result = try session.store.rows(
            """
            SELECT v.time, v.type, s.id, ifnull(t.id, ''), v.count, CASE WHEN v.amount IS NULL THEN '' ELSE printf('%.2f', v.amount) END, ifnull(v.label, ''), ifnull(v.ticket, ''), v.origin,
                   ifnull(v.source_as, s.id), ifnull(v.target_as, ifnull(t.id, ifnull(v.resource, '')))
            FROM events v JOIN entities s ON s.entity = v.source LEFT JOIN entities t ON t.entity = v.target
            WHERE (v.source = ?1 OR v.target = ?1) AND (?2 IS NULL OR v.type = ?2) AND (?3 IS NULL OR v.time >= ?3) AND (?4 IS NULL OR v.time <= ?4)
            ORDER BY v.time, v.origin LIMIT ?5
            """, [e, type, from, to, cut.sql])
        let stored = try QuerySession.storedRows(
            result.rows, notStored: try session.eventsNotStored(of: e, named: entity))
        let shown = cut.apply(stored.rows, what: "rows")
        return ResultTable(
            columns: [
                "time", "type", "from", "to", "count", "amount", "label", "ticket", "source", "from_as_written",
                "to_as_written",
            ],
            rows: shown.rows.map { [iso($0[0])] + $0.dropFirst() },
            note: notes(shown.note, stored.note))
    }
}

struct Explain: QueryCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain", abstract: "Why an entity or a ring was flagged: signals and evidence rows.")
    @Argument(help: "Entity id, or a ring number.") var target: String
    @Option(help: "Only evidence from this date.") var since: String?
    @Option(help: "Only evidence up to this date.") var until: String?
    @Option(parsing: .unconditional, help: "Show at most this many evidence rows, earliest first (0: all).") var limit:
        Int = 50
    @OptionGroup var all: ShowAll
    func validate() throws { try validateCount(limit, name: "--limit") }
    func run(in session: QuerySession) throws -> ResultTable? {
        let from = try since.map { try parseBound($0, name: "--since") },
            to = try until.map { try parseBound($0, name: "--until") }
        let ringNumber: Int
        var entity: Int64? = nil
        if let number = Int(target),
            try session.store.rows("SELECT 1 FROM rings WHERE ring = ?", [number]).rows.count == 1,
            try session.store.rows("SELECT 1 FROM entities WHERE id = ?", [target]).rows.isEmpty
        {
            ringNumber = number
        } else {
            let e = try session.entity(target)
            entity = e
            guard
                let ring = try session.store.rows(
                    "SELECT ring FROM entities WHERE entity = ? AND ring IS NOT NULL", [e]
                ).rows.first.flatMap({ Int($0[0]) })
            else {
                throw QueryError.invalid(
                    "'\(TextSafety.terminal(target, limit: 60))' is in no ring; its score is "
                        + (try session.store.rows("SELECT printf('%.3f', score) FROM entities WHERE entity = ?", [e])
                            .rows[0][0]))
            }
            ringNumber = ring
        }
        let head = try RingHeadline.of(ringNumber, in: session)
        let cut = RowLimit(limit: limit, all)
        let evidence = try session.store.rows(
            """
            SELECT v.signal, v.type, s.id, ifnull(t.id, ''), v.time, CASE WHEN v.amount IS NULL THEN '' ELSE printf('%.2f', v.amount) END, ifnull(v.action, ''), ifnull(v.ticket, ''), v.origin
            FROM evidence v JOIN entities s ON s.entity = v.source LEFT JOIN entities t ON t.entity = v.target
            WHERE v.ring = ?1 AND (?2 IS NULL OR v.source = ?2 OR v.target = ?2) AND (?3 IS NULL OR v.time >= ?3) AND (?4 IS NULL OR v.time <= ?4)
            ORDER BY v.time, v.origin LIMIT ?5
            """, [ringNumber, entity, from, to, cut.sql])
        let shown = cut.apply(evidence.rows, what: "evidence rows")
        let title = head + "; evidence" + (entity == nil ? "" : " involving \(target)")
        return ResultTable(
            title: title, columns: ["signal", "type", "from", "to", "time", "amount", "action", "ticket", "source"],
            rows: shown.rows.map { Array($0[0..<4]) + [iso($0[4])] + $0[5...] }, note: shown.note)
    }
}
