import RingfindCSV
import RingfindGraph

/// `alias-suggestions.csv` (`--suggest-aliases`): `id_a, name_a, id_b, name_b, reason, score,
/// shared_counterparties, key`, one row per suggested pair (see `AliasSuggestions`). In a
/// pseudonymised build ids and names are pseudonyms and `key` (the shared name or local part)
/// is withheld.
public enum AliasSuggestionsReport {
    public static let file = "alias-suggestions.csv"

    /// Writes the suggestions to `path` (created, or emptied first).
    public static func write(
        to path: String, _ suggestions: [AliasSuggestions.Suggestion], entities: EntityTable,
        withholdKeys: Bool
    ) throws(CSVWriteError) {
        let writer = try CSVWriter(path: path)
        try writer.row(["id_a", "name_a", "id_b", "name_b", "reason", "score", "shared_counterparties", "key"])
        for s in suggestions {
            writer.text(entities.id(s.a))
            writer.text(entities.names[Int(s.a)])
            writer.text(entities.id(s.b))
            writer.text(entities.names[Int(s.b)])
            writer.text(s.reason)
            writer.number((s.score * 1000).rounded() / 1000)
            writer.number(s.shared)
            writer.text(withholdKeys ? "" : s.key)
            try writer.endRow()
        }
        try writer.close()
    }
}
