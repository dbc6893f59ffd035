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
/// more than 200 DOT lines. The neighbourhood is read from `adjacency`, which holds every edge
/// at every scale, so the picture of a large case is the picture of its whole graph.
public enum EgoPicture {
    /// What was written.
    public struct Drawn: Sendable {
        /// The picture (or, for DOT, the source).
        public var path: String
    }

    /// Draws the neighbourhood of `id` (an entity id or alias) within `hops` steps.
    ///
    /// - Complexity: one adjacency lookup per entity expanded and per entity drawn.
    public static func draw(
        _ id: String, in store: CaseStore, folder: String, hops: Int = EgoDiagram.defaultHops,
        format: GraphvizRenderer.Format = .svg
    ) throws -> Drawn {
        let center = try QuerySession.entity(id, in: store)
        let dot = try store.readGraph { graph in
            let (order, _) = try EgoDiagram.neighbourhood(of: center, hops: hops) { v in
                try graph.edges(of: v).map { edge(v, $0) }
            }
            var entities: [Int64: EgoDiagram.Entity] = [:]
            for v in order {
                let header = try graph.entity(v)
                entities[v] = EgoDiagram.Entity(
                    id: header?.id ?? "", kind: header?.kind ?? "", name: header?.name ?? "",
                    role: header?.role.flatMap(RingRole.init(rawValue:)))
            }
            // The edges leaving each drawn entity, in the graph's order (by type, then target).
            var outEdges: [EgoDiagram.Edge] = []
            for v in order { outEdges += try graph.edges(of: v).filter { $0.direction == .out }.map { edge(v, $0) } }
            return EgoDiagram.dot(hops: hops, order: order, entities: entities, outEdges: outEdges)
        }
        let stem = folder + "/ego/" + fileName(id)
        try FileManager.default.createDirectory(
            atPath: folder + "/ego", withIntermediateDirectories: true,
            attributes: [.posixPermissions: 0o700])
        try writeAtomically(Data(dot.utf8), to: stem + ".dot")
        guard format != .dot else { return Drawn(path: stem + ".dot") }
        let engine: GraphvizRenderer.Engine = dot.split(separator: "\n").count > 200 ? .sfdp : .dot
        let picture = try GraphvizRenderer.render(dot, engine: engine, format: format)
        try writeAtomically(picture, to: stem + "." + format.rawValue)
        return Drawn(path: stem + "." + format.rawValue)
    }

    /// `edge` of `v` as the diagram draws it.
    private static func edge(_ v: Int64, _ edge: AdjacentEdge) -> EgoDiagram.Edge {
        let (source, target) = edge.ends(seenFrom: v)
        return EgoDiagram.Edge(
            type: edge.type, source: source, target: target, count: edge.count, amount: edge.amount ?? 0,
            firstTime: edge.firstTime, lastTime: edge.lastTime)
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
