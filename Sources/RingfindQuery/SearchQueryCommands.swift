import ArgumentParser
import Foundation
import RingfindCase
import RingfindGraph

struct Top: QueryCommand {
    static let configuration = CommandConfiguration(
        commandName: "top", abstract: "Entities with the highest value of a score.")
    static let metrics = [
        "score", "pagerank", "seed_pagerank", "betweenness", "degree", "strength", "core", "effective_size",
        "constraint_score", "gf_liaison", "brokerage_z",
    ]
    @Argument(help: ArgumentHelp("One of: \(Top.metrics.joined(separator: ", ")).")) var metric: String
    @Argument(help: "How many (the same as --limit).") var count: Int = 10
    @Option(parsing: .unconditional, help: "Show at most this many (0: all).") var limit: Int?
    @OptionGroup var all: ShowAll
    func validate() throws {
        guard Top.metrics.contains(metric) else {
            let hint = Suggestions.closest(to: metric, among: Top.metrics).first.map { "; did you mean '\($0)'?" } ?? ""
            throw ValidationError("unknown metric '\(metric)'\(hint)")
        }
        try validateCount(count, name: "count")
        if let limit { try validateCount(limit, name: "--limit") }
    }
    func run(in session: QuerySession) throws -> ResultTable? {
        let cut = RowLimit(limit: max(limit ?? count, 0), all)
        let result = try session.store.rows(
            "SELECT id, kind, ifnull(role, ''), \(metric) FROM entities WHERE \(metric) IS NOT NULL ORDER BY \(metric) DESC, id LIMIT ?",
            [cut.sql])
        let shown = cut.apply(result.rows, what: "entities")
        let none =
            result.rows.isEmpty
            ? "no entity has a \(metric) in this case"
                + (metric == "betweenness"
                    ? " (build.json: centrality.betweenness says why it was not computed)" : "") : nil
        return ResultTable(columns: ["id", "kind", "role", metric], rows: shown.rows, note: notes(shown.note, none))
    }
}

struct Find: QueryCommand {
    static let configuration = CommandConfiguration(
        commandName: "find", abstract: "Entities whose id or name contains the text.")
    @Argument(help: "Text to look for (case-insensitive).") var text: String
    @Option(parsing: .unconditional, help: "Show at most this many, most suspicious first (0: all).") var limit: Int =
        100
    @OptionGroup var all: ShowAll
    func validate() throws { try validateCount(limit, name: "--limit") }
    func run(in session: QuerySession) throws -> ResultTable? {
        let pattern =
            "%"
            + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        let cut = RowLimit(limit: limit, all)
        let result = try session.store.rows(
            """
            SELECT id, kind, name, grp, ifnull(role, ''), printf('%.3f', score) FROM entities
            WHERE id LIKE ?1 ESCAPE '\\' OR name LIKE ?1 ESCAPE '\\' ORDER BY rank LIMIT ?2
            """, [pattern, cut.sql])
        let shown = cut.apply(result.rows, what: "matches")
        return ResultTable(
            columns: ["id", "kind", "name", "group", "role", "score"], rows: shown.rows, note: shown.note)
    }
}

struct SQL: QueryCommand {
    static let configuration = CommandConfiguration(
        commandName: "sql", abstract: "A read-only SQL query on the case file (tables: see the README).")
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
        let columns = CaseSchema.signals.flatMap {
            ["ifnull(printf('%.2f', \($0)), '')", "printf('%.2f', \($0)_observed)", "printf('%.2f', \($0)_expected)"]
        }
        guard
            let row = try session.store.rows(
                "SELECT printf('%.3f', score), printf('%.2e', p_value), "
                    + columns.joined(separator: ", ") + " FROM rings WHERE ring = ?", [ring]
            ).rows.first
        else {
            throw QueryError.unknownRing(ring)
        }
        var parts: [String] = []
        for (i, name) in CaseSchema.signals.enumerated() {
            let surprise = row[2 + 3 * i], observed = row[3 + 3 * i], expected = row[4 + 3 * i]
            parts.append(
                surprise.isEmpty
                    ? "\(name) not looked for" : "\(name) \(observed) vs \(expected) by chance (surprise \(surprise))")
        }
        return "ring \(ring): score \(row[0]), p = \(row[1]); " + parts.joined(separator: ", ")
    }
}
