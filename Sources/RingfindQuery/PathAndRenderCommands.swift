import ArgumentParser
import Foundation
import RingfindCase
import RingfindGraphviz
import RingfindRender

/// `path A B`: the shortest chain of edges between two entities; with `--time-ordered`, a
/// chain of events whose times increase (earliest arrival: money or messages that could have
/// travelled from A to B in that order).
struct Path: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "path", abstract: "How two entities are connected (fewest steps, or in time order).")
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
        if (since != nil || until != nil) && !timeOrdered { throw QueryError.invalid("--since/--until go with --time-ordered") }
        var previous: [Int64: (node: Int64, type: String, time: Int64, origin: String)] = [:]
        var reached: [Int64: Int64] = [a: start]
        var frontier: [Int64] = [a]
        var steps = 0
        search: while !frontier.isEmpty && steps < maxSteps {
            steps += 1
            var next: [Int64] = []
            for u in frontier {
                let rows: [[String]]
                if timeOrdered {
                    rows = try session.store.rows("""
                        SELECT target, type, min(time), origin FROM events
                        WHERE source = ?1 AND target IS NOT NULL AND time >= ?2 AND time <= ?4 AND (?3 IS NULL OR type = ?3)
                        GROUP BY target ORDER BY min(time), target LIMIT 5000
                        """, [u, reached[u]!, type, end]).rows
                } else {
                    rows = try session.store.rows("""
                        SELECT CASE WHEN source = ?1 THEN target ELSE source END, type, first_time, '' FROM edges
                        WHERE (source = ?1 OR target = ?1) AND (?2 IS NULL OR type = ?2) ORDER BY count DESC LIMIT 5000
                        """, [u, type]).rows
                }
                for row in rows {
                    guard let v = Int64(row[0]) else { continue }
                    let time = Int64(row[2]) ?? Int64.min
                    if let known = reached[v], !timeOrdered || known <= time { continue }
                    reached[v] = time
                    previous[v] = (u, row[1], time, row[3])
                    next.append(v)
                    if v == b { break search }
                }
            }
            frontier = next
        }
        guard reached[b] != nil else {
            let table = timeOrdered ? "events" : "edges"
            let partial = try session.scope(of: table) == CaseSchema.scopeSuspects
                ? " among the \(timeOrdered ? "input rows" : "connections") the case file keeps (this case is large, so only those touching a suspect; "
                    + "a path through non-suspects may exist — build with --full-case to keep them all)"
                : ""
            throw QueryError.invalid("no \(timeOrdered ? "time-ordered " : "")path from '\(from)' to '\(to)' within \(maxSteps) steps" + partial)
        }
        var chain: [(Int64, Int64, String, Int64, String)] = []
        var v = b
        while v != a, let step = previous[v] {
            chain.append((step.node, v, step.type, step.time, step.origin))
            v = step.node
        }
        var rows: [[String]] = []
        for (i, step) in chain.reversed().enumerated() {
            let names = try session.store.rows("SELECT (SELECT id FROM entities WHERE entity = ?1), (SELECT id FROM entities WHERE entity = ?2)", [step.0, step.1]).rows[0]
            rows.append([String(i + 1), names[0], names[1], step.2, step.3 == Int64.min ? "" : iso(String(step.3)), step.4])
        }
        return ResultTable(columns: ["step", "from", "to", "type", timeOrdered ? "time" : "first", "source"], rows: rows)
    }
}

/// `render ring ID | ego ENTITY`: draws a picture of the case and prints where it is.
struct Render: QueryCommand {
    static let configuration = CommandConfiguration(commandName: "render", abstract: "Draw a ring or an entity's neighbourhood (DOT and SVG); prints the path.")
    @Argument(help: "ring or ego.") var what: String
    @Argument(help: "Ring number or entity id.") var target: String
    @Option(help: "Steps around the entity (ego).") var hops: Int = 1
    @Option(help: "svg or png.") var format: String = "svg"

    func validate() throws {
        guard ["ring", "ego"].contains(what) else { throw ValidationError("render ring ID or render ego ENTITY") }
        guard ["svg", "png"].contains(format) else { throw ValidationError("--format \(format): expected svg or png") }
        guard (1...3).contains(hops) else { throw ValidationError("--hops must be between 1 and 3") }
    }

