import ArgumentParser
import Foundation
import RingfindCase
import RingfindGraph

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
        Summary.self, Rings.self, RingDetail.self, Suspects.self, Show.self, Neighbors.self, Path.self, Events.self,
        Explain.self,
        Top.self, Find.self, Render.self, SQL.self,
    ]
    static var names: [String] { all.map { $0.configuration.commandName! } + ["help", "quit"] }

    static func named(_ name: String) -> (any QueryCommand.Type)? {
        all.first { $0.configuration.commandName == name.lowercased() }
    }

    static func overview() -> String {
        var text = "Commands (type `help COMMAND` for its options):\n"
        for command in all {
            text +=
                "  " + command.configuration.commandName!.padding(toLength: 10, withPad: " ", startingAt: 0)
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
    static let configuration = CommandConfiguration(
        commandName: "summary", abstract: "What the case holds: entities, edges, events, rings.")
    func run(in session: QuerySession) throws -> ResultTable? {
        var rows: [[String]] = []
        let edgeCount =
            try session.manifest(CaseSchema.ManifestKey.edgeCount).map { "SELECT \(Int($0) ?? 0)" }
            ?? "SELECT count(*) FROM edges"
        for (label, sql) in [
            ("entities", "SELECT count(*) FROM entities"), ("edges", edgeCount),
            ("events stored", "SELECT count(*) FROM events"), ("communities", "SELECT count(*) FROM communities"),
            ("rings", "SELECT count(*) FROM rings"),
            ("suspects", "SELECT count(*) FROM entities WHERE role IS NOT NULL"),
            ("ringfind", "SELECT value FROM manifest WHERE key = 'ringfind_version'"),
        ] {
            rows.append([label, try session.store.rows(sql).rows.first?.first ?? ""])
        }
        // What the entities are (as declared or inferred from the logs), then what the build
        // found them to be: a broker is a role found in the logs, not a kind anyone declared.
        for kind in ["employee", "vendor", "external"] {
            rows.append([
                "\(kind)s", try session.store.rows("SELECT count(*) FROM entities WHERE kind = ?", [kind]).rows[0][0],
            ])
        }
        let declared = try session.store.rows("SELECT count(*) FROM entities WHERE kind = 'broker'").rows[0][0]
        if declared != "0" { rows.append(["declared brokers", declared]) }
        for (role, plural) in [
            ("broker", "brokers"), ("intermediary", "intermediaries"), ("insider", "insiders"), ("client", "clients"),
        ] {
            rows.append([
                "\(plural) found",
                try session.store.rows("SELECT count(*) FROM entities WHERE role = ?", [role]).rows[0][0],
            ])
        }
        if try session.manifest(CaseSchema.ManifestKey.edgesScope) == CaseSchema.scopeSuspects {
            rows.append([
                "edges table", "only those touching a suspect, for SQL (the graph itself, in adjacency, is whole)",
            ])
        }
        if try session.eventsKeptForSuspectsOnly() {
            rows.append([
                "events kept", "only those touching a suspect (a large case; build with --full-case to keep all)",
            ])
        }
        return ResultTable(columns: ["fact", "value"], rows: rows)
    }
}

struct Rings: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "rings", abstract: "The rings, best first.")
    @Option(
        name: [.customLong("limit"), .customLong("top")], parsing: .unconditional,
        help: "Show at most this many (0: all).") var limit: Int = 20
    @OptionGroup var all: ShowAll
    func validate() throws { try validateCount(limit, name: "--limit") }
    func run(in session: QuerySession) throws -> ResultTable? {
        let cut = RowLimit(limit: limit, all)
        let result = try session.store.rows(
            """
            SELECT r.ring, printf('%.3f', r.score), r.size,
              (SELECT group_concat(e.id, ';') FROM ring_members m JOIN entities e ON e.entity = m.entity WHERE m.ring = r.ring AND m.role = 'broker'),
              (SELECT count(*) FROM ring_members m WHERE m.ring = r.ring AND m.role = 'insider'),
              (SELECT count(*) FROM ring_members m WHERE m.ring = r.ring AND m.role = 'client'),
              (SELECT count(*) FROM ring_members m WHERE m.ring = r.ring AND m.role = 'intermediary')
            FROM rings r ORDER BY r.ring LIMIT ?
            """, [cut.sql])
        let shown = cut.apply(result.rows, what: "rings")
        return ResultTable(
            columns: ["ring", "score", "size", "broker", "insiders", "clients", "intermediaries"], rows: shown.rows,
            note: shown.note)
    }
}

