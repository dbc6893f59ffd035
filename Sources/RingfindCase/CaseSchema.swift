/// The schema of `case.sqlite`, the case file a build writes and `ringfind query` reads.
///
/// It is meant to be opened with any SQLite tool too:
///
/// | table | one row per | columns |
/// | --- | --- | --- |
/// | `manifest` | build fact | `key, value` (`case_format`, `ringfind_version`, `build_id`, `build_json`, `edges_scope`, `events_scope`, `whole_up_to`, `edge_count`, `event_row_count`; `window_start`, `window_end` with `--since/--until`; `pseudonymized`) |
/// | `entities` | entity | `entity` (dense id), `id` (external id), `kind, name, grp, community, degree, strength, pagerank, seed_pagerank, betweenness, core, constraint_score, effective_size, gf_liaison, brokerage_z, role, ring, score, rank` |
/// | `adjacency` | entity with an edge | `entity`, `edges` (BLOB: every edge of the entity, out and in, of every type, with its count, amount and first/last time; layout in `AdjacencyBlob`) |
/// | `edges` | aggregated edge, for SQL | `type` (`communication`, `payment`, `access`), `source, target` (entity), `count, amount, first_time, last_time` (ms since epoch, UTC) |
/// | `events` | input row kept for evidence | `type, source, target, time, count, amount, label` (channel, currency or action), `resource, ticket, origin` (`file:line`), `source_as, target_as` (the id as the raw row wrote it, when that was an alias; else NULL) |
/// | `aliases` | alias of an entity | `alias, entity` |
/// | `attributes` | extra column of an entity | `entity, name, value` (the entities file's further columns) |
/// | `communities` | community | `community, size, employees, vendors, externals, brokers, internal_weight, external_weight, modularity` |
/// | `rings` | ring | `ring, score, p_value, strength, size`, then for each kind of evidence (`concealment, unusual_action, timing, focus`) its surprise (−log₁₀ p; NULL when it could not be looked for), `…_observed`, `…_expected` |
/// | `ring_members` | member of a ring | `ring, entity, role, tier` (`core`, `associate`), `score, reasons` (reasons joined by newlines) |
/// | `evidence` | supporting input row | `ring, entity, signal, type, source, target, time, amount, action, ticket, origin` |
/// | `baseline_rings` | ring of the baseline rule | `ring` (its line in `baseline-rings.csv`), `score, size` |
/// | `baseline_members` | member of a baseline ring | `ring, entity, role` (`broker`, `insider`, `client`) |
/// | `pictures` | picture the build drew | `picture` (`rings/ring-001`, `overview`), `engine` (`dot`, `sfdp`), `dot` (its DOT source) |
///
/// **The graph is whole at every scale**: `adjacency` holds every aggregated edge, one row per
/// entity with its edges packed in a BLOB, written straight from the graph's CSR arrays
/// (`AdjacencyEncoder`). On the 1 M-entity / 8 M-edge world the case-file stage takes 5.6 s
/// and writes 357 MB, against 4.6 s and 140 MB for format 4: 186 MB of lists (11.6 bytes per
/// edge end), about 1.9 s to encode and store (0.24 µs and 27 bytes per edge), of which 0.9 s is
/// won back by not touching the rows a large case skips. `--full-case`, which also stores 8 M
/// `edges` rows and 10 M `events` rows with their indexes, takes 40 s and 1.8 GB: one row per
/// edge would cost most of that, since SQLite spends far more per row and index entry than
/// per byte. Every command that walks the
/// graph (`neighbors`, `path`, the ego picture) reads `adjacency` and nothing else, so its
/// answers are the build's at any size; a lookup is one B-tree descent on the rowid.
///
/// **`edges` is the same graph as plain rows, for SQL** (`sql`, any SQLite tool): every edge
/// while the graph has at most `allEdgesLimit` edges; above that only those touching a suspect
/// (an entity with a role), which is cheap and still answers the usual question about a ring.
/// It is kept rather than dropped because a BLOB is opaque to SQL; no ringfind command reads it.
///
/// **`events` holds every input row while the case has at most `allEventsLimit` rows**; above
/// that only those touching a suspect (one row each is the size of the inputs: 10 M rows take
/// 35 s to write). The manifest says which (`edges_scope`, `events_scope`: `all` or
/// `suspects`) and the limit (`whole_up_to`), so a reader asking for the rows of an entity
/// whose rows were not stored says so instead of printing none; `ringfind build --full-case`
/// keeps all.
///
/// Format 5 added `adjacency`; a file of an older format is refused with "build again"
/// (`CaseError.stale`). The baseline tables came later within format 4: a case file written
/// before them has none, and `ringfind eval` then reports the baseline as not available
/// (see `hasTable`); likewise `pictures` within format 5 (`ringfind render` then asks for a
/// new build).
public enum CaseSchema {
    public static let version = "5"
    /// `edges_scope` / `events_scope` when every row is kept.
    public static let scopeAll = "all"
    /// `edges_scope` / `events_scope` when only rows touching a suspect are kept.
    public static let scopeSuspects = "suspects"
    /// The evidence kinds of `RingSignal.Kind`, in order (kept here so the case file needs no
    /// detection module to be read).
    public static let signals = ["concealment", "unusual_action", "timing", "focus"]
    public static let signalColumns = signals.flatMap { [$0, "\($0)_observed", "\($0)_expected"] }
    /// Up to this many input rows (edges), `events` (`edges`) keeps every one; `adjacency`
    /// keeps every edge whatever the size.
    public static let allEventsLimit = 2_000_000
    public static let allEdgesLimit = allEventsLimit

    static let statements = [
        Manifest.createStatement,
        Entities.createStatement,
        Adjacency.createStatement,
        Edges.createStatement,
        Events.createStatement,
        Aliases.createStatement,
        Attributes.createStatement,
        Communities.createStatement,
        Rings.createStatement,
        RingMembers.createStatement,
        Evidence.createStatement,
        BaselineRings.createStatement,
        BaselineMembers.createStatement,
        Pictures.createStatement,
    ]
    /// The baseline rule's rings and their members (for `ringfind eval`).
    public static let baselineRings = BaselineRings.name, baselineMembers = BaselineMembers.name

    /// Indexes created after the rows are in (faster than maintaining them during the load).
    static let indexes = [
        "CREATE INDEX edges_source ON edges(source)", "CREATE INDEX edges_target ON edges(target)",
        "CREATE INDEX events_source ON events(source)", "CREATE INDEX events_target ON events(target)",
        "CREATE INDEX ring_members_entity ON ring_members(entity)", "CREATE INDEX evidence_ring ON evidence(ring)",
        "CREATE INDEX entities_name ON entities(name)",
        "CREATE INDEX aliases_entity ON aliases(entity)", "CREATE INDEX aliases_alias ON aliases(alias)",
        "CREATE INDEX attributes_entity ON attributes(entity)",
    ]
}
