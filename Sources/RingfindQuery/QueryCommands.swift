import RingfindGraph
import ArgumentParser
import Foundation
import RingfindCase

/// A REPL command: parsed by ArgumentParser from the words after its name, run against the session.
protocol QueryCommand: ParsableCommand {
    func run(in session: QuerySession) throws -> ResultTable?
}

extension QueryCommand {
    mutating func run() throws {}
}

/// The commands of `ringfind query`, by name.
enum QueryCommands {
    static let all: [any QueryCommand.Type] = [
        Summary.self, Rings.self, RingDetail.self, Suspects.self, Show.self, Neighbors.self, Path.self, Events.self, Explain.self,
        Top.self, Find.self, Render.self, SQL.self,
    ]
    static var names: [String] { all.map { $0.configuration.commandName! } + ["help", "quit"] }

    static func named(_ name: String) -> (any QueryCommand.Type)? {
        all.first { $0.configuration.commandName == name.lowercased() }
    }

    static func overview() -> String {
        var text = "Commands (type `help COMMAND` for its options):\n"
        for command in all {
            text += "  " + command.configuration.commandName!.padding(toLength: 10, withPad: " ", startingAt: 0)
                + command.configuration.abstract + "\n"
        }
        text += "  help      this list\n  quit      end the session\n"
        return text
    }
}

extension ParsableCommand {
    /// Parses arguments for this command type and returns it as a query command.
    static func parse(_ arguments: [String]) throws -> any QueryCommand {
        guard let command = try parseAsRoot(arguments) as? any QueryCommand else {
            throw QueryError.invalid("not a query command")
        }
        return command
    }
}

struct Summary: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "summary", abstract: "What the case holds: entities, edges, events, rings.")
    func run(in session: QuerySession) throws -> ResultTable? {
        var rows: [[String]] = []
        let edgeCount = try session.manifest(CaseSchema.ManifestKey.edgeCount).map { "SELECT \(Int($0) ?? 0)" } ?? "SELECT count(*) FROM edges"
        for (label, sql) in [("entities", "SELECT count(*) FROM entities"), ("edges", edgeCount),
                             ("events stored", "SELECT count(*) FROM events"), ("communities", "SELECT count(*) FROM communities"),
                             ("rings", "SELECT count(*) FROM rings"), ("suspects", "SELECT count(*) FROM entities WHERE role IS NOT NULL"),
                             ("ringfind", "SELECT value FROM manifest WHERE key = 'ringfind_version'")] {
            rows.append([label, try session.store.rows(sql).rows.first?.first ?? ""])
        }
        // What the entities are (as declared or inferred from the logs), then what the build
        // found them to be: a broker is a role found in the logs, not a kind anyone declared.
        for kind in ["employee", "vendor", "external"] {
            rows.append(["\(kind)s", try session.store.rows("SELECT count(*) FROM entities WHERE kind = ?", [kind]).rows[0][0]])
        }
        let declared = try session.store.rows("SELECT count(*) FROM entities WHERE kind = 'broker'").rows[0][0]
        if declared != "0" { rows.append(["declared brokers", declared]) }
        for (role, plural) in [("broker", "brokers"), ("intermediary", "intermediaries"), ("insider", "insiders"), ("client", "clients")] {
            rows.append(["\(plural) found", try session.store.rows("SELECT count(*) FROM entities WHERE role = ?", [role]).rows[0][0]])
        }
        if try session.manifest(CaseSchema.ManifestKey.edgesScope) == CaseSchema.scopeSuspects {
            rows.append(["edges table", "only those touching a suspect, for SQL (the graph itself, in adjacency, is whole)"])
        }
        if try session.eventsKeptForSuspectsOnly() {
            rows.append(["events kept", "only those touching a suspect (a large case; build with --full-case to keep all)"])
        }
        return ResultTable(columns: ["fact", "value"], rows: rows)
    }
}

