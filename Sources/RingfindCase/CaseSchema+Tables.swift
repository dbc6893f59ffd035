/// The tables of the case file declared as typed columns (`CaseTable`): the DDL, the writer's
/// binds and the readers all use these, never a column number of their own.
extension CaseSchema {
    /// `manifest`: one build fact a row.
    public enum Manifest: CaseTable {
        public static let name = "manifest"
        public static let key = CaseColumn.text("key", 0, "PRIMARY KEY")
        public static let value = CaseColumn.text("value", 1, "NOT NULL")
        public static let columns = [key.declaration, value.declaration]
    }

    /// `entities`: one row per entity, with every score the build computed.
    public enum Entities: CaseTable {
        public static let name = "entities"
        /// The dense id every other table refers to.
        public static let entity = CaseColumn.integer("entity", 0, "PRIMARY KEY")
        /// The id the inputs use.
        public static let id = CaseColumn.text("id", 1, "NOT NULL UNIQUE")
        public static let kind = CaseColumn.text("kind", 2, "NOT NULL")
        public static let entityName = CaseColumn.text("name", 3)
        public static let group = CaseColumn.text("grp", 4)
        public static let community = CaseColumn.integer("community", 5)
        public static let degree = CaseColumn.integer("degree", 6)
        public static let strength = CaseColumn.integer("strength", 7)
        public static let pageRank = CaseColumn.real("pagerank", 8)
        public static let seedPageRank = CaseColumn.real("seed_pagerank", 9)
        public static let betweenness = CaseColumn.real("betweenness", 10)
        public static let core = CaseColumn.integer("core", 11)
        public static let constraint = CaseColumn.real("constraint_score", 12)
        public static let effectiveSize = CaseColumn.real("effective_size", 13)
        public static let liaison = CaseColumn.real("gf_liaison", 14)
        public static let brokerageZ = CaseColumn.real("brokerage_z", 15)
        /// The role found (`broker`, `insider`, …), NULL for an entity in no ring.
        public static let role = CaseColumn.text("role", 16)
        public static let ring = CaseColumn.integer("ring", 17)
        public static let score = CaseColumn.real("score", 18)
        public static let rank = CaseColumn.integer("rank", 19)
        public static let columns = [
            entity.declaration, id.declaration, kind.declaration, entityName.declaration, group.declaration,
            community.declaration, degree.declaration, strength.declaration, pageRank.declaration,
            seedPageRank.declaration,
            betweenness.declaration, core.declaration, constraint.declaration, effectiveSize.declaration,
            liaison.declaration,
            brokerageZ.declaration, role.declaration, ring.declaration, score.declaration, rank.declaration,
        ]
    }

    /// `adjacency`: the whole graph, one row per entity that has an edge, its edges packed in
    /// one BLOB (`AdjacencyBlob`). Every edge at every scale: what `neighbors`, `path` and the
    /// ego picture walk.
    public enum Adjacency: CaseTable {
        public static let name = "adjacency"
        /// The entity (dense id, as `entities.entity`); the table's rowid, so a lookup is one
        /// B-tree descent and no index is needed.
        public static let entity = CaseColumn.integer("entity", 0, "PRIMARY KEY")
        /// Its edges, out and in, of every type (`AdjacencyBlob`).
        public static let edges = CaseColumn.blob("edges", 1, "NOT NULL")
        public static let columns = [entity.declaration, edges.declaration]
    }

    /// `edges`: the aggregated edges as plain rows, for SQL (`sql`, other SQLite tools). Every
    /// edge while the case has at most `allEdgesLimit`; above that only those touching a
    /// suspect (`edges_scope`). No ringfind command reads it: they read `adjacency`.
    public enum Edges: CaseTable {
        public static let name = "edges"
        public static let type = CaseColumn.text("type", 0, "NOT NULL")
        public static let source = CaseColumn.integer("source", 1, "NOT NULL")
        public static let target = CaseColumn.integer("target", 2, "NOT NULL")
        public static let count = CaseColumn.integer("count", 3, "NOT NULL")
        public static let amount = CaseColumn.real("amount", 4)
        public static let firstTime = CaseColumn.integer("first_time", 5)
        public static let lastTime = CaseColumn.integer("last_time", 6)
        public static let columns = [
            type.declaration, source.declaration, target.declaration, count.declaration, amount.declaration,
            firstTime.declaration, lastTime.declaration,
        ]
    }

    /// `events`: input rows. Every one while the case has at most `allEventsLimit` rows;
    /// above that only those touching a suspect (`events_scope`), and readers say so.
    public enum Events: CaseTable {
        public static let name = "events"
        public static let type = CaseColumn.text("type", 0, "NOT NULL")
        public static let source = CaseColumn.integer("source", 1, "NOT NULL")
        public static let target = CaseColumn.integer("target", 2)
        public static let time = CaseColumn.integer("time", 3)
        public static let count = CaseColumn.integer("count", 4, "NOT NULL")
        public static let amount = CaseColumn.real("amount", 5)
        /// The channel, currency or action.
        public static let label = CaseColumn.text("label", 6)
        public static let resource = CaseColumn.text("resource", 7)
        public static let ticket = CaseColumn.text("ticket", 8)
        /// `file:line` of the row.
        public static let origin = CaseColumn.text("origin", 9, "NOT NULL")
        /// The id as the row wrote it, when that was an alias.
        public static let sourceAs = CaseColumn.text("source_as", 10)
        public static let targetAs = CaseColumn.text("target_as", 11)
        public static let columns = [
            type.declaration, source.declaration, target.declaration, time.declaration, count.declaration,
            amount.declaration, label.declaration, resource.declaration, ticket.declaration, origin.declaration,
            sourceAs.declaration, targetAs.declaration,
        ]
    }

    /// `aliases`: another name of an entity (the aliases files).
    public enum Aliases: CaseTable {
        public static let name = "aliases"
        public static let alias = CaseColumn.text("alias", 0, "NOT NULL")
        public static let entity = CaseColumn.integer("entity", 1, "NOT NULL")
        public static let columns = [alias.declaration, entity.declaration]
    }

    /// The manifest's keys that say what the case file keeps.
    public enum ManifestKey {
        public static let caseFormat = "case_format"
        /// `all` or `suspects`: which rows `edges` holds.
        public static let edgesScope = "edges_scope"
        /// `all` or `suspects`: which input rows `events` holds.
        public static let eventsScope = "events_scope"
        /// The size up to which `edges` and `events` keep every row (the build's limit).
        public static let wholeUpTo = "whole_up_to"
        /// Aggregated edges in the graph (all in `adjacency`).
        public static let edgeCount = "edge_count"
        /// Input rows accepted (all in `events` only when `events_scope` is `all`).
        public static let eventRowCount = "event_row_count"
    }
}
