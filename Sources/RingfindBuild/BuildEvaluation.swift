import RingfindCase
import RingfindRings

/// `ringfind eval`: scores a finished build (and its baseline rule) against a truth file, from
/// the build's case file alone.
///
/// Reads `case.sqlite` (read-only, under the case lock, refused when it and `build.json` come
/// from different builds): the rings and their members, the baseline's rings, and one pass over
/// the entities for the average precision, so memory grows with the rings and the truth, never
/// with the number of entities (a 10-million-entity case is evaluated in a few hundred MB).
/// Scores are those the reports show (rounded to 10⁻⁹), so rankings and ties fall as in
/// `rings.csv` and `entities.csv`, and the numbers are the reference evaluation's
/// (`RingEvaluation`, `eval_rings.py`) to the last digit.
public enum BuildEvaluation {
    /// ringfind's result and the baseline's, on the same truth.
    public struct Report: Sendable {
        public var ringfind: RingEvaluation
        /// `nil` when the case file predates the baseline tables (built by an older ringfind).
        public var baseline: RingEvaluation?
    }

    /// Evaluates the case in `outputFolder` against `truthPath` (`entity_id, ring_id, role`).
    ///
    /// - Complexity: one scan of the entities, O(n log p) for n entities and p truth members;
    ///   memory O(rings' members + p).
    public static func run(outputFolder: String, truthPath: String) throws(BuildError) -> Report {
        let store = try CaseReading.store(outputFolder)
        let truth = try readTruth(truthPath)
        do {
            let ours = try predictedRings(store, rings: "rings", members: "ring_members", score: RingReports.rounded)
            var base: Predicted?
            if try store.hasTable(CaseSchema.baselineRings) {
                base = try predictedRings(
                    store, rings: CaseSchema.baselineRings, members: CaseSchema.baselineMembers, score: { $0 })
            }
            let precision = try averagePrecisions(
                store, positives: Set(truth.map(\.entity)), baseline: base?.entityScores)
            var ringfind = RingEvaluation(
                predicted: ours.sets, predictedBrokers: ours.brokers, scores: [:], truth: truth)
            ringfind.averagePrecision = precision.ringfind
            let baseline = base.map { base in
                var evaluation = RingEvaluation(
                    predicted: base.sets, predictedBrokers: base.brokers, scores: [:], truth: truth)
                evaluation.averagePrecision = precision.baseline
                return evaluation
            }
            return Report(ringfind: ringfind, baseline: baseline)
        } catch {
            throw .caseFile(error)
        }
    }

    private static func readTruth(_ path: String) throws(BuildError) -> [(entity: String, ring: String, role: String)] {
        let table = try CSVTable(path: path)
        let (entity, ring, role) = (
            try table.column("entity_id", in: path), try table.column("ring_id", in: path),
            try table.column("role", in: path)
        )
        return table.rows.filter { $0.count > max(entity, ring, role) }.map {
            (entity: $0[entity], ring: $0[ring], role: $0[role])
        }
    }

    /// Predicted rings, strongest first.
    private struct Predicted {
        /// Member ids of each ring, by score (then ring number, as the reports list them).
        var sets: [Set<String>]
        var brokers: Set<String>
        /// Each member's score: that of the best ring holding it (the baseline's entity score).
        var entityScores: [Int64: Double]
    }

    /// The rings of `rings` (`ring, score`) with their members in `members` (`ring, entity, role`),
    /// each ring's score read through `score` (the rounding its report applies).
    private static func predictedRings(
        _ store: CaseStore, rings: String, members: String,
        score: (Double) -> Double
    ) throws(CaseError) -> Predicted {
        var ranked: [(ring: Int64, score: Double)] = []
        try store.forEachRow("SELECT ring, score FROM \(rings)") { row in
            ranked.append((row.int(0) ?? 0, score(row.double(1) ?? 0)))
        }
        ranked.sort { ($0.score, $1.ring) > ($1.score, $0.ring) }
        var sets: [Int64: Set<String>] = [:]
        var brokers = Set<String>()
        var entityScores: [Int64: Double] = [:]
        let scoreOf = Dictionary(ranked.map { ($0.ring, $0.score) }) { a, _ in a }
        try store.forEachRow(
            "SELECT m.ring, e.id, m.role, m.entity FROM \(members) m JOIN entities e ON e.entity = m.entity"
        ) { row in
            let ring = row.int(0) ?? 0
            let id = row.text(1) ?? ""
            let entity = row.int(3) ?? -1
            sets[ring, default: []].insert(id)
            if row.text(2) == RingRole.broker.rawValue { brokers.insert(id) }
            entityScores[entity] = max(entityScores[entity] ?? 0, scoreOf[ring] ?? 0)
        }
        return Predicted(sets: ranked.map { sets[$0.ring] ?? [] }, brokers: brokers, entityScores: entityScores)
    }

    /// The average precision of ringfind's entity scores (rounded as in `entities.csv`) and of
    /// the baseline's (the best baseline ring's score, else 0) against `positives`, in one scan.
    private static func averagePrecisions(
        _ store: CaseStore, positives: Set<String>,
        baseline: [Int64: Double]?
    ) throws(CaseError) -> (ringfind: Double, baseline: Double) {
        typealias Key = RankedAveragePrecision.Key
        var ours: [Key] = []
        var theirs: [Key] = []
        for id in positives {
            try store.forEachRow("SELECT entity, score FROM entities WHERE id = ?", [id]) { row in
                ours.append(Key(score: RingReports.rounded(row.double(1) ?? 0), id: id))
                theirs.append(Key(score: baseline?[row.int(0) ?? -1] ?? 0, id: id))
            }
        }
        var ringfind = RankedAveragePrecision(found: ours, totalPositives: positives.count)
        var base = RankedAveragePrecision(found: theirs, totalPositives: positives.count)
        try store.forEachRow("SELECT entity, id, score FROM entities") { row in
            let id = row.text(1) ?? ""
            ringfind.count(Key(score: RingReports.rounded(row.double(2) ?? 0), id: id))
            if baseline != nil { base.count(Key(score: baseline?[row.int(0) ?? -1] ?? 0, id: id)) }
        }
        return (ringfind.value, base.value)
    }
}
