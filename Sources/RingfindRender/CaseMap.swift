import Foundation
import RingfindGraph
import RingfindRings

/// `overview.svg` when the build found rings: the case at a glance, for the question *who is
/// where, and how do the rings touch each other?*
///
/// - Each ring is a star: its broker account(s) at the centre, labelled with the ring (every
///   other member is tied to a broker by a faint spoke, so the layout groups them), then its
///   strongest members — core before associates, by score — up to `memberCap`, and a "+k more"
///   node for the rest.
/// - Bridges between rings: an entity that is a member of several rings is drawn once, in its
///   best ring, and tied by a bold dashed line to each other ring's broker; money between two
///   rings' members is one labelled line per pair of rings.
/// - The communities (Leiden) each ring spans: a grey box per community, tied to the ring's
///   broker with the number of the ring's members in it (at most `communityCap` per ring, the
///   largest shares). Two rings in one community share its box.
/// - The strongest associates: per ring, the `associateCap` highest-scored non-members with a
///   payment or a message to or from a member, dotted to that member.
///
/// At most `ringCap` rings are drawn (the best), so the picture stays readable at 50 rings and
/// layout time is bounded; the title says how many were left out. Laid out with `sfdp`
/// (deterministic: Graphviz's `fdp`, which draws cluster boxes, lays out the same graph
/// differently from run to run, and the build's outputs must not change).
///
/// - Complexity: O(Σ members' degrees) to find bridges, money between rings and associates.
public enum CaseMap {
    public static func dot(
        rings detection: RingDetection, entities: EntityTable, graph: MultiplexGraph, communities: [Int32],
        communitySizes: [Int], ringCap: Int = 50, memberCap: Int = 10, communityCap: Int = 4,
        associateCap: Int = 3
    ) -> String {
        let rings = Array(detection.rings.prefix(ringCap))
        var w = DOTWriter(
            name: "casemap", directed: false,
            attributes: [
                "label": "Case map — \(rings.count) ring\(rings.count == 1 ? "" : "s")"
                    + (detection.rings.count > rings.count ? " of \(detection.rings.count) (the best)" : "")
                    + "; grey boxes: communities; dashed: shared members; green: money between rings",
                "labelloc": "t", "fontname": "Helvetica", "fontsize": "14", "overlap": "false",
                "outputorder": "edgesfirst", "K": "0.6",
            ])
        w.defaults("node", ["fontname": "Helvetica", "fontsize": "9", "style": "filled"])
        w.defaults("edge", ["fontname": "Helvetica", "fontsize": "8"])

        // Which rings each entity is a member of, among those drawn.
        var ringsOf: [Int32: [Int]] = [:]
        for (i, ring) in rings.enumerated() { for m in ring.members { ringsOf[m.entity, default: []].append(i) } }
        func home(_ e: Int32) -> Int? { ringsOf[e]?.first }  // rings are best first

        // Members drawn: brokers, then the strongest others; shared members always.
        var drawn: [Int: [RingMember]] = [:]
        var hidden: [Int: Int] = [:]
        var node: [Int32: String] = [:]
        for (i, ring) in rings.enumerated() {
            let own = ring.members.filter { home($0.entity) == i }
            let brokers = own.filter { $0.role == .broker }
            let others = own.filter { $0.role != .broker }
                .sorted {
                    ($0.tier == .core ? 0 : 1, -$0.score, $0.entity) < ($1.tier == .core ? 0 : 1, -$1.score, $1.entity)
                }
            let shared = others.filter { (ringsOf[$0.entity]?.count ?? 0) > 1 }
            var chosen = Array(others.prefix(memberCap))
            for m in shared where !chosen.contains(where: { $0.entity == m.entity }) { chosen.append(m) }
            drawn[i] = brokers + chosen
            hidden[i] = others.count - chosen.count
            for m in drawn[i]! { node[m.entity] = "e\(m.entity)" }
        }

        for (i, ring) in rings.enumerated() {
            let members = drawn[i] ?? []
            let brokerNodes = members.filter { $0.role == .broker }.map { node[$0.entity]! }
            for m in members {
                let id = entities.id(m.entity)
                let isBroker = m.role == .broker
                w.node(
                    node[m.entity]!,
                    [
                        "label": isBroker
                            ? "Ring \(ring.rank) · \(RingDiagram.format(ring.score, 2))\n"
                                + DOTWriter.short(id, limit: 16)
                            : DOTWriter.short(id, limit: 16),
                        "shape": isBroker ? "doubleoctagon" : shape(entities.kinds[Int(m.entity)]),
                        "fillcolor": RingDiagram.roleColor[m.role] ?? "#dddddd", "fontsize": isBroker ? "10" : "8",
                        "tooltip":
                            "\(id) — \(m.role.rawValue) (\(m.tier.rawValue)) in ring \(ring.rank), score \(RingDiagram.format(m.score, 2))",
                    ])
            }
            if let more = hidden[i], more > 0 {
                w.node(
                    "more\(ring.rank)", ["label": "+\(more) more", "shape": "plaintext", "style": "", "fontsize": "8"])
            }
            // Spokes from the broker keep it central.
            if let hub = brokerNodes.first {
                for m in members where node[m.entity]! != hub {
                    w.edge(hub, node[m.entity]!, directed: false, ["color": "#00000022"])
                }
                if let more = hidden[i], more > 0 {
                    w.edge(hub, "more\(ring.rank)", directed: false, ["color": "#00000022"])
                }
            }
        }

        // Shared members: dashed to every other ring's broker.
        for (e, homes) in ringsOf.sorted(by: { $0.key < $1.key }) where homes.count > 1 {
            guard let target = node[e] else { continue }
            for other in homes.dropFirst() {
                guard let broker = drawn[other]?.first(where: { $0.role == .broker }), let source = node[broker.entity]
                else { continue }
                w.edge(
                    source, target, directed: false,
                    [
                        "style": "dashed", "penwidth": "2", "color": "#6a3fa0",
                        "tooltip": "\(entities.id(e)) is in ring \(rings[homes[0]].rank) and ring \(rings[other].rank)",
                    ])
            }
        }

        // Money between rings' members, one line per pair of rings.
        var money: [Int64: (amount: Double, count: Int64)] = [:]
        let payments = graph.payments
        for (e, homes) in ringsOf.sorted(by: { $0.key < $1.key }) {  // a fixed order: sums are floating point
            for edge in payments.outEdges(of: e) {
                guard let theirs = ringsOf[payments.targets[edge]], let a = homes.first, let b = theirs.first, a != b
                else { continue }
                let key = Int64(min(a, b)) << 32 | Int64(max(a, b))
                money[key, default: (0, 0)].amount += payments.amounts[edge]
                money[key, default: (0, 0)].count += payments.counts[edge]
            }
        }
        for (key, value) in money.sorted(by: { $0.key < $1.key }) {
            let a = Int(key >> 32), b = Int(key & 0xFFFF_FFFF)
            guard let x = drawn[a]?.first.flatMap({ node[$0.entity] }),
                let y = drawn[b]?.first.flatMap({ node[$0.entity] })
            else { continue }
            w.edge(
                x, y, directed: false,
                [
                    "color": "#2e7d32", "penwidth": "2.5", "fontcolor": "#2e7d32",
                    "label": "\(RingDiagram.format(value.amount, 0)) in \(value.count)",
                    "tooltip": "payments between members of ring \(rings[a].rank) and ring \(rings[b].rank)",
                ])
        }

        // Communities each ring spans.
        var communityNodes = Set<Int32>()
        for (i, ring) in rings.enumerated() {
            var share: [Int32: Int] = [:]
            for m in ring.members { share[communities[Int(m.entity)], default: 0] += 1 }
            guard let hub = drawn[i]?.first.flatMap({ node[$0.entity] }) else { continue }
            for (c, count) in share.sorted(by: { ($0.value, -$0.key) > ($1.value, -$1.key) }).prefix(communityCap) {
                if communityNodes.insert(c).inserted {
                    let size = Int(c) < communitySizes.count ? communitySizes[Int(c)] : 0
                    w.node(
                        "c\(c)",
                        [
                            "label": "community \(c)\n\(size) entities", "shape": "box", "style": "filled,rounded",
                            "fillcolor": "#eceff1", "fontsize": "8", "tooltip": "community \(c): \(size) entities",
                        ])
                }
                w.edge(
                    hub, "c\(c)", directed: false,
                    [
                        "color": "#90a4ae", "penwidth": String(format: "%.1f", 0.6 + min(Double(count), 12) / 4),
                        "label": "\(count)", "fontcolor": "#607d8b",
                        "tooltip": "\(count) of ring \(ring.rank)'s members are in community \(c)",
                    ])
            }
        }

        // Strongest associates: non-members with money or messages to or from a member.
        var associateNodes = Set<Int32>()
        for (i, ring) in rings.enumerated() {
            var best: [Int32: (score: Double, via: Int32)] = [:]
            for m in ring.members {
                for type in [EdgeType.payment, .communication] {
                    let edges = graph[type]
                    var around: [Int32] = edges.outEdges(of: m.entity).map { edges.targets[$0] }
                    around += edges.inEdges(of: m.entity).map { edges.sources[Int($0)] }
                    for other in around where ringsOf[other] == nil && detection.scores[Int(other)] > 0 {
                        let score = detection.scores[Int(other)]
                        if score > (best[other]?.score ?? -1) { best[other] = (score, m.entity) }
                    }
                }
            }
            let top = best.sorted { ($0.value.score, -$0.key) > ($1.value.score, -$1.key) }.prefix(associateCap)
            for (other, value) in top {
                guard let via = node[value.via] ?? drawn[i]?.first.flatMap({ node[$0.entity] }) else { continue }
                if associateNodes.insert(other).inserted {
                    let id = entities.id(other)
                    w.node(
                        "a\(other)",
                        [
                            "label": DOTWriter.short(id, limit: 16), "shape": shape(entities.kinds[Int(other)]),
                            "fillcolor": "#ffffff",
                            "fontsize": "8",
                            "tooltip": "\(id) — not a member; score \(RingDiagram.format(value.score, 3))",
                        ])
                }
                w.edge(
                    via, "a\(other)", directed: false,
                    [
                        "style": "dotted", "color": "#607d8b",
                        "tooltip": "associate of ring \(ring.rank), score \(RingDiagram.format(value.score, 3))",
                    ])
            }
        }
        return w.text()
    }

    static func shape(_ kind: EntityKind) -> String { RingDiagram.kindShape[kind] ?? "ellipse" }
}
