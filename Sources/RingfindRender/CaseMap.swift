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
    /// The DOT of the case map (see the type), every value escaped.
    public static func dot(
        rings detection: RingDetection, entities: EntityTable, graph: MultiplexGraph, communities: [Int32],
        communitySizes: [Int], ringCap: Int = 50, memberCap: Int = 10, communityCap: Int = 4,
        associateCap: Int = 3
    ) -> String {
        let layout = CaseMapLayout(rings: Array(detection.rings.prefix(ringCap)), memberCap: memberCap)
        var w = writer(drawing: layout.rings.count, of: detection.rings.count)
        for i in layout.rings.indices { drawStar(ofRing: i, layout: layout, entities: entities, into: &w) }
        drawSharedMembers(layout: layout, entities: entities, into: &w)
        drawMoneyBetweenRings(layout: layout, payments: graph.payments, into: &w)
        drawCommunities(
            layout: layout, communities: communities, communitySizes: communitySizes, cap: communityCap, into: &w)
        drawAssociates(
            layout: layout, detection: detection, entities: entities, graph: graph, cap: associateCap, into: &w)
        return w.text()
    }

    static func shape(_ kind: EntityKind) -> String { RingDiagram.kindShape[kind] ?? "ellipse" }

    /// The map's writer: the title (rings drawn of `total`, and what the marks mean), layout
    /// settings and node and edge defaults.
    private static func writer(drawing count: Int, of total: Int) -> DOTWriter {
        var w = DOTWriter(
            name: "casemap", directed: false,
            attributes: [
                "label": "Case map — \(count) ring\(count == 1 ? "" : "s")"
                    + (total > count ? " of \(total) (the best)" : "")
                    + "; grey boxes: communities; dashed: shared members; green: money between rings",
                "labelloc": "t", "fontname": "Helvetica", "fontsize": "14", "overlap": "false",
                "outputorder": "edgesfirst", "K": "0.6",
            ])
        w.defaults("node", ["fontname": "Helvetica", "fontsize": "9", "style": "filled"])
        w.defaults("edge", ["fontname": "Helvetica", "fontsize": "8"])
        return w
    }

    /// Ring `i` as a star: a node per member drawn (brokers labelled with the ring), a "+k more"
    /// node for the rest, and faint spokes from the first broker that keep it central.
    private static func drawStar(ofRing i: Int, layout: CaseMapLayout, entities: EntityTable, into w: inout DOTWriter) {
        let ring = layout.rings[i], node = layout.node
        let members = layout.drawn[i] ?? []
        let brokerNodes = members.filter { $0.role == .broker }.map { node[$0.entity]! }
        for m in members { w.node(node[m.entity]!, memberAttributes(m, of: ring, entities: entities)) }
        if let more = layout.hidden[i], more > 0 {
            w.node("more\(ring.rank)", ["label": "+\(more) more", "shape": "plaintext", "style": "", "fontsize": "8"])
        }
        // Spokes from the broker keep it central.
        if let hub = brokerNodes.first {
            for m in members where node[m.entity]! != hub {
                w.edge(hub, node[m.entity]!, directed: false, ["color": "#00000022"])
            }
            if let more = layout.hidden[i], more > 0 {
                w.edge(hub, "more\(ring.rank)", directed: false, ["color": "#00000022"])
            }
        }
    }

    /// The node attributes of member `m` of `ring`: shaped by kind (a broker's by role and
    /// labelled with the ring and its score), coloured by role.
    private static func memberAttributes(_ m: RingMember, of ring: Ring, entities: EntityTable) -> [String: String] {
        let id = entities.id(m.entity)
        let isBroker = m.role == .broker
        return [
            "label": isBroker
                ? "Ring \(ring.rank) · \(RingDiagram.format(ring.score, 2))\n" + DOTWriter.short(id, limit: 16)
                : DOTWriter.short(id, limit: 16),
            "shape": isBroker ? "doubleoctagon" : shape(entities.kinds[Int(m.entity)]),
            "fillcolor": RingDiagram.roleColor[m.role] ?? "#dddddd", "fontsize": isBroker ? "10" : "8",
            "tooltip":
                "\(id) — \(m.role.rawValue) (\(m.tier.rawValue)) in ring \(ring.rank), score \(RingDiagram.format(m.score, 2))",
        ]
    }

    /// Shared members: each drawn in its best ring, dashed to every other ring's broker.
    private static func drawSharedMembers(layout: CaseMapLayout, entities: EntityTable, into w: inout DOTWriter) {
        let rings = layout.rings
        for (e, homes) in layout.ringsOf.sorted(by: { $0.key < $1.key }) where homes.count > 1 {
            guard let target = layout.node[e] else { continue }
            for other in homes.dropFirst() {
                guard let broker = layout.drawn[other]?.first(where: { $0.role == .broker }),
                    let source = layout.node[broker.entity]
                else { continue }
                w.edge(
                    source, target, directed: false,
                    [
                        "style": "dashed", "penwidth": "2", "color": "#6a3fa0",
                        "tooltip": "\(entities.id(e)) is in ring \(rings[homes[0]].rank) and ring \(rings[other].rank)",
                    ])
            }
        }
    }

    /// Money between rings' members: one green line per pair of rings between their hubs,
    /// labelled with the amount and the number of payments.
    private static func drawMoneyBetweenRings(layout: CaseMapLayout, payments: TypedEdges, into w: inout DOTWriter) {
        var money: [Int64: (amount: Double, count: Int64)] = [:]
        for (e, homes) in layout.ringsOf.sorted(by: { $0.key < $1.key }) {  // a fixed order: sums are floating point
            for edge in payments.outEdges(of: e) {
                guard let theirs = layout.ringsOf[payments.targets[edge]], let a = homes.first, let b = theirs.first,
                    a != b
                else { continue }
                let key = Int64(min(a, b)) << 32 | Int64(max(a, b))
                money[key, default: (0, 0)].amount += payments.amounts[edge]
                money[key, default: (0, 0)].count += payments.counts[edge]
            }
        }
        for (key, value) in money.sorted(by: { $0.key < $1.key }) {
            let a = Int(key >> 32), b = Int(key & 0xFFFF_FFFF)
            guard let x = layout.hub(of: a), let y = layout.hub(of: b) else { continue }
            w.edge(
                x, y, directed: false,
                [
                    "color": "#2e7d32", "penwidth": "2.5", "fontcolor": "#2e7d32",
                    "label": "\(RingDiagram.format(value.amount, 0)) in \(value.count)",
                    "tooltip":
                        "payments between members of ring \(layout.rings[a].rank) and ring \(layout.rings[b].rank)",
                ])
        }
    }

    /// The communities each ring spans: a grey box per community (drawn once), tied to the
    /// ring's hub by a line labelled with the ring's members in it, the `cap` largest shares.
    private static func drawCommunities(
        layout: CaseMapLayout, communities: [Int32], communitySizes: [Int], cap communityCap: Int,
        into w: inout DOTWriter
    ) {
        var communityNodes = Set<Int32>()
        for (i, ring) in layout.rings.enumerated() {
            var share: [Int32: Int] = [:]
            for m in ring.members { share[communities[Int(m.entity)], default: 0] += 1 }
            guard let hub = layout.hub(of: i) else { continue }
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
    }

    /// The strongest associates of each ring: a white node per associate (drawn once), dotted
    /// to the member it deals with.
    private static func drawAssociates(
        layout: CaseMapLayout, detection: RingDetection, entities: EntityTable, graph: MultiplexGraph,
        cap associateCap: Int, into w: inout DOTWriter
    ) {
        var associateNodes = Set<Int32>()
        for (i, ring) in layout.rings.enumerated() {
            let best = associates(of: ring, layout: layout, scores: detection.scores, graph: graph)
            let top = best.sorted { ($0.value.score, -$0.key) > ($1.value.score, -$1.key) }.prefix(associateCap)
            for (other, value) in top {
                guard let via = layout.node[value.via] ?? layout.hub(of: i) else { continue }
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
    }

    /// The associates of `ring`: entities in no ring drawn, with a positive score and a payment
    /// or a message to or from a member, each with its score and the member it deals with
    /// (the first member, in ring order, through which it is found).
    private static func associates(
        of ring: Ring, layout: CaseMapLayout, scores: [Double], graph: MultiplexGraph
    ) -> [Int32: (score: Double, via: Int32)] {
        var best: [Int32: (score: Double, via: Int32)] = [:]
        for m in ring.members {
            for type in [EdgeType.payment, .communication] {
                let edges = graph[type]
                var around: [Int32] = edges.outEdges(of: m.entity).map { edges.targets[$0] }
                around += edges.inEdges(of: m.entity).map { edges.sources[Int($0)] }
                for other in around where layout.ringsOf[other] == nil && scores[Int(other)] > 0 {
                    let score = scores[Int(other)]
                    if score > (best[other]?.score ?? -1) { best[other] = (score, m.entity) }
                }
            }
        }
        return best
    }
}

/// The rings drawn on the case map and which of their members appear where: the skeleton the
/// rest of the map hangs on.
private struct CaseMapLayout {
    /// The rings drawn, best first.
    let rings: [Ring]
    /// The rings (indices into `rings`) each entity is a member of, best first.
    private(set) var ringsOf: [Int32: [Int]] = [:]
    /// Per ring, the members drawn in it: its brokers, then its strongest others and its shared members.
    private(set) var drawn: [Int: [RingMember]] = [:]
    /// Per ring, how many of its other members are not drawn.
    private(set) var hidden: [Int: Int] = [:]
    /// The node of each member drawn.
    private(set) var node: [Int32: String] = [:]

    /// Lays out `rings`, drawing each member in its best ring and up to `memberCap` members
    /// besides the brokers per ring (shared members always).
    init(rings: [Ring], memberCap: Int) {
        self.rings = rings
        for (i, ring) in rings.enumerated() { for m in ring.members { ringsOf[m.entity, default: []].append(i) } }
        for (i, ring) in rings.enumerated() { chooseMembers(of: ring, at: i, memberCap: memberCap) }
    }

    /// The node of ring `i`'s first member drawn (a broker, when it has one drawn).
    func hub(of i: Int) -> String? { drawn[i]?.first.flatMap { node[$0.entity] } }

    /// The ring an entity is drawn in: its best (rings are best first).
    private func home(_ e: Int32) -> Int? { ringsOf[e]?.first }

    /// Chooses the members ring `i` draws among those it is home to: brokers, then the
    /// strongest others (core before associates, by score) up to `memberCap`, then shared ones.
    private mutating func chooseMembers(of ring: Ring, at i: Int, memberCap: Int) {
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
}
