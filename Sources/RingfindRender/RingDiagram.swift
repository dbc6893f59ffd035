import RingfindGraph
import RingfindRings

/// The DOT picture of one ring: its members shaped by kind and coloured by role, the edges of
/// every log between them (payments with amounts, messages with counts, access with actions and
/// ticket status, each with its date range), tooltips with the evidence, a legend and a title
/// with the ring's rank and score.
public enum RingDiagram {
    static let roleColor: [RingRole: String] = [
        .broker: "#e4572e", .insider: "#f3a712", .client: "#76b041", .intermediary: "#a06cd5",
    ]
    static let kindShape: [EntityKind: String] = [
        .employee: "box", .vendor: "ellipse", .external: "diamond", .broker: "doubleoctagon",
    ]

    /// DOT text for `ring`.
    public static func dot(ring: Ring, entities: EntityTable, graph: MultiplexGraph, events: EventStore) -> String {
        var w = writer(for: ring)
        let nodeName = addMembers(of: ring, entities: entities, to: &w)
        let access = AccessDetails(of: ring, events: events)
        let members = Set(ring.members.map(\.entity))
        for type in EdgeType.allCases {
            let edges = graph[type]
            for member in ring.members {
                for e in edges.outEdges(of: member.entity) {
                    let target = edges.targets[e]
                    guard members.contains(target), let from = nodeName[member.entity], let to = nodeName[target],
                        target != member.entity
                    else { continue }
                    w.edge(
                        from, to,
                        edgeAttributes(
                            type, edges: edges, edge: e, from: member.entity, to: target, access: access,
                            entities: entities))
                }
            }
        }
        legend(&w)
        return w.text()
    }

    /// The picture's writer: a title with the ring's rank, score and size, a tooltip with its
    /// p-value and signals, left-to-right layout and node and edge defaults.
    private static func writer(for ring: Ring) -> DOTWriter {
        var w = DOTWriter(
            name: "ring",
            attributes: [
                "label": "Ring \(ring.rank) — score \(format(ring.score, 2)) — \(ring.members.count) members",
                "labelloc": "t", "fontname": "Helvetica", "fontsize": "16", "rankdir": "LR", "nodesep": "0.35",
                "ranksep": "1.1",
                "tooltip": "Ring \(ring.rank): p = \(format(ring.pValue, 3)); "
                    + ring.signals.map { "\($0.name) \(format($0.observed, 1)) vs \(format($0.expected, 1))" }.joined(
                        separator: ", "),
            ])
        w.defaults("node", ["fontname": "Helvetica", "fontsize": "11", "style": "filled"])
        w.defaults("edge", ["fontname": "Helvetica", "fontsize": "9"])
        return w
    }

    /// A node per member (`n0`, `n1`, … in ring order), shaped by kind and coloured by role,
    /// with its reasons as tooltip. Returns each member's node name.
    private static func addMembers(of ring: Ring, entities: EntityTable, to w: inout DOTWriter) -> [Int32: String] {
        var nodeName: [Int32: String] = [:]
        for (i, member) in ring.members.enumerated() {
            let name = "n\(i)"
            nodeName[member.entity] = name
            let kind = entities.kinds[Int(member.entity)]
            let id = entities.id(member.entity)
            let display = entities.names[Int(member.entity)].isEmpty ? id : entities.names[Int(member.entity)]
            w.node(
                name,
                [
                    "label": DOTWriter.short(display) + "\n" + member.role.rawValue,
                    "shape": kindShape[kind] ?? "ellipse",
                    "fillcolor": roleColor[member.role] ?? "#dddddd",
                    "tooltip": "\(id) (\(kind)) — \(member.role.rawValue), score \(format(member.score, 2))\n"
                        + member.reasons.joined(separator: "\n"),
                ])
        }
        return nodeName
    }