struct RingDetail: QueryCommand {
    static let configuration = CommandConfiguration(
        commandName: "ring", abstract: "One ring: members, roles, scores and signals.")
    @Argument(help: "Ring number.") var ring: Int
    func run(in session: QuerySession) throws -> ResultTable? {
        let head = try RingHeadline.of(ring, in: session)
        let members = try session.store.rows(
            """
            SELECT e.id, e.kind, m.role, m.tier, printf('%.3f', m.score), replace(m.reasons, char(10), '; ')
            FROM ring_members m JOIN entities e ON e.entity = m.entity WHERE m.ring = ?
            ORDER BY CASE m.role WHEN 'broker' THEN 0 WHEN 'insider' THEN 1 WHEN 'intermediary' THEN 2 ELSE 3 END,
                     CASE m.tier WHEN 'core' THEN 0 ELSE 1 END, e.id
            """, [ring])
        return ResultTable(
            title: head, columns: ["id", "kind", "role", "tier", "score", "reasons"], rows: members.rows)
    }
}

struct Suspects: QueryCommand {
    static let configuration = CommandConfiguration(
        commandName: "suspects", abstract: "Ring members, most suspicious first.")
    @Option(help: "Only this role: broker, insider, client or intermediary.") var role: String?
    @Option(
        name: [.customLong("limit"), .customLong("top")], parsing: .unconditional,
        help: "Show at most this many (0: all).") var limit: Int = 20
    @OptionGroup var all: ShowAll
    func validate() throws {
        try validateCount(limit, name: "--limit")
        if let role, !["broker", "insider", "client", "intermediary"].contains(role) {
            throw ValidationError("--role \(role): expected broker, insider, client or intermediary")
        }
    }
    func run(in session: QuerySession) throws -> ResultTable? {
        let cut = RowLimit(limit: limit, all)
        let result = try session.store.rows(
            """
            SELECT rank, id, kind, role, ring, printf('%.3f', score) FROM entities
            WHERE role IS NOT NULL AND (?1 IS NULL OR role = ?1) ORDER BY rank LIMIT ?2
            """, [role, cut.sql])
        let shown = cut.apply(result.rows, what: "suspects")
        return ResultTable(
            columns: ["rank", "id", "kind", "role", "ring", "score"], rows: shown.rows, note: shown.note)
    }
}

struct Show: QueryCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Everything known about one entity, its aliases and attributes.")
    @Argument(help: "Entity id (or one of its aliases).") var entity: String
    func run(in session: QuerySession) throws -> ResultTable? {
        let e = try session.entity(entity)
        let result = try session.store.rows("SELECT * FROM entities WHERE entity = ?", [e])
        var rows = zip(result.columns, result.rows[0]).map { [$0, $1] }
        let aliases = try session.store.rows("SELECT alias FROM aliases WHERE entity = ? ORDER BY alias", [e]).rows.map
        { $0[0] }
        if !aliases.isEmpty { rows.append(["aliases", aliases.joined(separator: "; ")]) }
        for attribute in try session.store.rows(
            "SELECT name, value FROM attributes WHERE entity = ? ORDER BY rowid", [e]
        ).rows {
            rows.append([attribute[0], attribute[1]])
        }
        for reason in try session.store.rows(
            "SELECT ring, role, reasons FROM ring_members WHERE entity = ? ORDER BY ring", [e]
        ).rows {
            rows.append(["ring \(reason[0]) (\(reason[1]))", reason[2].replacingOccurrences(of: "\n", with: "; ")])
        }
        return ResultTable(columns: ["field", "value"], rows: rows)
    }
}
