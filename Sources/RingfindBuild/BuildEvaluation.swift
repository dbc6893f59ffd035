import RingfindRings

/// `ringfind eval`: scores a finished build (and its baseline rule) against a truth file.
public enum BuildEvaluation {
    /// ringfind's result and the baseline's, on the same truth.
    public struct Report: Sendable {
        public var ringfind: RingEvaluation
        public var baseline: RingEvaluation
    }

    /// Reads `outputFolder/{rings,entities,baseline-rings}.csv` and `truthPath`
    /// (`entity_id, ring_id, role`).
    public static func run(outputFolder: String, truthPath: String) throws(BuildError) -> Report {
        try CaseReading.with(outputFolder, checking: ["rings.csv", "entities.csv", "baseline-rings.csv"]) { (_) throws(BuildError) in
            try evaluate(outputFolder: outputFolder, truthPath: truthPath)
        }
    }

    private static func evaluate(outputFolder: String, truthPath: String) throws(BuildError) -> Report {
        let truthTable = try CSVTable(path: truthPath)
        let (tEntity, tRing, tRole) = (try truthTable.column("entity_id", in: truthPath), try truthTable.column("ring_id", in: truthPath),
                                       try truthTable.column("role", in: truthPath))
        let truth = truthTable.rows.filter { $0.count > max(tEntity, tRing, tRole) }.map { (entity: $0[tEntity], ring: $0[tRing], role: $0[tRole]) }

        func rings(_ name: String) throws(BuildError) -> (sets: [Set<String>], brokers: Set<String>, table: CSVTable) {
            let path = outputFolder + "/" + name
            let table = try CSVTable(path: path)
            let members = try table.column("members", in: path), brokers = try table.column("brokers", in: path)
            let score = try table.column("score", in: path)
            // Rank order: by score, file order breaking ties (as the reference evaluation ranks).
            let order = table.rows.indices.sorted { (-(Double(table.rows[$0][score]) ?? 0), $0) < (-(Double(table.rows[$1][score]) ?? 0), $1) }
            let sets = order.map { Set(table.rows[$0][members].split(separator: ";").map(String.init)) }
            let brokerSet = Set(table.rows.flatMap { $0[brokers].split(separator: ";").map(String.init) })
            return (sets, brokerSet, table)
        }
        let ours = try rings("rings.csv")
        let entitiesPath = outputFolder + "/entities.csv"
        let entities = try CSVTable(path: entitiesPath)
        let idColumn = try entities.column("id", in: entitiesPath), scoreColumn = try entities.column("score", in: entitiesPath)
        var scores: [String: Double] = [:]
        for row in entities.rows { scores[row[idColumn]] = Double(row[scoreColumn]) ?? 0 }
        let base = try rings("baseline-rings.csv")
        // The baseline's entity score: the score of the best baseline ring containing the entity.
        var baseScores: [String: Double] = [:]
        for id in scores.keys { baseScores[id] = 0 }
        let scoreIndex = try base.table.column("score", in: outputFolder + "/baseline-rings.csv")
        let memberIndex = try base.table.column("members", in: outputFolder + "/baseline-rings.csv")
        for row in base.table.rows {
            let s = Double(row[scoreIndex]) ?? 0
            for id in row[memberIndex].split(separator: ";") {
                baseScores[String(id)] = max(baseScores[String(id)] ?? 0, s)
            }
        }
        return Report(
            ringfind: RingEvaluation(predicted: ours.sets, predictedBrokers: ours.brokers, scores: scores, truth: truth),
            baseline: RingEvaluation(predicted: base.sets, predictedBrokers: base.brokers, scores: baseScores, truth: truth))
    }
}