struct Rings: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "rings", abstract: "The rings, best first.")
    @Option(name: [.customLong("limit"), .customLong("top")], parsing: .unconditional, help: "Show at most this many (0: all).") var limit: Int = 20
    func validate() throws { try validateCount(limit, name: "--limit") }
    func run(in session: QuerySession) throws -> ResultTable? {
        let cut = RowLimit(limit: limit)
        let result = try session.store.rows("""
            SELECT r.ring, printf('%.3f', r.score), r.size,
              (SELECT group_concat(e.id, ';') FROM ring_members m JOIN entities e ON e.entity = m.entity WHERE m.ring = r.ring AND m.role = 'broker'),
              (SELECT count(*) FROM ring_members m WHERE m.ring = r.ring AND m.role = 'insider'),
              (SELECT count(*) FROM ring_members m WHERE m.ring = r.ring AND m.role = 'client'),
              (SELECT count(*) FROM ring_members m WHERE m.ring = r.ring AND m.role = 'intermediary')
            FROM rings r ORDER BY r.ring LIMIT ?
            """, [cut.sql])
        let shown = cut.apply(result.rows, what: "rings")
        return ResultTable(columns: ["ring", "score", "size", "broker", "insiders", "clients", "intermediaries"], rows: shown.rows, note: shown.note)
    }
}

struct RingDetail: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "ring", abstract: "One ring: members, roles, scores and signals.")
    @Argument(help: "Ring number.") var ring: Int
    func run(in session: QuerySession) throws -> ResultTable? {
        let head = try RingHeadline.of(ring, in: session)
        let members = try session.store.rows("""
            SELECT e.id, e.kind, m.role, m.tier, printf('%.3f', m.score), replace(m.reasons, char(10), '; ')
            FROM ring_members m JOIN entities e ON e.entity = m.entity WHERE m.ring = ?
            ORDER BY CASE m.role WHEN 'broker' THEN 0 WHEN 'insider' THEN 1 WHEN 'intermediary' THEN 2 ELSE 3 END,
                     CASE m.tier WHEN 'core' THEN 0 ELSE 1 END, e.id
            """, [ring])
        return ResultTable(title: head, columns: ["id", "kind", "role", "tier", "score", "reasons"], rows: members.rows)
    }
}

struct Suspects: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "suspects", abstract: "Ring members, most suspicious first.")
    @Option(help: "Only this role: broker, insider, client or intermediary.") var role: String?
    @Option(name: [.customLong("limit"), .customLong("top")], parsing: .unconditional, help: "Show at most this many (0: all).") var limit: Int = 20
    func validate() throws {
        try validateCount(limit, name: "--limit")
        if let role, !["broker", "insider", "client", "intermediary"].contains(role) {
            throw ValidationError("--role \(role): expected broker, insider, client or intermediary")
        }
    }
    func run(in session: QuerySession) throws -> ResultTable? {
        let cut = RowLimit(limit: limit)
        let result = try session.store.rows("""
            SELECT rank, id, kind, role, ring, printf('%.3f', score) FROM entities
            WHERE role IS NOT NULL AND (?1 IS NULL OR role = ?1) ORDER BY rank LIMIT ?2
            """, [role, cut.sql])
        let shown = cut.apply(result.rows, what: "suspects")
        return ResultTable(columns: ["rank", "id", "kind", "role", "ring", "score"], rows: shown.rows, note: shown.note)
    }
}

struct Show: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Everything known about one entity, its aliases and attributes.")
    @Argument(help: "Entity id (or one of its aliases).") var entity: String
    func run(in session: QuerySession) throws -> ResultTable? {
        let e = try session.entity(entity)
        let result = try session.store.rows("SELECT * FROM entities WHERE entity = ?", [e])
        var rows = zip(result.columns, result.rows[0]).map { [$0, $1] }
        let aliases = try session.store.rows("SELECT alias FROM aliases WHERE entity = ? ORDER BY alias", [e]).rows.map { $0[0] }
        if !aliases.isEmpty { rows.append(["aliases", aliases.joined(separator: "; ")]) }
        for attribute in try session.store.rows("SELECT name, value FROM attributes WHERE entity = ? ORDER BY rowid", [e]).rows {
            rows.append([attribute[0], attribute[1]])
        }
        for reason in try session.store.rows("SELECT ring, role, reasons FROM ring_members WHERE entity = ? ORDER BY ring", [e]).rows {
            rows.append(["ring \(reason[0]) (\(reason[1]))", reason[2].replacingOccurrences(of: "\n", with: "; ")])
        }
        return ResultTable(columns: ["field", "value"], rows: rows)
    }
}

