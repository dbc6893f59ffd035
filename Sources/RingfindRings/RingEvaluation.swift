import Foundation

/// Scores predicted rings against the truth of a synthetic world.
///
/// The metrics of the reference evaluation (`eval_rings.py` in the shared tools), exactly: with
/// N true rings and the predicted rings in rank order, a predicted ring matches a true ring
/// when their member sets have Jaccard ≥ 0.5; **ring recall** is the share of true rings
/// matched by one of the top 2N predictions, **ring precision** (precision@N) the share of the
/// top N predictions that match some true ring. **Average precision** ranks every entity by
/// score (ties broken by id) against membership of any ring. Broker recall and precision
/// compare the predicted brokers with the true ones. Mean best Jaccard is over the top 2N.
/// (On a world without rings, N = 0: recall is 1, and precision is 1 when nothing is
/// predicted, else 0.)
public struct RingEvaluation: Sendable, Equatable {
    public var trueRings: Int
    public var predictedRings: Int
    public var ringRecall: Double
    public var ringPrecision: Double
    public var meanBestJaccard: Double
    public var averagePrecision: Double
    public var brokerRecall: Double
    public var brokerPrecision: Double

    /// - Parameters:
    ///   - predicted: member ids of each predicted ring, strongest first.
    ///   - predictedBrokers: ids predicted as brokers.
    ///   - scores: every entity's score (entities missing count as 0).
    ///   - truth: ring id and role of every true ring member.
    public init(
        predicted: [Set<String>], predictedBrokers: Set<String>, scores: [String: Double],
        truth: [(entity: String, ring: String, role: String)]
    ) {
        var trueSets: [String: Set<String>] = [:]
        var trueBrokers = Set<String>()
        for row in truth {
            trueSets[row.ring, default: []].insert(row.entity)
            if row.role == "broker" { trueBrokers.insert(row.entity) }
        }
        let truthList = trueSets.keys.sorted().map { trueSets[$0]! }
        trueRings = truthList.count
        predictedRings = predicted.count
        let considered = predicted.prefix(2 * truthList.count), topN = predicted.prefix(truthList.count)
        let best = truthList.map { t in considered.map { jaccard(t, $0) }.max() ?? 0 }
        ringRecall = truthList.isEmpty ? 1 : Double(best.filter { $0 >= 0.5 }.count) / Double(truthList.count)
        ringPrecision =
            truthList.isEmpty
            ? (predicted.isEmpty ? 1 : 0)
            : Double(topN.filter { p in truthList.contains { jaccard($0, p) >= 0.5 } }.count) / Double(topN.count)
        meanBestJaccard = best.isEmpty ? 1 : best.reduce(0, +) / Double(best.count)
        let members = Set(truth.map(\.entity))
        let ranked = scores.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        var hits = 0, precisionSum = 0.0
        for (i, entry) in ranked.enumerated() where members.contains(entry.key) {
            hits += 1
            precisionSum += Double(hits) / Double(i + 1)
        }
        averagePrecision = members.isEmpty ? 1 : precisionSum / Double(members.count)
        let foundBrokers = predictedBrokers.intersection(trueBrokers).count
        brokerRecall = trueBrokers.isEmpty ? 1 : Double(foundBrokers) / Double(trueBrokers.count)
        brokerPrecision =
            predictedBrokers.isEmpty
            ? (trueBrokers.isEmpty ? 1 : 0) : Double(foundBrokers) / Double(predictedBrokers.count)
    }
}
