import Foundation
import RingfindCase
import RingfindCentrality
import RingfindGraph
import RingfindRings

private typealias V = CaseWriter.Value
private typealias Key = CaseSchema.ManifestKey

/// Writes `case.sqlite` (schema in `CaseSchema`) in three steps, so that a build can write it
/// beside its other stages: `begin` once the graph is built, `writeBulk` once the analysis is
/// done, `finish` once the manifest and pictures are known.
public enum CaseFileStage {
    /// A case file with the tables of the graph and the entities file written (`adjacency`,
    /// `aliases`, `attributes`), waiting for the analysis (`writeBulk`).
    public struct Started: @unchecked Sendable {
        fileprivate let writer: CaseWriter
        fileprivate let path: String
    }

    /// Creates the case file at `path` and writes what needs only the graph and the entities —
    /// so that a build can write it while the analyses run (`BuildPipeline`).
    public static func begin(to path: String, graph: MultiplexGraph, entities: EntityTable) throws(BuildError)
        -> Started
    {
        do {
            let writer = try CaseWriter(path: path)
            try writeAdjacency(of: graph, to: writer)
            try writeAliases(of: entities, to: writer)
            try writeAttributes(of: entities, to: writer)
            return Started(writer: writer, path: path)
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
    }

    /// A case file with every table of the analysis written, waiting for the build's manifest and
    /// pictures (`finish`). Used from one thread at a time.
    public struct Bulk: @unchecked Sendable {
        fileprivate let started: Started
        fileprivate let kept: KeptRows
    }

    /// SQLite's page cache while the bulk is written (`CaseWriter.cachePages`): the tables and
    /// indexes of a 1M-entity case without rereading pages (see `CasePublication` for the
    /// measured effect). Set when the bulk starts, after the analyses: it adds at most this
    /// much memory after the build's peak, not at it (the peak is unchanged).
    static let bulkCacheMegabytes = 64

    /// Writes the tables of the analysis into `started` — most of the stage's time — so that a
    /// build can write them while it draws its reports and pictures, which the manifest then
    /// lists (`CasePublication`).
    ///
    /// - Parameter wholeUpTo: `edges` (`events`) keep every row while the case has at most this
    ///   many edges (input rows); above it, only those touching a suspect (`Int.max`: always
    ///   every one). `adjacency` holds every edge whatever this is.
    public static func writeBulk(
        _ started: Started, analysis: CaseAnalysis, wholeUpTo: Int = CaseSchema.allEventsLimit
    ) throws(BuildError) -> Bulk {
        let kept = KeptRows(
            wholeUpTo: wholeUpTo, edgeCount: analysis.graph.edgeCount,
            eventRowCount: EdgeType.allCases.reduce(0) { $0 + analysis.events[$1].rowCount })
        let writer = started.writer, path = started.path
        do {
            try writer.cachePages(megabytes: bulkCacheMegabytes)
            try writeEntities(of: analysis, to: writer)
            try writeEdges(of: analysis.graph, roles: analysis.rings.roles, every: kept.everyEdge, to: writer)
            for type in EdgeType.allCases {
                try writeEvents(of: type, in: analysis, every: kept.everyEvent, to: writer)
            }
            try writeCommunities(analysis.communities, kinds: analysis.entities.kinds, to: writer)
            try writeRings(analysis.rings.rings, to: writer)
            try writeRingMembers(analysis.rings.rings, to: writer)
            try writeEvidence(of: analysis.rings.rings, events: analysis.events, to: writer)
            try writeBaseline(analysis.baseline, to: writer)
            return Bulk(started: started, kept: kept)
        } catch {
            throw .cannotWrite(path: path, reason: "\(error)")
        }
    }

    /// Adds the manifest rows (`manifestJSON`, the build id, `facts`: further rows such as the
    /// window and whether ids are pseudonyms) and `pictures` (the DOT of every picture drawn, for
    /// `ringfind render`) to `bulk`, then its indexes, and closes it.
    public static func finish(
        _ bulk: Bulk, manifestJSON: Data, buildID: String, facts: [(String, String)] = [],
        pictures: [RenderStage.Drawing] = []
    ) throws(BuildError) {
        let writer = bulk.started.writer
        do {
            try writeManifest(json: manifestJSON, buildID: buildID, facts: facts, kept: bulk.kept, to: writer)
            try writePictures(pictures, to: writer)
            try writer.finish()
        } catch {
            throw .cannotWrite(path: bulk.started.path, reason: "\(error)")
        }
    }

    /// `manifest`: the version, the build's id and `build.json`, which rows `edges` and `events`
    /// keep, the case's size, then `facts`.
    private static func writeManifest(
        json: Data, buildID: String, facts: [(String, String)], kept: KeptRows, to writer: CaseWriter
    ) throws(CaseError) {
        try writer.insert(into: CaseSchema.Manifest.name, columns: CaseSchema.Manifest.columns.map(\.name)) {
            insert in
            try insert([V("ringfind_version"), V(RingfindVersion.current)])
            try insert([V("build_id"), V(buildID)])
            try insert([V("build_json"), V(String(decoding: json, as: UTF8.self))])
            try insert([V(Key.edgesScope), V(kept.everyEdge ? CaseSchema.scopeAll : CaseSchema.scopeSuspects)])
            try insert([V(Key.eventsScope), V(kept.everyEvent ? CaseSchema.scopeAll : CaseSchema.scopeSuspects)])
            try insert([V(Key.wholeUpTo), V(kept.wholeUpTo == Int.max ? "all" : String(kept.wholeUpTo))])
            try insert([V(Key.edgeCount), V(kept.edgeCount)])
            try insert([V(Key.eventRowCount), V(kept.eventRowCount)])
            for (key, value) in facts { try insert([V(key), V(value)]) }
        }
    }

    /// `entities`: one row per entity with its community, centrality scores and ring role.
    private static func writeEntities(of analysis: CaseAnalysis, to writer: CaseWriter) throws(CaseError) {
        let entities = analysis.entities, centrality = analysis.centrality, rings = analysis.rings
        let labels = analysis.communities.partition.labels
        let degrees = centrality.totalDegree, strengths = centrality.totalStrength
        let liaison = Brokerage.Role.liaison.rawValue
        typealias Entity = CaseSchema.Entities
        try writer.insertRows(into: Entity.self, count: entities.count) { e, row in
            row.set(Entity.entity, Int64(e))
            row.set(Entity.id, entities.id(Int32(e)))
            row.set(Entity.kind, entities.kinds[e].description)
            row.set(Entity.entityName, entities.names[e])
            row.set(Entity.group, entities.groups[e])
            row.set(Entity.community, Int64(labels[e]))
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

    /// `edges`: the graph's edges type by type, every one or (`every` false) only those with a
    /// suspect (an entity with a role in `roles`) at either end.
    private static func writeEdges(
        of graph: MultiplexGraph, roles: [RingRole?], every: Bool, to writer: CaseWriter
    ) throws(CaseError) {
        typealias Edge = CaseSchema.Edges
        for type in EdgeType.allCases {
            let edges = graph[type]
            let touchesSuspect = { (e: Int) in
                roles[Int(edges.sources[e])] != nil || roles[Int(edges.targets[e])] != nil
            }
            try writer.insertRows(into: Edge.self, count: edges.edgeCount, where: every ? nil : touchesSuspect) {
                e, row in
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
    }

    /// `events`: the input rows of the log of `type`, every one or (`every` false) only those
    /// with a suspect at either end, each with the aliases its ids were given as and its origin.
    private static func writeEvents(
        of type: EdgeType, in analysis: CaseAnalysis, every: Bool, to writer: CaseWriter
    ) throws(CaseError) {
        typealias Event = CaseSchema.Events
        let events = analysis.events, entities = analysis.entities, roles = analysis.rings.roles
        let log = events[type]
        let file = events.sourceFiles
        var aliasUses = AliasUseCursor(uses: log.aliasUses)
        let touchesSuspect = { (r: Int) in
            let t = Int(log.target[r])
            return roles[Int(log.source[r])] != nil || (t >= 0 && roles[t] != nil)
        }
        try writer.insertRows(into: Event.self, count: log.rowCount, where: every ? nil : touchesSuspect) { r, row in
            let s = Int(log.source[r]), t = Int(log.target[r])
            let (sourceAs, targetAs) = aliasUses.aliases(ofRow: r)
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
            row.set(Event.origin, log.origins.origin(of: r) ?? file[Int(log.file[r])] + ":" + String(log.line[r]))
        }
    }

    /// `aliases`: every declared alias and the entity it names.
    private static func writeAliases(of entities: EntityTable, to writer: CaseWriter) throws(CaseError) {
        try writer.insertRows(into: CaseSchema.Aliases.self, count: entities.aliases.count) { a, row in
            row.set(CaseSchema.Aliases.alias, entities.aliases.string(Int32(a)))
            row.set(CaseSchema.Aliases.entity, Int64(entities.aliasEntity[a]))
        }
    }

    /// `attributes`: the entities file's further columns, one row per entity and non-empty value.
    private static func writeAttributes(of entities: EntityTable, to writer: CaseWriter) throws(CaseError) {
        try writer.insert(into: CaseSchema.Attributes.name, columns: CaseSchema.Attributes.columns.map(\.name)) {
            insert in
            for e in 0..<entities.count {
                for (column, name) in entities.attributeNames.enumerated() {
                    let value = entities.attribute(column, of: Int32(e))
                    if !value.isEmpty { try insert([V(e), V(name), V(value)]) }
                }
            }
        }
    }
}

/// Which rows `edges` and `events` keep: every one while the case has at most `wholeUpTo`
/// edges (input rows), else only those touching a suspect.
private struct KeptRows {
    var wholeUpTo: Int
    var edgeCount: Int
    var eventRowCount: Int
    /// Whether `edges` keeps every edge.
    var everyEdge: Bool { edgeCount <= wholeUpTo }
    /// Whether `events` keeps every input row.
    var everyEvent: Bool { eventRowCount <= wholeUpTo }
}

/// Walks a log's alias uses (in row order) alongside the rows written, which come in row order too.
private struct AliasUseCursor {
    let uses: AliasUses
    var next = 0

    /// The aliases row `r`'s source and target were given as (-1: its canonical id), skipping
    /// the uses of rows before it (rows not kept).
    mutating func aliases(ofRow r: Int) -> (source: Int32, target: Int32) {
        while next < uses.count && Int(uses.row[next]) < r { next += 1 }
        var sourceAs: Int32 = -1, targetAs: Int32 = -1
        while next < uses.count && Int(uses.row[next]) == r {
            if uses.side[next] == 0 { sourceAs = uses.alias[next] } else { targetAs = uses.alias[next] }
            next += 1
        }
        return (sourceAs, targetAs)
    }
}