struct Neighbors: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "neighbors", abstract: "Who an entity paid, messaged or touched, and who did so to it.")
    @Argument(help: "Entity id.") var entity: String
    @Option(help: "Only this log: communication, payment or access.") var type: String?
    @Option(help: "Count only events from this date (2025-03-01 or 2025-03-01T10:00:00Z).") var since: String?
    @Option(help: "Count only events up to this date.") var until: String?
    @Option(parsing: .unconditional, help: "Show at most this many, busiest first (0: all).") var limit: Int = 50
    func validate() throws {
        try validateType(type)
        try validateCount(limit, name: "--limit")
    }
    func run(in session: QuerySession) throws -> ResultTable? {
        let e = try session.entity(entity)
        let cut = RowLimit(limit: limit)
        let columns = ["direction", "type", "other", "kind", "events", "amount", "first", "last"]
        guard since == nil && until == nil else {
            // A window: aggregate the stored input rows instead of the whole-case edges.
            let from = try since.map { try parseBound($0, name: "--since") }, to = try until.map { try parseBound($0, name: "--until") }
            let result = try session.store.rows("""
                SELECT CASE WHEN v.source = ?1 THEN 'out' ELSE 'in' END, v.type, o.id, o.kind, sum(v.count),
                       CASE WHEN sum(v.amount) IS NULL THEN '' ELSE printf('%.2f', sum(v.amount)) END, min(v.time), max(v.time)
                FROM events v JOIN entities o ON o.entity = CASE WHEN v.source = ?1 THEN v.target ELSE v.source END
                WHERE (v.source = ?1 OR v.target = ?1) AND v.target IS NOT NULL AND (?2 IS NULL OR v.type = ?2)
                  AND (?3 IS NULL OR v.time >= ?3) AND (?4 IS NULL OR v.time <= ?4)
                GROUP BY 1, 2, 3 ORDER BY sum(v.count) DESC, o.id LIMIT ?5
                """, [e, type, from, to, cut.sql])
            let stored = try QuerySession.storedRows(result.rows, notStored: try session.eventsNotStored(of: e, named: entity))
            let shown = cut.apply(stored.rows, what: "neighbours")
            return ResultTable(columns: columns, rows: shown.rows.map { Array($0[0..<6]) + [iso($0[6]), iso($0[7])] },
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
            [edge.direction == .out ? "out" : "in", edge.type.description, other.id, other.kind, String(edge.count),
             edge.amount.map { String(format: "%.2f", $0) } ?? "", iso(edge.firstTime), iso(edge.firstTime == Timestamp.missing ? edge.firstTime : edge.lastTime)]
        }
    }
}

struct Events: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "events", abstract: "The input rows of an entity, in time order, with their source file and line and the ids as each row wrote them.")
    @Argument(help: "Entity id (or one of its aliases).") var entity: String
    @Option(help: "Only this log: communication, payment or access.") var type: String?
    @Option(help: "From this date (2025-03-01 or 2025-03-01T10:00:00Z).") var since: String?
    @Option(help: "Up to this date.") var until: String?
    @Option(parsing: .unconditional, help: "Show at most this many, earliest first (0: all).") var limit: Int = 200
    func validate() throws {
        try validateType(type)
        try validateCount(limit, name: "--limit")
    }
    func run(in session: QuerySession) throws -> ResultTable? {
        let e = try session.entity(entity)
        let from = try since.map { try parseBound($0, name: "--since") }, to = try until.map { try parseBound($0, name: "--until") }
        let cut = RowLimit(limit: limit)
        let result = try session.store.rows("""
            SELECT v.time, v.type, s.id, ifnull(t.id, ''), v.count, CASE WHEN v.amount IS NULL THEN '' ELSE printf('%.2f', v.amount) END, ifnull(v.label, ''), ifnull(v.ticket, ''), v.origin,
                   ifnull(v.source_as, s.id), ifnull(v.target_as, ifnull(t.id, ifnull(v.resource, '')))
            FROM events v JOIN entities s ON s.entity = v.source LEFT JOIN entities t ON t.entity = v.target
            WHERE (v.source = ?1 OR v.target = ?1) AND (?2 IS NULL OR v.type = ?2) AND (?3 IS NULL OR v.time >= ?3) AND (?4 IS NULL OR v.time <= ?4)
            ORDER BY v.time, v.origin LIMIT ?5
            """, [e, type, from, to, cut.sql])
        let stored = try QuerySession.storedRows(result.rows, notStored: try session.eventsNotStored(of: e, named: entity))
        let shown = cut.apply(stored.rows, what: "rows")
        return ResultTable(columns: ["time", "type", "from", "to", "count", "amount", "label", "ticket", "source", "from_as_written", "to_as_written"],
                           rows: shown.rows.map { [iso($0[0])] + $0.dropFirst() },
                           note: notes(shown.note, stored.note))
    }
}

