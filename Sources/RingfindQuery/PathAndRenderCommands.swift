import ArgumentParser
import Foundation
import RingfindCase
import RingfindGraph
import RingfindGraphviz
import RingfindRender

/// `path A B`: the shortest chain of edges between two entities; with `--time-ordered`, a
/// chain of events whose times increase (earliest arrival: money or messages that could have
/// travelled from A to B in that order).
struct Path: QueryCommand {
    static let configuration = CommandConfiguration(
        commandName: "path", abstract: "How two entities are connected (fewest steps, or in time order).")
    @Argument(help: "From this entity id.") var from: String
    @Argument(help: "To this entity id.") var to: String
    @Option(help: "Only this log: communication, payment or access.") var type: String?
    @Flag(help: "Follow events forward in time (each step no earlier than the one before).") var timeOrdered = false
    @Option(parsing: .unconditional, help: "Give up beyond this many steps.") var maxSteps: Int = 6
    @Option(help: "Time-ordered: start no earlier than this date.") var since: String?
    @Option(help: "Time-ordered: arrive no later than this date.") var until: String?

    func validate() throws {
        try validateType(type)
        try validateCount(maxSteps, name: "--max-steps")
    }

    func run(in session: QuerySession) throws -> ResultTable? {
        let a = try session.entity(from), b = try session.entity(to)
        let start = try since.map { try parseBound($0, name: "--since") } ?? Int64.min
        let end = try until.map { try parseBound($0, name: "--until") } ?? Int64.max
        if (since != nil || until != nil) && !timeOrdered {
            throw QueryError.invalid("--since/--until go with --time-ordered")
        }
        let found =
            timeOrdered
            ? try timeOrderedSearch(from: a, to: b, start: start, end: end, in: session)
            : try session.store.readGraph { graph in
                try FewestStepsPath.search(from: a, to: b, type: type, maxSteps: maxSteps, in: graph)
            }
        guard let chain = found else {
            let partial =
                try timeOrdered && session.eventsKeptForSuspectsOnly()
                ? " among the input rows the case file keeps (this case is large, so only those touching a suspect; "
                    + "a time-ordered path through non-suspects may exist — build with --full-case to keep them all)"
                : ""
            throw QueryError.invalid(
                "no \(timeOrdered ? "time-ordered " : "")path from '\(from)' to '\(to)' within \(maxSteps) steps"
                    + partial)
        }
        var rows: [[String]] = []
        for (i, step) in chain.enumerated() {
            let names = try session.store.rows(
                "SELECT (SELECT id FROM entities WHERE entity = ?1), (SELECT id FROM entities WHERE entity = ?2)",
                [step.from, step.to]
            ).rows[0]
            rows.append([
                String(i + 1), names[0], names[1], step.type, step.time == Int64.min ? "" : iso(String(step.time)),
                step.origin,
            ])
        }
        return ResultTable(
            columns: ["step", "from", "to", "type", timeOrdered ? "time" : "first", "source"], rows: rows)
    }

    /// Earliest-arrival search over the stored input rows: each step an event no earlier than
    /// the arrival at its source.
    private func timeOrderedSearch(from a: Int64, to b: Int64, start: Int64, end: Int64, in session: QuerySession)
        throws -> [PathStep]?
    {
        var previous: [Int64: PathStep] = [:]
        var reached: [Int64: Int64] = [a: start]
        var frontier: [Int64] = [a]
        var steps = 0
        search: while !frontier.isEmpty && steps < maxSteps && a != b {
            steps += 1
            var next: [Int64] = []
            for u in frontier {
                let rows = try session.store.rows(
                    """
                    SELECT target, type, min(time), origin FROM events
                    WHERE source = ?1 AND target IS NOT NULL AND time >= ?2 AND time <= ?4 AND (?3 IS NULL OR type = ?3)
                    GROUP BY target ORDER BY min(time), target LIMIT 5000
                    """, [u, reached[u] ?? start, type, end]
                ).rows
                for row in rows {
                    guard let v = Int64(row[0]) else { continue }
                    let time = Int64(row[2]) ?? Int64.min
                    if let known = reached[v], known <= time { continue }
                    reached[v] = time
                    previous[v] = PathStep(from: u, to: v, type: row[1], time: time, origin: row[3])
                    next.append(v)
                    if v == b { break search }
                }
            }
            frontier = next
        }
        guard a == b || previous[b] != nil else { return nil }
        var chain: [PathStep] = []
        var v = b
        while v != a, let step = previous[v] {
            chain.append(step)
            v = step.from
        }
        return chain.reversed()
    }
}

/// `render ring ID | ego ENTITY`: draws a picture of the case and prints where it is: the same
/// picture as `ringfind render --ring` (`StoredPicture`: the build's own, from the case file)
/// or `--ego` (`EgoPicture`), with the same defaults.
struct Render: QueryCommand {
    static let configuration = CommandConfiguration(
        commandName: "render", abstract: "Draw a ring or an entity's neighbourhood (DOT and SVG); prints the path.",
        discussion: "ego draws the picture `ringfind render OUT --ego ID` draws, byte for byte: at most "
            + "\(EgoDiagram.nodeCap) entities, strongest ties first, from the whole graph at any scale."
    )
    @Argument(help: "ring or ego.") var what: String
    @Argument(help: "Ring number or entity id.") var target: String
    @Option(help: "Steps around the entity (ego), \(hopBounds(joinedBy: "to")).") var hops: Int = EgoDiagram.defaultHops
    @Option(help: "svg or png (ego: or dot, the source only).") var format: String = "svg"

    func validate() throws {
        guard ["ring", "ego"].contains(what) else { throw ValidationError("render ring ID or render ego ENTITY") }
        guard ["svg", "png"].contains(format) || (format == "dot" && what == "ego") else {
            throw ValidationError("--format \(format): expected svg or png\(what == "ego" ? " or dot" : "")")
        }
        guard EgoDiagram.hopRange.contains(hops) else {
            throw ValidationError("--hops must be between \(Self.hopBounds(joinedBy: "and"))")
        }
    }

    private static func hopBounds(joinedBy word: String) -> String {
        "\(EgoDiagram.hopRange.lowerBound) \(word) \(EgoDiagram.hopRange.upperBound)"
    }

    func run(in session: QuerySession) throws -> ResultTable? {
        guard what == "ring" else {
            let drawn = try EgoPicture.draw(
                target, in: session.store, folder: session.folder, hops: hops,
                format: GraphvizRenderer.Format(rawValue: format) ?? .svg)
            return ResultTable(columns: ["written"], rows: [[drawn.path]])
        }
        guard let ring = Int(target), ring >= 1 else { throw QueryError.invalid("render ring: give a ring number") }
        guard
            let drawn = try StoredPicture.draw(
                CaseSchema.Pictures.ringPicture(ring), in: session.store, folder: session.folder,
                format: format == "png" ? .png : .svg)
        else {
            throw QueryError.notStored(
                "ring \(ring) was not drawn by the build (see `rings`; only the best rings are drawn)")
        }
        return ResultTable(columns: ["written"], rows: [[drawn.path]])
    }
}
