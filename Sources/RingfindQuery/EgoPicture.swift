import Foundation
import RingfindCase
import RingfindGraph
import RingfindGraphviz
import RingfindRender
import RingfindRings

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The picture of an entity's neighbourhood, drawn from the case file: the one function behind
/// `ringfind render OUT --ego ID` and the query's `render ego ID`, so both write the same bytes.
///
/// Writes `OUT/ego/NAME.dot` (the DOT source) and, for SVG or PNG, `OUT/ego/NAME.svg|png` beside
/// it, each through a temporary file renamed into place; NAME is the id as given, with anything
/// but letters, digits, `-` and `_` replaced by `_`. Layout is `dot`, or `sfdp` for pictures of
/// more than 200 DOT lines. When the case file keeps only the connections that touch a suspect
/// (a large case) and the picture may lack some, its caption says so and `note` says why.
public enum EgoPicture {
    /// What was written.
    public struct Drawn: Sendable {
        /// The picture (or, for DOT, the source).
        public var path: String
        /// What the picture may not show, if anything.
        public var note: String?
    }

    /// The caption line of a picture that may lack connections.
    public static let incompleteCaption = "incomplete: this large case file keeps only connections that touch a suspect"

    /// Draws the neighbourhood of `id` (an entity id or alias) within `hops` steps.
    public static func draw(
        _ id: String, in store: CaseStore, folder: String, hops: Int = EgoDiagram.defaultHops,
        format: GraphvizRenderer.Format = .svg
    ) throws -> Drawn {
        let center = try QuerySession.entity(id, in: store)
        let (order, expanded) = try EgoDiagram.neighbourhood(of: center, hops: hops) { v in
            try edges(touching: v, in: store)
        }
        var entities: [Int64: EgoDiagram.Entity] = [:]
        for v in order { entities[v] = try entity(v, in: store) }
        var outEdges: [EgoDiagram.Edge] = []
        for v in order { outEdges += try edges(from: v, in: store) }
        let note = try incompleteness(expanded: expanded, drawn: order, entities: entities, store: store)
        let dot = EgoDiagram.dot(
            hops: hops, order: order, entities: entities, outEdges: outEdges,
            note: note == nil ? nil : incompleteCaption)
        let stem = folder + "/ego/" + fileName(id)
        try FileManager.default.createDirectory(atPath: folder + "/ego", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        try writeAtomically(Data(dot.utf8), to: stem + ".dot")
        guard format != .dot else { return Drawn(path: stem + ".dot", note: note) }
        let engine: GraphvizRenderer.Engine = dot.split(separator: "\n").count > 200 ? .sfdp : .dot
        let picture = try GraphvizRenderer.render(dot, engine: engine, format: format)
        try writeAtomically(picture, to: stem + "." + format.rawValue)
        return Drawn(path: stem + "." + format.rawValue, note: note)
    }

    /// When the case file keeps only suspects' connections, a note saying that the picture may
    /// lack some: those of a non-suspect whose neighbours were looked up, or between two
    /// non-suspects drawn. `nil` when nothing can be missing.
    static func incompleteness(
        expanded: [Int64], drawn: [Int64], entities: [Int64: EgoDiagram.Entity],
        store: CaseStore
    ) throws -> String? {
        guard try store.manifestValue("edges_scope") == CaseSchema.scopeSuspects else { return nil }
        let bystanders = drawn.filter { entities[$0]?.role == nil }
        guard bystanders.count >= 2 || expanded.contains(where: { entities[$0]?.role == nil }) else { return nil }
        return QuerySession.partialNote(
            what: "connections", subject: "this picture shows entities that are no suspects, so their")
    }

    private static func entity(_ v: Int64, in store: CaseStore) throws -> EgoDiagram.Entity {
        var entity = EgoDiagram.Entity(id: "", kind: "", name: "", role: nil)
        try store.forEachRow("SELECT id, kind, ifnull(name, ''), role FROM entities WHERE entity = ?", [v]) { row in
            entity = EgoDiagram.Entity(
                id: row.text(0) ?? "", kind: row.text(1) ?? "", name: row.text(2) ?? "",
                role: row.text(3).flatMap(RingRole.init(rawValue:)))
        }
        return entity
    }

    private static let edgeColumns = "type, source, target, count, amount, first_time, last_time"

    /// Every edge of `v`, in or out.
    private static func edges(touching v: Int64, in store: CaseStore) throws -> [EgoDiagram.Edge] {
        try edges(
            "SELECT \(edgeColumns) FROM edges WHERE source = ?1 UNION ALL SELECT \(edgeColumns) FROM edges WHERE target = ?1 AND source <> ?1",
            v, store)
    }

    /// The edges leaving `v`, in the order the case file holds them (the graph's).
    private static func edges(from v: Int64, in store: CaseStore) throws -> [EgoDiagram.Edge] {
        try edges("SELECT \(edgeColumns) FROM edges WHERE source = ? ORDER BY rowid", v, store)
    }

    private static func edges(_ sql: String, _ v: Int64, _ store: CaseStore) throws -> [EgoDiagram.Edge] {
        var edges: [EgoDiagram.Edge] = []
        try store.forEachRow(sql, [v]) { row in
            guard let type = EdgeType.allCases.first(where: { $0.description == row.text(0) }) else { return }
            edges.append(
                EgoDiagram.Edge(
                    type: type, source: row.int(1) ?? -1, target: row.int(2) ?? -1, count: row.int(3) ?? 0,
                    amount: row.double(4) ?? 0, firstTime: row.int(5) ?? Timestamp.missing,
                    lastTime: row.int(6) ?? Timestamp.missing))
        }
        return edges
    }

    /// `id` as a file name: letters, digits, `-` and `_` kept, anything else `_`, at most 80.
    static func fileName(_ id: String) -> String {
        let safe = String(
            id.unicodeScalars.map {
                CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" ? Character($0) : "_"
            }.prefix(80))
        return safe.isEmpty ? "entity" : safe
    }

    /// Writes `data` to `path` through a temporary file renamed into place (`AtomicFile`),
    /// readable by its owner only: a picture of a case names people.
    private static func writeAtomically(_ data: Data, to path: String) throws {
        try AtomicFile.replace(path, with: data, mode: 0o600)
    }
}