struct Explain: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "explain", abstract: "Why an entity or a ring was flagged: signals and evidence rows.")
    @Argument(help: "Entity id, or a ring number.") var target: String
    @Option(help: "Only evidence from this date.") var since: String?
    @Option(help: "Only evidence up to this date.") var until: String?
    @Option(parsing: .unconditional, help: "Show at most this many evidence rows, earliest first (0: all).") var limit: Int = 50
    func validate() throws { try validateCount(limit, name: "--limit") }
    func run(in session: QuerySession) throws -> ResultTable? {
        let from = try since.map { try parseBound($0, name: "--since") }, to = try until.map { try parseBound($0, name: "--until") }
        let ringNumber: Int
        var entity: Int64? = nil
        if let number = Int(target), try session.store.rows("SELECT 1 FROM rings WHERE ring = ?", [number]).rows.count == 1,
           try session.store.rows("SELECT 1 FROM entities WHERE id = ?", [target]).rows.isEmpty {
            ringNumber = number
        } else {
            let e = try session.entity(target)
            entity = e
            guard let ring = try session.store.rows("SELECT ring FROM entities WHERE entity = ? AND ring IS NOT NULL", [e]).rows.first.flatMap({ Int($0[0]) }) else {
                throw QueryError.invalid("'\(TextSafety.terminal(target, limit: 60))' is in no ring; its score is "
                    + (try session.store.rows("SELECT printf('%.3f', score) FROM entities WHERE entity = ?", [e]).rows[0][0]))
            }
            ringNumber = ring
        }
        let head = try RingHeadline.of(ringNumber, in: session)
        let cut = RowLimit(limit: limit)
        let evidence = try session.store.rows("""
            SELECT v.signal, v.type, s.id, ifnull(t.id, ''), v.time, CASE WHEN v.amount IS NULL THEN '' ELSE printf('%.2f', v.amount) END, ifnull(v.action, ''), ifnull(v.ticket, ''), v.origin
            FROM evidence v JOIN entities s ON s.entity = v.source LEFT JOIN entities t ON t.entity = v.target
            WHERE v.ring = ?1 AND (?2 IS NULL OR v.source = ?2 OR v.target = ?2) AND (?3 IS NULL OR v.time >= ?3) AND (?4 IS NULL OR v.time <= ?4)
            ORDER BY v.time, v.origin LIMIT ?5
            """, [ringNumber, entity, from, to, cut.sql])
        let shown = cut.apply(evidence.rows, what: "evidence rows")
        let title = head + "; evidence" + (entity == nil ? "" : " involving \(target)")
        return ResultTable(title: title, columns: ["signal", "type", "from", "to", "time", "amount", "action", "ticket", "source"],
                           rows: shown.rows.map { Array($0[0..<4]) + [iso($0[4])] + $0[5...] }, note: shown.note)
    }
}

