import Dispatch
import RingfindCSV
import RingfindCentrality
import RingfindGraph
import RingfindRings

/// `entities.csv`: one row per entity, in id order (entities files first, then first
/// appearance in events).
///
/// Columns, in order:
/// - `id, kind, name, group, degree, strength, community, kind_origin` — `degree` is the
///   number of distinct counterparties over all logs and both directions, `strength` the
///   number of events the entity takes part in (weighted by `count`);
/// - per log and direction: `communication_out_degree, communication_in_degree,
///   communication_out_events, communication_in_events`, the same for `payment` and `access`,
///   and `payment_out_amount, payment_in_amount`;
/// - `pagerank, seed_pagerank` (empty without seeds), `betweenness` (normalised), `core`,
///   `constraint, effective_size` (empty for an isolated entity), `gf_coordinator,
///   gf_itinerant, gf_representative, gf_gatekeeper, gf_liaison` (counts), their z-scores
///   `gf_coordinator_z … gf_liaison_z` and `brokerage_z` (z-score of the total; empty where
///   the null model has no variance);
/// - `role, ring, score, rank` — the entity's role in its best ring (empty if none), that ring's
///   rank, the entity's suspicion score in [0, 1] and its rank by score (1 = most suspicious);
/// - then the extra attributes of the entities files (prefixed `attr_` where a name clashes).
public enum EntitiesReport {
    public static let fixedColumns = ["id", "kind", "name", "group", "degree", "strength", "community", "kind_origin"]
    static let roleNames = Brokerage.Role.allCases.map(\.name)

    /// All computed columns, in order.
    public static var columns: [String] {
        var columns = fixedColumns
        for type in EdgeType.allCases {
            columns += ["out_degree", "in_degree", "out_events", "in_events"].map { "\(type)_\($0)" }
        }
        columns += [
            "payment_out_amount", "payment_in_amount", "pagerank", "seed_pagerank", "betweenness", "core",
            "constraint", "effective_size",
        ]
        columns += roleNames.map { "gf_\($0)" } + roleNames.map { "gf_\($0)_z" } + ["brokerage_z"]
        columns += ["role", "ring", "score", "rank"]
        return columns
    }

    /// Writes the report to `path`, formatting rows on up to `threads` threads.
    public static func write(
        to path: String, entities: EntityTable, communities: [Int32],
        centrality: CentralityAnalysis, rings: RingDetection, threads: Int = 8
    ) throws(CSVWriteError) {
        let writer = try CSVWriter(path: path)
        let own = columns
        let attributeHeaders = entities.attributeNames.map { own.contains($0) ? "attr_" + $0 : $0 }
        try writer.row(own + attributeHeaders)
        // Rows are formatted in blocks side by side (formatting is most of the cost), a few
        // blocks at a time to bound memory, and written in entity order.
        let block = 16_384, blocksAtOnce = max(1, threads)
        var first = 0
        while first < entities.count {
            let blocks = min(blocksAtOnce, (entities.count - first + block - 1) / block)
            var formatted = [CSVRows](repeating: CSVRows(), count: blocks)
            formatted.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let out = buffer
                let start = first
                DispatchQueue.concurrentPerform(iterations: blocks) { b in
                    var rows = CSVRows(capacity: block * 320)
                    for e in (start + b * block)..<min(entities.count, start + (b + 1) * block) {
                        formatRow(
                            e, into: &rows, entities: entities, communities: communities, centrality: centrality,
                            rings: rings, attributeColumns: attributeHeaders.count)
                    }
                    out[b] = rows
                }
            }
            for rows in formatted { try writer.write(rows) }
            first += blocks * block
        }
        try writer.close()
    }

    /// Appends entity `e`'s row, in `columns` order, then its attributes.
    static func formatRow(
        _ e: Int, into writer: inout CSVRows, entities: EntityTable, communities: [Int32],
        centrality: CentralityAnalysis, rings: RingDetection, attributeColumns: Int
    ) {
        let entity = Int32(e)
        let d = centrality.degrees
        writer.text(entities.id(entity))
        writer.text(entities.kinds[e].description)
        writer.text(entities.names[e])
        writer.text(entities.groups[e])
        writer.number(centrality.totalDegree[e])
        writer.number(centrality.totalStrength[e])
        writer.number(communities[e])
        writer.text(entities.kindOrigins[e] == .declared ? "declared" : "inferred")
        for t in EdgeType.allCases.map(\.rawValue) {
            writer.number(d.outDegree[Int(t)][e])
            writer.number(d.inDegree[Int(t)][e])
            writer.number(d.outEvents[Int(t)][e])
            writer.number(d.inEvents[Int(t)][e])
        }
        writer.number(d.amountPaid[e])
        writer.number(d.amountReceived[e])
        writer.number(centrality.pageRank.scores[e])
        if let seeded = centrality.seedPageRank { writer.number(seeded.scores[e]) } else { writer.text("") }
        writer.number(centrality.betweenness.normalized[e])
        writer.number(centrality.core[e])
        writer.number(centrality.structuralHoles.constraint[e])
        writer.number(centrality.structuralHoles.effectiveSize[e])
        for role in Brokerage.Role.allCases { writer.number(centrality.brokerage.counts[role.rawValue][e]) }
        for role in Brokerage.Role.allCases { writer.number(centrality.brokerage.z[role.rawValue][e]) }
        writer.number(centrality.brokerage.totalZ[e])
        writer.text(rings.roles[e]?.rawValue ?? "")
        if rings.ringOf[e] > 0 { writer.number(rings.ringOf[e]) } else { writer.text("") }
        writer.number(RingReports.rounded(rings.scores[e]))
        writer.number(rings.rank[e])
        for column in 0..<attributeColumns { writer.text(entities.attribute(column, of: entity)) }
        writer.endRow()
    }
}
