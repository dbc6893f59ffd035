import RingfindGraph
import RingfindRings

/// The neighbourhood of one entity: everything within `hops` steps over any log, in either
/// direction, drawn like a ring (shape by kind, colour by role when the entity is in a ring).
/// Breadth-first, strongest ties first, at most `nodeCap` entities.
public enum EgoDiagram {
    public static func dot(center: Int32, hops: Int, graph: MultiplexGraph, entities: EntityTable,
                           roles: [Int32: RingRole], nodeCap: Int = 80) -> String {
        var distance: [Int32: Int] = [center: 0]
        var order: [Int32] = [center]
        var frontier: [Int32] = [center]
        var level = 0
        while level < hops && !frontier.isEmpty && order.count < nodeCap {
            level += 1
            var weights: [Int32: Int64] = [:]
            for v in frontier {
                for type in EdgeType.allCases {
                    let edges = graph[type]
                    for e in edges.outEdges(of: v) where distance[edges.targets[e]] == nil { weights[edges.targets[e], default: 0] += edges.counts[e] }
                    for e in edges.inEdges(of: v) where distance[edges.sources[Int(e)]] == nil {
                        weights[edges.sources[Int(e)], default: 0] += edges.counts[Int(e)]
                    }
                }
            }
            frontier = weights.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.prefix(nodeCap - order.count).map(\.key)
            for u in frontier { distance[u] = level }
            order += frontier
        }
        var w = DOTWriter(name: "ego", attributes: [
            "label": "\(entities.id(center)) and \(order.count - 1) entities within \(hops) step\(hops == 1 ? "" : "s")",
            "labelloc": "t", "fontname": "Helvetica", "fontsize": "14", "overlap": "prism", "rankdir": "LR", "ranksep": "1.2",
        ])
        w.defaults("node", ["fontname": "Helvetica", "fontsize": "10", "style": "filled"])
        w.defaults("edge", ["fontname": "Helvetica", "fontsize": "8"])
        var name: [Int32: String] = [:]
        for (i, v) in order.enumerated() {
            name[v] = "n\(i)"
            let kind = entities.kinds[Int(v)]
            let role = roles[v]
            let display = entities.names[Int(v)].isEmpty ? entities.id(v) : entities.names[Int(v)]
            w.node("n\(i)", [
                "label": DOTWriter.short(display) + (role.map { "\n" + $0.rawValue } ?? ""),
                "shape": RingDiagram.kindShape[kind] ?? "ellipse",
                "fillcolor": role.flatMap { RingDiagram.roleColor[$0] } ?? (v == center ? "#fff59d" : "#e0e0e0"),
                "penwidth": v == center ? "3" : "1",
                "tooltip": "\(entities.id(v)) (\(kind))" + (role.map { ", \($0.rawValue)" } ?? ""),
            ])
        }
        for type in EdgeType.allCases {
            let edges = graph[type]
            for v in order {
                for e in edges.outEdges(of: v) {
                    guard let from = name[v], let to = name[edges.targets[e]], edges.targets[e] != v else { continue }
                    var attributes: [String: String]
                    switch type {
                    case .payment: attributes = ["color": "#2e7d32", "fontcolor": "#2e7d32", "label": RingDiagram.format(edges.amounts[e], 0)]
                    case .communication: attributes = ["color": "#607d8b", "style": "dashed", "label": "\(edges.counts[e])"]
                    case .access: attributes = ["color": "#1565c0", "fontcolor": "#1565c0", "style": "bold", "label": "\(edges.counts[e])"]
                    }
                    attributes["tooltip"] = "\(type) \(entities.id(v)) → \(entities.id(edges.targets[e])): \(edges.counts[e]) events, "
                        + RingDiagram.dateRange(edges.firstTimes[e], edges.lastTimes[e])
                    w.edge(from, to, attributes)
                }
            }
        }
        RingDiagram.legend(&w)
        return w.text()
    }
}