struct Top: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "top", abstract: "Entities with the highest value of a score.")
    static let metrics = ["score", "pagerank", "seed_pagerank", "betweenness", "degree", "strength", "core", "effective_size",
                          "constraint_score", "gf_liaison", "brokerage_z"]
    @Argument(help: ArgumentHelp("One of: \(Top.metrics.joined(separator: ", ")).")) var metric: String
    @Argument(help: "How many (the same as --limit).") var count: Int = 10
    @Option(parsing: .unconditional, help: "Show at most this many (0: all).") var limit: Int?
    func validate() throws {
        guard Top.metrics.contains(metric) else {
            let hint = Suggestions.closest(to: metric, among: Top.metrics).first.map { "; did you mean '\($0)'?" } ?? ""
            throw ValidationError("unknown metric '\(metric)'\(hint)")
        }
        try validateCount(count, name: "count")
        if let limit { try validateCount(limit, name: "--limit") }
    }
    func run(in session: QuerySession) throws -> ResultTable? {
        let cut = RowLimit(limit: max(limit ?? count, 0))
        let result = try session.store.rows("SELECT id, kind, ifnull(role, ''), \(metric) FROM entities WHERE \(metric) IS NOT NULL ORDER BY \(metric) DESC, id LIMIT ?", [cut.sql])
        let shown = cut.apply(result.rows, what: "entities")
        let none = result.rows.isEmpty ? "no entity has a \(metric) in this case" + (metric == "betweenness"
            ? " (build.json: centrality.betweenness says why it was not computed)" : "") : nil
        return ResultTable(columns: ["id", "kind", "role", metric], rows: shown.rows, note: notes(shown.note, none))
    }
}

struct Find: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "find", abstract: "Entities whose id or name contains the text.")
    @Argument(help: "Text to look for (case-insensitive).") var text: String
    @Option(parsing: .unconditional, help: "Show at most this many, most suspicious first (0: all).") var limit: Int = 100
    func validate() throws { try validateCount(limit, name: "--limit") }
    func run(in session: QuerySession) throws -> ResultTable? {
        let pattern = "%" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_") + "%"
        let cut = RowLimit(limit: limit)
        let result = try session.store.rows("""
            SELECT id, kind, name, grp, ifnull(role, ''), printf('%.3f', score) FROM entities
            WHERE id LIKE ?1 ESCAPE '\\' OR name LIKE ?1 ESCAPE '\\' ORDER BY rank LIMIT ?2
            """, [pattern, cut.sql])
        let shown = cut.apply(result.rows, what: "matches")
        return ResultTable(columns: ["id", "kind", "name", "group", "role", "score"], rows: shown.rows, note: shown.note)
    }
}

struct SQL: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "sql", abstract: "A read-only SQL query on the case file (tables: see the README).")
    @Argument(parsing: .captureForPassthrough, help: "The SELECT statement.") var words: [String] = []
    func run(in session: QuerySession) throws -> ResultTable? {
        let sql = words.joined(separator: " ")
        guard !sql.isEmpty else { throw QueryError.invalid("give a statement: sql SELECT …") }
        let result = try session.store.rows(sql)
        return ResultTable(columns: result.columns, rows: Array(result.rows.prefix(1000)))
    }
}

/// The one-line account of a ring: score, corrected p-value, and each kind of evidence as
/// observed against what chance gives.
enum RingHeadline {
    static func of(_ ring: Int, in session: QuerySession) throws -> String {
        let columns = CaseSchema.signals.flatMap { ["ifnull(printf('%.2f', \($0)), '')", "printf('%.2f', \($0)_observed)", "printf('%.2f', \($0)_expected)"] }
        guard let row = try session.store.rows("SELECT printf('%.3f', score), printf('%.2e', p_value), "
                                               + columns.joined(separator: ", ") + " FROM rings WHERE ring = ?", [ring]).rows.first else {
            throw QueryError.unknownRing(ring)
        }
        var parts: [String] = []
        for (i, name) in CaseSchema.signals.enumerated() {
            let surprise = row[2 + 3 * i], observed = row[3 + 3 * i], expected = row[4 + 3 * i]
            parts.append(surprise.isEmpty ? "\(name) not looked for" : "\(name) \(observed) vs \(expected) by chance (surprise \(surprise))")
        }
        return "ring \(ring): score \(row[0]), p = \(row[1]); " + parts.joined(separator: ", ")
    }
}
