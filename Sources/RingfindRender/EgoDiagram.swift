import RingfindGraph
import RingfindRings

/// The neighbourhood of one entity: everything within `hops` steps over any log, in either
/// direction, drawn like a ring (shape by kind, colour by role when the entity is in a ring,
/// the centre outlined), from the rows of the case file. `ringfind render --ego` and the
/// query's `render ego` both draw this one picture, with these defaults.
public enum EgoDiagram {
    /// Steps around the entity when none are asked for.
    public static let defaultHops = 1
    /// The steps one may ask for.
    public static let hopRange = 1...4
    /// At most this many entities, the centre included.
    public static let nodeCap = 80

    /// An entity as the case file holds it (`entities`).
    public struct Entity: Sendable, Equatable {
        public var id: String
        public var kind: String
        public var name: String
        public var role: RingRole?

        public init(id: String, kind: String, name: String, role: RingRole?) {
            (self.id, self.kind, self.name, self.role) = (id, kind, name, role)
        }
    }

    /// An aggregated edge as the case file holds it (`edges`); `firstTime` is
    /// `Timestamp.missing` when its events have no times.
    public struct Edge: Sendable, Equatable {
        public var type: EdgeType
        public var source: Int64
        public var target: Int64
        public var count: Int64
        public var amount: Double
        public var firstTime: Int64
        public var lastTime: Int64

        public init(
            type: EdgeType, source: Int64, target: Int64, count: Int64, amount: Double, firstTime: Int64,
            lastTime: Int64
        ) {
            (self.type, self.source, self.target, self.count) = (type, source, target, count)
            (self.amount, self.firstTime, self.lastTime) = (amount, firstTime, lastTime)
        }
    }

    /// Which entities to draw: breadth-first from `center`, each step adding the entities not yet
    /// chosen with the most events with the entities reached by the step before (ties: the
    /// smaller entity number first), until `hops` steps or `nodeCap` entities.
    ///
    /// - Parameter edges: every edge of an entity, in or out, of any log.
    /// - Returns: the entities in drawing order (the centre first), and those whose edges were
    ///   read (every step but the last).
    /// - Complexity: O(Σ degree of the expanded entities · log) time and that much memory.
    public static func neighbourhood(
        of center: Int64, hops: Int, nodeCap: Int = nodeCap,
        edges: (Int64) throws -> [Edge]
    ) rethrows -> (order: [Int64], expanded: [Int64]) {
        var chosen: Set<Int64> = [center]
        var order: [Int64] = [center]
        var expanded: [Int64] = []
        var frontier: [Int64] = [center]
        var level = 0
        while level < hops && !frontier.isEmpty && order.count < nodeCap {
            level += 1
            var weights: [Int64: Int64] = [:]
            for v in frontier {
                expanded.append(v)
                for edge in try edges(v) {
                    let other = edge.source == v ? edge.target : edge.source
                    if !chosen.contains(other) { weights[other, default: 0] += edge.count }
                }
            }
            frontier = weights.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(nodeCap - order.count).map(
                \.key)
            chosen.formUnion(frontier)
            order += frontier
        }
        return (order, expanded)
    }

    /// DOT text of the neighbourhood.
    ///
    /// - Parameters:
    ///   - order: the entities to draw, the centre first (from `neighbourhood`).
    ///   - entities: each drawn entity's row.
    ///   - outEdges: the edges leaving the drawn entities, as the case file lists them; those to
    ///     entities not drawn are left out.
    ///   - note: a second caption line saying what the picture may not show, if anything.
    public static func dot(hops: Int, order: [Int64], entities: [Int64: Entity], outEdges: [Edge], note: String? = nil)
        -> String
    {
        let center = order[0]
        let centerID = entities[center]?.id ?? ""
        var w = DOTWriter(
            name: "ego",
            attributes: [
                "label": "\(centerID) and \(order.count - 1) entities within \(hops) step\(hops == 1 ? "" : "s")"
                    + (note.map { "\n" + $0 } ?? ""),
                "labelloc": "t", "fontname": "Helvetica", "fontsize": "14", "overlap": "prism", "rankdir": "LR",
                "ranksep": "1.2",
            ])
        w.defaults("node", ["fontname": "Helvetica", "fontsize": "10", "style": "filled"])
        w.defaults("edge", ["fontname": "Helvetica", "fontsize": "8"])
        var name: [Int64: String] = [:]
        for (i, v) in order.enumerated() {
            name[v] = "n\(i)"
            let entity = entities[v] ?? Entity(id: "", kind: "", name: "", role: nil)
            let role = entity.role
            w.node(
                "n\(i)",
                [
                    "label": DOTWriter.short(entity.name.isEmpty ? entity.id : entity.name)
                        + (role.map { "\n" + $0.rawValue } ?? ""),
                    "shape": EntityKind(name: entity.kind).flatMap { RingDiagram.kindShape[$0] } ?? "ellipse",
                    "fillcolor": role.flatMap { RingDiagram.roleColor[$0] } ?? (v == center ? "#fff59d" : "#e0e0e0"),
                    "penwidth": v == center ? "3" : "1",
                    "tooltip": "\(entity.id) (\(entity.kind))" + (role.map { ", \($0.rawValue)" } ?? ""),
                ])
        }
        for type in EdgeType.allCases {
            for edge in outEdges where edge.type == type {
                guard let from = name[edge.source], let to = name[edge.target], edge.target != edge.source else {
                    continue
                }
                var attributes: [String: String]
                switch type {
                case .payment:
                    attributes = [
                        "color": "#2e7d32", "fontcolor": "#2e7d32", "label": RingDiagram.format(edge.amount, 0),
                    ]
                case .communication: attributes = ["color": "#607d8b", "style": "dashed", "label": "\(edge.count)"]
                case .access:
                    attributes = [
                        "color": "#1565c0", "fontcolor": "#1565c0", "style": "bold", "label": "\(edge.count)",
                    ]
                }
                attributes["tooltip"] =
                    "\(type) \(entities[edge.source]?.id ?? "") → \(entities[edge.target]?.id ?? ""): \(edge.count) events, "
                    + RingDiagram.dateRange(edge.firstTime, edge.lastTime)
                w.edge(from, to, attributes)
            }
        }
        RingDiagram.legend(&w)
        return w.text()
    }
}