    /// The attributes of edge `e` of `type` from `source` to `target`: coloured and labelled by
    /// log (amount, messages, or the commonest actions and the accesses without a ticket), with
    /// its counts and dates as tooltip.
    private static func edgeAttributes(
        _ type: EdgeType, edges: TypedEdges, edge e: Int, from source: Int32, to target: Int32,
        access: AccessDetails, entities: EntityTable
    ) -> [String: String] {
        let dates = dateRange(edges.firstTimes[e], edges.lastTimes[e])
        var label: String, attributes: [String: String]
        switch type {
        case .payment:
            label = "\(format(edges.amounts[e], 0)) in \(edges.counts[e])"
            attributes = ["color": "#2e7d32", "fontcolor": "#2e7d32", "penwidth": "2"]
        case .communication:
            label = "\(edges.counts[e]) msg"
            attributes = ["color": "#607d8b", "fontcolor": "#607d8b", "style": "dashed"]
        case .access:
            let key = Int64(source) << 32 | Int64(target)
            let byAction = (access.actions[key] ?? [:]).sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            let open = access.unticketed[key] ?? 0
            label = byAction.prefix(2).map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
            if label.isEmpty { label = "\(edges.counts[e]) access" }
            if open > 0 { label += "\n\(open) without ticket" }
            attributes = [
                "color": open > 0 ? "#c62828" : "#1565c0", "fontcolor": open > 0 ? "#c62828" : "#1565c0",
                "penwidth": "2.5", "style": "bold",
            ]
        }
        attributes["label"] = label
        attributes["tooltip"] =
            "\(type) \(entities.id(source)) → \(entities.id(target)): \(edges.counts[e]) events, \(dates)"
            + (type == .payment ? ", total \(format(edges.amounts[e], 2))" : "")
        return attributes
    }

    /// Access details from a ring's evidence, per (employee, vendor) pair (`employee << 32 |
    /// vendor`): how often each action was taken, and how many accesses had no ticket.
    private struct AccessDetails {
        var actions: [Int64: [String: Int]] = [:]
        var unticketed: [Int64: Int] = [:]

        /// The details of `ring`'s access evidence rows.
        init(of ring: Ring, events: EventStore) {
            for item in ring.evidence where item.type == .access {
                let log = events.access
                let key = Int64(log.source[item.row]) << 32 | Int64(log.target[item.row])
                let action = log.label[item.row] >= 0 ? events.labels.string(log.label[item.row]) : "access"
                actions[key, default: [:]][action, default: 0] += 1
                if log.ticket.isEmpty(item.row) { unticketed[key, default: 0] += 1 }
            }
        }
    }

    /// The legend: roles by colour, kinds by shape, logs by line.
    static func legend(_ w: inout DOTWriter) {
        w.cluster(
            "legend",
            ["label": "Legend", "fontname": "Helvetica", "fontsize": "10", "color": "#bbbbbb", "style": "rounded"]
        ) { c in
            for (i, role) in RingRole.allCases.enumerated() {
                c.node(
                    "legend_role\(i)",
                    [
                        "label": role.rawValue, "shape": "box", "style": "filled,rounded",
                        "fillcolor": roleColor[role]!, "fontsize": "9",
                    ])
            }
            c.node("legend_a", ["label": "", "shape": "point", "width": "0.05"])
            c.node("legend_b", ["label": "", "shape": "point", "width": "0.05"])
            c.node("legend_c", ["label": "", "shape": "point", "width": "0.05"])
            c.node("legend_d", ["label": "", "shape": "point", "width": "0.05"])
            c.edge(
                "legend_a", "legend_b",
                ["label": "payment", "color": "#2e7d32", "fontcolor": "#2e7d32", "penwidth": "2"])
            c.edge(
                "legend_c", "legend_d",
                ["label": "message", "color": "#607d8b", "fontcolor": "#607d8b", "style": "dashed"])
            c.node("legend_e", ["label": "", "shape": "point", "width": "0.05"])
            c.node("legend_f", ["label": "", "shape": "point", "width": "0.05"])
            c.edge(
                "legend_e", "legend_f",
                ["label": "access, red: no ticket", "color": "#c62828", "fontcolor": "#c62828", "penwidth": "2.5"])
        }
    }

    static func dateRange(_ first: Int64, _ last: Int64) -> String {
        guard first != Timestamp.missing else { return "no dates" }
        let a = String(Timestamp.iso8601(first).prefix(10)), b = String(Timestamp.iso8601(last).prefix(10))
        return a == b ? a : "\(a) … \(b)"
    }

    static func format(_ value: Double, _ decimals: Int) -> String {
        var text = String(Int64((value * pow10(decimals)).rounded()))
        guard decimals > 0 else { return grouped(text) }
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        while text.count <= decimals { text = "0" + text }
        let cut = text.index(text.endIndex, offsetBy: -decimals)
        return (negative ? "-" : "") + text[..<cut] + "." + text[cut...]
    }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { a, _ in a * 10 } }

    private static func grouped(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 && c != "-" && out.last != "-" { out.append(",") }
            out.append(c)
        }
        return out
    }
}
