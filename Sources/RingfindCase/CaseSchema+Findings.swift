import Foundation

/// The tables of what the analysis found, declared as typed columns (`CaseTable`) like the
/// graph's: the DDL and the writer's column lists are made from these.
extension CaseSchema {
    /// `attributes`: the entities file's further columns, one row per entity and non-empty value.
    public enum Attributes: CaseTable {
        public static let name = "attributes"
        public static let entity = CaseColumn.integer("entity", 0, "NOT NULL")
        public static let attribute = CaseColumn.text("name", 1, "NOT NULL")
        public static let value = CaseColumn.text("value", 2, "NOT NULL")
        public static let columns = [entity.declaration, attribute.declaration, value.declaration]
    }

    /// `communities`: one row per community, its size, its members by declared kind and its
    /// share of modularity.
    public enum Communities: CaseTable {
        public static let name = "communities"
        public static let community = CaseColumn.integer("community", 0, "PRIMARY KEY")
        public static let size = CaseColumn.integer("size", 1)
        public static let employees = CaseColumn.integer("employees", 2)
        public static let vendors = CaseColumn.integer("vendors", 3)
        public static let externals = CaseColumn.integer("externals", 4)
        public static let brokers = CaseColumn.integer("brokers", 5)
        public static let internalWeight = CaseColumn.real("internal_weight", 6)
        public static let externalWeight = CaseColumn.real("external_weight", 7)
        public static let modularity = CaseColumn.real("modularity", 8)
        public static let columns = [
            community.declaration, size.declaration, employees.declaration, vendors.declaration,
            externals.declaration, brokers.declaration, internalWeight.declaration, externalWeight.declaration,
            modularity.declaration,
        ]
    }

    /// `rings`: one row per ring, then for each kind of evidence (`signals`, in order) its
    /// surprise (NULL when it could not be looked for), observed and expected values.
    public enum Rings: CaseTable {
        public static let name = "rings"
        public static let ring = CaseColumn.integer("ring", 0, "PRIMARY KEY")
        public static let score = CaseColumn.real("score", 1)
        public static let pValue = CaseColumn.real("p_value", 2)
        public static let strength = CaseColumn.real("strength", 3)
        public static let size = CaseColumn.integer("size", 4)
        /// The columns before the evidence.
        static let leading = [
            ring.declaration, score.declaration, pValue.declaration, strength.declaration, size.declaration,
        ]
        public static let columns =
            leading
            + signalColumns.enumerated().map {
                CaseColumnDeclaration(
                    name: $0.element, position: Int32(leading.count + $0.offset), type: .real, constraint: "")
            }
    }

    /// `ring_members`: one row per member of a ring; reasons joined by newlines.
    public enum RingMembers: CaseTable {
        public static let name = "ring_members"
        public static let ring = CaseColumn.integer("ring", 0, "NOT NULL")
        public static let entity = CaseColumn.integer("entity", 1, "NOT NULL")
        public static let role = CaseColumn.text("role", 2, "NOT NULL")
        public static let tier = CaseColumn.text("tier", 3, "NOT NULL")
        public static let score = CaseColumn.real("score", 4)
        public static let reasons = CaseColumn.text("reasons", 5)
        public static let columns = [
            ring.declaration, entity.declaration, role.declaration, tier.declaration, score.declaration,
            reasons.declaration,
        ]
    }

    /// `evidence`: one row per input row a ring's evidence cites.
    public enum Evidence: CaseTable {
        public static let name = "evidence"
        public static let ring = CaseColumn.integer("ring", 0, "NOT NULL")
        public static let entity = CaseColumn.integer("entity", 1, "NOT NULL")
        public static let signal = CaseColumn.text("signal", 2, "NOT NULL")
        public static let type = CaseColumn.text("type", 3, "NOT NULL")
        public static let source = CaseColumn.integer("source", 4)
        public static let target = CaseColumn.integer("target", 5)
        public static let time = CaseColumn.integer("time", 6)
        public static let amount = CaseColumn.real("amount", 7)
        public static let action = CaseColumn.text("action", 8)
        public static let ticket = CaseColumn.text("ticket", 9)
        /// `file:line` of the cited row.
        public static let origin = CaseColumn.text("origin", 10)
        public static let columns = [
            ring.declaration, entity.declaration, signal.declaration, type.declaration, source.declaration,
            target.declaration, time.declaration, amount.declaration, action.declaration, ticket.declaration,
            origin.declaration,
        ]
    }

    /// `baseline_rings`: the baseline rule's rings, numbered as in `baseline-rings.csv`.
    public enum BaselineRings: CaseTable {
        public static let name = "baseline_rings"
        public static let ring = CaseColumn.integer("ring", 0, "PRIMARY KEY")
        public static let score = CaseColumn.real("score", 1, "NOT NULL")
        public static let size = CaseColumn.integer("size", 2, "NOT NULL")
        public static let columns = [ring.declaration, score.declaration, size.declaration]
    }

    /// `pictures`: the DOT source of every picture the build drew (`rings/ring-NNN`, `overview`)
    /// and the Graphviz engine it was laid out with, so `ringfind render` draws it again from the
    /// case file alone.
    public enum Pictures: CaseTable {
        public static let name = "pictures"
        /// The picture's path in the output folder without its extension (`rings/ring-001`).
        public static let picture = CaseColumn.text("picture", 0, "PRIMARY KEY")
        public static let engine = CaseColumn.text("engine", 1, "NOT NULL")
        public static let dot = CaseColumn.text("dot", 2, "NOT NULL")
        public static let columns = [picture.declaration, engine.declaration, dot.declaration]
        /// The name of ring `rank`'s picture (`rings/ring-001`), also its path without extension.
        public static func ringPicture(_ rank: Int) -> String { String(format: "rings/ring-%03d", rank) }
        /// The name of the overview.
        public static let overview = "overview"
    }

    /// `baseline_members`: the members of the baseline rule's rings.
    public enum BaselineMembers: CaseTable {
        public static let name = "baseline_members"
        public static let ring = CaseColumn.integer("ring", 0, "NOT NULL")
        public static let entity = CaseColumn.integer("entity", 1, "NOT NULL")
        public static let role = CaseColumn.text("role", 2, "NOT NULL")
        public static let columns = [ring.declaration, entity.declaration, role.declaration]
    }
}
