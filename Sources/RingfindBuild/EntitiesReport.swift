import RingfindGraph

/// `entities.csv`: one row per entity, in id order (entities files first, then first
/// appearance in events).
///
/// Columns: `id, kind, name, group, degree, strength, community, kind_origin`, then the
/// extra attributes of the entities files (prefixed `attr_` where a name would clash).
/// `degree` is the number of distinct counterparties over all logs and both directions;
/// `strength` the number of events the entity takes part in (weighted by `count`).
public enum EntitiesReport {
    public static let fixedColumns = ["id", "kind", "name", "group", "degree", "strength", "community", "kind_origin"]

    /// Writes the report to `path`.
    public static func write(to path: String, entities: EntityTable, graph: MultiplexGraph,
                             communities: [Int32]) throws(BuildError) {
        let writer = try CSVWriter(path: path)
        let attributeHeaders = entities.attributeNames.map { fixedColumns.contains($0) ? "attr_" + $0 : $0 }
        try writer.row(fixedColumns + attributeHeaders)
        let degrees = graph.degrees()
        let strengths = graph.strengths()
        for e in 0..<entities.count {
            let entity = Int32(e)
            writer.text(entities.id(entity))
            writer.text(entities.kinds[e].description)
            writer.text(entities.names[e])
            writer.text(entities.groups[e])
            writer.number(degrees[e])
            writer.number(strengths[e])
            writer.number(communities[e])
            writer.text(entities.kindOrigins[e] == .declared ? "declared" : "inferred")
            for column in attributeHeaders.indices { writer.text(entities.attribute(column, of: entity)) }
            try writer.endRow()
        }
        try writer.close()
    }
}
