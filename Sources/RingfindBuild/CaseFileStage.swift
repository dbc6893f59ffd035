import Foundation
import RingfindCase
import RingfindCentrality
import RingfindGraph
import RingfindRings

private typealias V = CaseWriter.Value
private typealias Key = CaseSchema.ManifestKey

/// Writes `case.sqlite` (schema in `CaseSchema`) from a finished analysis.
public enum CaseFileStage {
    /// Writes the case file at `path`.
    ///
    /// - Parameter facts: further manifest rows (the window, whether ids are pseudonyms).
    /// - Parameter wholeUpTo: `edges` (`events`) keep every row while the case has at most this
    ///   many edges (input rows); above it, only those touching a suspect (`Int.max`: always
    ///   every one). `adjacency` holds every edge whatever this is.
    public static func write(
        to path: String, manifestJSON: Data, buildID: String, facts: [(String, String)] = [], analysis: CaseAnalysis,
        wholeUpTo: Int = CaseSchema.allEventsLimit
    ) throws(BuildError) {
        let entities = analysis.entities, events = analysis.events, graph = analysis.graph,
            communities = analysis.communities
        let centrality = analysis.centrality, rings = analysis.rings, baseline = analysis.baseline
        let keepAllEdges = graph.edgeCount <= wholeUpTo
        let totalRows = EdgeType.allCases.reduce(0) { $0 + events[$1].rowCount }
        let keepAll = totalRows <= wholeUpTo
        do {
            let writer = try CaseWriter(path: path)
            try writer.insert(into: CaseSchema.Manifest.name, columns: CaseSchema.Manifest.columns.map(\.name)) {
                insert in
                try insert([V("ringfind_version"), V(RingfindVersion.current)])
                try insert([V("build_id"), V(buildID)])
                try insert([V("build_json"), V(String(decoding: manifestJSON, as: UTF8.self))])
                try insert([V(Key.edgesScope), V(keepAllEdges ? CaseSchema.scopeAll : CaseSchema.scopeSuspects)])
                try insert([V(Key.eventsScope), V(keepAll ? CaseSchema.scopeAll : CaseSchema.scopeSuspects)])
                try insert([V(Key.wholeUpTo), V(wholeUpTo == Int.max ? "all" : String(wholeUpTo))])
                try insert([V(Key.edgeCount), V(graph.edgeCount)])
                try insert([V(Key.eventRowCount), V(totalRows)])
                for (key, value) in facts { try insert([V(key), V(value)]) }
            }
            let degrees = centrality.totalDegree, strengths = centrality.totalStrength
            let liaison = Brokerage.Role.liaison.rawValue
            typealias Entity = CaseSchema.Entities
            try writer.insertRows(into: Entity.self, count: entities.count) { e, row in
                row.set(Entity.entity, Int64(e))
                row.set(Entity.id, entities.id(Int32(e)))
                row.set(Entity.kind, entities.kinds[e].description)
                row.set(Entity.entityName, entities.names[e])
                row.set(Entity.group, entities.groups[e])
                row.set(Entity.community, Int64(communities.partition.labels[e]))
                row.set(Entity.degree, Int64(degrees[e]))
                row.set(Entity.strength, strengths[e])
                row.set(Entity.pageRank, centrality.pageRank.scores[e])
                if let seeded = centrality.seedPageRank { row.set(Entity.seedPageRank, seeded.scores[e]) }
                row.set(Entity.betweenness, centrality.betweenness.normalized[e])
                row.set(Entity.core, Int64(centrality.core[e]))
                row.set(Entity.constraint, centrality.structuralHoles.constraint[e])
                row.set(Entity.effectiveSize, centrality.structuralHoles.effectiveSize[e])
                row.set(Entity.liaison, centrality.brokerage.counts[liaison][e])
                row.set(Entity.brokerageZ, centrality.brokerage.totalZ[e])
                if let role = rings.roles[e] { row.set(Entity.role, role.rawValue) }
                if rings.ringOf[e] > 0 { row.set(Entity.ring, Int64(rings.ringOf[e])) }
                row.set(Entity.score, rings.scores[e])
                row.set(Entity.rank, Int64(rings.rank[e]))
            }
            try writeAdjacency(of: graph, to: writer)
            typealias Edge = CaseSchema.Edges
            for type in EdgeType.allCases {
                let edges = graph[type]
                let touchesSuspect = { (e: Int) in
                    rings.roles[Int(edges.sources[e])] != nil || rings.roles[Int(edges.targets[e])] != nil
                }
                try writer.insertRows(
                    into: Edge.self, count: edges.edgeCount, where: keepAllEdges ? nil : touchesSuspect
                ) { e, row in
                    row.set(Edge.type, type.description)
                    row.set(Edge.source, Int64(edges.sources[e]))
                    row.set(Edge.target, Int64(edges.targets[e]))
                    row.set(Edge.count, edges.counts[e])
                    if type == .payment { row.set(Edge.amount, edges.amounts[e]) }
                    if edges.firstTimes[e] != Timestamp.missing {
                        row.set(Edge.firstTime, edges.firstTimes[e])
                        row.set(Edge.lastTime, edges.lastTimes[e])
                    }
                }
            }
            typealias Event = CaseSchema.Events
            for type in EdgeType.allCases {
                let log = events[type]
                let file = events.sourceFiles
                let uses = log.aliasUses
                var use = 0
                let touchesSuspect = { (r: Int) in
                    let t = Int(log.target[r])
                    return rings.roles[Int(log.source[r])] != nil || (t >= 0 && rings.roles[t] != nil)
                }
                try writer.insertRows(into: Event.self, count: log.rowCount, where: keepAll ? nil : touchesSuspect) {
                    r, row in
                    let s = Int(log.source[r]), t = Int(log.target[r])
                    // Alias uses are in row order: walk them alongside the rows kept.
                    while use < uses.count && Int(uses.row[use]) < r { use += 1 }
                    var sourceAs: Int32 = -1, targetAs: Int32 = -1
                    while use < uses.count && Int(uses.row[use]) == r {
                        if uses.side[use] == 0 { sourceAs = uses.alias[use] } else { targetAs = uses.alias[use] }
                        use += 1
                    }
                    if sourceAs >= 0 { row.set(Event.sourceAs, entities.aliases.string(sourceAs)) }
                    if targetAs >= 0 { row.set(Event.targetAs, entities.aliases.string(targetAs)) }
                    row.set(Event.type, type.description)
                    row.set(Event.source, Int64(s))
                    if t >= 0 { row.set(Event.target, Int64(t)) }
                    if log.time[r] != Timestamp.missing { row.set(Event.time, log.time[r]) }
                    row.set(Event.count, Int64(log.count[r]))
                    if type == .payment { row.set(Event.amount, log.amount[r]) }
                    if log.label[r] >= 0 { row.set(Event.label, events.labels.string(log.label[r])) }
                    if type == .access {
                        if log.resource[r] >= 0 { row.set(Event.resource, events.resources.string(log.resource[r])) }
                        row.set(Event.ticket, log.ticket[r])
                    }
                    row.set(
                        Event.origin, log.origins.origin(of: r) ?? file[Int(log.file[r])] + ":" + String(log.line[r]))
                }
            }
            try writer.insertRows(into: CaseSchema.Aliases.self, count: entities.aliases.count) { a, row in
                row.set(CaseSchema.Aliases.alias, entities.aliases.string(Int32(a)))
                row.set(CaseSchema.Aliases.entity, Int64(entities.aliasEntity[a]))
            }
            try writer.insert(into: "attributes", columns: ["entity", "name", "value"]) { insert in
                for e in 0..<entities.count {
                    for (column, name) in entities.attributeNames.enumerated() {
                        let value = entities.attribute(column, of: Int32(e))
                        if !value.isEmpty { try insert([V(e), V(name), V(value)]) }
                    }
                }
            }
            try writer.insert(
                into: "communities",
                columns: [
                    "community", "size", "employees", "vendors", "externals", "brokers",
                    "internal_weight", "external_weight", "modularity",
                ]
            ) { insert in
                var kinds = [[Int]](repeating: [0, 0, 0, 0], count: communities.partition.count)
                for (e, c) in communities.partition.labels.enumerated() {
                    kinds[Int(c)][Int(entities.kinds[e].rawValue)] += 1
                }
                for c in 0..<communities.partition.count {
                    let share = communities.contributions[c]
                    try insert([
                        V(c), V(communities.sizes[c]), V(kinds[c][0]), V(kinds[c][1]), V(kinds[c][2]), V(kinds[c][3]),
                        V(share.internalWeight), V(share.externalWeight), V(share.total),
                    ])
                }
            }
            try writer.insert(
                into: "rings", columns: ["ring", "score", "p_value", "strength", "size"] + CaseSchema.signalColumns
            ) { insert in
                for ring in rings.rings {
                    try insert(
                        [V(ring.rank), V(ring.score), V(ring.pValue), V(ring.strength), V(ring.members.count)]
                            + CaseSchema.signals.flatMap { name -> [V] in
                                // By name, in the schema's column order (not by position in `ring.signals`).
                                guard let s = ring.signals.first(where: { $0.kind.rawValue == name }) else {
                                    return [.null, .null, .null]
                                }
                                return [s.available ? V(s.surprise) : .null, V(s.observed), V(s.expected)]
                            })
                }
            }
            try writer.insert(into: "ring_members", columns: ["ring", "entity", "role", "tier", "score", "reasons"]) {
                insert in
                for ring in rings.rings {
                    for m in ring.members {
                        try insert([
                            V(ring.rank), V(Int(m.entity)), V(m.role.rawValue), V(m.tier.rawValue), V(m.score),
                            V(m.reasons.joined(separator: "\n")),
                        ])
                    }
                }
            }
            try writer.insert(
                into: "evidence",
                columns: [
                    "ring", "entity", "signal", "type", "source", "target", "time", "amount", "action",
                    "ticket", "origin",
                ]
            ) { insert in
                for ring in rings.rings {
                    for item in ring.evidence {
                        let log = events[item.type], r = item.row
                        try insert([
                            V(ring.rank), V(Int(item.entity)), V(item.signal.rawValue), V(item.type.description),
                            V(Int(log.source[r])),
                            log.target[r] >= 0 ? V(Int(log.target[r])) : .null,
                            log.time[r] == Timestamp.missing ? .null : V(log.time[r]),
                            item.type == .payment ? V(log.amount[r]) : .null,
                            V(item.type == .access && log.label[r] >= 0 ? events.labels.string(log.label[r]) : nil),
                            item.type == .access ? V(log.ticket[r]) : .null, V(events.origin(of: r, in: item.type)),
                        ])
                    }
                }
            }
            try writeBaseline(baseline, to: writer)
            try writer.finish()
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
    }

    /// `adjacency`: one row per entity with an edge, its edges packed by `AdjacencyBlob` from
    /// the graph's CSR arrays. Every edge at every scale: the graph the readers walk.
    ///
    /// - Complexity: O(entities + edges) time; one buffer as large as the largest entity's
    ///   list, reused (`AdjacencyEncoder`).
    private static func writeAdjacency(of graph: MultiplexGraph, to writer: CaseWriter) throws(CaseError) {
        try writer.insertRows(into: CaseSchema.Adjacency.self) { insert in
            try AdjacencyEncoder.forEachList(of: graph) { v, bytes in
                try insert { row in
                    row.set(CaseSchema.Adjacency.entity, Int64(v))
                    row.set(CaseSchema.Adjacency.edges, bytes)
                }
            }
        }
    }

    /// `baseline_rings` and `baseline_members`: the rings of `baseline-rings.csv`, numbered as there.
    private static func writeBaseline(
        _ baseline: [BaselineRule.BaselineRing], to writer: CaseWriter
    ) throws(CaseError) {
        try writer.insert(into: CaseSchema.baselineRings, columns: ["ring", "score", "size"]) { insert in
            for (i, ring) in baseline.enumerated() {
                try insert([V(i + 1), V(ring.score), V(1 + ring.insiders.count + ring.clients.count)])
            }
        }
        try writer.insert(into: CaseSchema.baselineMembers, columns: ["ring", "entity", "role"]) { insert in
            for (i, ring) in baseline.enumerated() {
                try insert([V(i + 1), V(Int(ring.broker)), V(RingRole.broker.rawValue)])
                for e in ring.insiders { try insert([V(i + 1), V(Int(e)), V(RingRole.insider.rawValue)]) }
                for e in ring.clients { try insert([V(i + 1), V(Int(e)), V(RingRole.client.rawValue)]) }
            }
        }
    }
}