    func run(in session: QuerySession) throws -> ResultTable? {
        let dot: String, stem: String
        if what == "ring" {
            guard let ring = Int(target), ring >= 1 else { throw QueryError.invalid("render ring: give a ring number") }
            stem = session.folder + String(format: "/rings/ring-%03d", ring)
            guard let data = FileManager.default.contents(atPath: stem + ".dot") else { throw QueryError.unknownRing(ring) }
            dot = String(decoding: data, as: UTF8.self)
        } else {
            let center = try session.entity(target)
            dot = try egoDOT(center: center, session: session)
            let safe = String(target.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "_" }.prefix(80))
            try FileManager.default.createDirectory(atPath: session.folder + "/ego", withIntermediateDirectories: true)
            stem = session.folder + "/ego/" + safe
            try Data(dot.utf8).write(to: URL(fileURLWithPath: stem + ".dot"))
        }
        let picture = try GraphvizRenderer.render(dot, engine: dot.count > 60_000 ? .sfdp : .dot, format: format == "png" ? .png : .svg)
        try picture.write(to: URL(fileURLWithPath: stem + "." + format))
        return ResultTable(columns: ["written"], rows: [[stem + "." + format]])
    }

    /// The neighbourhood from the case file's edges: breadth-first, strongest ties first, ≤ 60 entities.
    private func egoDOT(center: Int64, session: QuerySession) throws -> String {
        var order: [Int64] = [center]
        var seen: Set<Int64> = [center]
        var frontier: [Int64] = [center]
        for _ in 0..<hops where order.count < 60 {
            var next: [Int64] = []
            for u in frontier {
                for row in try session.store.rows("""
                    SELECT CASE WHEN source = ?1 THEN target ELSE source END FROM edges WHERE source = ?1 OR target = ?1
                    GROUP BY 1 ORDER BY sum(count) DESC LIMIT 60
                    """, [u]).rows {
                    guard let v = Int64(row[0]), !seen.contains(v), order.count < 60 else { continue }
                    seen.insert(v)
                    order.append(v)
                    next.append(v)
                }
            }
            frontier = next
        }
        var w = DOTWriter(name: "ego", attributes: ["rankdir": "LR", "labelloc": "t", "fontname": "Helvetica",
                                                     "label": "\(target) and \(order.count - 1) entities within \(hops) step\(hops == 1 ? "" : "s")"])
        w.defaults("node", ["fontname": "Helvetica", "fontsize": "10", "style": "filled"])
        w.defaults("edge", ["fontname": "Helvetica", "fontsize": "8"])
        let colors = ["broker": "#e4572e", "insider": "#f3a712", "client": "#76b041", "intermediary": "#a06cd5"]
        let shapes = ["employee": "box", "vendor": "ellipse", "external": "diamond", "broker": "doubleoctagon"]
        var index: [Int64: Int] = [:]
        for (i, v) in order.enumerated() {
            index[v] = i
            let row = try session.store.rows("SELECT id, kind, ifnull(name, ''), ifnull(role, '') FROM entities WHERE entity = ?", [v]).rows[0]
            w.node("n\(i)", ["label": DOTWriter.short(row[2].isEmpty ? row[0] : row[2]) + (row[3].isEmpty ? "" : "\n" + row[3]),
                             "shape": shapes[row[1]] ?? "ellipse", "fillcolor": colors[row[3]] ?? (v == center ? "#fff59d" : "#e0e0e0"),
                             "tooltip": "\(row[0]) (\(row[1]))"])
        }
        let styles = ["payment": ["color": "#2e7d32"], "communication": ["color": "#607d8b", "style": "dashed"],
                      "access": ["color": "#1565c0", "style": "bold"]]
        for v in order {
            for row in try session.store.rows("SELECT target, type, count FROM edges WHERE source = ?", [v]).rows {
                guard let t = Int64(row[0]), let j = index[t], t != v else { continue }
                var attributes = styles[row[1]] ?? [:]
                attributes["label"] = row[2]
                attributes["tooltip"] = "\(row[1]): \(row[2]) events"
                w.edge("n\(index[v]!)", "n\(j)", attributes)
            }
        }
        return w.text()
    }
}
